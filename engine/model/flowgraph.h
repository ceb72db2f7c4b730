// Internal to the flow parser: the graph checks of a built flow (SPEC §3 Control flow).
#pragma once

#include <engine/model/flow.h>
#include <engine/model/yamldoc.h>

namespace tutti::engine::internal {

// Targets of next/choice/catch in the same list, reachability from each list's first step,
// cycles with no exit and no wait, respond/fail outside the top level. Appends to `errors`.
void checkFlowGraph(const Flow &flow, const YamlDocument &doc, Errors &errors);

} // namespace tutti::engine::internal
