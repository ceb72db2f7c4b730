// A soft assert for programmer errors, after Qt Creator's QTC_ASSERT: when `cond` is false it
// logs "SOFT ASSERT: "cond" in file:line" and runs `action` (return a neutral value, skip the
// item, continue), so one broken invariant costs one feature, not the user's session. With the
// environment variable TUTTI_FATAL_ASSERTS set (debug runs, CI), or setSoftAssertsFatal(true),
// a failed assert aborts instead, so the bug cannot hide.
//
//     TUTTI_ASSERT(index < list.size(), return {});
//     TUTTI_ASSERT(span, continue);
//
// Expected failures (bad input, I/O) are Result<T>; failures inside a flow are named errors.
// This is only for "cannot happen".
#pragma once

#include <cstdint>
#include <string>

namespace tutti::engine {

// Logs (or aborts, see above). Called by TUTTI_ASSERT; thread-safe and cheap to not call.
void softAssertFailed(const char *condition, const char *file, int line);

// Abort on the next failure instead of logging; the default comes from TUTTI_FATAL_ASSERTS.
void setSoftAssertsFatal(bool fatal);
bool softAssertsAreFatal();

// For tests and diagnostics: how many soft asserts failed in this process, and the last one's
// log line.
std::uint64_t softAssertFailures();
std::string lastSoftAssert();

} // namespace tutti::engine

// Not wrapped in do { } while (0), so `action` may be `break` or `continue`; as with QTC_ASSERT,
// write it as a statement of its own, not as the unbraced body of an if that has an else.
#define TUTTI_ASSERT(cond, action)                                                                 \
    if (cond) [[likely]] {                                                                         \
    } else {                                                                                       \
        ::tutti::engine::softAssertFailed(#cond, __FILE__, __LINE__);                              \
        action;                                                                                    \
    }                                                                                              \
    do {                                                                                           \
    } while (0)
