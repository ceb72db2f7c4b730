// The flow executor's run loop. One FlowRun::Impl per run; all work is callbacks on the run's
// Clock and HttpTransport, so a run never blocks a thread and thousands interleave on one virtual
// clock.
//
// Shape (decide, then do):
//   ListRun      walks one list of steps (top level, a branch, a map item, a sub-flow), decides
//                the next step from each outcome (fall through, next, end, catch) and trampolines
//                so long synchronous stretches do not grow the stack.
//   executeStep  opens the step span, bounds the step by its timeout when that covers the whole
//                step, applies retry and catch around the step's action, records the result,
//                registers compensation, updates the step summary.
//   actions      one class per step type (actions/, found through actions/actionregistry.h); each
//                does one try of its step through the ActionContext this Impl implements and ends
//                in exactly one Outcome. Errors are StepError data: the loop asks whether they are
//                a cancellation, retryable or catchable, never what their name says.
//   Leaf waits   (timers, HTTP) register with a CancelScope so fail-fast, timeouts and cancel()
//                unwind every pending operation and each still ends in exactly one Outcome.
#include <engine/runtime/executor.h>

#include <engine/core/pausableclock.h>
#include <engine/core/redactor.h>
#include <engine/expr/expression.h>
#include <engine/model/flowparser.h>
#include <engine/model/schema.h>
#include <engine/model/steps/registry.h>
#include <engine/runtime/actions/actioncontext.h>
#include <engine/runtime/actions/actionregistry.h>
#include <engine/runtime/actions/httpaction.h>
#include <engine/runtime/actions/stepaction.h>
#include <engine/runtime/actions/stepcontext.h>
#include <engine/runtime/cancelscope.h>
#include <engine/runtime/circuitbreaker.h>
#include <engine/runtime/debughook.h>
#include <engine/runtime/frame.h>
#include <engine/runtime/oauth2tokens.h>
#include <engine/runtime/retry.h>
#include <engine/runtime/scriptevaluator.h>
#include <engine/runtime/steperror.h>

#include <QCoreApplication>
#include <QEventLoop>

#include <algorithm>
#include <unordered_map>
#include <utility>

namespace tutti::engine {

using internal::ActionCall;
using internal::ActionTraits;
using internal::Done;
using internal::FlowScope;
using internal::Frame;
using internal::FramePtr;
using internal::Outcome;
using internal::ScopePtr;
using internal::StepAction;
using internal::StepError;

namespace {

constexpr Micros kTransportMargin = kSecond; // transport bound beyond the engine's own timer

std::string defaultRunId(std::uint64_t seed, Micros now)
{
    Rng rng(mixSeed(seed, static_cast<std::uint64_t>(now)));
    static const char *hex = "0123456789abcdef";
    std::string id = "run_";
    std::uint64_t bits = rng.next();
    for (int i = 0; i < 16; ++i)
        id += hex[(bits >> (60 - 4 * i)) & 15];
    return id;
}

// How long one try of a step may take (SPEC §3): its own `timeout`, else the `defaults.timeout`
// of the flow it is written in where the type takes the flow's defaults (http), else its type's
// default (script). 0 when the type's timeout covers the whole step (the loop's timer) or it has
// none. (The parser rejects `timeout:` on a type that takes none, so no key lookup here.)
Micros tryTimeout(const Step &step, const StepDescriptor &type, const Flow &flow)
{
    if (type.timeoutCoversStep)
        return 0;
    if (step.timeout)
        return *step.timeout;
    if (type.flowDefaults)
        return flow.defaultTimeout;
    return type.defaultTimeout.value_or(0);
}

} // namespace

// ---------------------------------------------------------------------------------------------

// The only way out of a run. Every event for the TraceSink and the final record (which is also
// what FlowRun::onFinished hands the caller) pass through here and are redacted on the way
// (SPEC §9), so no step type, error path or new call site can give a sink, an output or an
// export a string the redactor has not seen. The executor never holds the sink itself: Impl
// hands RunDeps::sink over to this object when it is built.
class RunOutput {
public:
    explicit RunOutput(TraceSink *sink)
        : m_sink(sink)
    {
    }
    Redactor &redactor() { return m_redactor; }
    const Redactor &redactor() const { return m_redactor; }
    bool wantsPayloads() const { return m_sink && m_sink->wantsPayloads(); }

    void runStarted(RunRecord &record)
    {
        if (!m_sink)
            return;
        redactLive(record);
        m_sink->runStarted(record);
    }
    void spanStarted(RunRecord &record, Span &span)
    {
        if (!m_sink)
            return;
        redactLive(record);
        m_redactor.redactSpan(span);
        m_sink->spanStarted(record, span);
    }
    void spanFinished(RunRecord &record, Span &span)
    {
        if (!m_sink)
            return;
        redactLive(record);
        m_redactor.redactSpan(span);
        m_sink->spanFinished(record, span);
    }
    // The record as the sink and the caller get it: redacted whole, with every secret the run
    // resolved (one resolved late still masks what an earlier step recorded).
    void runFinished(RunRecord &record)
    {
        m_redactor.redactRecord(record);
        if (m_sink)
            m_sink->runFinished(record);
    }

private:
    // The record mid-run, which every event carries: the input once per new secret, and what
    // changes as steps finish (their summaries' errors). Nothing to do without secrets.
    void redactLive(RunRecord &record)
    {
        if (!m_redactor.hasSecrets())
            return;
        if (m_inputGeneration != m_redactor.generation()) {
            m_redactor.redactJsonInPlace(record.input);
            m_inputGeneration = m_redactor.generation();
        }
        m_redactor.redactJsonInPlace(record.output);
        m_redactor.redactJsonInPlace(record.error);
        for (StepSummary &step : record.steps)
            if (!step.error.is_null())
                m_redactor.redactJsonInPlace(step.error);
    }

