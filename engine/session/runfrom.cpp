// Rebuilding the context a step saw in an earlier run, for a run started part-way (runfrom.h).
//
// The trace keeps, per step span, the step's result (Span::result) and, per top-level step span,
// the vars when the step changed them (Span::vars): see FlowRun::Impl::noteContext. Which results
// a top-level step sees follows the executor's frames, read from the span tree: a step's own
// list, and the steps of parallel branches (ParallelAction copies them into the enclosing frame);
// not map items or sub-flows, whose frames are their own.
#include <engine/session/runfrom.h>

#include <engine/core/jsonio.h>
#include <engine/core/redactor.h>
#include <engine/core/text.h>
#include <engine/model/flowparser.h>
#include <engine/model/steps/registry.h>

#include <algorithm>
#include <filesystem>
#include <limits>
#include <unordered_map>
#include <unordered_set>

namespace tutti::engine {

namespace {

SetupError reuseError(std::string message, SourceLocation where = {})
{
    return SetupError{SetupStage::Reuse,
                      {Error{ErrorCode::Validation, std::move(message), std::move(where), {}}}};
}

std::string named(const std::string &id)
{
    return "'" + id + "'";
}

// The steps nested in `step` (branches, map bodies), depth-first, with a stack: a flow built in
// code may nest deeper than a file.
std::vector<const Step *> nestedSteps(const Step &step)
{
    std::vector<const Step *> out;
    std::vector<const std::vector<Step> *> lists = childLists(step);
    while (!lists.empty()) {
        const std::vector<Step> *list = lists.back();
        lists.pop_back();
        for (const Step &s : *list) {
            out.push_back(&s);
            for (const std::vector<Step> *inner : childLists(s))
                lists.push_back(inner);
        }
    }
    return out;
}

// Refuses a start step that is not in the flow's top-level list, naming what it is instead.
std::optional<SetupError> checkStartStep(const Flow &flow, const std::string &step)
{
    for (const Step &top : flow.steps)
        if (top.id == step)
            return std::nullopt;
    for (const Step &top : flow.steps)
        for (const Step *inner : nestedSteps(top))
            if (inner->id == step)
                return reuseError("step " + named(step) + " is inside the " +
                                      stepDescriptor(top).name + " step " + named(top.id) +
                                      ": a run can start only at a step of the flow's top-level "
                                      "list (run from " +
                                      named(top.id) + " instead)",
                                  inner->location);
    std::vector<std::string> ids;
    for (const Step *s : allSteps(flow))
        ids.push_back(s->id);
    std::string message = "the flow '" + flow.name + "' has no step " + named(step);
    if (std::string near = closestMatch(step, ids); !near.empty())
        message += " (did you mean " + named(near) + "?)";
    else if (!flow.steps.empty()) {
        message += "; its top-level steps are";
        for (std::size_t i = 0; i < flow.steps.size() && i < 12; ++i)
            message += (i ? ", " : " ") + flow.steps[i].id;
        if (flow.steps.size() > 12)
            message += ", …";
    }
    return reuseError(message);
}

// The span tree of a stored run, read defensively: ids and parents come from a file, so a
// dangling parent or a cycle must end a walk, not loop or crash.
class SpanTree {
public:
    explicit SpanTree(const std::vector<Span> &spans)
    {
        m_byId.reserve(spans.size());
        for (const Span &s : spans)
            m_byId.emplace(s.id, &s);
    }
    const Span *find(SpanId id) const
    {
        auto it = m_byId.find(id);
        return it == m_byId.end() ? nullptr : it->second;
    }
    // The top-level step span whose frame a step span's result lands in, or null when it lands
    // in a frame of its own (a map item, a sub-flow): up through parallel branches (a branch
    // under the parallel step's span, or under its attempt when the step retries).
    const Span *visibleAt(const Span &step) const
    {
        const Span *cur = &step;
        for (std::size_t guard = 0; guard <= m_byId.size(); ++guard) {
            if (cur->parent == 0)
                return cur->kind == SpanKind::Step ? cur : nullptr;
            const Span *branch = find(cur->parent);
            if (!branch || branch->kind != SpanKind::Branch || branch->parent == 0)
                return nullptr;
            const Span *owner = find(branch->parent);
            if (owner && owner->kind == SpanKind::Attempt && owner->parent != 0)
                owner = find(owner->parent);
            if (!owner || owner->kind != SpanKind::Step)
                return nullptr;
            cur = owner;
        }
        return nullptr; // a cycle
    }
    // The top-level span above any span (null for a dangling or cyclic chain).
    const Span *topOf(const Span &span) const
    {
        const Span *cur = &span;
        for (std::size_t guard = 0; guard <= m_byId.size(); ++guard) {
            if (cur->parent == 0)
                return cur;
            cur = find(cur->parent);
            if (!cur)
                return nullptr;
        }
        return nullptr;
    }

private:
    std::unordered_map<SpanId, const Span *> m_byId;
};

bool holdsMask(const Json &value)
{
    return !value.is_null() && dumpJson(value).find(Redactor::kMask) != std::string::npos;
}

std::string errorText(const Json &error)
{
    if (!error.is_object())
        return {};
    std::string type = error.value("type", std::string());
    std::string message = error.value("message", std::string());
    return type.empty() ? message : (message.empty() ? type : type + ": " + message);
}

} // namespace

std::expected<Reuse, SetupError> reuseRun(const Flow &flow, const RunTrace &trace,
                                          const std::string &step)
{
    if (auto bad = checkStartStep(flow, step))
        return std::unexpected(std::move(*bad));
    const RunRecord &run = trace.first;
    const std::string runName = "run " + named(run.id);
    if (run.flow != flow.name)
        return std::unexpected(
            reuseError(runName + " is a run of the flow '" + run.flow + "'" +
                       (run.flowFile.empty() ? std::string() : " (" + run.flowFile + ")") +
                       ", not of '" + flow.name + "'"));
    if (run.status == RunStatus::Running)
        return std::unexpected(reuseError(runName + " is still running: reuse it once it has "
                                                    "finished (or is shown as interrupted)"));

    const SpanTree tree(trace.second);
    // The cut: the last start of `step` at the top level; everything before it is reused.
    SpanId cut = std::numeric_limits<SpanId>::max();
    bool started = false;
    for (const Span &s : trace.second)
        if (s.kind == SpanKind::Step && s.parent == 0 && s.stepId == step) {
            cut = started ? std::max(cut, s.id) : s.id;
            started = true;
        }

    // Every step span before the cut whose result reached the top-level frame, in the order they
    // completed (ties by id); a later one of the same step (a loop) wins.
    struct Found {
        const Span *span;
        Micros end;
    };
    std::vector<Found> found;
    std::unordered_map<std::string, const Span *> lastSpanOf; // any outcome, for messages
    const Span *varsSpan = nullptr;
    for (const Span &s : trace.second) {
        if (s.kind != SpanKind::Step)
            continue;
        const Span *top = tree.topOf(s);
        if (!top || top->id >= cut)
            continue;
        if (s.damaged)
            return std::unexpected(reuseError(
                runName + " has a damaged record of step " + named(s.stepId) + " (span " +
                std::to_string(s.id) + ": its stored JSON does not parse); it cannot be reused"));
        if (const Span *&last = lastSpanOf[s.stepId]; !last || s.id > last->id)
            last = &s;
        if (s.parent == 0 && !s.vars.is_null() && (!varsSpan || s.id > varsSpan->id))
            varsSpan = &s;
        if (s.result && tree.visibleAt(s))
            found.push_back({&s, s.start + s.duration});
    }
    std::stable_sort(found.begin(), found.end(), [](const Found &a, const Found &b) {
        return a.end != b.end ? a.end < b.end : a.span->id < b.span->id;
    });

    std::unordered_map<std::string, const Step *> stepsById;
    for (const Step *s : allSteps(flow))
        stepsById.emplace(s->id, s);
    std::unordered_map<std::string, std::size_t> lastFound;
    for (std::size_t i = 0; i < found.size(); ++i)
        lastFound[found[i].span->stepId] = i;
    std::unordered_set<std::string> reused;
    auto context = std::make_shared<ReusedContext>();
    context->sourceRun = run.id;
    context->fromStep = step;
    for (std::size_t i = 0; i < found.size(); ++i) {
        const std::string &id = found[i].span->stepId;
        // A step no longer in the flow is dropped: nothing can read it.
        if (lastFound[id] != i || !stepsById.contains(id))
            continue;
        context->steps.push_back({id, *found[i].span->result});
        reused.insert(id);
    }
    if (varsSpan) {
        if (!varsSpan->vars.is_object())
            return std::unexpected(reuseError(runName +
                                              " has a damaged record of the vars after "
                                              "step " +
                                              named(varsSpan->stepId) + "; it cannot be reused"));
        context->vars = varsSpan->vars;
    }

    // What the steps from `step` on read (`steps.ID` in their templates) of the steps before it.
    std::size_t first = 0;
    while (flow.steps[first].id != step)
        ++first;
    StepReferences reads;
    reads.collectSteps = true;
    for (std::size_t i = first; i < flow.steps.size(); ++i) {
        addReferences(flow.steps[i], reads);
        for (const Step *inner : nestedSteps(flow.steps[i]))
            addReferences(*inner, reads);
    }
    std::unordered_map<std::string, const Step *> before; // step id -> its top-level step
    for (std::size_t i = 0; i < first; ++i) {
        before.emplace(flow.steps[i].id, &flow.steps[i]);
        for (const Step *inner : nestedSteps(flow.steps[i]))
            before.emplace(inner->id, &flow.steps[i]);
    }
    Errors problems;
    const std::string cannot = "cannot run from " + named(step) + " reusing " + runName + ": ";
    for (const std::string &id : reads.steps.names()) {
        auto it = before.find(id);
        if (it == before.end() || reused.contains(id))
            continue;
        const std::string &restart = it->second->id;
        std::string why;
        if (auto last = lastSpanOf.find(id); last == lastSpanOf.end())
            why = started ? "did not run there before " + named(step) +
                                " (was it added to the flow since?)"
                          : "did not run there (the run ended before it, or the flow changed "
                            "since)";
        else if (last->second->status == SpanStatus::Ok && !last->second->result)
            why = "was stored without its result (by an older Tutti, or without payloads)";
        else if (last->second->status == SpanStatus::Ok)
            why = "ran inside a map item or a sub-flow, whose results are not reused";
        else
            why = std::string("did not succeed there (") + toString(last->second->status) +
                  (errorText(last->second->error).empty() ? std::string()
                                                          : ": " + errorText(last->second->error)) +
                  ")";
        problems.push_back({ErrorCode::Validation,
                            cannot + "step " + named(id) + " " + why + ", and the steps from " +
                                named(step) + " on read steps." + id + "; run from " +
                                named(restart) + " or earlier instead",
                            {},
                            {}});
    }
    // A reused step that the run compensated was undone: its result describes nothing real.
    for (const StepSummary &summary : run.steps) {
        if (summary.status != StepStatus::Compensated &&
            summary.status != StepStatus::CompensationFailed)
            continue;
        if (!reused.contains(summary.id))
            continue;
        const std::string restart =
            before.contains(summary.id) ? before.at(summary.id)->id : summary.id;
        problems.push_back(
            {ErrorCode::Validation,
             cannot + "step " + named(summary.id) +
                 (summary.status == StepStatus::Compensated
                      ? " was compensated there (its effect was undone)"
                      : " had its compensation fail there (its effect may be partly undone)") +
                 ", so its result cannot be reused; run from " + named(restart) +
                 " or earlier instead",
             {},
             {}});
    }
    if (!problems.empty())
        return std::unexpected(SetupError{SetupStage::Reuse, std::move(problems)});

    Reuse out;
    out.run = run.id;
    out.input = run.input.is_null() ? Json::object() : run.input;
    if (holdsMask(out.input))
        out.warnings.push_back("the input of " + runName +
                               " holds redacted values: they are reused as the text " +
                               std::string(Redactor::kMask) + ", not the original");
    for (const ReusedContext::Result &r : context->steps)
        if (holdsMask(r.value))
            out.warnings.push_back("the reused result of step " + named(r.id) +
                                   " holds redacted values (headers such as Set-Cookie, or "
                                   "secrets): steps that read them get " +
                                   std::string(Redactor::kMask) + ", not the original");
    if (holdsMask(context->vars))
        out.warnings.push_back("the reused vars hold redacted values: steps that read them get " +
                               std::string(Redactor::kMask));
    out.context = std::move(context);
    return out;
}

std::expected<Reuse, SetupError> reuseRun(const Flow &flow, const std::string &databasePath,
                                          const std::string &step, const std::string &run)
{
    if (auto bad = checkStartStep(flow, step))
        return std::unexpected(std::move(*bad));
    std::error_code ec;
    if (databasePath.empty() || !std::filesystem::exists(databasePath, ec))
        return std::unexpected(
            reuseError("no trace database at " + (databasePath.empty() ? "''" : databasePath) +
                       ", so there is no run '" + run + "' to reuse (--trace-db names another)"));
    // Every failure here is about what --reuse names, so it is a Reuse error too (the run's own
    // trace target may be another database, or none).
    const auto unreadable = [&](const Error &e) {
        return reuseError("cannot read run '" + run + "' from the trace database " + databasePath +
                          ": " + e.message);
    };
    TraceStore store;
    if (auto opened = store.open(databasePath); !opened)
        return std::unexpected(unreadable(opened.error()));
    auto id = store.resolveRunId(run);
    if (!id)
        return std::unexpected(id.error().code == ErrorCode::Validation
                                   ? SetupError{SetupStage::Reuse, {id.error()}}
                                   : unreadable(id.error()));
    auto trace = store.loadRun(*id);
    if (!trace)
        return std::unexpected(trace.error().code == ErrorCode::Validation
                                   ? SetupError{SetupStage::Reuse, {trace.error()}}
                                   : unreadable(trace.error()));
    return reuseRun(flow, *trace, step);
}

} // namespace tutti::engine
