// DebugSession: deciding where a run stops, holding it there, and the context at the stop.
#include <engine/debug/debugsession.h>

#include <engine/core/jsonnames.h>
#include <engine/model/flowparser.h>
#include <engine/runtime/executor.h>
#include <engine/runtime/frame.h>

#include <utility>

namespace tutti::engine {

using internal::Frame;
using FramePtr = std::shared_ptr<Frame>;

const char *toString(StopReason reason)
{
    switch (reason) {
    case StopReason::Entry:
        return "entry";
    case StopReason::Breakpoint:
        return "breakpoint";
    case StopReason::Step:
        return "step";
    case StopReason::Pause:
        return "pause";
    case StopReason::Exception:
        return "exception";
    }
    return "breakpoint";
}

const char *toString(DebugScope scope)
{
    switch (scope) {
    case DebugScope::Input:
        return "input";
    case DebugScope::Steps:
        return "steps";
    case DebugScope::Vars:
        return "vars";
    case DebugScope::Env:
        return "env";
    case DebugScope::Error:
        return "error";
    case DebugScope::Request:
        return "request";
    }
    return "input";
}

namespace {

bool isCancellation(const Json &error)
{
    return error.is_object() && error.value("type", std::string()) == "cancelled";
}

} // namespace

DebugSession::DebugSession() = default;
DebugSession::~DebugSession() = default;

std::vector<std::optional<Error>>
DebugSession::setBreakpoints(const std::string &flowFile,
                             const std::vector<Breakpoint> &breakpoints)
{
    std::vector<std::optional<Error>> problems;
    std::map<std::string, Condition> conditions;
    for (const Breakpoint &bp : breakpoints) {
        Condition condition{bp.condition, std::nullopt};
        if (!bp.condition.empty()) {
            auto parsed = expr::Template::parseBareExpression(bp.condition);
            if (!parsed) {
                problems.push_back(parsed.error());
                continue;
            }
            condition.expression = std::move(*parsed);
        }
        problems.push_back(std::nullopt);
        conditions[bp.stepId] = std::move(condition);
    }
    const std::string key = m_run && flowFile == m_run->flow().filePath ? std::string() : flowFile;
    m_breakpoints[key] = std::move(conditions);
    return problems;
}

// --- commands ------------------------------------------------------------------------------------

void DebugSession::continueRun()
{
    release(Mode::Run);
}

void DebugSession::stepOver()
{
    release(Mode::Over);
}

void DebugSession::stepIn()
{
    release(Mode::In);
}

void DebugSession::pause()
{
    if (m_run && !m_paused && !m_stopping)
        m_pauseRequested = true;
}

void DebugSession::stop()
{
    if (!m_run || m_stopping)
        return;
    m_stopping = true;
    m_run->cancelRun(); // calls runCancelled(), which lets every held step go on to its end
}

// --- the hook ------------------------------------------------------------------------------------

void DebugSession::runStarted(DebugRun &run)
{
    m_run = &run;
    m_finished = false;
    m_stopping = false;
    m_seenFirstStep = false;
    // Breakpoints set before the run knew its flow's path under that path belong to it.
    if (auto it = m_breakpoints.find(run.flow().filePath);
        it != m_breakpoints.end() && !run.flow().filePath.empty()) {
        auto moved = std::move(it->second);
        m_breakpoints.erase(it);
        for (auto &[id, condition] : moved)
            m_breakpoints[""][id] = std::move(condition);
    }
}

void DebugSession::beforeStep(const DebugPoint &at, std::function<void()> resume)
{
    if (!m_run || m_stopping) {
        resume();
        return;
    }
    if (m_paused) { // all-stop: it waits for the run to go on
        m_held.push_back({at, std::move(resume)});
        return;
    }
    decide(at, std::move(resume));
}

void DebugSession::decide(const DebugPoint &at, std::function<void()> resume)
{
    const bool first = !m_seenFirstStep;
    m_seenFirstStep = true;
    const std::string &id = at.step->id;
    if (first && m_stopOnEntry)
        return stopAt({at, std::move(resume)}, StopReason::Entry, "entry: " + id);
    if (const Condition *condition = breakpointAt(at)) {
        if (!condition->expression)
            return stopAt({at, std::move(resume)}, StopReason::Breakpoint, "breakpoint at " + id);
        auto value = m_run->evaluateAt(*condition->expression, *at.frame);
        if (!value) // a condition that cannot be evaluated stops, saying why
            return stopAt({at, std::move(resume)}, StopReason::Breakpoint,
                          "breakpoint at " + id +
                              ": its condition failed: " + value.error().message);
        if (expr::truthy(*value))
            return stopAt({at, std::move(resume)}, StopReason::Breakpoint,
                          "breakpoint at " + id + " (" + condition->text + ")");
    }
    if (m_mode != Mode::Run && steppingStopsAt(at))
        return stopAt({at, std::move(resume)}, StopReason::Step, "step: " + id);
    if (m_pauseRequested)
        return stopAt({at, std::move(resume)}, StopReason::Pause, "paused before " + id);
    resume();
}

// Step over: a step of the list stepped from, or of a list around it (that one has finished).
// Step in: also any step inside the step stepped from (its branches, items or sub-flow), found by
// that step's span among the open spans above the new point.
bool DebugSession::steppingStopsAt(const DebugPoint &at) const
{
    if (m_overLists.contains(at.parent))
        return true;
    if (m_mode != Mode::In)
        return false;
    for (SpanId id = at.parent; id != 0;) {
        const Span *span = m_run->liveSpan(id);
        if (!span)
            break;
        if (span->kind == SpanKind::Step && span->stepId == m_fromStep &&
            span->parent == m_fromParent)
            return true;
        id = span->parent;
    }
    return false;
}

const DebugSession::Condition *DebugSession::breakpointAt(const DebugPoint &at) const
{
    if (m_breakpoints.empty())
        return nullptr;
    const Flow *flow = at.frame && at.frame->flow ? at.frame->flow->flow.get() : nullptr;
    const std::string key = !flow || flow == &m_run->flow() ? std::string() : flow->filePath;
    auto file = m_breakpoints.find(key);
    if (file == m_breakpoints.end())
        return nullptr;
    auto it = file->second.find(at.step->id);
    return it == file->second.end() ? nullptr : &it->second;
}

void DebugSession::stopAt(Held held, StopReason reason, std::string description)
{
    m_paused = true;
    m_pauseRequested = false;
    m_mode = Mode::Run;
    m_run->suspendTimers();
    m_stop = DebugStop{};
    m_stopFrames.clear();
    m_stop.reason = reason;
    m_stop.description = std::move(description);
    if (held.at.step) {
        m_stop.stepId = held.at.step->id;
        buildStack(held.at, m_stop.stack, m_stopFrames);
    }
    Json detail = {{"reason", toString(reason)}};
    m_pauseSpan = m_run->openDebugSpan(std::string("paused: ") + toString(reason), m_stop.stepId,
                                       held.at.parent, std::move(detail));
    m_current = std::move(held);
    if (onStopped)
        onStopped(m_stop);
}

void DebugSession::release(Mode mode)
{
    if (!m_paused || !m_current)
        return;
    Held current = std::move(*m_current);
    m_current.reset();
    m_mode = current.at.step ? mode : Mode::Run;
    m_overLists.clear();
    if (m_mode != Mode::Run) {
        m_fromStep = current.at.step->id;
        m_fromParent = current.at.parent;
        m_overLists.insert(0);
        for (SpanId id = current.at.parent; id != 0;) {
            m_overLists.insert(id);
            const Span *span = m_run->liveSpan(id);
            id = span ? span->parent : 0;
        }
    }
    m_paused = false;
    m_run->closeDebugSpan(m_pauseSpan);
    m_pauseSpan = 0;
    m_run->resumeTimers();
    std::vector<Held> held = std::exchange(m_held, {});
    if (onResumed)
        onResumed();
    // From the clock, never from inside the caller (a button's click, a DAP request): the step
    // stopped at goes first, then those held meanwhile, each decided afresh (one may stop again).
    m_run->post(std::move(current.resume));
    for (Held &h : held)
        m_run->post([this, h = std::move(h)]() mutable { beforeStep(h.at, std::move(h.resume)); });
}

void DebugSession::runCancelled()
{
    m_stopping = true;
    releaseAll();
}

void DebugSession::releaseAll()
{
    if (!m_paused)
        return;
    m_paused = false;
    m_mode = Mode::Run;
    m_run->closeDebugSpan(m_pauseSpan);
    m_pauseSpan = 0;
    m_run->resumeTimers();
    std::vector<Held> held = std::exchange(m_held, {});
    if (m_current) {
        held.insert(held.begin(), std::move(*m_current));
        m_current.reset();
    }
    if (onResumed)
        onResumed();
    for (Held &h : held)
        m_run->post(std::move(h.resume)); // cancelled: each ends without running
}

void DebugSession::afterStep(const DebugPoint &at, const Json &error)
{
    if (error.is_null() || isCancellation(error) || !m_stopOnException || m_stopping)
        return;
    // The step path is only known while its spans are open: keep it for the exception stop.
    Failure failure;
    buildStack(at, failure.stack, failure.frames);
    m_failures[at.step->id] = std::move(failure);
}

void DebugSession::beforeCompensation(const Json &error, std::function<void()> resume)
{
    // An error of no step (the input, before any step ran) is not a step's to stop at.
    if (!m_run || m_stopping || !m_stopOnException || isCancellation(error) ||
        error.value("step", std::string()).empty()) {
        m_failures.clear();
        resume();
        return;
    }
    Held held{DebugPoint{}, std::move(resume)};
    const std::string step = error.value("step", std::string());
    auto it = m_failures.find(step);
    m_paused = true;
    m_pauseRequested = false;
    m_mode = Mode::Run;
    m_run->suspendTimers();
    m_stop = DebugStop{};
    m_stop.reason = StopReason::Exception;
    m_stop.stepId = step;
    m_stop.error = m_run->redacted(error);
    m_stop.description = error.value("type", std::string()) + " at " + step + ": " +
                         m_run->redacted(error.value("message", Json(""))).get<std::string>();
    m_stopFrames.clear();
    if (it != m_failures.end()) {
        m_stop.stack = std::move(it->second.stack);
        m_stopFrames = std::move(it->second.frames);
    } else if (const Step *s = findStep(m_run->flow(), step)) {
        m_stop.stack.push_back(
            {s->id, s->id, m_run->flow().filePath, s->location.line, s->location.column});
        m_stopFrames.push_back(nullptr);
    }
    m_failures.clear();
    m_pauseSpan = m_run->openDebugSpan("paused: exception", step, 0,
                                       Json{{"reason", "exception"}, {"error", m_stop.error}});
    m_current = std::move(held);
    if (onStopped)
        onStopped(m_stop);
}

void DebugSession::runFinished(const RunRecord &record)
{
    m_finished = true;
    m_paused = false;
    m_current.reset();
    m_held.clear();
    m_failures.clear();
    m_stopFrames.clear();
    m_run = nullptr;
    if (onFinished)
        onFinished(record);
}

// --- the step path -------------------------------------------------------------------------------

const Step *DebugSession::findStep(const Flow &flow, const std::string &id) const
{
    auto &index = m_stepIndex[&flow];
    if (index.empty())
        for (const Step *step : allSteps(flow))
            index.emplace(step->id, step);
    auto it = index.find(id);
    return it == index.end() ? nullptr : it->second;
}

// Innermost first: the step, then each container. Branch and item spans name the level; a call
// step's level starts where its sub-flow's frame (a boundary) ends. Each level keeps the frame its
// step sees, for the scopes of that frame.
void DebugSession::buildStack(const DebugPoint &at, std::vector<DebugFrame> &stack,
                              std::vector<FramePtr> &frames) const
{
    auto flowOf = [this](const FramePtr &f) -> const Flow & {
        return f && f->flow && f->flow->flow ? *f->flow->flow : m_run->flow();
    };
    auto level = [](const Step &step, const Flow &flow, std::string name) {
        return DebugFrame{std::move(name), step.id, flow.filePath, step.location.line,
                          step.location.column};
    };
    FramePtr f = at.frame;
    stack.push_back(level(*at.step, flowOf(f), at.step->id));
    frames.push_back(f);
    std::string label;
    for (SpanId id = at.parent; id != 0;) {
        const Span *span = m_run->liveSpan(id);
        if (!span)
            break;
        switch (span->kind) {
        case SpanKind::Branch:
        case SpanKind::Item:
            label = span->kind == SpanKind::Branch ? "branch " + span->name : span->name;
            if (f && f->parent)
                f = f->parent;
            break;
        case SpanKind::Step:
            if (f && f->boundary && f->parent) {
                label = "sub-flow " + flowOf(f).name;
                f = f->parent;
            }
            if (const Step *step = findStep(flowOf(f), span->stepId)) {
                stack.push_back(
                    level(*step, flowOf(f), label.empty() ? step->id : step->id + " › " + label));
                frames.push_back(f);
            }
            label.clear();
            break;
        default: // attempts, waits: not a level of their own
            break;
        }
        id = span->parent;
    }
}

// --- the context at a stop -----------------------------------------------------------------------

Frame *DebugSession::frameAt(std::size_t frame) const
{
    if (!m_paused || frame >= m_stopFrames.size())
        return nullptr;
    return m_stopFrames[frame].get();
}

// Only the step about to run has a request to preview, and only an http step: an outer level's
// container sends nothing itself, and at an exception stop the request was sent (its attempt
// spans show it). Deciding this renders nothing; scopeValue renders it when asked.
const Step *DebugSession::requestStep(std::size_t frame) const
{
    if (!m_paused || frame != 0 || m_stop.reason == StopReason::Exception || !m_current ||
        !m_current->at.step || !m_current->at.frame || m_current->at.step->type != StepType::Http)
        return nullptr;
    return m_current->at.step;
}

std::vector<DebugScope> DebugSession::scopes(std::size_t frame) const
{
    if (!m_paused)
        return {};
    std::vector<DebugScope> out;
    if (frameAt(frame))
        out = {DebugScope::Input, DebugScope::Steps, DebugScope::Vars};
    out.push_back(DebugScope::Env);
    if (!scopeValue(DebugScope::Error, frame).is_null())
        out.push_back(DebugScope::Error);
    if (requestStep(frame))
        out.push_back(DebugScope::Request);
    return out;
}

Json DebugSession::scopeValue(DebugScope scope, std::size_t frame) const
{
    if (!m_paused || !m_run)
        return nullptr;
    const Frame *f = frameAt(frame);
    switch (scope) {
    case DebugScope::Env:
        return m_run->redacted(m_run->environment().vars);
    case DebugScope::Error:
        if (!m_stop.error.is_null())
            return m_stop.error;
        if (f && f->caughtError())
            return m_run->redacted(*f->caughtError());
        return nullptr;
    case DebugScope::Input:
        return f ? m_run->redacted(f->flow->input) : Json(nullptr);
    case DebugScope::Vars:
        return f ? m_run->redacted(f->flow->vars) : Json(nullptr);
    case DebugScope::Steps:
        return f ? m_run->redacted(f->visibleSteps()) : Json(nullptr);
    case DebugScope::Request:
        if (const Step *step = requestStep(frame))
            return m_run->requestPreview(*step, *m_current->at.frame);
        return nullptr;
    }
    return nullptr;
}

Result<Json> DebugSession::evaluate(std::string_view expression, std::size_t frame) const
{
    if (!m_paused || !m_run)
        return fail(ErrorCode::Validation, "the run is not paused");
    const Frame *f = frameAt(frame);
    if (!f)
        return fail(ErrorCode::Validation, "no step context here");
    auto parsed = expr::Template::parseBareExpression(expression);
    if (!parsed)
        return std::unexpected(parsed.error());
    auto value = m_run->evaluateAt(*parsed, *f);
    if (!value)
        return std::unexpected(value.error());
    return m_run->redacted(std::move(*value));
}

Result<Json> DebugSession::setValue(DebugScope scope, const std::string &pointer, Json value,
                                    std::size_t frame)
{
    if (!m_paused || !m_run)
        return fail(ErrorCode::Validation, "the run is not paused");
    Frame *f = frameAt(frame);
    if (!f)
        return fail(ErrorCode::Validation, "no step context here");
    if (!pointer.empty() && pointer.front() != '/')
        return fail(ErrorCode::Validation, "not a JSON pointer: " + pointer);
    if (scope == DebugScope::Steps && pointer.empty())
        return fail(ErrorCode::Validation, "set a step's result, not all of steps");
    Json *target = nullptr;
    std::string inner = pointer;
    switch (scope) {
    case DebugScope::Input:
        target = &f->flow->input;
        break;
    case DebugScope::Vars:
        target = &f->flow->vars;
        break;
    case DebugScope::Steps: {
        // "/ID/rest": the result where the steps of this frame read it (the nearest frame).
        const std::size_t slash = pointer.find('/', 1);
        std::string id =
            pointer.substr(1, slash == std::string::npos ? std::string::npos : slash - 1);
        try {
            id = Json::json_pointer("/" + id).back(); // the token unescaped (~1 is "/")
        } catch (const std::exception &) {
            return fail(ErrorCode::Validation, "not a JSON pointer: " + pointer);
        }
        inner = slash == std::string::npos ? std::string() : pointer.substr(slash);
        for (Frame *g = f; g && !target; g = g->parent.get()) {
            if (auto it = g->results.find(id); it != g->results.end())
                target = &it->second;
            if (g->boundary)
                break;
        }
        if (!target)
            return fail(ErrorCode::Validation, "step '" + id + "' has no result here yet");
        break;
    }
    case DebugScope::Env:
    case DebugScope::Error:
    case DebugScope::Request:
        return fail(ErrorCode::Validation, std::string(toString(scope)) + " is read-only");
    }
    Json previous;
    try {
        const Json::json_pointer where(inner);
        if (target->contains(where))
            previous = (*target)[where];
        (*target)[where] = value;
    } catch (const std::exception &e) {
        return fail(ErrorCode::Validation,
                    std::string("cannot set ") + toString(scope) + pointer + ": " + e.what());
    }
    const SpanId edit = m_run->openDebugSpan(std::string("set ") + toString(scope) + pointer,
                                             m_stop.stepId, m_pauseSpan,
                                             Json{{"scope", toString(scope)},
                                                  {"pointer", pointer},
                                                  {"value", value},
                                                  {"previous", std::move(previous)}});
    m_run->closeDebugSpan(edit);
    return m_run->redacted(std::move(value));
}

} // namespace tutti::engine