    TraceSink *m_sink;
    Redactor m_redactor;
    std::size_t m_inputGeneration = 0;
};

class FlowRun::Impl final : public internal::ActionContext, public DebugRun {
public:
    Impl(std::shared_ptr<const Flow> flow, RunDeps deps, RunOptions options);
    ~Impl();

    void start();
    void cancel();

    std::shared_ptr<const Flow> m_flow;
    RunDeps m_deps;
    RunOptions m_options;
    RunRecord m_record;
    std::function<void(const RunResult &)> *m_onFinished = nullptr;
    bool m_finished = false;
    int m_httpStatus = 0;
    bool m_rejected = false; // RunResult::rejected

    // --- ActionContext: what the step actions may use of the run ------------------------------
    const RunEnvironment &environment() const override { return *m_deps.environment; }
    const Json &runRoot() const override { return m_runRoot; }
    std::uint64_t seed() const override { return m_options.seed; }
    Micros now() const override { return m_deps.clock->now(); }
    std::string uuid() override { return m_rng.uuid(); }
    std::optional<std::string> secret(std::string_view name) override;
    CircuitBreakers &breakers() override { return *m_deps.breakers; }
    OAuth2Tokens &tokens() override { return *m_deps.tokens; }
    void keepSecret(std::string_view value) override { m_out.redactor().addSecret(value); }
    ScriptEvaluator &scripts() override;
    SpanId openSpan(SpanKind kind, std::string name, const std::string &stepId,
                    SpanId parent) override
    {
        return openSpan(kind, std::move(name), stepId, parent, 0);
    }
    void closeSpan(SpanId id, SpanStatus status, Json error = nullptr, Json request = nullptr,
                   Json response = nullptr) override;
    bool wantsPayloads() const override { return m_payloads; }
    Json redactHeaders(const Headers &headers) const override
    {
        return m_out.redactor().redactHeaders(headers);
    }
    void send(HttpRequest request, Micros timeout, const ScopePtr &scope,
              std::function<void(TransportResult)> done) override;
    void sleep(Micros delay, const ScopePtr &scope, std::function<void(bool)> done) override;
    void later(std::function<void()> fn) override;
    void runList(const std::vector<Step> *steps, FramePtr frame, ScopePtr scope, SpanId parentSpan,
                 Done done) override;
    // The flow of a call step's file, loaded once per run (a failed load is not kept, so the
    // step that needs it reports the errors).
    std::shared_ptr<const Flow> subFlow(const std::string &path, Errors &errors) override;

    // --- DebugRun: what a debugger attached through RunDeps::debugger may do -------------------
    const RunRecord &record() const override { return m_record; }
    const Flow &flow() const override { return *m_flow; }
    const Span *liveSpan(SpanId id) const override
    {
        return spanOpen(id) ? &m_spans[id - 1] : nullptr;
    }
    void suspendTimers() override { m_debugClock->suspend(); }
    void resumeTimers() override { m_debugClock->resume(); }
    SpanId openDebugSpan(std::string name, const std::string &stepId, SpanId parent,
                         Json detail) override;
    void closeDebugSpan(SpanId id) override;
    Result<Json> evaluateAt(const expr::Template &expression, const Frame &frame) override;
    Json requestPreview(const Step &step, const Frame &frame) override;
    Json redacted(Json value) const override
    {
        return m_out.redactor().redactJson(std::move(value));
    }
    void post(std::function<void()> fn) override;
    void cancelRun() override { cancel(); }

private:
    friend class ListRun;

    // --- events -----------------------------------------------------------------------------
    SpanId openSpan(SpanKind kind, std::string name, const std::string &stepId, SpanId parent,
                    int attempt);
    bool spanOpen(SpanId id) const
    {
        return id > 0 && id <= m_spans.size() && m_spans[id - 1].id == id;
    }
    StepSummary &summary(const std::string &stepId) { return m_record.steps[summaryAt(stepId)]; }
    // The index of the step's summary in m_record.steps (stable: summaries are only appended).
    std::size_t summaryAt(const std::string &stepId);

    // --- control ----------------------------------------------------------------------------
    void executeStep(const Step &step, FramePtr frame, ScopePtr scope, SpanId parentSpan,
                     Done done);
    // executeStep once the debugger lets the step go (see debughook.h).
    void debugStep(const Step &step, FramePtr frame, ScopePtr scope, SpanId parentSpan, Done done);
    void debugFailing(StepError error);
    // What one attempt does: the step's action, or (undo set) its compensation request. Plain
    // data, so the retry loop carries it from attempt to attempt without wrapping a callable.
    struct Attempt {
        const StepAction *action = nullptr;
        const HttpRequestSpec *undo = nullptr;
        Micros timeout = 0;
    };
    void withRetry(const Step &step, const RetryPolicy *policy, FramePtr frame, ScopePtr scope,
                   SpanId stepSpan, int attempt, Attempt what, Done done);
    void finishRun(Outcome outcome);
    void registerSecrets();
    std::size_t seedReused(const ReusedContext &reuse, const FramePtr &frame);
    void noteContext(SpanId span, SpanId parentSpan, const Json *result);
    void compensate(std::size_t remaining, bool anyFailed, StepError cause);
    void deliver();
    std::size_t indexOf(const std::vector<Step> *steps, const std::string &id);

    // One HTTP request in flight (see send()).
    struct Sending {
        bool finished = false;
        std::uint64_t op = 0;
        std::uint64_t hook = 0;
        RequestId request = 0;
        TimerId timer = 0;
        ScopePtr scope;
        std::function<void(TransportResult)> done;
    };
    void sent(Sending &s, TransportResult r);

