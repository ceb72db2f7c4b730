// Typed run events: what the executor reports and the trace store, the studio and the simulator
// consume. A run is a tree of spans (step, attempt, wait, compensation, branch, item).
#pragma once

#include <engine/core/duration.h>
#include <engine/core/json.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tutti::engine {

// Interrupted is never reported by the executor: the trace store gives it to a run left
// `running` by a process that died (its owner lease is gone; see engine/trace/runowner.h).
enum class RunStatus { Running, Succeeded, Failed, Compensated, CompensationFailed, Interrupted };
// Debug: a debugger's pause or context edit (docs/traces.md, "Debugger spans").
enum class SpanKind { Step, Attempt, Wait, Compensation, Branch, Item, Debug };
enum class SpanStatus { Running, Ok, Error, Cancelled };
// A step's final state in a run summary (SPEC §7 `run --json` "steps"): a compensated step had
// succeeded and was undone.
enum class StepStatus { Running, Succeeded, Failed, Cancelled, Compensated, CompensationFailed };

const char *toString(RunStatus status);  // "succeeded", "compensation_failed", …
const char *toString(SpanKind kind);     // "step", "attempt", …
const char *toString(SpanStatus status); // "running", "ok", "error", "cancelled"
const char *toString(StepStatus status); // "succeeded", "cancelled", "compensation_failed", …
bool parseRunStatus(std::string_view text, RunStatus &out);
std::string runStatusNames(); // "running, succeeded, …, interrupted": for usage messages
bool parseSpanKind(std::string_view text, SpanKind &out);
bool parseSpanStatus(std::string_view text, SpanStatus &out);
bool parseStepStatus(std::string_view text, StepStatus &out);

using SpanId = std::uint64_t; // unique within a run; 0 means "no parent"

struct Span {
    SpanId id = 0;
    SpanId parent = 0;
    SpanKind kind = SpanKind::Step;
    std::string name;   // step id, "attempt 2", branch name, "item 3", "backoff", …
    std::string stepId; // the step this span belongs to ("" for none)
    int attempt = 0;    // 1-based for attempt spans
    Micros start = 0;   // absolute, microseconds since the epoch (virtual or real)
    Micros duration = 0;
    SpanStatus status = SpanStatus::Running;
    Json error;    // null or {"type", "message", "status"?, "step"}
    Json request;  // null or {"method", "url", "headers", "body"} — already redacted
    Json response; // null or {"status", "headers", "body"} — already redacted
    // Step spans: the step's result as later steps read it (`steps.ID`), redacted; none when the
    // step produced none (it failed uncaught, responded, was cancelled) or payloads were off.
    std::optional<Json> result = {};
    // Top-level step spans: the run's `vars` after the step, when the step changed them (a run
    // started part-way rebuilds `vars` from these; see engine/session/runfrom.h).
    Json vars = {};
    // A step taken over from an earlier run (`tutti run --from STEP --reuse RUN`): that run's id.
    // Its span is never executed: status ok, no duration, the reused result.
    std::string reusedFrom = {};
    // Read back from a database: a JSON column of this span could not be parsed (written by
    // something else, or damaged); the column's text is kept as a string.
    bool damaged = false;
};

// One line per step in a run summary (SPEC §7 `run --json` "steps").
struct StepSummary {
    std::string id;
    StepStatus status = StepStatus::Running;
    int attempts = 0;
    Micros duration = 0;
    Json error;                  // null or {"type", "message"}
    std::string reusedFrom = {}; // taken over from that earlier run, not executed (see Span)
};

struct RunRecord {
    std::string id;       // run id, unique in a trace database
    std::string flow;     // flow name
    std::string flowFile; // path as given
    RunStatus status = RunStatus::Running;
    Micros startedAt = 0;
    Micros duration = 0;
    std::uint64_t seed = 0;
    bool virtualTime = false;
    Json input;  // redacted
    Json output; // redacted
    Json error;  // null or {"type", "message", "step"}
    std::vector<StepSummary> steps;
};

// Receives a run's events in order. Implementations must be cheap: the executor calls them
// on its hot path (the trace store batches; the studio forwards to the GUI thread).
class TraceSink {
public:
    virtual ~TraceSink() = default;
    virtual void runStarted(const RunRecord &run) = 0;
    virtual void spanStarted(const RunRecord &run, const Span &span) = 0;
    virtual void spanFinished(const RunRecord &run, const Span &span) = 0;
    virtual void runFinished(const RunRecord &run) = 0;
    // False: the sink ignores request/response payloads, so the executor need not build them
    // (the simulator keeps payloads only for runs it may keep). Asked once when a run starts.
    virtual bool wantsPayloads() const { return true; }
};

// Forwards every event to several sinks in order (e.g. the trace store and a console printer).
class FanOutSink final : public TraceSink {
public:
    explicit FanOutSink(std::vector<TraceSink *> sinks = {})
        : m_sinks(std::move(sinks))
    {
    }
    void add(TraceSink *sink) { m_sinks.push_back(sink); }
    bool wantsPayloads() const override
    {
        for (auto *s : m_sinks)
            if (s->wantsPayloads())
                return true;
        return false;
    }
    void runStarted(const RunRecord &run) override
    {
        for (auto *s : m_sinks)
            s->runStarted(run);
    }
    void spanStarted(const RunRecord &run, const Span &span) override
    {
        for (auto *s : m_sinks)
            s->spanStarted(run, span);
    }
    void spanFinished(const RunRecord &run, const Span &span) override
    {
        for (auto *s : m_sinks)
            s->spanFinished(run, span);
    }
    void runFinished(const RunRecord &run) override
    {
        for (auto *s : m_sinks)
            s->runFinished(run);
    }

private:
    std::vector<TraceSink *> m_sinks;
};

} // namespace tutti::engine
