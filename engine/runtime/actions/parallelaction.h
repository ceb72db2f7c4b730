// The parallel step: its branches run side by side; fail-fast cancels the others on a failure.
#pragma once

#include <engine/runtime/actions/stepaction.h>

namespace tutti::engine::internal {

class ParallelAction final : public StepAction {
public:
    StepType type() const override { return StepType::Parallel; }
    void act(ActionContext &run, const ActionCall &call, Done done) const override;
};

} // namespace tutti::engine::internal
