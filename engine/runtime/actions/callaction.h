// The call step: another flow file run as a sub-flow, with its own input and vars.
#pragma once

#include <engine/runtime/actions/stepaction.h>

namespace tutti::engine::internal {

class CallAction final : public StepAction {
public:
    StepType type() const override { return StepType::Call; }
    void act(ActionContext &run, const ActionCall &call, Done done) const override;
};

} // namespace tutti::engine::internal
