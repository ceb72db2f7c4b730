// The script step: JavaScript over a JSON copy of the step's context, in the script worker.
#pragma once

#include <engine/runtime/actions/stepaction.h>

namespace tutti::engine::internal {

class ScriptAction final : public StepAction {
public:
    StepType type() const override { return StepType::Script; }
    void act(ActionContext &run, const ActionCall &call, Done done) const override;
};

} // namespace tutti::engine::internal
