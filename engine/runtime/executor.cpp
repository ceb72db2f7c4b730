// The flow executor. One FlowRun::Impl per run; all work is callbacks on the run's Clock and
// HttpTransport, so a run never blocks a thread and thousands interleave on one virtual clock.
//
// Shape (decide, then do):
//   ListRun      walks one list of steps (top level, a branch, a map item, a sub-flow), decides
//                the next step from each outcome (fall through, next, end, catch) and trampolines
//                so long synchronous stretches do not grow the stack.
//   executeStep  opens the step span, applies retry and catch around the step's action, records
//                the result, registers compensation, updates the step summary.
//   act*         one action per step type; each ends in exactly one Outcome.
//   Leaf waits   (timers, HTTP) register with a CancelScope so fail-fast, timeouts and cancel()
//                unwind every pending operation and each still ends in exactly one Outcome.
#include <engine/runtime/executor.h>

#include <engine/core/encoding.h>
#include <engine/core/jsonio.h>
#include <engine/core/redactor.h>
#include <engine/model/flowparser.h>
#include <engine/model/schema.h>
#include <engine/runtime/circuitbreaker.h>
#include <engine/runtime/requesturl.h>
#include <engine/runtime/retry.h>
#include <engine/runtime/scriptevaluator.h>

#include <QCoreApplication>
#include <QEventLoop>

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <unordered_map>
#include <utility>

namespace tutti::engine {

namespace {

constexpr Micros kDefaultScriptTimeout = kSecond;
constexpr Micros kTransportMargin = kSecond; // transport bound beyond the engine's own timer

struct StepError {
    std::string type;
    std::string message;
    int status = 0;
    std::string step;
    std::optional<Micros> retryAfter;

    Json toJson() const
    {
        Json j = {{"type", type}, {"message", message}};
        if (status)
            j["status"] = status;
        if (!step.empty())
            j["step"] = step;
        return j;
    }
};

struct Outcome {
    enum class Kind { Next, End, Respond, Error };
    Kind kind = Kind::Next;
    Json value;
    std::string jump; // Next: step id to jump to ("" = fall through)
    int status = 0;   // Respond
    StepError error;  // Error
    // Next/End of a step whose result now lives in its frame: read it there instead of copying
    // (unordered_map nodes are stable, so the pointer stays valid while the frame lives).
    const Json *ref = nullptr;

    static Outcome ok(Json v) { return {Kind::Next, std::move(v), {}, 0, {}}; }
    static Outcome failure(StepError e) { return {Kind::Error, nullptr, {}, 0, std::move(e)}; }
};

using Done = std::function<void(Outcome)>;

// Cancellation tree: cancelling a scope runs the hooks of its pending leaf operations and
// cancels its children. Each hook makes its operation end (asynchronously) as "cancelled".
// A hook holds its operation's completion, which holds the list walking it, which holds the
// scope: a cycle by design while the operation is pending. abandon() breaks it when the run
// is destroyed mid-flight (dropping the hooks without running them).
class CancelScope : public std::enable_shared_from_this<CancelScope> {
public:
    std::shared_ptr<CancelScope> child()
    {
        auto c = std::make_shared<CancelScope>();
        if (m_cancelled)
            c->m_cancelled = true;
        // Kept even when already cancelled, so that abandon() still reaches its hooks. Expired
        // entries are dropped whenever the vector would grow, so a long run stays bounded.
        if (m_children.size() == m_children.capacity())
            std::erase_if(m_children, [](const auto &w) { return w.expired(); });
        m_children.push_back(c);
        return c;
    }
    std::uint64_t onCancel(std::function<void()> hook)
    {
        const auto id = ++m_nextHook;
        m_hooks.emplace(id, std::move(hook));
        return id;
    }
    void remove(std::uint64_t id) { m_hooks.erase(id); }
    void cancel()
    {
        if (m_cancelled)
            return;
        m_cancelled = true;
        auto hooks = std::move(m_hooks);
        m_hooks.clear();
        for (auto &[id, hook] : hooks)
            hook();
        auto children = std::move(m_children);
        for (auto &weak : children)
            if (auto c = weak.lock())
                c->cancel();
    }
    bool cancelled() const { return m_cancelled; }
    // Drops the hooks of this scope and of its live children without running them.
    void abandon()
    {
        auto hooks = std::move(m_hooks);
        m_hooks.clear();
        auto children = std::move(m_children);
        m_children.clear();
        hooks.clear(); // may destroy the last owner of a child: it is only reached weakly below
        for (auto &weak : children)
            if (auto c = weak.lock())
                c->abandon();
    }

private:
    bool m_cancelled = false;
    std::uint64_t m_nextHook = 0;
    std::map<std::uint64_t, std::function<void()>> m_hooks;
    std::vector<std::weak_ptr<CancelScope>> m_children;
};
using ScopePtr = std::shared_ptr<CancelScope>;

// The flow being executed at some depth: the run's own flow, or a sub-flow of a `call` step.
struct FlowScope {
    std::shared_ptr<const Flow> flow;
    Json input;
    Json vars = Json::object();
};

// Variables visible to the steps of one list: its results, a map item, and the enclosing lists.
struct Frame {
    std::shared_ptr<Frame> parent;
    std::shared_ptr<FlowScope> flow;
    std::unordered_map<std::string, Json> results;
    bool boundary = false; // a sub-flow: steps of the caller are not visible
    bool hasItem = false;
    std::string itemName;
    Json item;
    Json index;
    Json error; // the error a catch jumped with (the `error` root), null otherwise
    // Where in the run this frame is (top level, branch "ship", item 3, …), hashed: it makes
    // mock draws depend on the position of a call, not on how concurrent work interleaves.
    std::uint64_t key = 0;

