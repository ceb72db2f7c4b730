// JSON builders for `--json` output and the OTLP and Chrome trace exports.
#include <engine/trace/traceexport.h>

#include <engine/core/jsonio.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <unordered_map>

namespace tutti::engine {

namespace {

std::uint64_t fnv1a(std::string_view text, std::uint64_t seed)
{
    std::uint64_t h = seed;
    for (unsigned char c : text) {
        h ^= c;
        h *= 0x100000001b3ull;
    }
    return h;
}

std::string hex64(std::uint64_t value)
{
    char buffer[17];
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(value));
    return buffer;
}

Json attribute(const char *key, Json value)
{
    Json v;
    if (value.is_string())
        v = {{"stringValue", std::move(value)}};
    else if (value.is_boolean())
        v = {{"boolValue", value}};
    else if (value.is_number_integer()) // int64 is a string in protobuf's JSON mapping
        v = {{"intValue", std::to_string(value.get<std::int64_t>())}};
    else if (value.is_number())
        v = {{"doubleValue", value}};
    else
        v = {{"stringValue", dumpJson(value)}};
    return {{"key", key}, {"value", std::move(v)}};
}

std::string nanos(Micros micros)
{
    return std::to_string(micros * 1000);
}

std::string compactJson(const Json &value)
{
    return dumpJson(value);
}

bool isRunError(RunStatus status)
{
    return status == RunStatus::Failed || status == RunStatus::Compensated ||
           status == RunStatus::CompensationFailed || status == RunStatus::Interrupted;
}

// The end of a run for exports: its duration, or for a run still running (or cut short by a
// crash) the end of its last span.
Micros runEnd(const RunRecord &run, const std::vector<Span> &spans)
{
    Micros end = run.startedAt + run.duration;
    for (const Span &s : spans)
        end = std::max(end, s.start + s.duration);
    return end;
}

} // namespace

Json durationMs(Micros value)
{
    if (value % kMillisecond == 0)
        return value / kMillisecond;
    return static_cast<double>(value) / static_cast<double>(kMillisecond);
}

std::string formatTimestamp(Micros sinceEpoch)
{
    Micros seconds = sinceEpoch / kSecond;
    Micros rest = sinceEpoch % kSecond;
    if (rest < 0) {
        rest += kSecond;
        --seconds;
    }
    const std::time_t t = static_cast<std::time_t>(seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buffer[80];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  static_cast<int>(rest / kMillisecond));
    return buffer;
}

Json stepSummaryToJson(const StepSummary &step)
{
    Json out = {{"id", step.id},
                {"status", toString(step.status)},
                {"attempts", step.attempts},
                {"duration_ms", durationMs(step.duration)},
                {"error", step.error}};
    if (!step.reusedFrom.empty())
        out["reused_from"] = step.reusedFrom;
    return out;
}

Json runToJson(const RunRecord &run)
{
    Json steps = Json::array();
    for (const StepSummary &s : run.steps)
        steps.push_back(stepSummaryToJson(s));
    return {{"run", run.id},
            {"flow", run.flow},
            {"status", toString(run.status)},
            {"output", run.output},
            {"error", run.error},
            {"duration_ms", durationMs(run.duration)},
            {"steps", std::move(steps)}};
}

Json spanToJson(const Span &span, Micros runStartedAt)
{
    Json out = {{"id", span.id},
                {"parent", span.parent == 0 ? Json(nullptr) : Json(span.parent)},
                {"name", span.name},
                {"kind", toString(span.kind)},
                {"step", span.stepId},
                {"attempt", span.attempt},
                {"start_us", span.start},
                {"offset_us", span.start - runStartedAt},
                {"duration_us", span.duration},
                {"status", toString(span.status)},
                {"error", span.error},
                {"request", span.request},
                {"response", span.response}};
    // Added fields (SPEC §7: added, never renamed), present only where they say something.
    if (span.result)
        out["result"] = *span.result;
    if (!span.vars.is_null())
        out["vars"] = span.vars;
    if (!span.reusedFrom.empty())
        out["reused_from"] = span.reusedFrom;
    return out;
}

Json traceShowToJson(const RunRecord &run, const std::vector<Span> &spans)
{
    Json runJson = runToJson(run);
    runJson["flow_file"] = run.flowFile;
    runJson["started_at"] = formatTimestamp(run.startedAt);
    runJson["started_at_us"] = run.startedAt;
    runJson["seed"] = run.seed;
    runJson["virtual_time"] = run.virtualTime;
    runJson["input"] = run.input;
    Json out = {{"run", std::move(runJson)}, {"spans", Json::array()}};
    Json &list = out["spans"];
    for (const Span &s : spans)
        list.push_back(spanToJson(s, run.startedAt));
    return out;
}

Json runListEntryToJson(const RunRecord &run)
{
    return {{"run", run.id},
            {"flow", run.flow},
            {"status", toString(run.status)},
            {"started_at", formatTimestamp(run.startedAt)},
            {"started_at_us", run.startedAt},
            {"duration_ms", durationMs(run.duration)}};
}

