// A failure inside a flow as data (SPEC §3 "Errors are named"), the shape of
// aws-local-stepfunctions' RuntimeError: the canonical name that `retry.on` and `catch[].on` match,
// a message, and whether retry and catch may see the error at all. The flags are set where the
// error is made (a cancellation is made by StepError::cancelled), so the run loop asks the error,
// never its name.
#pragma once

#include <engine/core/duration.h>
#include <engine/core/json.h>
#include <engine/core/trace.h>
#include <engine/model/flow.h>

#include <optional>
#include <string>

namespace tutti::engine::internal {

enum class ErrorKind {
    Failure,   // the work failed: a service, a script, the flow's own data
    Cancelled, // the work was stopped from outside: cancel(), fail-fast, a timeout above it
};

struct StepError {
    std::string name;    // "timeout", "http.503", "validation", a fail step's own name, …
    std::string message; // for people; never matched
    int status = 0;      // the HTTP status behind the error, 0 when none
    std::string step;    // id of the step that failed ("" until the step is known)
    std::optional<Micros> retryAfter; // the server's Retry-After, for respect_retry_after
    ErrorKind kind = ErrorKind::Failure;
    bool retryable = true; // `retry.on` may match it
    bool catchable = true; // `catch[].on` may match it
    // Raised by the flow itself (a `fail` step, named()): its verdict on the input, not a fault
    // of a service or of the engine (`tutti serve` answers it 422).
    bool rejection = false;

    // A failure named `name` (retryable and catchable, like every failure of SPEC §3).
    static StepError failure(std::string name, std::string message, std::string step = {},
                             int status = 0);
    // `validation`: a fault of the flow (an expression that cannot be evaluated, a request that
    // cannot be sent as built). Still matched by `any` and by `on: [validation]`, as before.
    static StepError validation(std::string message, std::string step = {});
    // `timeout`: work that did not end within its bound.
    static StepError timeout(std::string message, std::string step = {});
    // `cancelled`: neither retried nor caught (SPEC §3: "any" matches everything but it).
    static StepError cancelled(std::string message = "cancelled", std::string step = {});
    // An error a flow raises by name (`fail` with `error: NAME`): the names of SPEC §3 mean the
    // same whoever raises them, so `error: cancelled` is a cancellation.
    static StepError named(std::string name, std::string message, std::string step = {});

    bool isCancellation() const { return kind == ErrorKind::Cancelled; }
    // The span status of work that ended with this error.
    SpanStatus spanStatus() const
    {
        return isCancellation() ? SpanStatus::Cancelled : SpanStatus::Error;
    }
    // Does `policy` retry this error / does `rule` catch it (its flags, then its name)?
    bool retriedBy(const RetryPolicy &policy) const;
    bool caughtBy(const CatchRule &rule) const;

    // As the trace, the run record and a catch target's `error` root see it:
    // {type, message, status?, step?}.
    Json toJson() const;
};

} // namespace tutti::engine::internal
