// The fail step: ends the run with a named error (which triggers compensation).
#pragma once

#include <engine/runtime/actions/stepaction.h>

namespace tutti::engine::internal {

class FailAction final : public StepAction {
public:
    StepType type() const override { return StepType::Fail; }
    void act(ActionContext &run, const ActionCall &call, Done done) const override;
};

} // namespace tutti::engine::internal