Json runListToJson(const std::vector<RunRecord> &runs)
{
    Json list = Json::array();
    for (const RunRecord &r : runs)
        list.push_back(runListEntryToJson(r));
    return {{"runs", std::move(list)}};
}

std::string otlpTraceId(std::string_view runId)
{
    std::string hex;
    for (char c : runId)
        if (c != '-')
            hex.push_back(static_cast<char>(c >= 'A' && c <= 'F' ? c - 'A' + 'a' : c));
    const bool isHex32 = hex.size() == 32 && std::all_of(hex.begin(), hex.end(), [](char c) {
                             return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
                         });
    if (isHex32 && hex != std::string(32, '0'))
        return hex;
    // Two independent 64-bit hashes: stable across exports, so re-importing replaces the trace.
    return hex64(fnv1a(runId, 0xcbf29ce484222325ull)) + hex64(fnv1a(runId, 0x84222325cbf29ce4ull));
}

std::string otlpSpanId(SpanId id)
{
    return hex64(id);
}

std::string otlpRootSpanId(std::string_view runId)
{
    return hex64(fnv1a(runId, 0x9e3779b97f4a7c15ull) | (1ull << 63));
}

Json toOtlpJson(const RunRecord &run, const std::vector<Span> &spans)
{
    const std::string traceId = otlpTraceId(run.id);
    const std::string rootId = otlpRootSpanId(run.id);
    std::unordered_map<SpanId, bool> known;
    for (const Span &s : spans)
        known[s.id] = true;

    Json list = Json::array();
    Json rootStatus = Json::object();
    if (run.status == RunStatus::Succeeded)
        rootStatus = {{"code", 1}};
    else if (isRunError(run.status))
        rootStatus = {{"code", 2},
                      {"message", run.error.is_object()
                                      ? run.error.value("message", toString(run.status))
                                      : std::string(toString(run.status))}};
    Json rootAttributes =
        Json::array({attribute("tutti.kind", "run"), attribute("tutti.run.id", run.id),
                     attribute("tutti.run.status", toString(run.status))});
    if (run.error.is_object() && run.error.contains("type"))
        rootAttributes.push_back(attribute("error.type", run.error["type"]));
    list.push_back({{"traceId", traceId},
                    {"spanId", rootId},
                    {"name", run.flow},
                    {"kind", 1},
                    {"startTimeUnixNano", nanos(run.startedAt)},
                    {"endTimeUnixNano", nanos(runEnd(run, spans))},
                    {"attributes", std::move(rootAttributes)},
                    {"status", std::move(rootStatus)}});

    for (const Span &s : spans) {
        Json attributes = Json::array({attribute("tutti.kind", toString(s.kind))});
        if (!s.stepId.empty())
            attributes.push_back(attribute("tutti.step", s.stepId));
        if (s.attempt > 0)
            attributes.push_back(attribute("tutti.attempt", s.attempt));
        if (!s.reusedFrom.empty())
            attributes.push_back(attribute("tutti.reused_from", s.reusedFrom));
        if (s.request.is_object()) {
            if (s.request.contains("method"))
                attributes.push_back(attribute("http.method", s.request["method"]));
            if (s.request.contains("url"))
                attributes.push_back(attribute("http.url", s.request["url"]));
            attributes.push_back(attribute("tutti.request", compactJson(s.request)));
        }
        if (s.response.is_object()) {
            if (s.response.contains("status"))
                attributes.push_back(attribute("http.status_code", s.response["status"]));
            attributes.push_back(attribute("tutti.response", compactJson(s.response)));
        }
        Json status = Json::object(); // unset for running spans
        if (s.status == SpanStatus::Ok) {
            status = {{"code", 1}};
        } else if (s.status == SpanStatus::Error || s.status == SpanStatus::Cancelled) {
            std::string message = s.status == SpanStatus::Cancelled ? "cancelled" : "error";
            if (s.error.is_object()) {
                if (s.error.contains("type"))
                    attributes.push_back(attribute("error.type", s.error["type"]));
                message = s.error.value("message", message);
            }
            status = {{"code", 2}, {"message", message}};
        }
        const bool client = s.kind == SpanKind::Attempt && s.request.is_object();
        list.push_back({{"traceId", traceId},
                        {"spanId", otlpSpanId(s.id)},
                        {"parentSpanId",
                         s.parent != 0 && known.count(s.parent) ? otlpSpanId(s.parent) : rootId},
                        {"name", s.name},
                        {"kind", client ? 3 : 1}, // SPAN_KIND_CLIENT : SPAN_KIND_INTERNAL
                        {"startTimeUnixNano", nanos(s.start)},
                        {"endTimeUnixNano", nanos(s.start + s.duration)},
                        {"attributes", std::move(attributes)},
                        {"status", std::move(status)}});
    }

    Json resource = {
        {"attributes",
         Json::array({attribute("service.name", "tutti"), attribute("tutti.flow", run.flow),
                      attribute("tutti.flow_file", run.flowFile),
                      attribute("tutti.seed", std::to_string(run.seed)),
                      attribute("tutti.virtual_time", run.virtualTime)})}};
    Json scope = {{"scope", {{"name", "tutti"}}}, {"spans", std::move(list)}};
    return {{"resourceSpans", Json::array({{{"resource", std::move(resource)},
                                            {"scopeSpans", Json::array({std::move(scope)})}}})}};
}

