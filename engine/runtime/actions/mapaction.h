// The map step: its body once per item of an array, at most `concurrency` at a time, tolerating
// failures.
#pragma once

#include <engine/runtime/actions/stepaction.h>

namespace tutti::engine::internal {

class MapAction final : public StepAction {
public:
    StepType type() const override { return StepType::Map; }
    void act(ActionContext &run, const ActionCall &call, Done done) const override;
};

} // namespace tutti::engine::internal
