// Errors as one line each ("FILE:LINE:COL: error: MESSAGE"), for test failure messages and
// substring checks: shared by the model and document tests.
#pragma once

#include <engine/core/result.h>

#include <string>

namespace tutti::engine::test {

inline std::string messages(const Errors &errors)
{
    std::string out;
    for (const auto &e : errors)
        out += e.toString() + "\n";
    return out;
}

} // namespace tutti::engine::test
