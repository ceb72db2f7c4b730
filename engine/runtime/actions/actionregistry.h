// The one map from step type to its action. Adding a step type: its action class in this folder
// and one line in actionregistry.cpp (tst_actionregistry fails until then).
#pragma once

#include <engine/model/flow.h>

namespace tutti::engine::internal {

class StepAction;

// The action of `type`; nullptr only when a type has none registered (a bug the test catches).
const StepAction *findAction(StepType type);

} // namespace tutti::engine::internal
