// The executor's debug seam. With a DebugHook in RunDeps a run asks it before each step — nested
// ones in branches, map items and sub-flows included — whether to go on, tells it when a step has
// finished, and asks it once more before an unhandled error is compensated. The hook holds a
// step back (a pause) without blocking anything: the run simply does not schedule that step until
// the hook calls resume(), and the run's timers are suspended meanwhile (DebugRun::suspendTimers),
// so its timeouts do not fire while it is paused; other runs and the event loop go on. Without a
// hook the executor pays one null-pointer check per step. engine/debug/debugsession.h is the hook
// every debugger uses (`tutti debug --dap`, the studio).
#pragma once

#include <engine/core/json.h>
#include <engine/core/result.h>
#include <engine/core/trace.h>
#include <engine/model/flow.h>

#include <functional>
#include <memory>
#include <string>

namespace tutti::engine {

struct RunEnvironment;
namespace expr {
class Template;
}
namespace internal {
struct Frame;
}

// A step the run has reached.
struct DebugPoint {
    const Step *step = nullptr;
    // What the step sees: its flow's input and vars, the step results, a map item, a caught error.
    std::shared_ptr<internal::Frame> frame;
    SpanId parent = 0; // the span its list runs under (0: the run's own list)
    SpanId span = 0;   // afterStep: the step's own span (still open)
};

// What a debugger may do with the run it is attached to (FlowRun::Impl implements it). Only
// valid between DebugHook::runStarted and runFinished.
class DebugRun {
public:
    virtual const RunRecord &record() const = 0;
    virtual const Flow &flow() const = 0; // the run's own flow
    virtual const RunEnvironment &environment() const = 0;
    // An open span (running steps, branches, items, attempts); nullptr once it closed. A point's
    // step path is the chain of open spans above it.
    virtual const Span *liveSpan(SpanId id) const = 0;
    // Holds the run's timers (step, request and flow timeouts, backoffs, waits) / lets them go
    // on, each with the time it still had.
    virtual void suspendTimers() = 0;
    virtual void resumeTimers() = 0;
    // A `debug` span (docs/traces.md, "Debugger spans"): `detail` goes to its request payload.
    // Redacted like every span.
    virtual SpanId openDebugSpan(std::string name, const std::string &stepId, SpanId parent,
                                 Json detail) = 0;
    virtual void closeDebugSpan(SpanId id) = 0;
    // An expression's value in `frame`, with every root a step there sees. uuid() draws from a
    // copy of the run's sequence, so evaluating never changes what the run does next.
    virtual Result<Json> evaluateAt(const expr::Template &expression,
                                    const internal::Frame &frame) = 0;
    // What an http `step` would send if it ran now in `frame` ("what will be sent"), redacted:
    // {method, url, headers, body}, or {"not_sent": ERROR}; null for other step types. Like
    // evaluateAt it changes nothing the run does next, and it sends nothing.
    virtual Json requestPreview(const Step &step, const internal::Frame &frame) = 0;
    // `value` with every secret the run knows masked (SPEC §9).
    virtual Json redacted(Json value) const = 0;
    // Runs `fn` soon from the run's clock, also while its timers are suspended.
    virtual void post(std::function<void()> fn) = 0;
    // Cancels the run as FlowRun::cancel() does (completed steps are compensated).
    virtual void cancelRun() = 0;

protected:
    ~DebugRun() = default;
};

class DebugHook {
public:
    virtual ~DebugHook() = default;
    // The run is starting; `run` stays valid until runFinished.
    virtual void runStarted(DebugRun &run) = 0;
    // Before the step opens its span. The step runs once `resume` is called (at once, from inside,
    // or later from the clock's thread); calling it more than once does nothing.
    virtual void beforeStep(const DebugPoint &at, std::function<void()> resume) = 0;
    // The step has ended: `error` is null when it succeeded (before its catch rules apply).
    virtual void afterStep(const DebugPoint &at, const Json &error) = 0;
    // The run ends in `error` (not caught anywhere); compensation starts once `resume` is called.
    virtual void beforeCompensation(const Json &error, std::function<void()> resume) = 0;
    // FlowRun::cancel() was called (Ctrl-C, a caller's stop): held steps must go on to end.
    virtual void runCancelled() = 0;
    virtual void runFinished(const RunRecord &record) = 0;
};

} // namespace tutti::engine
