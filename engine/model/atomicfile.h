// Writing a file so that a crash or a full disk never leaves it half written: the bytes go to a
// temporary file next to it, which replaces the file only once everything was written (QSaveFile).
// Flows, mocks, profiles, layouts and exports are all written this way.
#pragma once

#include <engine/core/result.h>

#include <string>
#include <string_view>

namespace tutti::engine {

// An Io error with the path as its location when the file cannot be written; the old file (if
// any) is then unchanged.
Result<void> writeFileAtomically(const std::string &path, std::string_view bytes);

} // namespace tutti::engine
