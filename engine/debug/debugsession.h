// The step debugger of one run: breakpoints by step id (with an optional condition in the
// expression language), stop on entry and on an unhandled error, step over, step into a container
// (a parallel branch, a map item, a sub-flow), continue, pause and stop, and at a stop the
// context the step will see (input, steps, vars, env, error) to read, evaluate against and edit.
// It is the DebugHook of the executor's debug seam (engine/runtime/debughook.h): give it to a run
// through RunRequest::debugger (or RunDeps::debugger). The DAP server (`tutti debug --dap`) and
// the studio drive the same class; everything happens on the run's thread (the GUI thread in the
// studio) and is reported through the on… callbacks, so a widget can drive it directly.
//
// A stop is "all-stop": the whole run waits. Steps of other branches or items that reach their
// turn meanwhile are held too, and their in-flight requests may still answer; nothing new starts
// and no timer of the run fires until the run goes on.
#pragma once

#include <engine/core/json.h>
#include <engine/core/result.h>
#include <engine/core/trace.h>
#include <engine/expr/expression.h>
#include <engine/runtime/debughook.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tutti::engine {

enum class StopReason { Entry, Breakpoint, Step, Pause, Exception };
const char *toString(StopReason reason); // "entry", "breakpoint", "step", "pause", "exception"

// What a stop shows: the expression roots by their names, and for an http step about to run the
// request it will send (read-only; rendered anew from the context each time it is read).
enum class DebugScope { Input, Steps, Vars, Env, Error, Request };
// "input", "steps", "vars", "env", "error", "request"
const char *toString(DebugScope scope);

struct Breakpoint {
    std::string stepId;
    std::string condition; // an expression ("steps.reserve.status == 409"); "" stops always
};

// One level of the step path at a stop, innermost first: the step, then each container it runs
// in (a parallel step and its branch, a map step and its item, a call step and its sub-flow).
struct DebugFrame {
    std::string name;     // "book", "ship_and_notify › branch ship", "fan_out › item 2"
    std::string stepId;   // the step of this level
    std::string flowFile; // the file it is written in (Flow::filePath)
    int line = 0;         // its `- id:` line (Step::location)
    int column = 0;
};

struct DebugStop {
    StopReason reason = StopReason::Breakpoint;
    std::string stepId;      // the step about to run (Exception: the step that failed)
    std::string description; // for people: "breakpoint at charge", a condition that failed
    Json error;              // Exception: the run's error {type, message, step}; else null
    std::vector<DebugFrame> stack;
};

class DebugSession final : public DebugHook {
public:
    DebugSession();
    ~DebugSession() override;
    DebugSession(const DebugSession &) = delete;
    DebugSession &operator=(const DebugSession &) = delete;

    // --- configuration: any time, also before the run starts ---------------------------------
    void setStopOnEntry(bool on) { m_stopOnEntry = on; }
    void setStopOnException(bool on) { m_stopOnException = on; }
    // Replaces the breakpoints of `flowFile`: "" (or the run's own Flow::filePath) for the run's
    // flow, a sub-flow's Flow::filePath for its steps. Returns one entry per breakpoint: the
    // condition's syntax error, or nullopt.
    std::vector<std::optional<Error>> setBreakpoints(const std::string &flowFile,
                                                     const std::vector<Breakpoint> &breakpoints);

    // --- commands (ignored when they do not apply) --------------------------------------------
    void continueRun();
    void stepOver(); // stop before the next step of the same list (or of an enclosing one)
    void stepIn();   // into the container about to run (its first step), else as stepOver
    void pause();    // stop before the next step the run starts
    void stop();     // cancel the run: completed steps are compensated, as Ctrl-C does

    bool isAttached() const { return m_run != nullptr; }
    bool isPaused() const { return m_paused; }
    bool isFinished() const { return m_finished; }
    const DebugStop *currentStop() const { return m_paused ? &m_stop : nullptr; }
    DebugRun *run() const { return m_run; }