    const Json *stepResult(std::string_view id) const
    {
        for (const Frame *f = this; f; f = f->parent.get()) {
            auto it = f->results.find(std::string(id));
            if (it != f->results.end())
                return &it->second;
            if (f->boundary)
                break;
        }
        return nullptr;
    }
    const Frame *itemFrame(std::string_view name) const
    {
        for (const Frame *f = this; f; f = f->parent.get()) {
            if (f->hasItem && (name.empty() || f->itemName == name))
                return f;
            if (f->boundary)
                break;
        }
        return nullptr;
    }
    const Json *caughtError() const
    {
        for (const Frame *f = this; f; f = f->parent.get()) {
            if (!f->error.is_null())
                return &f->error;
            if (f->boundary)
                break;
        }
        return nullptr;
    }
    // Every visible step result, nearest first wins (for scripts, which get a plain object).
    Json visibleSteps() const
    {
        Json all = Json::object();
        for (const Frame *f = this; f; f = f->parent.get()) {
            for (const auto &[id, value] : f->results)
                if (!all.contains(id))
                    all[id] = value;
            if (f->boundary)
                break;
        }
        return all;
    }
};
using FramePtr = std::shared_ptr<Frame>;

bool truthy(const Json &v)
{
    if (v.is_null())
        return false;
    if (v.is_boolean())
        return v.get<bool>();
    if (v.is_number())
        return v.get<double>() != 0.0;
    if (v.is_string() || v.is_array() || v.is_object())
        return !v.empty();
    return true;
}

// The http fields of a step; a call step's compensation request runs with their defaults.
const HttpSpec &httpOf(const Step &step)
{
    static const HttpSpec none;
    const HttpSpec *http = step.tryAs<HttpSpec>();
    return http ? *http : none;
}

bool statusExpected(const Step &step, int status)
{
    const std::vector<StatusRange> &expect = httpOf(step).expect;
    if (expect.empty())
        return status >= 200 && status <= 299;
    return std::any_of(expect.begin(), expect.end(),
                       [&](const StatusRange &r) { return status >= r.low && status <= r.high; });
}

bool isJsonContentType(const std::string *type)
{
    return type && (type->find("json") != std::string::npos);
}

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

// What a flow's templates and expressions can read from outside the run: the secret names
// (`secret.NAME`) and the sub-flow files of its call steps. Found statically from the compiled
// templates, so a run can register every secret with the redactor before its first event. Step
// lists are walked with a stack: nesting depth is whatever the file holds.
struct FlowReferences {
    std::vector<std::string> secrets;
    std::vector<std::string> subFlows;
};

FlowReferences flowReferences(const Flow &flow)
{
    FlowReferences refs;
    const auto unique = [](std::vector<std::string> &out, std::vector<std::string> names) {
        for (std::string &name : names)
            if (std::find(out.begin(), out.end(), name) == out.end())
                out.push_back(std::move(name));
    };
    const auto templ = [&](const std::optional<expr::Template> &t) {
        if (t)
            unique(refs.secrets, t->referencedSecrets());
    };
    const auto json = [&](const std::optional<expr::JsonTemplate> &t) {
        if (t)
            unique(refs.secrets, t->referencedSecrets());
    };
    const auto request = [&](const HttpRequestSpec &r) {
        templ(r.path);
        templ(r.url);
        json(r.query);
        json(r.headers);
        json(r.body);
        json(r.form);
    };
    const auto auth = [&](const std::optional<AuthSpec> &a) {
        if (a)
            for (const auto &[field, value] : a->fields)
                unique(refs.secrets, value.referencedSecrets());
    };
    for (const auto &[name, service] : flow.services)
        auth(service.auth);
    std::vector<const std::vector<Step> *> lists{&flow.steps};
    while (!lists.empty()) {
        const std::vector<Step> *steps = lists.back();
        lists.pop_back();
        for (const Step &step : *steps) {
            if (const auto *http = step.tryAs<HttpSpec>()) {
                request(http->request);
                if (http->compensate)
                    request(*http->compensate);
                json(http->output);
                auth(http->auth);
            }
            if (const auto *transform = step.tryAs<TransformSpec>())
                for (const auto &[name, value] : transform->set)
                    unique(refs.secrets, value.referencedSecrets());
            if (const auto *choice = step.tryAs<ChoiceSpec>())
                for (const ChoiceCase &c : choice->cases)
                    unique(refs.secrets, c.when.referencedSecrets());
            if (const auto *map = step.tryAs<MapSpec>())
                templ(map->items);
            if (const auto *wait = step.tryAs<WaitSpec>())
                templ(wait->until);
            if (const auto *call = step.tryAs<CallSpec>()) {
                if (call->compensate)
                    request(*call->compensate);
                json(call->input);
            }
            if (const auto *respond = step.tryAs<RespondSpec>())
                json(respond->body);
            if (const auto *fail = step.tryAs<FailSpec>())
                templ(fail->message);
            if (const auto *call = step.tryAs<CallSpec>(); call && !call->flowPath.empty())
                unique(refs.subFlows, {call->flowPath});
            if (const auto *parallel = step.tryAs<ParallelSpec>())
                for (const Branch &branch : parallel->branches)
                    lists.push_back(&branch.steps);
            if (const auto *map = step.tryAs<MapSpec>())
                lists.push_back(&map->body);
        }
    }
    return refs;
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

class FlowRun::Impl {
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

private:
    friend class ListRun;
    friend class StepContext;

    // --- events -----------------------------------------------------------------------------
    SpanId openSpan(SpanKind kind, std::string name, const std::string &stepId, SpanId parent,
                    int attempt = 0);
    void closeSpan(SpanId id, SpanStatus status, Json error = nullptr, Json request = nullptr,
                   Json response = nullptr);
    StepSummary &summary(const std::string &stepId);

    // --- control ----------------------------------------------------------------------------
    void runList(const std::vector<Step> *steps, FramePtr frame, ScopePtr scope, SpanId parentSpan,
                 Done done);
    void executeStep(const Step &step, FramePtr frame, ScopePtr scope, SpanId parentSpan,
                     Done done);
    void withRetry(const Step &step, const RetryPolicy *policy, FramePtr frame, ScopePtr scope,
                   SpanId stepSpan, int attempt,
                   std::function<void(int attempt, SpanId attemptSpan, Done)> action, Done done);
    void finishRun(Outcome outcome);
    void registerSecrets();
    // The flow of a call step's file, loaded once per run (a failed load is not kept, so the
    // step that needs it reports the errors).
    std::shared_ptr<const Flow> subFlow(const std::string &path, Errors &errors);
    void compensate(std::size_t remaining, bool anyFailed, StepError cause);
    void deliver();

    // --- actions ----------------------------------------------------------------------------
    void actHttp(const Step &step, const HttpRequestSpec &spec, FramePtr frame, ScopePtr scope,
                 SpanId attemptSpan, int attempt, std::uint64_t seedKey, Done done);
    void actTransform(const Step &step, FramePtr frame, Done done);
    void actScript(const Step &step, FramePtr frame, Done done);
    void actChoice(const Step &step, FramePtr frame, Done done);
    void actParallel(const Step &step, FramePtr frame, ScopePtr scope, SpanId stepSpan, Done done);
    void actMap(const Step &step, FramePtr frame, ScopePtr scope, SpanId stepSpan, Done done);
    void actWait(const Step &step, FramePtr frame, ScopePtr scope, SpanId stepSpan, Done done);
    void actCall(const Step &step, FramePtr frame, ScopePtr scope, SpanId stepSpan, Done done);
    void actRespond(const Step &step, FramePtr frame, Done done);
    void actFail(const Step &step, FramePtr frame, Done done);

    // --- leaf operations ----------------------------------------------------------------------
    void sleep(Micros delay, ScopePtr scope, std::function<void(bool cancelled)> done);
    void later(std::function<void()> fn);

    Result<Json> evaluate(const expr::JsonTemplate &t, FramePtr frame,
                          const Json *extraRoot = nullptr, std::string_view extraName = {});
    Result<Json> evaluate(const expr::Template &t, FramePtr frame);
    StepError expressionError(const Error &e, const Step &step) const;
    Micros stepTimeout(const Step &step) const;
    const ServiceSpec *service(const Step &step) const;
    std::size_t indexOf(const std::vector<Step> *steps, const std::string &id);

    struct Compensable {
        const Step *step;
        FramePtr frame;
        SpanId stepSpan;
    };

    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
    ScopePtr m_rootScope = std::make_shared<CancelScope>();
    // Compensation is not cancelled with the run, but is abandoned with it (see ~Impl).
    ScopePtr m_compensationScope = std::make_shared<CancelScope>();
    std::shared_ptr<FlowScope> m_mainFlow;
    Rng m_rng;       // uuid()
    Rng m_jitterRng; // retry jitter
    RunOutput m_out; // holds the sink and the redactor: see RunOutput
    SpanId m_nextSpan = 1;
    SpanId m_runSpan = 0;
    // Span ids count up from 1 within a run, so open spans live in a vector indexed by id − 1
    // (no hash node per span); a closed slot is moved out and left empty.
    std::vector<Span> m_spans;
    bool m_payloads = false; // build request/response payloads for the trace
    std::unordered_map<std::string, std::size_t> m_summaryIndex;
    std::vector<Compensable> m_completed;
    std::unordered_map<const std::vector<Step> *, std::unordered_map<std::string, std::size_t>>
        m_indexes;
    std::unordered_map<std::string, std::shared_ptr<const Flow>> m_subFlows;
    std::unique_ptr<ScriptEvaluator> m_ownScripts;
    std::unique_ptr<CircuitBreakers> m_ownBreakers;
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
};

// Expression roots for one step: input, steps, vars, env, item/index (and the `as` name),
// error, run, secret, now(), uuid().
class StepContext final : public expr::EvalContext {
public:
    StepContext(FlowRun::Impl &run, const Frame &frame, const Json *extra,
                std::string_view extraName)
        : m_run(run)
        , m_frame(frame)
        , m_extra(extra)
        , m_extraName(extraName)
    {
    }
    const Json *root(std::string_view name) const override
    {
        if (m_extra && name == m_extraName)
            return m_extra;
        if (name == "input")
            return &m_frame.flow->input;
        if (name == "vars")
            return &m_frame.flow->vars;
        if (name == "env")
            return &m_run.m_deps.environment->vars;
        if (name == "run")
            return &m_run.m_runRoot;
        if (name == "error")
            return m_frame.caughtError() ? m_frame.caughtError() : &kNull;
        if (name == "index") {
            const Frame *f = m_frame.itemFrame({});
            return f ? &f->index : nullptr;
        }
        if (const Frame *f = m_frame.itemFrame(name))
            return &f->item;
        return nullptr;
    }
    const Json *step(std::string_view id) const override { return m_frame.stepResult(id); }
    std::optional<std::string> secret(std::string_view name) override
    {
        if (!m_run.m_deps.environment->secret)
            return std::nullopt;
        auto value = m_run.m_deps.environment->secret(std::string(name));
        if (value)
            m_run.m_out.redactor().addSecret(*value);
        return value;
    }
    Micros now() override { return m_run.m_deps.clock->now(); }
    std::string uuid() override { return m_run.m_rng.uuid(); }

private:
    static inline const Json kNull = nullptr;
    FlowRun::Impl &m_run;
    const Frame &m_frame;
    const Json *m_extra;
    std::string_view m_extraName;
};

// Walks one list of steps. See the file comment for why it trampolines.
class ListRun : public std::enable_shared_from_this<ListRun> {
public:
    ListRun(FlowRun::Impl &run, const std::vector<Step> *steps, FramePtr frame, ScopePtr scope,
            SpanId parentSpan, Done done)
        : m_run(run)
        , m_steps(steps)
        , m_frame(std::move(frame))
        , m_scope(std::move(scope))
        , m_parentSpan(parentSpan)
        , m_done(std::move(done))
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
                finish(Outcome::failure({"cancelled", "cancelled", 0, (*m_steps)[m_index].id, {}}));
                return;
            }
            m_pending = true;
            m_completedSync = false;
            m_run.executeStep((*m_steps)[m_index], m_frame, m_scope, m_parentSpan,
                              [self](Outcome o) { self->stepDone(std::move(o)); });
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
    if (id == 0 || id > m_spans.size() || m_spans[id - 1].id != id)
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

StepSummary &FlowRun::Impl::summary(const std::string &stepId)
{
    auto [it, inserted] = m_summaryIndex.try_emplace(stepId, m_record.steps.size());
    if (inserted) {
        m_record.steps.push_back({});
        m_record.steps.back().id = stepId;
    }
    return m_record.steps[it->second];
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

Result<Json> FlowRun::Impl::evaluate(const expr::JsonTemplate &t, FramePtr frame, const Json *extra,
                                     std::string_view extraName)
{
    if (t.isConstant())
        return t.source();
    StepContext context(*this, *frame, extra, extraName);
    return t.evaluate(context);
}

Result<Json> FlowRun::Impl::evaluate(const expr::Template &t, FramePtr frame)
{
    StepContext context(*this, *frame, nullptr, {});
    return t.evaluate(context);
}

StepError FlowRun::Impl::expressionError(const Error &e, const Step &step) const
{
    // An expression that cannot be evaluated is a fault of the flow, reported with its location.
    return {"validation",
            e.toString() + (e.path.empty() ? "" : " (at " + e.path + ")"),
            0,
            step.id,
            {}};
}

Micros FlowRun::Impl::stepTimeout(const Step &step) const
{
    return step.timeout.value_or(m_flow->defaultTimeout);
}

const ServiceSpec *FlowRun::Impl::service(const Step &step) const
{
    auto it = m_flow->services.find(httpOf(step).service);
    return it == m_flow->services.end() ? nullptr : &it->second;
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
    if (m_options.validateInput && !m_flow->inputSchema.is_null()) {
        Errors problems = m_flow->inputValidator.validate(m_options.input);
        if (!problems.empty()) {
            std::string message = "input does not match the flow's input schema:";
            for (const auto &p : problems)
                message +=
                    " " + (p.path.empty() ? std::string("/") : p.path) + ": " + p.message + ";";
            message.pop_back();
            later([this, message] {
                finishRun(Outcome::failure({"validation", message, 0, {}, {}}));
            });
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
    // Start from the clock so onFinished is never called from inside start().
    later([this, frame] {
        runList(&m_flow->steps, frame, m_rootScope, 0,
                [this](Outcome o) { finishRun(std::move(o)); });
    });
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
        FlowReferences refs = flowReferences(*flows[i]);
        for (const std::string &name : refs.secrets) {
            if (std::find(seenSecrets.begin(), seenSecrets.end(), name) != seenSecrets.end())
                continue;
            seenSecrets.push_back(name);
            if (auto value = m_deps.environment->secret(name))
                m_out.redactor().addSecret(*value);
        }
        for (const std::string &path : refs.subFlows) {
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
    if (m_flowTimedOut && error.type == "cancelled") {
        error.type = "timeout";
        error.message = "the flow exceeded its timeout of " + formatDuration(m_flow->flowTimeout);
    }
    m_record.error = error.toJson();
    m_record.output = nullptr;
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
    static const RetryPolicy policy = [] {
        RetryPolicy p;
        p.retries = 3;
        p.interval = 200 * kMillisecond;
        p.backoff = 2.0;
        p.maxDelay = 5 * kSecond;
        p.on = {"timeout", "connection", "http.5xx", "http.429"};
        return p;
    }();
    auto scope = m_compensationScope->child(); // compensation is not cancelled with the run
    auto action = [this, &step, frame = entry.frame, scope](int attempt, SpanId attemptSpan,
                                                            Done done) {
        actHttp(step, *compensationOf(step), frame, scope, attemptSpan, attempt,
                mixSeed(frame->key, hashString(step.id) ^ 0xC0C0), std::move(done));
    };
    withRetry(step, &policy, entry.frame, scope, span, 1, action,
              [this, remaining, anyFailed, cause, span, id = step.id](Outcome o) mutable {
                  const bool failed = o.kind == Outcome::Kind::Error;
                  closeSpan(span, failed ? SpanStatus::Error : SpanStatus::Ok,
                            failed ? o.error.toJson() : Json(nullptr));
                  StepSummary &s = summary(id);
                  s.status = failed ? "compensation_failed" : "compensated";
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
    if (m_onFinished && *m_onFinished) {
        RunResult result{m_record, m_httpStatus};
        (*m_onFinished)(result);
    }
}

// --- one step ---------------------------------------------------------------------------------

void FlowRun::Impl::executeStep(const Step &step, FramePtr frame, ScopePtr scope, SpanId parentSpan,
                                Done done)
{
    const SpanId span = openSpan(SpanKind::Step, step.id, step.id, parentSpan);
    const Micros started = m_deps.clock->now();
    {
        StepSummary &s = summary(step.id);
        s.status = "running";
    }
    Done finish = [this, &step, frame, span, started, done = std::move(done)](Outcome o) mutable {
        StepSummary &s = summary(step.id);
        s.duration += m_deps.clock->now() - started;
        if (o.kind == Outcome::Kind::Error) {
            if (o.error.step.empty())
                o.error.step = step.id;
            const bool cancelled = o.error.type == "cancelled";
            s.status = cancelled ? "cancelled" : "failed";
            s.error = {{"type", o.error.type}, {"message", o.error.message}};
            closeSpan(span, cancelled ? SpanStatus::Cancelled : SpanStatus::Error,
                      o.error.toJson());
            if (!cancelled)
                for (const CatchRule &rule : step.catches)
                    if (errorMatchesAny(o.error.type, rule.on)) {
                        frame->error = o.error.toJson();
                        Json &slot = frame->results[step.id];
                        slot = Json::object();
                        slot["error"] = frame->error;
                        Outcome next{Outcome::Kind::Next, nullptr, rule.next, 0, {}};
                        next.ref = &slot;
                        done(std::move(next));
                        return;
                    }
            done(std::move(o));
            return;
        }
        s.status = "succeeded";
        s.error = nullptr;
        closeSpan(span, SpanStatus::Ok);
        if (o.kind == Outcome::Kind::Next || o.kind == Outcome::Kind::End) {
            Json &slot = frame->results[step.id];
            slot = std::move(o.value);
            o.value = nullptr;
            o.ref = &slot;
            if (compensationOf(step))
                m_completed.push_back({&step, frame, span});
            if (o.jump.empty() && !step.next.empty())
                o.jump = step.next;
            if (step.end)
                o.kind = Outcome::Kind::End;
        }
        done(std::move(o));
    };

    // `timeout:` on a parallel, map or call step bounds the whole step: when it expires the
    // step's work is cancelled and the step fails with `timeout` (http and script steps bound
    // each attempt instead, below).
    if (step.timeout && (step.type == StepType::Parallel || step.type == StepType::Map ||
                         step.type == StepType::Call)) {
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
            if (*timedOut && o.kind == Outcome::Kind::Error && o.error.type == "cancelled") {
                o.error.type = "timeout";
                o.error.message = "step did not finish within " + formatDuration(*step.timeout);
                o.error.step = step.id;
            }
            finish(std::move(o));
        };
    }

    switch (step.type) {
    case StepType::Http: {
        const RetryPolicy *policy =
            step.retry ? &*step.retry : (m_flow->defaultRetry ? &*m_flow->defaultRetry : nullptr);
        auto action = [this, &step, frame, scope](int attempt, SpanId attemptSpan, Done d) {
            actHttp(step, httpOf(step).request, frame, scope, attemptSpan, attempt,
                    mixSeed(frame->key, hashString(step.id)), std::move(d));
        };
        withRetry(step, policy, frame, scope, span, 1, action, std::move(finish));
        return;
    }
    case StepType::Script:
        if (step.retry) {
            withRetry(
                step, &*step.retry, frame, scope, span, 1,
                [this, &step, frame](int, SpanId, Done d) { actScript(step, frame, std::move(d)); },
                std::move(finish));
        } else {
            actScript(step, frame, std::move(finish));
        }
        return;
    case StepType::Call:
        if (step.retry) {
            withRetry(
                step, &*step.retry, frame, scope, span, 1,
                [this, &step, frame, scope](int, SpanId attemptSpan, Done d) {
                    actCall(step, frame, scope, attemptSpan, std::move(d));
                },
                std::move(finish));
        } else {
            actCall(step, frame, scope, span, std::move(finish));
        }
        return;
    case StepType::Transform:
        actTransform(step, frame, std::move(finish));
        return;
    case StepType::Choice:
        actChoice(step, frame, std::move(finish));
        return;
    case StepType::Parallel:
        actParallel(step, frame, scope, span, std::move(finish));
        return;
    case StepType::Map:
        actMap(step, frame, scope, span, std::move(finish));
        return;
    case StepType::Wait:
        actWait(step, frame, scope, span, std::move(finish));
        return;
    case StepType::Respond:
        actRespond(step, frame, std::move(finish));
        return;
    case StepType::Fail:
        actFail(step, frame, std::move(finish));
        return;
    }
}

void FlowRun::Impl::withRetry(const Step &step, const RetryPolicy *policy, FramePtr frame,
                              ScopePtr scope, SpanId stepSpan, int attempt,
                              std::function<void(int, SpanId, Done)> action, Done done)
{
    const SpanId attemptSpan = openSpan(SpanKind::Attempt, "attempt " + std::to_string(attempt),
                                        step.id, stepSpan, attempt);
    // Attempts of a compensation request are its own spans, not attempts of the step.
    const bool compensating = stepSpan > 0 && stepSpan <= m_spans.size() &&
                              m_spans[stepSpan - 1].kind == SpanKind::Compensation;
    if (!compensating)
        summary(step.id).attempts += 1;
    auto actionCopy = action;
    action(attempt, attemptSpan,
           [this, &step, policy, frame, scope, stepSpan, attempt, attemptSpan,
            action = std::move(actionCopy), done = std::move(done)](Outcome o) mutable {
               if (o.kind != Outcome::Kind::Error) {
                   done(std::move(o));
                   return;
               }
               const bool retry = policy && attempt <= policy->retries && !scope->cancelled() &&
                                  errorMatchesAny(o.error.type, policy->on);
               if (!retry) {
                   done(std::move(o));
                   return;
               }
               const Micros delay = retryDelay(*policy, attempt, m_jitterRng, o.error.retryAfter);
               const SpanId wait = openSpan(SpanKind::Wait, "backoff", step.id, stepSpan);
               sleep(delay, scope,
                     [this, &step, policy, frame, scope, stepSpan, attempt, wait,
                      action = std::move(action), done = std::move(done),
                      error = std::move(o.error)](bool cancelled) mutable {
                         closeSpan(wait, cancelled ? SpanStatus::Cancelled : SpanStatus::Ok);
                         if (cancelled) {
                             done(Outcome::failure(
                                 {"cancelled", "cancelled during backoff", 0, step.id, {}}));
                             return;
                         }
                         withRetry(step, policy, frame, scope, stepSpan, attempt + 1,
                                   std::move(action), std::move(done));
                     });
           });
    (void)attemptSpan;
}

// --- leaf operations --------------------------------------------------------------------------

void FlowRun::Impl::sleep(Micros delay, ScopePtr scope, std::function<void(bool)> done)
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

// --- actions ----------------------------------------------------------------------------------

void FlowRun::Impl::actHttp(const Step &step, const HttpRequestSpec &spec, FramePtr frame,
                            ScopePtr scope, SpanId attemptSpan, int attempt, std::uint64_t seedKey,
                            Done done)
{
    const auto fail = [&](StepError e) {
        closeSpan(attemptSpan, SpanStatus::Error, e.toJson());
        later([done = std::move(done), e = std::move(e)]() mutable {
            done(Outcome::failure(std::move(e)));
        });
    };
    if (scope->cancelled())
        return fail({"cancelled", "cancelled", 0, step.id, {}});

    // SPEC §9: what templating put into the request line and the headers is encoded or refused
    // here, before any transport sees the request: never sent, never silently stripped.
    const auto refuse = [&](const std::string &why) {
        fail({"validation", "request not sent: " + why, 0, step.id, {}});
    };
    StepContext context(*this, *frame, nullptr, {});

    HttpRequest request;
    request.method = spec.method;
    request.service = httpOf(step).service;
    request.maxBody = httpOf(step).maxBody;
    // Base URL: the service's, per environment; or the step's full URL.
    std::string url;
    if (spec.url) {
        auto u = renderUrl(*spec.url, context, UrlPart::Start, "the url");
        if (!u)
            return fail(expressionError(u.error(), step));
        if (!u->refused.empty())
            return refuse(u->refused);
        url = std::move(u->text);
    } else {
        const std::string &env = m_deps.environment->name;
        if (env == "mock") {
            url = "mock://" + httpOf(step).service;
        } else if (auto it = m_deps.environment->serviceUrls.find(httpOf(step).service);
                   it != m_deps.environment->serviceUrls.end()) {
            url = it->second;
        } else if (const ServiceSpec *svc = service(step); svc && svc->baseUrl) {
            url = *svc->baseUrl;
        } else {
            return fail({"validation",
                         "service '" + httpOf(step).service + "' has no base URL in environment '" +
                             env + "'",
                         0,
                         step.id,
                         {}});
        }
        std::string path;
        if (spec.path) {
            auto p = renderUrl(*spec.path, context, UrlPart::Path, "the path");
            if (!p)
                return fail(expressionError(p.error(), step));
            if (!p->refused.empty())
                return refuse(p->refused);
            path = std::move(p->text);
        }
        if (!url.empty() && url.back() == '/' && !path.empty() && path.front() == '/')
            url.pop_back();
        else if (!path.empty() && path.front() != '/')
            url += '/';
        url += path;
    }
    if (spec.query) {
        auto q = evaluate(*spec.query, frame);
        if (!q)
            return fail(expressionError(q.error(), step));
        if (q->is_object() && !q->empty()) {
            if (const std::string why = queryProblem(*q); !why.empty())
                return refuse(why);
            url += (url.find('?') == std::string::npos ? "?" : "&") + formEncode(*q);
        }
    }
    if (spec.headers) {
        auto h = evaluate(*spec.headers, frame);
        if (!h)
            return fail(expressionError(h.error(), step));
        if (h->is_object())
            for (auto it = h->begin(); it != h->end(); ++it)
                request.headers.emplace_back(it.key(), scalarText(*it));
    }
    // Authentication: the step's, else the service's.
    const AuthSpec *auth = httpOf(step).auth ? &*httpOf(step).auth : nullptr;
    if (!auth)
        if (const ServiceSpec *svc = service(step); svc && svc->auth)
            auth = &*svc->auth;
    if (auth && auth->type != AuthSpec::Type::None) {
        auto field = [&](const char *name) -> Result<std::string> {
            auto it = auth->fields.find(name);
            if (it == auth->fields.end())
                return std::string();
            auto v = evaluate(it->second, frame);
            if (!v)
                return std::unexpected(v.error());
            return scalarText(*v);
        };
        Result<std::string> a = std::string(), b = std::string();
        switch (auth->type) {
        case AuthSpec::Type::Bearer:
            a = field("token");
            if (a)
                request.headers.emplace_back("Authorization", "Bearer " + *a);
            break;
        case AuthSpec::Type::Basic:
            a = field("user");
            b = field("password");
            if (a && b)
                request.headers.emplace_back("Authorization",
                                             "Basic " + base64Encode(*a + ":" + *b));
            break;
        case AuthSpec::Type::ApiKey:
            a = field("value");
            if (a && !auth->apiKeyHeader.empty())
                request.headers.emplace_back(auth->apiKeyHeader, *a);
            else if (a && !auth->apiKeyQuery.empty()) {
                const Json key = {{auth->apiKeyQuery, *a}};
                if (const std::string why = queryProblem(key); !why.empty())
                    return refuse(why + " (api_key auth)");
                url += (url.find('?') == std::string::npos ? "?" : "&") + formEncode(key);
            }
            break;
        case AuthSpec::Type::OAuth2ClientCredentials:
            return fail(
                {"validation", "oauth2_client_credentials is not supported yet", 0, step.id, {}});
        case AuthSpec::Type::None:
            break;
        }
        if (!a)
            return fail(expressionError(a.error(), step));
        if (!b)
            return fail(expressionError(b.error(), step));
    }
    Json spanBody; // what the trace shows as the request body (only built when traced)
    if (spec.form) {
        auto f = evaluate(*spec.form, frame);
        if (!f)
            return fail(expressionError(f.error(), step));
        request.body = formEncode(*f);
        request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    } else if (spec.body) {
        auto b = evaluate(*spec.body, frame);
        const auto keepBody = [&](Json &&value) {
            if (m_payloads)
                spanBody = std::move(value);
        };
        if (!b)
            return fail(expressionError(b.error(), step));
        if (b->is_string()) {
            request.body = b->get<std::string>();
            keepBody(std::move(*b));
            if (!findHeader(request.headers, "Content-Type"))
                request.headers.emplace_back("Content-Type", "text/plain; charset=utf-8");
        } else {
            request.body = b->dump();
            keepBody(std::move(*b));
            if (!findHeader(request.headers, "Content-Type"))
                request.headers.emplace_back("Content-Type", "application/json");
        }
    }
    request.url = std::move(url);
    // Method, header names (tokens) and values (no CR, LF, NUL), and the URL as assembled.
    if (const std::string why = requestProblem(request); !why.empty())
        return refuse(why);
    const Micros timeout = stepTimeout(step);
    request.timeout = timeout + kTransportMargin;
    request.drawSeed =
        mixSeed(mixSeed(m_options.seed, seedKey), static_cast<std::uint64_t>(attempt));

    // The request as the trace shows it (redacted later, in closeSpan); only when traced.
    Json requestJson;
    if (m_payloads) {
        requestJson = Json::object();
        requestJson["method"] = request.method;
        requestJson["url"] = request.url;
        requestJson["headers"] = m_out.redactor().redactHeaders(request.headers);
        if (!spanBody.is_null())
            requestJson["body"] = std::move(spanBody);
        else if (!request.body.empty())
            requestJson["body"] = request.body;
    }

    // Circuit breaker of the service.
    const ServiceSpec *svc = service(step);
    const CircuitBreakerSpec *circuit = svc && svc->circuit ? &*svc->circuit : nullptr;
    if (circuit && !m_deps.breakers->allow(httpOf(step).service, *circuit, m_deps.clock->now())) {
        StepError e{"circuit_open",
                    "the circuit of service '" + httpOf(step).service + "' is open",
                    0,
                    step.id,
                    {}};
        closeSpan(attemptSpan, SpanStatus::Error, e.toJson(), std::move(requestJson));
        later([done = std::move(done), e]() mutable { done(Outcome::failure(e)); });
        return;
    }

    struct Pending {
        bool finished = false;
        std::uint64_t op = 0;
        std::uint64_t hook = 0;
        RequestId request = 0;
        TimerId timer = 0;
        Done done;
        Json requestJson;
        std::string url;
    };
    auto p = std::make_shared<Pending>();
    p->op = m_nextOp++;
    p->done = std::move(done);
    p->requestJson = std::move(requestJson);
    p->url = request.url;
    std::weak_ptr<bool> alive = m_alive;

    // Classifies the transport result into a step outcome; closes the attempt span.
    const bool isMainRequest = &spec == &httpOf(step).request;
    auto complete = [this, &step, p, scope, attemptSpan, circuit, frame,
                     isMainRequest](TransportResult r) {
        if (p->finished)
            return;
        p->finished = true;
        m_pendingRequests.erase(p->op);
        scope->remove(p->hook);
        Json responseJson = nullptr;
        std::optional<StepError> error;
        Json result;
        switch (r.error) {
        case TransportError::None: {
            HttpResponse &resp = r.response;
            Json body = nullptr;
            if (resp.json) {
                body = std::move(*resp.json); // in-process mocks hand over parsed bodies
            } else if (!resp.body.empty()) {
                if (isJsonContentType(findHeader(resp.headers, "Content-Type"))) {
                    // Depth-bounded: a 100,000-deep body is this step's parse error, not a
                    // stack overflow in a later dump or copy. Its size is max_body's business.
                    JsonLimits limits;
                    limits.maxBytes = std::numeric_limits<std::size_t>::max();
                    auto parsed = parseJson(resp.body, limits);
                    if (parsed) {
                        body = std::move(*parsed);
                    } else {
                        body = resp.body;
                        error = StepError{"parse",
                                          "response body is not valid JSON (" +
                                              jsonErrorText(parsed.error()) + ")",
                                          resp.status,
                                          step.id,
                                          {}};
                    }
                } else {
                    body = resp.body;
                }
            }
            if (!statusExpected(step, resp.status)) {
                StepError e{"http." + std::to_string(resp.status),
                            "HTTP " + std::to_string(resp.status) + " from " + p->url,
                            resp.status,
                            step.id,
                            {}};
                if (const std::string *ra = findHeader(resp.headers, "Retry-After"))
                    e.retryAfter = parseRetryAfter(*ra, m_deps.clock->now());
                error = std::move(e);
            }
            if (m_payloads) {
                responseJson = Json::object();
                responseJson["status"] = resp.status;
                responseJson["headers"] = m_out.redactor().redactHeaders(resp.headers);
                responseJson["body"] = error ? std::move(body) : body;
            }
            if (!error) {
                Json lowered = Json::object();
                for (const auto &[k, v] : resp.headers) {
                    std::string key = k;
                    std::transform(key.begin(), key.end(), key.begin(), ::tolower);
                    lowered[std::move(key)] = v;
                }
                result = Json::object();
                result["status"] = resp.status;
                result["headers"] = std::move(lowered);
                result["body"] = std::move(body);
            }
            break;
        }
        case TransportError::Connection:
            error = StepError{"connection", r.errorMessage, 0, step.id, {}};
            break;
        case TransportError::Timeout:
            error = StepError{
                "timeout", "no answer within " + formatDuration(stepTimeout(step)), 0, step.id, {}};
            break;
        case TransportError::TooLarge:
            error = StepError{"parse",
                              "response body is larger than " +
                                  std::to_string(httpOf(step).maxBody) + " bytes (raise max_body)",
                              0,
                              step.id,
                              {}};
            break;
        case TransportError::Cancelled:
            error = StepError{"cancelled", "cancelled", 0, step.id, {}};
            break;
        }
        if (circuit && (!error || error->type != "cancelled")) {
            const bool failure =
                error && (error->type == "timeout" || error->type == "connection" ||
                          error->type.starts_with("http.5"));
            m_deps.breakers->record(httpOf(step).service, *circuit, failure, m_deps.clock->now());
        }
        if (error) {
            closeSpan(attemptSpan,
                      error->type == "cancelled" ? SpanStatus::Cancelled : SpanStatus::Error,
                      error->toJson(), std::move(p->requestJson), std::move(responseJson));
            auto d = std::move(p->done);
            d(Outcome::failure(std::move(*error)));
            return;
        }
        closeSpan(attemptSpan, SpanStatus::Ok, nullptr, std::move(p->requestJson),
                  std::move(responseJson));
        if (httpOf(step).output && isMainRequest) {
            // `output:` shapes the stored result; the raw one is readable as `response`.
            auto shaped = evaluate(*httpOf(step).output, frame, &result, "response");
            if (!shaped) {
                auto d = std::move(p->done);
                d(Outcome::failure(expressionError(shaped.error(), step)));
                return;
            }
            result = std::move(*shaped);
        }
        auto d = std::move(p->done);
        d(Outcome::ok(std::move(result)));
    };

    p->request = m_deps.transport->send(std::move(request), [alive, complete](TransportResult r) {
        if (auto a = alive.lock(); a && *a)
            complete(std::move(r));
    });
    p->timer = m_deps.clock->schedule(timeout, [this, alive, p, complete] {
        if (auto a = alive.lock(); !a || !*a)
            return;
        if (p->finished)
            return;
        m_deps.transport->cancel(p->request);
        TransportResult r;
        r.error = TransportError::Timeout;
        complete(std::move(r));
    });
    m_pendingRequests.emplace(p->op, PendingRequest{p->request, p->timer});
    p->hook = scope->onCancel([this, p, complete] {
        if (p->finished)
            return;
        m_deps.transport->cancel(p->request);
        m_deps.clock->cancel(p->timer);
        later([complete] {
            TransportResult r;
            r.error = TransportError::Cancelled;
            complete(std::move(r));
        });
    });
    // The timer must not outlive a normal completion. (Its id, not p: p owns this callback,
    // and holding p here made a cycle that leaked a run destroyed mid-request.)
    auto originalDone = std::move(p->done);
    p->done = [this, timer = p->timer, originalDone = std::move(originalDone)](Outcome o) mutable {
        m_deps.clock->cancel(timer);
        originalDone(std::move(o));
    };
}

void FlowRun::Impl::actTransform(const Step &step, FramePtr frame, Done done)
{
    Json result = Json::object();
    for (const auto &[name, tmpl] : step.as<TransformSpec>().set) {
        auto value = evaluate(tmpl, frame);
        if (!value)
            return done(Outcome::failure(expressionError(value.error(), step)));
        frame->flow->vars[name] = *value;
        result[name] = std::move(*value);
    }
    done(Outcome::ok(std::move(result)));
}

void FlowRun::Impl::actScript(const Step &step, FramePtr frame, Done done)
{
    ScriptEvaluator *scripts = m_deps.scripts;
    if (!scripts) {
        thread_local ScriptEvaluator perThread;
        scripts = &perThread;
    }
    Json context = {{"input", frame->flow->input},
                    {"steps", frame->visibleSteps()},
                    {"vars", frame->flow->vars},
                    {"env", m_deps.environment->vars},
                    {"run", m_runRoot},
                    {"item", nullptr},
                    {"index", nullptr}};
    if (const Frame *f = frame->itemFrame({})) {
        context["item"] = f->item;
        context["index"] = f->index;
    }
    ScriptOutcome out = scripts->evaluate(step.as<ScriptSpec>().code, context,
                                          step.timeout.value_or(kDefaultScriptTimeout),
                                          step.as<ScriptSpec>().memory);
    if (!out.ok) {
        std::string where;
        if (step.as<ScriptSpec>()
                .codeLocation.isKnown()) // codeLocation is the code's first line, out.line 1-based
            where = step.as<ScriptSpec>().codeLocation.file + ":" +
                    std::to_string(step.as<ScriptSpec>().codeLocation.line +
                                   std::max(0, out.line - 1)) +
                    ": ";
        return done(Outcome::failure(
            {out.timedOut ? "timeout" : "script", where + out.message, 0, step.id, {}}));
    }
    done(Outcome::ok(std::move(out.value)));
}

void FlowRun::Impl::actChoice(const Step &step, FramePtr frame, Done done)
{
    for (const ChoiceCase &c : step.as<ChoiceSpec>().cases) {
        auto value = evaluate(c.when, frame);
        if (!value)
            return done(Outcome::failure(expressionError(value.error(), step)));
        if (truthy(*value))
            return done(Outcome{Outcome::Kind::Next, Json{{"next", c.next}}, c.next, 0, {}});
    }
    if (!step.as<ChoiceSpec>().defaultNext.empty())
        return done(Outcome{Outcome::Kind::Next,
                            Json{{"next", step.as<ChoiceSpec>().defaultNext}},
                            step.as<ChoiceSpec>().defaultNext,
                            0,
                            {}});
    done(Outcome::ok(Json{{"next", nullptr}}));
}

void FlowRun::Impl::actParallel(const Step &step, FramePtr frame, ScopePtr scope, SpanId stepSpan,
                                Done done)
{
    struct State {
        std::size_t remaining = 0;
        Json results = Json::object();
        std::vector<FramePtr> frames;
        std::optional<StepError> firstError;
        ScopePtr scope;
        Done done;
    };
    auto st = std::make_shared<State>();
    st->remaining = step.as<ParallelSpec>().branches.size();
    st->scope = scope->child();
    st->done = std::move(done);
    if (step.as<ParallelSpec>().branches.empty())
        return st->done(Outcome::ok(Json::object()));
    for (const Branch &branch : step.as<ParallelSpec>().branches)
        st->results[branch.name] = nullptr;
    for (const Branch &branch : step.as<ParallelSpec>().branches) {
        auto bf = std::make_shared<Frame>();
        bf->parent = frame;
        bf->flow = frame->flow;
        bf->key = mixSeed(mixSeed(frame->key, hashString(step.id)), hashString(branch.name));
        st->frames.push_back(bf);
        const SpanId span = openSpan(SpanKind::Branch, branch.name, step.id, stepSpan);
        runList(&branch.steps, bf, st->scope, span,
                [this, st, span, frame, &step, name = branch.name](Outcome o) {
                    const bool failed = o.kind == Outcome::Kind::Error;
                    closeSpan(span,
                              failed ? (o.error.type == "cancelled" ? SpanStatus::Cancelled
                                                                    : SpanStatus::Error)
                                     : SpanStatus::Ok,
                              failed ? o.error.toJson() : Json(nullptr));
                    if (failed) {
                        if (!st->firstError ||
                            (st->firstError->type == "cancelled" && o.error.type != "cancelled"))
                            st->firstError = o.error;
                        if (step.as<ParallelSpec>().failFast)
                            st->scope->cancel();
                    } else {
                        st->results[name] = std::move(o.value);
                    }
                    if (--st->remaining > 0)
                        return;
                    // Steps inside branches stay readable after the parallel step (ids are unique).
                    for (const FramePtr &bf : st->frames)
                        for (auto &[id, value] : bf->results)
                            frame->results[id] = value;
                    auto d = std::move(st->done);
                    if (st->firstError)
                        d(Outcome::failure(std::move(*st->firstError)));
                    else
                        d(Outcome::ok(std::move(st->results)));
                });
    }
}

void FlowRun::Impl::actMap(const Step &step, FramePtr frame, ScopePtr scope, SpanId stepSpan,
                           Done done)
{
    auto items = evaluate(*step.as<MapSpec>().items, frame);
    if (!items)
        return done(Outcome::failure(expressionError(items.error(), step)));
    if (!items->is_array())
        return done(
            Outcome::failure({"validation",
                              "map items must be an array, got " + std::string(items->type_name()),
                              0,
                              step.id,
                              {}}));
    // Items are started by one loop (pump) that a synchronous body re-enters: an item that
    // finishes while pump is starting others only records its result and returns, and the loop
    // picks up the free slot. So no callback ever destroys code that is still running (the
    // launcher used to be a std::function that the last item cleared from inside itself), and a
    // long list of synchronous items does not grow the stack. The state lives as long as a
    // caller holds it: pump's caller and each pending item callback keep a shared_ptr.
    struct State : std::enable_shared_from_this<State> {
        Impl *run = nullptr;
        const Step *step = nullptr;
        FramePtr frame;
        SpanId stepSpan = 0;
        Json items;
        Json results;
        std::size_t n = 0, limit = 0;
        std::size_t next = 0, running = 0, failed = 0;
        std::size_t tolerance = 0;
        bool busy = false; // inside pump or an item's completion: re-entries only record
        std::optional<StepError> firstError;
        ScopePtr scope;
        Done done;

        void pump()
        {
            if (busy)
                return;
            auto self = shared_from_this();
            busy = true;
            while (running < limit && next < n && !firstError)
                startItem(next++);
            busy = false;
            finishIfDone();
        }
        void startItem(std::size_t i)
        {
            ++running;
            auto itemFrame = std::make_shared<Frame>();
            itemFrame->parent = frame;
            itemFrame->flow = frame->flow;
            itemFrame->hasItem = true;
            itemFrame->itemName = step->as<MapSpec>().as;
            itemFrame->item = items[i];
            itemFrame->index = i;
            itemFrame->key = mixSeed(mixSeed(frame->key, hashString(step->id)), i + 1);
            const SpanId span =
                run->openSpan(SpanKind::Item, "item " + std::to_string(i), step->id, stepSpan);
            run->runList(&step->as<MapSpec>().body, itemFrame, scope, span,
                         [self = shared_from_this(), span, i](Outcome o) {
                             self->itemDone(span, i, std::move(o));
                         });
        }
        void itemDone(SpanId span, std::size_t i, Outcome o)
        {
            // Cancelling the scope below can finish other items synchronously: they only record.
            const bool nested = busy;
            busy = true;
            --running;
            const bool failedItem = o.kind == Outcome::Kind::Error;
            run->closeSpan(span,
                           failedItem ? (o.error.type == "cancelled" ? SpanStatus::Cancelled
                                                                     : SpanStatus::Error)
                                      : SpanStatus::Ok,
                           failedItem ? o.error.toJson() : Json(nullptr));
            if (failedItem) {
                results[i] = Json{{"error", o.error.toJson()}};
                if (o.error.type != "cancelled" && ++failed > tolerance && !firstError) {
                    firstError = o.error;
                    firstError->message = "item " + std::to_string(i) + ": " + o.error.message;
                    scope->cancel();
                }
            } else {
                results[i] = std::move(o.value);
            }
            busy = nested;
            if (!nested)
                pump();
        }
        void finishIfDone()
        {
            const bool allStarted = next >= n || firstError;
            if (running != 0 || !allStarted || !done)
                return;
            auto d = std::exchange(done, nullptr);
            if (firstError)
                d(Outcome::failure(std::move(*firstError)));
            else
                d(Outcome::ok(std::move(results)));
        }
    };
    auto st = std::make_shared<State>();
    st->run = this;
    st->step = &step;
    st->frame = std::move(frame);
    st->stepSpan = stepSpan;
    st->items = std::move(*items);
    st->n = st->items.size();
    st->results = Json::array();
    for (std::size_t i = 0; i < st->n; ++i)
        st->results.push_back(nullptr);
    if (step.as<MapSpec>().tolerateCount)
        st->tolerance = static_cast<std::size_t>(std::max(0, *step.as<MapSpec>().tolerateCount));
    else if (step.as<MapSpec>().toleratePercent)
        st->tolerance = static_cast<std::size_t>(*step.as<MapSpec>().toleratePercent / 100.0 *
                                                 static_cast<double>(st->n));
    st->scope = scope->child();
    st->done = std::move(done);
    if (st->n == 0)
        return std::exchange(st->done, nullptr)(Outcome::ok(Json::array()));
    st->limit = step.as<MapSpec>().concurrency > 0
                    ? static_cast<std::size_t>(step.as<MapSpec>().concurrency)
                    : st->n;
    st->pump();
}

void FlowRun::Impl::actWait(const Step &step, FramePtr frame, ScopePtr scope, SpanId stepSpan,
                            Done done)
{
    Micros delay = step.as<WaitSpec>().duration.value_or(0);
    if (step.as<WaitSpec>().until) {
        auto at = evaluate(*step.as<WaitSpec>().until, frame);
        if (!at)
            return done(Outcome::failure(expressionError(at.error(), step)));
        Micros target = 0;
        if (at->is_number()) {
            target = static_cast<Micros>(at->get<double>() * 1000.0);
        } else if (at->is_string()) {
            std::tm tm{};
            const std::string text = at->get<std::string>();
            const char *rest = strptime(text.c_str(), "%Y-%m-%dT%H:%M:%S", &tm);
            if (!rest)
                return done(Outcome::failure({"validation",
                                              "wait until: '" + text + "' is not an ISO-8601 time",
                                              0,
                                              step.id,
                                              {}}));
            target = static_cast<Micros>(timegm(&tm)) * kSecond;
            if (*rest == '.')
                target += static_cast<Micros>(std::strtod(rest, nullptr) * kSecond);
        } else {
            return done(Outcome::failure({"validation",
                                          "wait until needs a time (ISO-8601 text or epoch ms)",
                                          0,
                                          step.id,
                                          {}}));
        }
        delay = std::max<Micros>(0, target - m_deps.clock->now());
    }
    const SpanId span =
        openSpan(SpanKind::Wait, "wait " + formatDuration(delay), step.id, stepSpan);
    sleep(delay, scope, [this, span, &step, delay, done = std::move(done)](bool cancelled) {
        closeSpan(span, cancelled ? SpanStatus::Cancelled : SpanStatus::Ok);
        if (cancelled)
            return done(Outcome::failure({"cancelled", "cancelled while waiting", 0, step.id, {}}));
        done(Outcome::ok(Json{{"waited_ms", delay / kMillisecond}}));
    });
}

void FlowRun::Impl::actCall(const Step &step, FramePtr frame, ScopePtr scope, SpanId stepSpan,
                            Done done)
{
    Errors errors;
    std::shared_ptr<const Flow> callee = subFlow(step.as<CallSpec>().flowPath, errors);
    if (!callee)
        return done(Outcome::failure({"validation",
                                      "sub-flow " + step.as<CallSpec>().flowPath + " is invalid" +
                                          (errors.empty() ? "" : ": " + errors.front().toString()),
                                      0,
                                      step.id,
                                      {}}));
    Json input = Json::object();
    if (step.as<CallSpec>().input) {
        auto v = evaluate(*step.as<CallSpec>().input, frame);
        if (!v)
            return done(Outcome::failure(expressionError(v.error(), step)));
        input = std::move(*v);
    }
    if (!callee->inputSchema.is_null()) {
        Errors problems = callee->inputValidator.validate(input);
        if (!problems.empty())
            return done(Outcome::failure({"validation",
                                          "input of sub-flow '" + callee->name +
                                              "': " + problems.front().path + ": " +
                                              problems.front().message,
                                          0,
                                          step.id,
                                          {}}));
    }
    auto calleeFrame = std::make_shared<Frame>();
    calleeFrame->parent = frame;
    calleeFrame->boundary = true;
    calleeFrame->flow =
        std::make_shared<FlowScope>(FlowScope{callee, std::move(input), Json::object()});
    calleeFrame->key = mixSeed(frame->key, hashString(step.id) ^ 0xCA11);
    runList(&callee->steps, calleeFrame, scope, stepSpan, [done = std::move(done)](Outcome o) {
        if (o.kind == Outcome::Kind::Respond || o.kind == Outcome::Kind::End)
            o.kind = Outcome::Kind::Next;
        o.jump.clear();
        done(std::move(o));
    });
}

void FlowRun::Impl::actRespond(const Step &step, FramePtr frame, Done done)
{
    Json body = nullptr;
    if (step.as<RespondSpec>().body) {
        auto v = evaluate(*step.as<RespondSpec>().body, frame);
        if (!v)
            return done(Outcome::failure(expressionError(v.error(), step)));
        body = std::move(*v);
    }
    done(Outcome{Outcome::Kind::Respond, std::move(body), {}, step.as<RespondSpec>().status, {}});
}

void FlowRun::Impl::actFail(const Step &step, FramePtr frame, Done done)
{
    std::string message = step.as<FailSpec>().errorName;
    if (step.as<FailSpec>().message) {
        StepContext context(*this, *frame, nullptr, {});
        auto v = step.as<FailSpec>().message->evaluateString(context);
        if (!v)
            return done(Outcome::failure(expressionError(v.error(), step)));
        message = *v;
    }
    done(Outcome::failure({step.as<FailSpec>().errorName, message, 0, step.id, {}}));
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