    struct Compensable {
        const Step *step;
        const HttpRequestSpec *undo;
        FramePtr frame;
        SpanId stepSpan;
    };

    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
    ScopePtr m_rootScope = std::make_shared<internal::CancelScope>();
    // Compensation is not cancelled with the run, but is abandoned with it (see ~Impl).
    ScopePtr m_compensationScope = std::make_shared<internal::CancelScope>();
    std::shared_ptr<FlowScope> m_mainFlow;
    Rng m_rng;       // uuid()
    Rng m_jitterRng; // retry jitter
    RunOutput m_out; // holds the sink and the redactor: see RunOutput
    SpanId m_nextSpan = 1;
    SpanId m_runSpan = 0;
    // Span ids count up from 1 within a run, so open spans live in a vector indexed by id − 1
    // (no hash node per span); a closed slot is moved out and left empty.
    std::vector<Span> m_spans;
    bool m_payloads = false;          // build request/response payloads for the trace
    Json m_lastVars = Json::object(); // the vars last recorded on a top-level step span
    std::unordered_map<std::string, std::size_t> m_summaryIndex;
    std::vector<Compensable> m_completed;
    std::unordered_map<const std::vector<Step> *, std::unordered_map<std::string, std::size_t>>
        m_indexes;
    std::unordered_map<std::string, std::shared_ptr<const Flow>> m_subFlows;
    std::unique_ptr<CircuitBreakers> m_ownBreakers;
    std::unique_ptr<OAuth2Tokens> m_ownTokens;
    std::optional<TimerId> m_flowTimer;
    bool m_flowTimedOut = false;
    Json m_runRoot;
    struct PendingRequest {
        RequestId id;
        TimerId timer;
    };
    std::unordered_map<std::uint64_t, PendingRequest> m_pendingRequests;
    std::unordered_map<std::uint64_t, TimerId> m_pendingTimers;
    std::uint64_t m_nextOp = 1;
    // With a debugger: the run's clock, whose timers are held while it is paused.
    std::unique_ptr<PausableClock> m_debugClock;
    bool m_debugFailing = false; // the debugger has been asked about the run's error
};

// Walks one list of steps. See the file comment for why it trampolines.
class ListRun : public std::enable_shared_from_this<ListRun> {
public:
    ListRun(FlowRun::Impl &run, const std::vector<Step> *steps, FramePtr frame, ScopePtr scope,
            SpanId parentSpan, Done done, std::size_t first = 0)
        : m_run(run)
        , m_steps(steps)
        , m_frame(std::move(frame))
        , m_scope(std::move(scope))
        , m_parentSpan(parentSpan)
        , m_done(std::move(done))
        , m_index(first)
    {
    }

    void advance()
    {
        auto self = shared_from_this();
        while (!m_finished) {
            if (m_index >= m_steps->size()) {
                finish(Outcome::ok(m_lastRef ? *m_lastRef : std::move(m_last)));
                return;
            }
            if (m_scope->cancelled()) {
                finish(Outcome::failure(StepError::cancelled("cancelled", (*m_steps)[m_index].id)));
                return;
            }
            m_pending = true;
            m_completedSync = false;
            Done next = [self](Outcome o) { self->stepDone(std::move(o)); };
            if (m_run.m_deps.debugger) [[unlikely]]
                m_run.debugStep((*m_steps)[m_index], m_frame, m_scope, m_parentSpan,
                                std::move(next));
            else
                m_run.executeStep((*m_steps)[m_index], m_frame, m_scope, m_parentSpan,
                                  std::move(next));
            m_pending = false;
            if (!m_completedSync)
                return; // resumes in stepDone
        }
    }

private:
    void stepDone(Outcome o)
    {
        switch (o.kind) {
        case Outcome::Kind::Next:
            m_lastRef = o.ref;
            if (!o.ref)
                m_last = std::move(o.value);
            m_index = o.jump.empty() ? m_index + 1 : m_run.indexOf(m_steps, o.jump);
            break;
        case Outcome::Kind::End:
            finish(Outcome::ok(o.ref ? *o.ref : std::move(o.value)));
            break;
        case Outcome::Kind::Respond:
        case Outcome::Kind::Error:
            finish(std::move(o));
            break;
        }
        if (m_pending) {
            m_completedSync = true;
            return;
        }
        if (!m_finished)
            advance();
    }
    void finish(Outcome o)
    {
        if (m_finished)
            return;
        m_finished = true;
        auto done = std::move(m_done);
        done(std::move(o));
    }