Json toChromeTraceJson(const RunRecord &run, const std::vector<Span> &spans)
{
    // Lanes: 1 is the run's main line; each branch and map item takes the first lane (2, 3, …)
    // that is free at its start, so concurrent ones sit side by side and nest correctly.
    std::vector<const Span *> order;
    order.reserve(spans.size());
    for (const Span &s : spans)
        order.push_back(&s);
    std::stable_sort(order.begin(), order.end(), [](const Span *a, const Span *b) {
        return a->start != b->start ? a->start < b->start : a->id < b->id;
    });
    std::unordered_map<SpanId, const Span *> byId;
    for (const Span *s : order)
        byId.emplace(s->id, s);
    std::unordered_map<SpanId, int> ownLane; // branch/item spans only
    std::vector<Micros> laneFreeAt;          // lane k + 2 is free from laneFreeAt[k]
    for (const Span *s : order) {
        if (s->kind != SpanKind::Branch && s->kind != SpanKind::Item)
            continue;
        std::size_t lane = 0;
        while (lane < laneFreeAt.size() && laneFreeAt[lane] > s->start)
            ++lane;
        if (lane == laneFreeAt.size())
            laneFreeAt.push_back(0);
        laneFreeAt[lane] = s->start + s->duration;
        ownLane[s->id] = static_cast<int>(lane) + 2;
    }
    std::unordered_map<SpanId, int> laneOf;
    auto resolveLane = [&](const Span *s) {
        // Walk up to the nearest span with a lane of its own; bounded against parent cycles.
        std::vector<SpanId> path;
        int lane = 1;
        for (const Span *at = s; at && path.size() <= byId.size();) {
            if (auto it = laneOf.find(at->id); it != laneOf.end()) {
                lane = it->second;
                break;
            }
            if (auto it = ownLane.find(at->id); it != ownLane.end()) {
                lane = it->second;
                break;
            }
            path.push_back(at->id);
            auto parent = at->parent ? byId.find(at->parent) : byId.end();
            at = parent == byId.end() ? nullptr : parent->second;
        }
        for (SpanId id : path)
            laneOf[id] = lane;
        return lane;
    };

    Json events = Json::array();
    events.push_back({{"ph", "M"},
                      {"pid", 1},
                      {"name", "process_name"},
                      {"args", {{"name", run.flow + " " + run.id}}}});
    events.push_back({{"ph", "M"},
                      {"pid", 1},
                      {"tid", 1},
                      {"name", "thread_name"},
                      {"args", {{"name", "run"}}}});
    for (std::size_t i = 0; i < laneFreeAt.size(); ++i)
        events.push_back({{"ph", "M"},
                          {"pid", 1},
                          {"tid", static_cast<int>(i) + 2},
                          {"name", "thread_name"},
                          {"args", {{"name", "lane " + std::to_string(i + 2)}}}});
    events.push_back({{"ph", "X"},
                      {"name", run.flow},
                      {"cat", "run"},
                      {"pid", 1},
                      {"tid", 1},
                      {"ts", 0},
                      {"dur", runEnd(run, spans) - run.startedAt},
                      {"args",
                       {{"run", run.id},
                        {"status", toString(run.status)},
                        {"input", run.input},
                        {"output", run.output},
                        {"error", run.error}}}});
    for (const Span *s : order) {
        Json args = {{"id", s->id}, {"status", toString(s->status)}};
        if (s->parent)
            args["parent"] = s->parent;
        if (!s->stepId.empty())
            args["step"] = s->stepId;
        if (s->attempt > 0)
            args["attempt"] = s->attempt;
        if (!s->reusedFrom.empty())
            args["reused_from"] = s->reusedFrom;
        for (const auto &[key, value] : {std::pair<const char *, const Json *>{"error", &s->error},
                                         {"request", &s->request},
                                         {"response", &s->response}})
            if (!value->is_null())
                args[key] = *value;
        events.push_back({{"ph", "X"},
                          {"name", s->name},
                          {"cat", toString(s->kind)},
                          {"pid", 1},
                          {"tid", resolveLane(s)},
                          {"ts", s->start - run.startedAt},
                          {"dur", s->duration},
                          {"args", std::move(args)}});
    }
    return {{"traceEvents", std::move(events)},
            {"displayTimeUnit", "ms"},
            {"otherData",
             {{"run", run.id},
              {"flow", run.flow},
              {"status", toString(run.status)},
              {"started_at", formatTimestamp(run.startedAt)},
              {"seed", std::to_string(run.seed)},
              {"virtual_time", run.virtualTime}}}};
}

} // namespace tutti::engine