    // --- at a stop; `frame` indexes currentStop()->stack ---------------------------------------
    // The scopes the frame has: input, steps, vars, env, error when there is one, and request
    // when the innermost frame's step is an http step about to run.
    std::vector<DebugScope> scopes(std::size_t frame = 0) const;
    // A scope's value, secrets redacted; null when not paused or the frame has no such scope.
    // Request: {method, url, headers, body} as the step would send them now, or {"not_sent":
    // ERROR} with the error it would fail with; edits to input, vars and steps show at once.
    Json scopeValue(DebugScope scope, std::size_t frame = 0) const;
    // A Tutti expression ("steps.reserve.body.id", "len(vars.items) > 2") against the frame's
    // context, as a step there would see it; the value redacted.
    Result<Json> evaluate(std::string_view expression, std::size_t frame = 0) const;
    // Sets the value at JSON pointer `pointer` inside `scope` (input, vars; steps: "/ID/…"), as
    // the next steps will read it, and records the edit as a `debug` span of the run. Returns the
    // value as stored (redacted). env and error are read-only.
    Result<Json> setValue(DebugScope scope, const std::string &pointer, Json value,
                          std::size_t frame = 0);

    // --- what happens, on the run's thread -----------------------------------------------------
    std::function<void(const DebugStop &)> onStopped;
    std::function<void()> onResumed;
    std::function<void(const RunRecord &)> onFinished; // after the trace has the run's end

    // --- DebugHook ---------------------------------------------------------------------------
    void runStarted(DebugRun &run) override;
    void beforeStep(const DebugPoint &at, std::function<void()> resume) override;
    void afterStep(const DebugPoint &at, const Json &error) override;
    void beforeCompensation(const Json &error, std::function<void()> resume) override;
    void runCancelled() override;
    void runFinished(const RunRecord &record) override;

private:
    enum class Mode { Run, Over, In };
    struct Held {
        DebugPoint at;
        std::function<void()> resume;
    };
    struct Condition {
        std::string text;
        std::optional<expr::Template> expression;
    };
    struct Failure {
        std::vector<DebugFrame> stack;
        std::vector<std::shared_ptr<internal::Frame>> frames;
    };

    void decide(const DebugPoint &at, std::function<void()> resume);
    bool steppingStopsAt(const DebugPoint &at) const;
    void stopAt(Held held, StopReason reason, std::string description);
    void release(Mode mode);
    void releaseAll();
    void buildStack(const DebugPoint &at, std::vector<DebugFrame> &stack,
                    std::vector<std::shared_ptr<internal::Frame>> &frames) const;
    const Step *findStep(const Flow &flow, const std::string &id) const;
    const Condition *breakpointAt(const DebugPoint &at) const;
    internal::Frame *frameAt(std::size_t frame) const;
    const Step *requestStep(std::size_t frame) const; // the step `request` previews, if any

    DebugRun *m_run = nullptr;
    bool m_stopOnEntry = false;
    bool m_stopOnException = true;
    bool m_seenFirstStep = false;
    bool m_pauseRequested = false;
    bool m_paused = false;
    bool m_stopping = false;
    bool m_finished = false;

    // flow file ("" = the run's own) -> step id -> condition
    std::map<std::string, std::map<std::string, Condition>> m_breakpoints;

    DebugStop m_stop;
    std::vector<std::shared_ptr<internal::Frame>> m_stopFrames; // one per m_stop.stack level
    std::optional<Held> m_current;
    std::vector<Held> m_held; // other steps that reached their turn while paused
    SpanId m_pauseSpan = 0;

    // Stepping: the lists a step over stops in (the one stepped from and those around it), and
    // the step stepped from (a step in stops inside it too).
    Mode m_mode = Mode::Run;
    std::set<SpanId> m_overLists;
    std::string m_fromStep;
    SpanId m_fromParent = 0;

    // Where each failed step was, kept until the run's error is known (the exception stop).
    std::unordered_map<std::string, Failure> m_failures;
    mutable std::unordered_map<const Flow *, std::unordered_map<std::string, const Step *>>
        m_stepIndex;
};

} // namespace tutti::engine
