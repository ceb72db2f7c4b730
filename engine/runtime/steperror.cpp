// StepError: how each kind of failure is made, and how retry and catch match it.
#include <engine/runtime/steperror.h>

#include <engine/runtime/retry.h>

#include <utility>

namespace tutti::engine::internal {

StepError StepError::failure(std::string name, std::string message, std::string step, int status)
{
    StepError e;
    e.name = std::move(name);
    e.message = std::move(message);
    e.status = status;
    e.step = std::move(step);
    return e;
}

StepError StepError::validation(std::string message, std::string step)
{
    return failure("validation", std::move(message), std::move(step));
}

StepError StepError::timeout(std::string message, std::string step)
{
    return failure("timeout", std::move(message), std::move(step));
}

StepError StepError::cancelled(std::string message, std::string step)
{
    StepError e = failure("cancelled", std::move(message), std::move(step));
    e.kind = ErrorKind::Cancelled;
    e.retryable = false;
    e.catchable = false;
    return e;
}

StepError StepError::named(std::string name, std::string message, std::string step)
{
    if (name == "cancelled")
        return cancelled(std::move(message), std::move(step));
    StepError e = failure(std::move(name), std::move(message), std::move(step));
    e.rejection = true;
    return e;
}

bool StepError::retriedBy(const RetryPolicy &policy) const
{
    return retryable && errorMatchesAny(name, policy.on);
}

bool StepError::caughtBy(const CatchRule &rule) const
{
    return catchable && errorMatchesAny(name, rule.on);
}

Json StepError::toJson() const
{
    Json j = {{"type", name}, {"message", message}};
    if (status)
        j["status"] = status;
    if (!step.empty())
        j["step"] = step;
    return j;
}

} // namespace tutti::engine::internal
