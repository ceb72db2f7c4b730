// The respond step: ends the run successfully with a status (for serve) and a body.
#pragma once

#include <engine/runtime/actions/stepaction.h>

namespace tutti::engine::internal {

class RespondAction final : public StepAction {
public:
    StepType type() const override { return StepType::Respond; }
    void act(ActionContext &run, const ActionCall &call, Done done) const override;
};

} // namespace tutti::engine::internal
