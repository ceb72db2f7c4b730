// What a step action may use of the run that executes it (FlowRun::Impl implements it): the run's
// facts, the trace, the leaf waits (HTTP, timers), and child work (lists of steps, sub-flows).
// The flow a step is written in (its services and defaults) is its ActionCall's, not the run's.
// Actions do; what runs next, retries, catches, compensation and timeouts stay with the run loop.
#pragma once

#include <engine/core/duration.h>
#include <engine/core/httptransport.h>
#include <engine/core/json.h>
#include <engine/core/trace.h>
#include <engine/model/flow.h>
#include <engine/runtime/actions/outcome.h>
#include <engine/runtime/cancelscope.h>
#include <engine/runtime/frame.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tutti::engine {
class CircuitBreakers;
class OAuth2Tokens;
class ScriptEvaluator;
struct RunEnvironment;
} // namespace tutti::engine

namespace tutti::engine::internal {

class ActionContext {
public:
    // --- the run's facts ------------------------------------------------------------------------
    virtual const RunEnvironment &environment() const = 0;
    virtual const Json &runRoot() const = 0; // the `run` root: id, attempt, seed
    virtual std::uint64_t seed() const = 0;
    virtual Micros now() const = 0;
    virtual std::string uuid() = 0; // uuid(): from the run's seed
    // `secret.NAME`, registered with the run's redactor before anyone can see it.
    virtual std::optional<std::string> secret(std::string_view name) = 0;
    virtual CircuitBreakers &breakers() = 0;
    virtual OAuth2Tokens &tokens() = 0;
    // A value that must never be shown (a fetched token): redacted like a secret from now on.
    virtual void keepSecret(std::string_view value) = 0;
    virtual ScriptEvaluator &scripts() = 0;

    // --- the trace ------------------------------------------------------------------------------
    virtual SpanId openSpan(SpanKind kind, std::string name, const std::string &stepId,
                            SpanId parent) = 0;
    // (Implementations repeat these defaults.)
    virtual void closeSpan(SpanId id, SpanStatus status, Json error = nullptr,
                           Json request = nullptr, Json response = nullptr) = 0;
    virtual bool wantsPayloads() const = 0; // build request/response payloads for spans
    virtual Json redactHeaders(const Headers &headers) const = 0;

    // --- leaf waits: each ends exactly once, also when `scope` is cancelled -------------------
    // Sends `request`, bounded by `timeout` on the run's clock (TransportError::Timeout when it
    // expires) and by `scope` (TransportError::Cancelled); `done` is never called from inside.
    virtual void send(HttpRequest request, Micros timeout, const ScopePtr &scope,
                      std::function<void(TransportResult)> done) = 0;
    // Waits `delay`; done(true) when `scope` was cancelled first.
    virtual void sleep(Micros delay, const ScopePtr &scope, std::function<void(bool)> done) = 0;
    // Runs `fn` from the clock, soon (so an outcome is never delivered from inside its caller).
    virtual void later(std::function<void()> fn) = 0;

    // --- child work -----------------------------------------------------------------------------
    // Walks `steps` in `frame` under `scope`; done gets the list's outcome (its last result, a
    // respond, or the error that ended it).
    virtual void runList(const std::vector<Step> *steps, FramePtr frame, ScopePtr scope,
                         SpanId parentSpan, Done done) = 0;
    // The flow of a call step's file, loaded once per run; nullptr with `errors` when invalid.
    virtual std::shared_ptr<const Flow> subFlow(const std::string &path, Errors &errors) = 0;

protected:
    ~ActionContext() = default;
};

} // namespace tutti::engine::internal
