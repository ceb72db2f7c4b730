// Aligning two runs' steps by path and listing what differs.
#include <engine/trace/rundiff.h>

#include <engine/trace/spantree.h>
#include <engine/trace/traceexport.h>

#include <algorithm>
#include <cstdlib>
#include <unordered_map>

namespace tutti::engine {

namespace {

struct Entry {
    std::string key;
    std::string stepId;
    SpanKind kind = SpanKind::Step;
    int depth = 0;
    DiffSide side;
};

// The step and compensation spans of a run in tree order, keyed by path.
std::vector<Entry> entriesOf(const RunTrace &run)
{
    const std::vector<Span> &spans = run.second;
    const SpanTree tree = buildSpanTree(spans);
    // Attempts and the last exchange under each span (spans come by start: later wins).
    std::unordered_map<SpanId, int> attempts;
    std::unordered_map<SpanId, const Span *> exchange;
    for (const Span &s : spans)
        if (s.kind == SpanKind::Attempt) {
            ++attempts[s.parent];
            if (s.request.is_object() || s.response.is_object())
                exchange[s.parent] = &s;
        }
    std::vector<std::string> path(tree.rows.size());
    std::unordered_map<std::string, int> seen;
    std::vector<Entry> out;
    for (std::size_t r = 0; r < tree.rows.size(); ++r) {
        const SpanTree::Node &node = tree.rows[r];
        const Span &s = spans[node.span];
        path[r] = node.parent == SpanTree::npos ? s.name : path[node.parent] + "/" + s.name;
        if (s.kind != SpanKind::Step && s.kind != SpanKind::Compensation)
            continue;
        Entry e;
        const int n = ++seen[path[r]];
        e.key = n == 1 ? path[r] : path[r] + "#" + std::to_string(n);
        e.stepId = s.stepId;
        e.kind = s.kind;
        e.depth = node.depth;
        e.side.span = node.span;
        e.side.status = s.status;
        e.side.duration = s.duration;
        e.side.attempts = attempts.count(s.id) ? attempts[s.id] : 1;
        const Json *error = &s.error;
        const Span *x = s.request.is_object() || s.response.is_object() ? &s : nullptr;
        if (!x)
            if (auto it = exchange.find(s.id); it != exchange.end())
                x = it->second;
        if (x) {
            if (x->request.is_object())
                e.side.request = &x->request;
            if (x->response.is_object())
                e.side.response = &x->response;
        }
        if (error->is_object())
            e.side.error = error->value("type", std::string("error"));
        out.push_back(std::move(e));
    }
    return out;
}

std::string escapePointer(const std::string &key)
{
    std::string out;
    for (char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

// Differences between two JSON values, depth first, objects by key and arrays by index.
void diffJson(const Json &a, const Json &b, const std::string &where, const std::string &base,
              StepDiff &step, int limit)
{
    struct Item {
        const Json *a;
        const Json *b;
        std::string pointer;
    };
    static const Json kNull;
    std::vector<Item> stack{{&a, &b, base}};
    while (!stack.empty()) {
        Item it = std::move(stack.back());
        stack.pop_back();
        const Json &x = it.a ? *it.a : kNull;
        const Json &y = it.b ? *it.b : kNull;
        if (x == y && (it.a != nullptr) == (it.b != nullptr))
            continue;
        if (x.is_object() && y.is_object()) {
            std::vector<Item> children;
            for (auto i = x.begin(); i != x.end(); ++i)
                children.push_back({&i.value(), y.contains(i.key()) ? &y[i.key()] : nullptr,
                                    it.pointer + "/" + escapePointer(i.key())});
            for (auto i = y.begin(); i != y.end(); ++i)
                if (!x.contains(i.key()))
                    children.push_back(
                        {nullptr, &i.value(), it.pointer + "/" + escapePointer(i.key())});
            for (auto c = children.rbegin(); c != children.rend(); ++c)
                stack.push_back(std::move(*c));
            continue;
        }
        if (x.is_array() && y.is_array()) {
            const std::size_t n = std::max(x.size(), y.size());
            for (std::size_t i = n; i-- > 0;)
                stack.push_back({i < x.size() ? &x[i] : nullptr, i < y.size() ? &y[i] : nullptr,
                                 it.pointer + "/" + std::to_string(i)});
            continue;
        }
        if (static_cast<int>(step.payload.size()) < limit)
            step.payload.push_back({where, it.pointer.empty() ? "/" : it.pointer,
                                    it.a ? x : Json(nullptr), it.b ? y : Json(nullptr)});
        else
            ++step.morePayloadDifferences;
    }
}

// What of an exchange is compared: headers carry dates and request ids that differ on every
// call, so only the method, URL and body of a request, and the status and body of a response.
Json comparable(const Json *exchange, bool request)
{
    if (!exchange || !exchange->is_object())
        return nullptr;
    static const std::vector<const char *> kRequest{"method", "url", "body"},
        kResponse{"status", "body"};
    Json out = Json::object();
    for (const char *key : request ? kRequest : kResponse)
        if (exchange->contains(key))
            out[key] = (*exchange)[key];
    return out;
}

bool latencyDiffers(Micros a, Micros b, const RunDiffOptions &o)
{
    const Micros delta = std::llabs(b - a);
    return delta > o.latencyFloor &&
           static_cast<double>(delta) > o.latencyRatio * static_cast<double>(std::max(a, b));
}

void compare(StepDiff &d, const RunDiffOptions &o)
{
    if (!d.a) {
        d.differences |= StepDiff::OnlyB;
        return;
    }
    if (!d.b) {
        d.differences |= StepDiff::OnlyA;
        return;
    }
    if (d.a->status != d.b->status)
        d.differences |= StepDiff::Status;
    if (d.a->attempts != d.b->attempts)
        d.differences |= StepDiff::Attempts;
    if (latencyDiffers(d.a->duration, d.b->duration, o))
        d.differences |= StepDiff::Latency;
    if (d.a->error != d.b->error)
        d.differences |= StepDiff::Error;
    for (bool request : {true, false}) {
        const Json x = comparable(request ? d.a->request : d.a->response, request);
        const Json y = comparable(request ? d.b->request : d.b->response, request);
        if (x == y)
            continue;
        d.differences |= request ? StepDiff::Request : StepDiff::Response;
        diffJson(x, y, request ? "request" : "response", "", d, o.maxPayloadDifferences);
    }
}

Json sideToJson(const std::optional<DiffSide> &side)
{
    if (!side)
        return nullptr;
    return Json{{"status", toString(side->status)},
                {"attempts", side->attempts},
                {"duration_ms", durationMs(side->duration)},
                {"error", side->error.empty() ? Json(nullptr) : Json(side->error)}};
}

Json runSummary(const RunTrace *run)
{
    if (!run)
        return nullptr;
    const RunRecord &r = run->first;
    return Json{{"run", r.id},
                {"flow", r.flow},
                {"status", toString(r.status)},
                {"duration_ms", durationMs(r.duration)},
                {"error", r.error}};
}

} // namespace

int RunDiff::differentSteps() const
{
    return static_cast<int>(
        std::count_if(steps.begin(), steps.end(), [](const StepDiff &s) { return s.differs(); }));
}

RunDiff diffRuns(const RunTrace &a, const RunTrace &b, const RunDiffOptions &options)
{
    RunDiff diff;
    diff.a = &a;
    diff.b = &b;
    std::vector<Entry> ea = entriesOf(a);
    std::vector<Entry> eb = entriesOf(b);
    std::unordered_map<std::string, std::size_t> rowOfKey;
    for (std::size_t i = 0; i < ea.size(); ++i) {
        StepDiff d;
        d.path = ea[i].key;
        d.stepId = ea[i].stepId;
        d.kind = ea[i].kind;
        d.depth = ea[i].depth;
        d.a = ea[i].side;
        rowOfKey.emplace(d.path, diff.steps.size());
        diff.steps.push_back(std::move(d));
    }
    // B's steps: matched ones fill their row; the others go after the row of the B step before
    // them (or first), in B's order.
    std::vector<std::vector<StepDiff>> after(diff.steps.size() + 1);
    std::size_t anchor = 0; // 0: before every row; r + 1: after row r
    for (Entry &e : eb) {
        if (auto it = rowOfKey.find(e.key); it != rowOfKey.end()) {
            diff.steps[it->second].b = e.side;
            anchor = it->second + 1;
            continue;
        }
        StepDiff d;
        d.path = e.key;
        d.stepId = e.stepId;
        d.kind = e.kind;
        d.depth = e.depth;
        d.b = e.side;
        after[anchor].push_back(std::move(d));
    }
    std::vector<StepDiff> merged;
    merged.reserve(diff.steps.size() + eb.size());
    for (auto &d : after[0])
        merged.push_back(std::move(d));
    for (std::size_t r = 0; r < diff.steps.size(); ++r) {
        merged.push_back(std::move(diff.steps[r]));
        for (auto &d : after[r + 1])
            merged.push_back(std::move(d));
    }
    diff.steps = std::move(merged);
    for (StepDiff &d : diff.steps)
        compare(d, options);

    const RunRecord &ra = a.first, &rb = b.first;
    if (ra.status != rb.status)
        diff.runDifferences.push_back("status");
    if (ra.output != rb.output)
        diff.runDifferences.push_back("output");
    if (ra.error != rb.error)
        diff.runDifferences.push_back("error");
    if (latencyDiffers(ra.duration, rb.duration, options))
        diff.runDifferences.push_back("latency");
    return diff;
}

std::vector<std::string> differenceNames(unsigned differences)
{
    static const std::pair<unsigned, const char *> kNames[] = {
        {StepDiff::OnlyA, "only_a"},    {StepDiff::OnlyB, "only_b"},
        {StepDiff::Status, "status"},   {StepDiff::Attempts, "attempts"},
        {StepDiff::Latency, "latency"}, {StepDiff::Error, "error"},
        {StepDiff::Request, "request"}, {StepDiff::Response, "response"},
    };
    std::vector<std::string> out;
    for (const auto &[bit, name] : kNames)
        if (differences & bit)
            out.emplace_back(name);
    return out;
}

Json runDiffToJson(const RunDiff &diff)
{
    Json steps = Json::array();
    int onlyA = 0, onlyB = 0;
    for (const StepDiff &s : diff.steps) {
        onlyA += (s.differences & StepDiff::OnlyA) != 0;
        onlyB += (s.differences & StepDiff::OnlyB) != 0;
        Json payload = Json::array();
        for (const PayloadDifference &p : s.payload)
            payload.push_back(
                Json{{"where", p.where}, {"pointer", p.pointer}, {"a", p.a}, {"b", p.b}});
        steps.push_back(
            Json{{"path", s.path},
                 {"step", s.stepId},
                 {"kind", toString(s.kind)},
                 {"a", sideToJson(s.a)},
                 {"b", sideToJson(s.b)},
                 {"latency_delta_ms", s.a && s.b ? durationMs(s.latencyDelta()) : Json(nullptr)},
                 {"differences", differenceNames(s.differences)},
                 {"payload", std::move(payload)},
                 {"more_payload_differences", s.morePayloadDifferences}});
    }
    return Json{{"a", runSummary(diff.a)},
                {"b", runSummary(diff.b)},
                {"differences", diff.runDifferences},
                {"summary",
                 {{"steps", diff.steps.size()},
                  {"different", diff.differentSteps()},
                  {"only_a", onlyA},
                  {"only_b", onlyB}}},
                {"steps", std::move(steps)}};
}

} // namespace tutti::engine
