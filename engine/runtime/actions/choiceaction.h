// The choice step: the first case whose `when` holds names the next step, else `default`.
#pragma once

#include <engine/runtime/actions/stepaction.h>

namespace tutti::engine::internal {

class ChoiceAction final : public StepAction {
public:
    StepType type() const override { return StepType::Choice; }
    void act(ActionContext &run, const ActionCall &call, Done done) const override;
};

} // namespace tutti::engine::internal
