// The transform step: each `set:` entry in order, stored in `vars` and as the step's result.
#pragma once

#include <engine/runtime/actions/stepaction.h>

namespace tutti::engine::internal {

class TransformAction final : public StepAction {
public:
    StepType type() const override { return StepType::Transform; }
    void act(ActionContext &run, const ActionCall &call, Done done) const override;
};

} // namespace tutti::engine::internal
