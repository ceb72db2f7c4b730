// The wait step: a pause for `duration` or until a time, on the run's clock.
#pragma once

#include <engine/runtime/actions/stepaction.h>

namespace tutti::engine::internal {

class WaitAction final : public StepAction {
public:
    StepType type() const override { return StepType::Wait; }
    void act(ActionContext &run, const ActionCall &call, Done done) const override;
};

} // namespace tutti::engine::internal