    FlowRun::Impl &m_run;
    const std::vector<Step> *m_steps;
    FramePtr m_frame;
    ScopePtr m_scope;
    SpanId m_parentSpan;
    Done m_done;
    std::size_t m_index = 0;
    Json m_last;
    const Json *m_lastRef = nullptr;
    bool m_pending = false;
    bool m_completedSync = false;
    bool m_finished = false;
};

// ---------------------------------------------------------------------------------------------

FlowRun::Impl::Impl(std::shared_ptr<const Flow> flow, RunDeps deps, RunOptions options)
    : m_flow(std::move(flow))
    , m_deps(std::move(deps))
    , m_options(std::move(options))
    , m_rng(mixSeed(m_options.seed, 1))
    , m_jitterRng(mixSeed(m_options.seed, 2))
    , m_out(std::exchange(m_deps.sink, nullptr))
{
    static const RunEnvironment kMockEnvironment;
    if (!m_deps.environment)
        m_deps.environment = &kMockEnvironment;
    if (!m_deps.breakers) {
        m_ownBreakers = std::make_unique<CircuitBreakers>();
        m_deps.breakers = m_ownBreakers.get();
    }
    if (!m_deps.tokens) {
        m_ownTokens = std::make_unique<OAuth2Tokens>();
        m_deps.tokens = m_ownTokens.get();
    }
    if (m_deps.debugger) {
        m_debugClock = std::make_unique<PausableClock>(*m_deps.clock);
        m_deps.clock = m_debugClock.get();
    }
    m_record.flow = m_flow->name;
    m_record.flowFile = m_flow->filePath;
    m_record.seed = m_options.seed;
    m_record.virtualTime = m_deps.clock->isVirtual();
    m_record.id = m_options.runId.empty() ? defaultRunId(m_options.seed, m_deps.clock->now())
                                          : m_options.runId;
    m_runRoot = Json::object();
    m_runRoot["id"] = m_record.id;
    m_runRoot["attempt"] = m_options.attemptNumber;
    m_runRoot["seed"] = m_options.seed;
    m_mainFlow = std::make_shared<FlowScope>(FlowScope{m_flow, m_options.input, Json::object()});
}

FlowRun::Impl::~Impl()
{
    *m_alive = false;
    for (auto &[op, pending] : m_pendingRequests) {
        m_deps.transport->cancel(pending.id);
        m_deps.clock->cancel(pending.timer);
    }
    for (auto &[op, timer] : m_pendingTimers)
        m_deps.clock->cancel(timer);
    if (m_flowTimer)
        m_deps.clock->cancel(*m_flowTimer);
    // The pending operations' hooks are the last owners of their list walks, frames and the
    // flow (see CancelScope): without this, a run destroyed mid-flight leaks all of them.
    m_rootScope->abandon();
    m_compensationScope->abandon();
}

void FlowRun::Impl::later(std::function<void()> fn)
{
    std::weak_ptr<bool> alive = m_alive;
    m_deps.clock->schedule(0, [alive, fn = std::move(fn)] {
        if (auto a = alive.lock(); a && *a)
            fn();
    });
}

SpanId FlowRun::Impl::openSpan(SpanKind kind, std::string name, const std::string &stepId,
                               SpanId parent, int attempt)
{
    const SpanId id = m_nextSpan++;
    if (m_spans.size() < id)
        m_spans.resize(id);
    Span &span = m_spans[id - 1];
    span.id = id;
    span.parent = parent;
    span.kind = kind;
    span.name = std::move(name);
    span.stepId = stepId;
    span.attempt = attempt;
    span.start = m_deps.clock->now();
    m_out.spanStarted(m_record, span);
    return id;
}

void FlowRun::Impl::closeSpan(SpanId id, SpanStatus status, Json error, Json request, Json response)
{
    if (!spanOpen(id))
        return;
    Span span = std::move(m_spans[id - 1]);
    m_spans[id - 1].id = 0;
    span.duration = m_deps.clock->now() - span.start;
    span.status = status;
    span.error = std::move(error);
    span.request = std::move(request);
    span.response = std::move(response);
    m_out.spanFinished(m_record, span);
}

std::size_t FlowRun::Impl::summaryAt(const std::string &stepId)
{
    auto [it, inserted] = m_summaryIndex.try_emplace(stepId, m_record.steps.size());
    if (inserted) {
        m_record.steps.push_back({});
        m_record.steps.back().id = stepId;
    }
    return it->second;
}

std::size_t FlowRun::Impl::indexOf(const std::vector<Step> *steps, const std::string &id)
{
    auto &index = m_indexes[steps];
    if (index.empty())
        for (std::size_t i = 0; i < steps->size(); ++i)
            index.emplace((*steps)[i].id, i);
    auto it = index.find(id);
    return it == index.end() ? steps->size() : it->second;
}

// --- what actions use ------------------------------------------------------------------------

std::optional<std::string> FlowRun::Impl::secret(std::string_view name)
{
    if (!m_deps.environment->secret)
        return std::nullopt;
    auto value = m_deps.environment->secret(std::string(name));
    if (value)
        m_out.redactor().addSecret(*value);
    return value;
}

ScriptEvaluator &FlowRun::Impl::scripts()
{
    if (m_deps.scripts)
        return *m_deps.scripts;
    thread_local ScriptEvaluator perThread;
    return perThread;
}

// --- run lifecycle ---------------------------------------------------------------------------

void FlowRun::Impl::start()
{
    m_record.startedAt = m_deps.clock->now();
    m_record.status = RunStatus::Running;
    m_record.input = m_options.input;
    registerSecrets();
    m_out.runStarted(m_record);
    m_payloads = m_out.wantsPayloads();
    if (m_deps.debugger)
        m_deps.debugger->runStarted(*this);
    if (m_options.validateInput && !m_flow->inputSchema.is_null()) {
        Errors problems = m_flow->inputValidator.validate(m_options.input);
        if (!problems.empty()) {
            std::string message = "input does not match the flow's input schema:";
            for (const auto &p : problems)
                message +=
                    " " + (p.path.empty() ? std::string("/") : p.path) + ": " + p.message + ";";
            message.pop_back();
            later([this, message] { finishRun(Outcome::failure(StepError::validation(message))); });
            return;
        }
    }
    m_runSpan = 0;
    if (m_flow->flowTimeout > 0) {
        std::weak_ptr<bool> alive = m_alive;
        m_flowTimer = m_deps.clock->schedule(m_flow->flowTimeout, [this, alive] {
            if (auto a = alive.lock(); !a || !*a)
                return;
            m_flowTimer.reset();
            m_flowTimedOut = true;
            m_rootScope->cancel();
        });
    }
    auto frame = std::make_shared<Frame>();
    frame->flow = m_mainFlow;
    const std::size_t first = m_options.reuse ? seedReused(*m_options.reuse, frame) : 0;
    // Start from the clock so onFinished is never called from inside start().
    later([this, frame, first] {
        if (first >= m_flow->steps.size()) { // reuseRun checks the step; never run "nothing"
            finishRun(Outcome::failure(StepError::validation(
                "no top-level step '" + m_options.reuse->fromStep + "' to start from")));
            return;
        }
        std::make_shared<ListRun>(
            *this, &m_flow->steps, frame, m_rootScope, 0,
            [this](Outcome o) { finishRun(std::move(o)); }, first)
            ->advance();
    });
}

// A run started part-way (RunOptions::reuse): the steps before its first one are taken over from
// the earlier run, not executed. Each is recorded as a reused step span (no attempt, no request)
// carrying its result, so this run can be reused in turn, and its compensation is registered as
// if it had completed here: its effect is real, so a later failure undoes it (once: reuseRun
// refuses a step the earlier run already compensated). Returns the index of the first step.
std::size_t FlowRun::Impl::seedReused(const ReusedContext &reuse, const FramePtr &frame)
{
    m_mainFlow->vars = reuse.vars.is_object() ? reuse.vars : Json::object();
    std::unordered_map<std::string, const Step *> byId;
    for (const Step *step : allSteps(*m_flow))
        byId.emplace(step->id, step);
    for (const ReusedContext::Result &reused : reuse.steps) {
        auto it = byId.find(reused.id);
        if (it == byId.end())
            continue; // reuseRun keeps only steps of this flow
        const Step &step = *it->second;
        Json &slot = frame->results[step.id];
        slot = reused.value;
        const SpanId span = openSpan(SpanKind::Step, step.id, step.id, 0);
        m_spans[span - 1].reusedFrom = reuse.sourceRun;
        noteContext(span, 0, &slot);
        closeSpan(span, SpanStatus::Ok);
        StepSummary &s = summary(step.id);
        s.status = StepStatus::Succeeded;
        s.reusedFrom = reuse.sourceRun;
        if (const HttpRequestSpec *undo = compensationOf(step))
            m_completed.push_back({&step, undo, frame, span});
    }
    return indexOf(&m_flow->steps, reuse.fromStep);
}

// What a later run started part-way needs from this one's trace (engine/session/runfrom.h): the
// step's result, and on a top-level step the run's vars when they changed. Only for sinks that
// take payloads (the simulator's do not).
void FlowRun::Impl::noteContext(SpanId span, SpanId parentSpan, const Json *result)
{
    if (!m_payloads || !spanOpen(span))
        return;
    Span &open = m_spans[span - 1];
    if (result)
        open.result = *result;
    if (parentSpan == 0 && m_mainFlow->vars != m_lastVars) {
        m_lastVars = m_mainFlow->vars;
        open.vars = m_lastVars;
    }
}

// SPEC §9: every secret the run's flows can read is resolved and registered before the first
// event, so a value equal to one that arrives earlier (in the input, in the response of a step
// before the one reading the secret) is masked in every span, not only in those written after the
// secret's first use. Sub-flows are loaded here for their secrets (and kept for their calls).
void FlowRun::Impl::registerSecrets()
{
    if (!m_deps.environment->secret)
        return;
    std::vector<std::shared_ptr<const Flow>> flows{m_flow};
    std::vector<std::string> seenFlows{m_flow->filePath}, seenSecrets;
    for (std::size_t i = 0; i < flows.size(); ++i) {
        // Found statically from the compiled templates (each step type lists its own through its
        // descriptor), so every secret is registered before the first event.
        const StepReferences refs = flowReferences(*flows[i]);
        for (const std::string &name : refs.secrets.names()) {
            if (std::find(seenSecrets.begin(), seenSecrets.end(), name) != seenSecrets.end())
                continue;
            seenSecrets.push_back(name);
            if (auto value = m_deps.environment->secret(name))
                m_out.redactor().addSecret(*value);
        }
        for (const std::string &path : refs.flowFiles.names()) {
            if (std::find(seenFlows.begin(), seenFlows.end(), path) != seenFlows.end())
                continue;
            seenFlows.push_back(path);
            Errors errors;
            if (auto callee = subFlow(path, errors))
                flows.push_back(std::move(callee));
        }
    }
}

std::shared_ptr<const Flow> FlowRun::Impl::subFlow(const std::string &path, Errors &errors)
{
    if (auto it = m_subFlows.find(path); it != m_subFlows.end())
        return it->second;
    std::shared_ptr<const Flow> callee;
    if (m_deps.loadFlow) {
        callee = m_deps.loadFlow(path, errors);
    } else {
        FlowLoad load = loadFlowFile(path);
        errors = load.errors;
        if (load.ok())
            callee = load.flow;
    }
    if (!callee || !errors.empty())
        return nullptr;
    m_subFlows.emplace(path, callee);
    return callee;
}

void FlowRun::Impl::cancel()
{
    m_rootScope->cancel();
    if (m_deps.debugger)
        m_deps.debugger->runCancelled();
}

void FlowRun::Impl::runList(const std::vector<Step> *steps, FramePtr frame, ScopePtr scope,
                            SpanId parentSpan, Done done)
{
    auto list = std::make_shared<ListRun>(*this, steps, std::move(frame), std::move(scope),
                                          parentSpan, std::move(done));
    list->advance();
}

void FlowRun::Impl::finishRun(Outcome outcome)
{
    if (m_flowTimer) {
        m_deps.clock->cancel(*m_flowTimer);
        m_flowTimer.reset();
    }
    switch (outcome.kind) {
    case Outcome::Kind::Respond:
        m_httpStatus = outcome.status;
        [[fallthrough]];
    case Outcome::Kind::Next:
    case Outcome::Kind::End:
        m_record.status = RunStatus::Succeeded;
        m_record.output = std::move(outcome.value);
        m_record.error = nullptr;
        deliver();
        return;
    case Outcome::Kind::Error:
        break;
    }
    StepError error = std::move(outcome.error);
    if (m_flowTimedOut && error.isCancellation())
        error = StepError::timeout("the flow exceeded its timeout of " +
                                       formatDuration(m_flow->flowTimeout),
                                   std::move(error.step));
    if (m_deps.debugger && !m_debugFailing) [[unlikely]] {
        debugFailing(std::move(error));
        return;
    }
    m_record.error = error.toJson();
    m_record.output = nullptr;
    m_rejected = error.rejection;
    if (m_completed.empty()) {
        m_record.status = RunStatus::Failed;
        deliver();
        return;
    }
    compensate(m_completed.size(), false, std::move(error));
}

// Undo completed steps in reverse order of completion, each once, each with retries.
void FlowRun::Impl::compensate(std::size_t remaining, bool anyFailed, StepError cause)
{
    if (remaining == 0) {
        m_record.status = anyFailed ? RunStatus::CompensationFailed : RunStatus::Compensated;
        m_completed.clear();
        deliver();
        return;
    }
    const Compensable entry = m_completed[remaining - 1];
    const Step &step = *entry.step;
    const SpanId span = openSpan(SpanKind::Compensation, "compensate " + step.id, step.id, 0);
    // SPEC §3: each compensation with retries (default 3, backoff). Static: withRetry keeps a
    // pointer to it across asynchronous attempts.
    static const RetryPolicy &policy = compensationRetryPolicy();
    auto scope = m_compensationScope->child(); // compensation is not cancelled with the run
    // Each request is bounded like an http try: the step's `timeout`, else `defaults.timeout` of
    // the flow the step is written in.
    const Micros timeout = step.timeout.value_or(entry.frame->flow->flow->defaultTimeout);
    withRetry(step, &policy, entry.frame, scope, span, 1, Attempt{nullptr, entry.undo, timeout},
              [this, remaining, anyFailed, cause, span, id = step.id](Outcome o) mutable {
                  const bool failed = o.kind == Outcome::Kind::Error;
                  closeSpan(span, failed ? SpanStatus::Error : SpanStatus::Ok,
                            failed ? o.error.toJson() : Json(nullptr));
                  StepSummary &s = summary(id);
                  s.status = failed ? StepStatus::CompensationFailed : StepStatus::Compensated;
                  compensate(remaining - 1, anyFailed || failed, std::move(cause));
              });
}

void FlowRun::Impl::deliver()
{
    if (m_finished)
        return;
    m_finished = true;
    m_record.duration = m_deps.clock->now() - m_record.startedAt;
    m_out.runFinished(m_record);
    if (m_deps.debugger)
        m_deps.debugger->runFinished(m_record);
    if (m_onFinished && *m_onFinished) {
        RunResult result{m_record, m_httpStatus, m_rejected};
        (*m_onFinished)(result);
    }
}

// --- one step ---------------------------------------------------------------------------------

void FlowRun::Impl::executeStep(const Step &step, FramePtr frame, ScopePtr scope, SpanId parentSpan,
                                Done done)
{
    const SpanId span = openSpan(SpanKind::Step, step.id, step.id, parentSpan);
    const Micros started = m_deps.clock->now();
    const std::size_t summaryIndex = summaryAt(step.id); // looked up once per step, not per event
    m_record.steps[summaryIndex].status = StepStatus::Running;
    Done finish = [this, &step, frame, span, parentSpan, started, summaryIndex,
                   done = std::move(done)](Outcome o) mutable {
        StepSummary &s = m_record.steps[summaryIndex];
        s.duration += m_deps.clock->now() - started;
        if (m_deps.debugger) [[unlikely]]
            m_deps.debugger->afterStep(
                {&step, frame, spanOpen(span) ? m_spans[span - 1].parent : 0, span},
                o.kind == Outcome::Kind::Error ? o.error.toJson() : Json(nullptr));
        if (o.kind == Outcome::Kind::Error) {
            if (o.error.step.empty())
                o.error.step = step.id;
            s.status = o.error.isCancellation() ? StepStatus::Cancelled : StepStatus::Failed;
            s.error = {{"type", o.error.name}, {"message", o.error.message}};
            for (const CatchRule &rule : step.catches)
                if (o.error.caughtBy(rule)) {
                    frame->error = o.error.toJson();
                    Json &slot = frame->results[step.id];
                    slot = Json::object();
                    slot["error"] = frame->error;
                    noteContext(span, parentSpan, &slot);
                    closeSpan(span, o.error.spanStatus(), o.error.toJson());
                    Outcome next{Outcome::Kind::Next, nullptr, rule.next, 0, {}};
                    next.ref = &slot;
                    done(std::move(next));
                    return;
                }
            noteContext(span, parentSpan, nullptr);
            closeSpan(span, o.error.spanStatus(), o.error.toJson());
            done(std::move(o));
            return;
        }
        s.status = StepStatus::Succeeded;
        s.error = nullptr;
        const Json *result = nullptr;
        if (o.kind == Outcome::Kind::Next || o.kind == Outcome::Kind::End) {
            Json &slot = frame->results[step.id];
            slot = std::move(o.value);
            o.value = nullptr;
            o.ref = &slot;
            result = &slot;
            if (const HttpRequestSpec *undo = compensationOf(step))
                m_completed.push_back({&step, undo, frame, span});
            if (o.jump.empty() && !step.next.empty())
                o.jump = step.next;
            if (step.end)
                o.kind = Outcome::Kind::End;
        }
        noteContext(span, parentSpan, result);
        closeSpan(span, SpanStatus::Ok);
        done(std::move(o));
    };

    // What the step's type is (its descriptor) and the action that does it; the loop wraps the
    // action by both.
    const StepDescriptor &type = stepDescriptor(step);
    const StepAction *action = internal::findAction(step.type);
    if (!action) { // a type registered without an action: tst_actionregistry fails first
        finish(Outcome::failure(
            StepError::validation("step type '" + type.name + "' cannot run", step.id)));
        return;
    }
    const ActionTraits traits = action->traits();
    const Flow &flow = *frame->flow->flow; // the flow the step is written in

    // A `timeout:` that covers the whole step (parallel, map, call) bounds it here: when it
    // expires the step's work is cancelled and the step fails with `timeout`. Other types bound
    // each try (tryTimeout, handed to the action).
    if (step.timeout && type.timeoutCoversStep) {
        auto bounded = scope->child();
        auto timedOut = std::make_shared<bool>(false);
        std::weak_ptr<bool> alive = m_alive;
        const TimerId timer = m_deps.clock->schedule(*step.timeout, [alive, bounded, timedOut] {
            if (auto a = alive.lock(); !a || !*a)
                return;
            *timedOut = true;
            bounded->cancel();
        });
        const std::uint64_t op = m_nextOp++;
        m_pendingTimers.emplace(op, timer);
        scope = bounded;
        finish = [this, &step, timer, op, timedOut, finish = std::move(finish)](Outcome o) mutable {
            m_deps.clock->cancel(timer);
            m_pendingTimers.erase(op);
            if (*timedOut && o.kind == Outcome::Kind::Error && o.error.isCancellation())
                o.error = StepError::timeout(
                    "step did not finish within " + formatDuration(*step.timeout), step.id);
            finish(std::move(o));
        };
    }

    // Retry: the step's own policy, else `defaults.retry` of its flow where the type takes the
    // flow's defaults. A step runs in attempts when it can be retried, or when its action always
    // does (each http try is an attempt span).
    const RetryPolicy *policy = step.retry                               ? &*step.retry
                                : type.flowDefaults && flow.defaultRetry ? &*flow.defaultRetry
                                                                         : nullptr;
    const Micros timeout = tryTimeout(step, type, flow);
    if (policy || traits.attempts) {
        withRetry(step, policy, frame, scope, span, 1, Attempt{action, nullptr, timeout},
                  std::move(finish));
        return;
    }
    action->act(*this, ActionCall{step, frame, scope, span, 1, timeout}, std::move(finish));
}

void FlowRun::Impl::withRetry(const Step &step, const RetryPolicy *policy, FramePtr frame,
                              ScopePtr scope, SpanId stepSpan, int attempt, Attempt what, Done done)
{
    const SpanId attemptSpan = openSpan(SpanKind::Attempt, "attempt " + std::to_string(attempt),
                                        step.id, stepSpan, attempt);
    // Attempts of a compensation request are its own spans, not attempts of the step.
    const bool compensating = stepSpan > 0 && stepSpan <= m_spans.size() &&
                              m_spans[stepSpan - 1].kind == SpanKind::Compensation;
    if (!compensating)
        summary(step.id).attempts += 1;
    Done attemptDone = [this, &step, policy, frame, scope, stepSpan, attempt, attemptSpan, what,
                        done = std::move(done)](Outcome o) mutable {
        // The http action closes its attempt with the request and response; for the
        // others (script, call) the loop closes it here.
        if (spanOpen(attemptSpan))
            closeSpan(attemptSpan, o.failed() ? o.error.spanStatus() : SpanStatus::Ok,
                      o.failed() ? o.error.toJson() : Json(nullptr));
        if (o.kind != Outcome::Kind::Error) {
            done(std::move(o));
            return;
        }
        const bool retry = policy && attempt <= policy->retries && !scope->cancelled() &&
                           o.error.retriedBy(*policy);
        if (!retry) {
            done(std::move(o));
            return;
        }
        const Micros delay = retryDelay(*policy, attempt, m_jitterRng, o.error.retryAfter);
        const SpanId wait = openSpan(SpanKind::Wait, "backoff", step.id, stepSpan);
        sleep(delay, scope,
              [this, &step, policy, frame, scope, stepSpan, attempt, wait, what,
               done = std::move(done), error = std::move(o.error)](bool cancelled) mutable {
                  closeSpan(wait, cancelled ? SpanStatus::Cancelled : SpanStatus::Ok);
                  if (cancelled) {
                      done(Outcome::failure(
                          StepError::cancelled("cancelled during backoff", step.id)));
                      return;
                  }
                  withRetry(step, policy, frame, scope, stepSpan, attempt + 1, what,
                            std::move(done));
              });
    };
    const ActionCall call{step, frame, scope, attemptSpan, attempt, what.timeout};
    if (what.undo)
        internal::sendCompensation(*this, call, *what.undo, std::move(attemptDone));
    else
        what.action->act(*this, call, std::move(attemptDone));
}

// --- the debugger (debughook.h) ----------------------------------------------------------------

void FlowRun::Impl::debugStep(const Step &step, FramePtr frame, ScopePtr scope, SpanId parentSpan,
                              Done done)
{
    std::weak_ptr<bool> alive = m_alive;
    auto once = std::make_shared<bool>(false);
    DebugPoint at{&step, frame, parentSpan, 0};
    m_deps.debugger->beforeStep(at, [this, alive, once, &step, frame = std::move(frame),
                                     scope = std::move(scope), parentSpan,
                                     done = std::move(done)]() mutable {
        if (auto a = alive.lock(); !a || !*a || *once)
            return;
        *once = true;
        // Stopped while it was held: the step never starts.
        if (scope->cancelled()) {
            done(Outcome::failure(StepError::cancelled("cancelled", step.id)));
            return;
        }
        executeStep(step, std::move(frame), std::move(scope), parentSpan, std::move(done));
    });
}

void FlowRun::Impl::debugFailing(StepError error)
{
    m_debugFailing = true;
    std::weak_ptr<bool> alive = m_alive;
    auto once = std::make_shared<bool>(false);
    const Json json = error.toJson();
    m_deps.debugger->beforeCompensation(json, [this, alive, once, error = std::move(error)] {
        if (auto a = alive.lock(); !a || !*a || *once)
            return;
        *once = true;
        finishRun(Outcome::failure(error));
    });
}

SpanId FlowRun::Impl::openDebugSpan(std::string name, const std::string &stepId, SpanId parent,
                                    Json detail)
{
    const SpanId id = openSpan(SpanKind::Debug, std::move(name), stepId, parent, 0);
    m_spans[id - 1].request = std::move(detail);
    return id;
}

void FlowRun::Impl::closeDebugSpan(SpanId id)
{
    if (!spanOpen(id))
        return;
    Json detail = std::move(m_spans[id - 1].request);
    closeSpan(id, SpanStatus::Ok, nullptr, std::move(detail));
}

Result<Json> FlowRun::Impl::evaluateAt(const expr::Template &expression, const Frame &frame)
{
    const Rng saved = m_rng; // uuid() in a watch must not change the run's next uuid()
    internal::StepContext context(*this, frame);
    auto value = expression.evaluate(context);
    m_rng = saved;
    return value;
}

Json FlowRun::Impl::requestPreview(const Step &step, const Frame &frame)
{
    const Rng saved = m_rng;
    Json preview = internal::previewRequest(*this, step, frame);
    m_rng = saved;
    return redacted(std::move(preview));
}

void FlowRun::Impl::post(std::function<void()> fn)
{
    std::weak_ptr<bool> alive = m_alive;
    Clock &clock = m_debugClock ? m_debugClock->base() : *m_deps.clock;
    clock.schedule(0, [alive, fn = std::move(fn)] {
        if (auto a = alive.lock(); a && *a)
            fn();
    });
}

// --- leaf operations --------------------------------------------------------------------------

void FlowRun::Impl::sleep(Micros delay, const ScopePtr &scope, std::function<void(bool)> done)
{
    const std::uint64_t op = m_nextOp++;
    auto state = std::make_shared<std::pair<bool, std::uint64_t>>(false, 0); // finished, hook
    std::weak_ptr<bool> alive = m_alive;
    auto shared = std::make_shared<std::function<void(bool)>>(std::move(done));
    const TimerId timer = m_deps.clock->schedule(delay, [this, alive, op, state, scope, shared] {
        if (auto a = alive.lock(); !a || !*a)
            return;
        if (state->first)
            return;
        state->first = true;
        m_pendingTimers.erase(op);
        scope->remove(state->second);
        (*shared)(false);
    });
    m_pendingTimers.emplace(op, timer);
    state->second = scope->onCancel([this, op, timer, state, shared] {
        if (state->first)
            return;
        state->first = true;
        m_deps.clock->cancel(timer);
        m_pendingTimers.erase(op);
        later([shared] { (*shared)(true); });
    });
}

// The request is bounded twice: by the engine's timer on the run's clock, and by the transport
// (timeout + kTransportMargin) as a safety net. Whichever of answer, timer and cancel comes first
// ends it; the others find it finished.
void FlowRun::Impl::send(HttpRequest request, Micros timeout, const ScopePtr &scope,
                         std::function<void(TransportResult)> done)
{
    auto s = std::make_shared<Sending>();
    s->op = m_nextOp++;
    s->scope = scope;
    s->done = std::move(done);
    request.timeout = timeout + kTransportMargin;
    std::weak_ptr<bool> alive = m_alive;
    s->request = m_deps.transport->send(std::move(request), [this, alive, s](TransportResult r) {
        if (auto a = alive.lock(); a && *a)
            sent(*s, std::move(r));
    });
    s->timer = m_deps.clock->schedule(timeout, [this, alive, s] {
        if (auto a = alive.lock(); !a || !*a)
            return;
        if (s->finished)
            return;
        m_deps.transport->cancel(s->request);
        TransportResult r;
        r.error = TransportError::Timeout;
        sent(*s, std::move(r));
    });
    m_pendingRequests.emplace(s->op, PendingRequest{s->request, s->timer});
    s->hook = scope->onCancel([this, s] {
        if (s->finished)
            return;
        m_deps.transport->cancel(s->request);
        m_deps.clock->cancel(s->timer);
        later([this, s] {
            TransportResult r;
            r.error = TransportError::Cancelled;
            sent(*s, std::move(r));
        });
    });
}

void FlowRun::Impl::sent(Sending &s, TransportResult r)
{
    if (s.finished)
        return;
    s.finished = true;
    m_pendingRequests.erase(s.op);
    s.scope->remove(s.hook);
    // The timer must not outlive the answer: it holds the request, whose completion holds the
    // list walking it, so a run destroyed later would leak them.
    m_deps.clock->cancel(s.timer);
    auto done = std::move(s.done);
    done(std::move(r));
}

// ---------------------------------------------------------------------------------------------

FlowRun::FlowRun(std::shared_ptr<const Flow> flow, RunDeps deps, RunOptions options)
    : m(std::make_unique<Impl>(std::move(flow), std::move(deps), std::move(options)))
{
    m->m_onFinished = &onFinished;
}

FlowRun::~FlowRun() = default;

void FlowRun::start()
{
    m->start();
}
void FlowRun::cancel()
{
    m->cancel();
}
bool FlowRun::isFinished() const
{
    return m->m_finished;
}
const RunRecord &FlowRun::record() const
{
    return m->m_record;
}

RunResult runFlowBlocking(std::shared_ptr<const Flow> flow, RunDeps deps, RunOptions options)
{
    RunResult result;
    bool finished = false;
    FlowRun run(std::move(flow), deps, std::move(options));
    run.onFinished = [&](const RunResult &r) {
        result = r;
        finished = true;
    };
    run.start();
    if (auto *virtualClock = dynamic_cast<VirtualClock *>(deps.clock)) {
        while (!finished && virtualClock->runNext()) {
        }
        return result;
    }
    QEventLoop loop;
    while (!finished)
        loop.processEvents(QEventLoop::WaitForMoreEvents);
    return result;
}

} // namespace tutti::engine
