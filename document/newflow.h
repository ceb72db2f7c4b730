// What File → New Flow starts from: a small flow that `tutti validate` accepts as it is (a
// transform and a respond), with a comment saying how steps are added.
#pragma once

#include <string_view>

namespace tutti::engine {

// The YAML of a new flow; valid on its own (no services, no files), so a new user can run it.
std::string_view newFlowTemplate();

} // namespace tutti::engine
