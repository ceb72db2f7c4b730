// Simulation report aggregation helpers, JSON and the human table (simulationreport.h).
#include <engine/trace/simulationreport.h>

#include <engine/core/jsonio.h>
#include <engine/core/text.h>
#include <engine/trace/traceexport.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace tutti::engine {

namespace {

constexpr std::array<RunStatus, 4> kFinalStatuses = {
    RunStatus::Succeeded, RunStatus::Failed, RunStatus::Compensated, RunStatus::CompensationFailed};

// Ratios are rounded so the JSON does not carry 17 digits of floating-point noise.
double rounded(double value, double scale = 1e4)
{
    return std::round(value * scale) / scale;
}

Json latencyJson(const LatencySummary &s)
{
    return Json{{"p50", durationMs(s.p50)}, {"p90", durationMs(s.p90)},
                {"p99", durationMs(s.p99)}, {"max", durationMs(s.max)},
                {"min", durationMs(s.min)}, {"mean", rounded(s.mean / 1000.0, 1e3)}};
}

Json countsJson(const std::map<std::string, std::uint64_t> &counts)
{
    Json out = Json::object();
    for (const auto &[name, n] : counts)
        out[name] = n;
    return out;
}

std::string withSeparators(std::uint64_t n)
{
    std::string digits = std::to_string(n);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0)
            out += ',';
        out += digits[i];
    }
    return out;
}

std::string trimZeros(std::string text)
{
    if (text.find('.') == std::string::npos)
        return text;
    while (text.back() == '0')
        text.pop_back();
    if (text.back() == '.')
        text.pop_back();
    return text;
}

// "0.35ms", "50ms", "312.5ms", "1.25s", "2m 5s": short and exact enough to read.
std::string humanDuration(Micros value)
{
    char buf[64];
    if (value < 1000 * kMillisecond) {
        std::snprintf(buf, sizeof buf, value < 10 * kMillisecond ? "%.2f" : "%.1f",
                      static_cast<double>(value) / 1000.0);
        return trimZeros(buf) + "ms";
    }
    if (value < 120 * kSecond) {
        std::snprintf(buf, sizeof buf, "%.2f", static_cast<double>(value) / 1e6);
        return trimZeros(buf) + "s";
    }
    const Micros seconds = value / kSecond;
    if (seconds < 7200)
        std::snprintf(buf, sizeof buf, "%lldm %llds", static_cast<long long>(seconds / 60),
                      static_cast<long long>(seconds % 60));
    else
        std::snprintf(buf, sizeof buf, "%lldh %lldm", static_cast<long long>(seconds / 3600),
                      static_cast<long long>((seconds / 60) % 60));
    return buf;
}

std::string percent(double ratio)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f%%", ratio * 100.0);
    return buf;
}

std::string pad(std::string text, std::size_t width, bool right = false)
{
    if (text.size() >= width)
        return text;
    const std::string fill(width - text.size(), ' ');
    return right ? fill + text : text + fill;
}

// The smallest 1-2-5 step (in µs) that covers `span` in at most `buckets` bars.
Micros niceWidth(Micros span, int buckets)
{
    const double raw = static_cast<double>(span) / std::max(1, buckets);
    Micros step = 1;
    while (true) {
        for (Micros m : {1, 2, 5}) {
            if (static_cast<double>(step * m) >= raw)
                return step * m;
        }
        step *= 10;
    }
}

struct Bucket {
    Micros from = 0, to = 0; // [from, to)
    std::uint64_t count = 0;
};

// Bars of a 1-2-5 width from min to max; each histogram bucket counts where its smallest value
// falls (latencyhistogram.h: exact below 4.096 ms and for fixed latencies).
std::vector<Bucket> histogram(const LatencyHistogram &values, int buckets)
{
    std::vector<Bucket> out;
    if (values.empty())
        return out;
    const Micros lo = values.min(), hi = values.max();
    const Micros width = niceWidth(std::max<Micros>(hi - lo, 1), buckets);
    const Micros first = (lo / width) * width;
    const auto n = static_cast<std::size_t>((hi - first) / width + 1);
    out.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        out[i].from = first + static_cast<Micros>(i) * width;
        out[i].to = out[i].from + width;
    }
    for (const LatencyHistogram::Bucket &b : values.buckets())
        out[static_cast<std::size_t>((b.value - first) / width)].count += b.count;
    return out;
}

std::string errorList(const std::map<std::string, std::uint64_t> &counts)
{
    std::vector<std::pair<std::string, std::uint64_t>> sorted(counts.begin(), counts.end());
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto &a, const auto &b) { return a.second > b.second; });
    std::string out;
    for (const auto &[name, n] : sorted) {
        if (!out.empty())
            out += ", ";
        out += name + " ×" + withSeparators(n);
    }
    return out.empty() ? "-" : out;
}

// std::string::size() counts bytes; the tables contain "×" and "–", so pad by code points.
std::string padDisplay(const std::string &text, std::size_t width, bool right = false)
{
    const std::size_t w = engine::utf8Length(text);
    if (w >= width)
        return text;
    const std::string fill(width - w, ' ');
    return right ? fill + text : text + fill;
}

} // namespace

Micros percentileOfSorted(const std::vector<Micros> &sorted, double p)
{
    if (sorted.empty())
        return 0;
    const double rank = std::ceil(p / 100.0 * static_cast<double>(sorted.size()));
    const auto index = static_cast<std::size_t>(std::clamp(rank, 1.0, double(sorted.size()))) - 1;
    return sorted[index];
}

LatencySummary summarizeLatencies(std::vector<Micros> values)
{
    LatencySummary s;
    if (values.empty())
        return s;
    std::sort(values.begin(), values.end());
    s.count = values.size();
    s.min = values.front();
    s.max = values.back();
    s.p50 = percentileOfSorted(values, 50);
    s.p90 = percentileOfSorted(values, 90);
    s.p99 = percentileOfSorted(values, 99);
    // Integer sum: exact and independent of summation order.
    long double sum = 0;
    Micros exact = 0;
    bool overflow = false;
    for (Micros v : values) {
        if (__builtin_add_overflow(exact, v, &exact))
            overflow = true;
        sum += static_cast<long double>(v);
    }
    s.mean = overflow ? static_cast<double>(sum / values.size())
                      : static_cast<double>(exact) / static_cast<double>(values.size());
    return s;
}

LatencySummary summarizeLatencies(const LatencyHistogram &values)
{
    LatencySummary s;
    if (values.empty())
        return s;
    s.count = values.count();
    s.min = values.min();
    s.max = values.max();
    s.p50 = values.percentile(50);
    s.p90 = values.percentile(90);
    s.p99 = values.percentile(99);
    s.mean = values.mean();
    return s;
}

SimulationStepStats &SimulationReport::step(const std::string &id)
{
    auto [it, inserted] = m_stepIndex.try_emplace(id, steps.size());
    if (inserted) {
        steps.emplace_back();
        steps.back().id = id;
    }
    return steps[it->second];
}

void SimulationReport::merge(const SimulationReport &part)
{
    runs += part.runs;
    cancelled = cancelled || part.cancelled;
    for (std::size_t i = 0; i < statuses.size(); ++i)
        statuses[i] += part.statuses[i];
    for (const auto &[name, n] : part.runErrors)
        runErrors[name] += n;
    durations.merge(part.durations);
    for (const SimulationStepStats &from : part.steps) {
        SimulationStepStats &to = step(from.id);
        to.calls += from.calls;
        to.attempts += from.attempts;
        for (const auto &[name, n] : from.errors)
            to.errors[name] += n;
        for (const auto &[name, n] : from.failures)
            to.failures[name] += n;
        to.latencies.merge(from.latencies);
        to.criticalShareSum += from.criticalShareSum;
        to.compensations += from.compensations;
        to.compensationsFailed += from.compensationsFailed;
    }
    for (const SimulationServiceStats &from : part.services) {
        auto it = std::lower_bound(services.begin(), services.end(), from.name,
                                   [](const auto &s, const std::string &n) { return s.name < n; });
        if (it == services.end() || it->name != from.name) {
            it = services.insert(it, SimulationServiceStats{});
            it->name = from.name;
        }
        it->requests += from.requests;
        it->unmatched += from.unmatched;
        for (const auto &[route, n] : from.routes)
            it->routes[route] += n;
    }
    compensations += part.compensations;
    compensationsFailed += part.compensationsFailed;
    keepCandidates += part.keepCandidates;
    simulatedTime += part.simulatedTime;
}

double SimulationReport::successRate() const
{
    return runs == 0 ? 0.0
                     : static_cast<double>(statuses[static_cast<int>(RunStatus::Succeeded)]) /
                           static_cast<double>(runs);
}

Json simulationReportToJson(const SimulationReport &report)
{
    // SPEC §7's fields first, in its order; additions after them.
    Json out = Json::object();
    out["runs"] = report.runs;
    out["seed"] = report.seed;
    out["virtual_time"] = report.virtualTime;
    Json statuses = Json::object();
    for (RunStatus s : kFinalStatuses)
        statuses[toString(s)] = report.statuses[static_cast<int>(s)];
    out["statuses"] = std::move(statuses);

    out["latency_ms"] = latencyJson(summarizeLatencies(report.durations));

    Json steps = Json::object();
    for (const SimulationStepStats &s : report.steps) {
        Json compensations = {{"run", s.compensations}, {"failed", s.compensationsFailed}};
        steps[s.id] = {
            {"calls", s.calls},
            {"attempts", s.attempts},
            {"errors", countsJson(s.errors)},
            {"latency_ms", latencyJson(summarizeLatencies(s.latencies))},
            {"failures", countsJson(s.failures)},
            {"critical_path_share",
             report.runs == 0 ? 0.0 : rounded(s.criticalShareSum / double(report.runs))},
            {"compensations", std::move(compensations)},
        };
    }
    out["steps"] = std::move(steps);

    Json services = Json::object();
    for (const SimulationServiceStats &s : report.services)
        services[s.name] = {
            {"requests", s.requests},
            {"per_run", report.runs == 0 ? 0.0 : rounded(double(s.requests) / double(report.runs))},
            {"unmatched", s.unmatched},
            {"routes", countsJson(s.routes)}};
    out["services"] = std::move(services);

    out["flow"] = report.flow;
    out["input"] = report.input;
    out["requested_runs"] = report.requestedRuns;
    out["concurrency"] = report.concurrency;
    out["shard_runs"] = report.shardRuns;
    out["environment"] = report.environment;
    out["cancelled"] = report.cancelled;
    out["profiles"] = report.profiles;
    out["success_rate"] = rounded(report.successRate(), 1e6);
    out["run_errors"] = countsJson(report.runErrors);
    Json buckets = Json::array();
    for (const Bucket &b : histogram(report.durations, 12))
        buckets.push_back(
            {{"from_ms", durationMs(b.from)}, {"to_ms", durationMs(b.to)}, {"count", b.count}});
    out["latency_histogram"] = std::move(buckets);
    out["compensations"] = {{"run", report.compensations}, {"failed", report.compensationsFailed}};
    Json kept = Json::array();
    for (const KeptRun &k : report.kept)
        kept.push_back({{"run", k.id},
                        {"index", k.index},
                        {"seed", k.seed},
                        {"status", toString(k.status)},
                        {"duration_ms", durationMs(k.duration)},
                        {"error", k.error}});
    out["kept"] = std::move(kept);
    out["kept_selected"] = report.keepCandidates;
    out["simulated_ms"] = durationMs(report.simulatedTime);
    return out;
}

std::string formatSimulationReport(const SimulationReport &report, int histogramBuckets)
{
    std::string out;
    out += "Simulated " + withSeparators(report.runs) + " run" + (report.runs == 1 ? "" : "s") +
           " of " + report.flow + " (seed " + std::to_string(report.seed) + ", concurrency " +
           std::to_string(report.concurrency) + ", ";
    out += report.virtualTime
               ? "virtual time: " + humanDuration(report.simulatedTime) + " simulated"
               : "REAL time: some service is not mocked (environment " + report.environment + ")";
    out += ")\n";
    if (report.shardRuns > 0 && report.requestedRuns > report.shardRuns) {
        const std::uint64_t shards =
            (report.requestedRuns + report.shardRuns - 1) / report.shardRuns;
        out += "Shards: " + withSeparators(shards) + " of " + withSeparators(report.shardRuns) +
               " runs, each from fresh mock state and circuit breakers (the same for any --jobs)\n";
    }
    if (report.cancelled)
        out += "Cancelled after " + withSeparators(report.runs) + " of " +
               withSeparators(report.requestedRuns) + " runs.\n";
    if (!report.input.is_null())
        out += "Input: " + dumpJson(report.input) + "\n";
    if (!report.profiles.empty()) {
        out += "Profiles:";
        for (const auto &p : report.profiles)
            out += " " + p;
        out += "\n";
    }

    out += "\nStatus                    Runs     Share\n";
    for (RunStatus s : kFinalStatuses) {
        const std::uint64_t n = report.statuses[static_cast<int>(s)];
        out += pad(toString(s), 20) + pad(withSeparators(n), 10, true) +
               pad(percent(report.runs ? double(n) / double(report.runs) : 0.0), 10, true) + "\n";
    }
    if (!report.runErrors.empty())
        out += "Run errors: " + errorList(report.runErrors) + "\n";

    const LatencySummary total = summarizeLatencies(report.durations);
    out += "\nEnd-to-end latency  p50 " + humanDuration(total.p50) + "  p90 " +
           humanDuration(total.p90) + "  p99 " + humanDuration(total.p99) + "  max " +
           humanDuration(total.max) + "\n";
    const std::vector<Bucket> buckets = histogram(report.durations, histogramBuckets);
    std::uint64_t tallest = 0;
    for (const Bucket &b : buckets)
        tallest = std::max(tallest, b.count);
    std::size_t labelWidth = 0;
    std::vector<std::string> labels;
    for (const Bucket &b : buckets) {
        labels.push_back(humanDuration(b.from) + " – " + humanDuration(b.to));
        labelWidth = std::max(labelWidth, engine::utf8Length(labels.back()));
    }
    constexpr std::uint64_t kBar = 40;
    for (std::size_t i = 0; i < buckets.size(); ++i) {
        const std::uint64_t n = buckets[i].count;
        std::uint64_t len = tallest ? (n * kBar + tallest - 1) / tallest : 0;
        out += "  " + padDisplay(labels[i], labelWidth, true) + " |" + std::string(len, '#') +
               std::string(kBar - len, ' ') + "| " + withSeparators(n) + "\n";
    }

    std::size_t idWidth = 4;
    for (const auto &s : report.steps)
        idWidth = std::max(idWidth, engine::utf8Length(s.id));
    out += "\n" + pad("Step", idWidth) +
           "     Calls  Attempts      p50      p90      p99      max  Crit.path  Errors\n";
    for (const SimulationStepStats &s : report.steps) {
        const LatencySummary l = summarizeLatencies(s.latencies);
        const double share = report.runs ? s.criticalShareSum / double(report.runs) : 0.0;
        out += padDisplay(s.id, idWidth) + pad(withSeparators(s.calls), 10, true) +
               pad(withSeparators(s.attempts), 10, true) + pad(humanDuration(l.p50), 9, true) +
               pad(humanDuration(l.p90), 9, true) + pad(humanDuration(l.p99), 9, true) +
               pad(humanDuration(l.max), 9, true) + pad(percent(share), 11, true) + "  " +
               errorList(s.errors) + "\n";
    }

    if (!report.services.empty()) {
        std::size_t nameWidth = 7;
        for (const auto &s : report.services)
            nameWidth = std::max(nameWidth, engine::utf8Length(s.name));
        out += "\n" + pad("Service", nameWidth) + "  Requests   Per run  Unmatched\n";
        for (const SimulationServiceStats &s : report.services) {
            char perRun[32];
            std::snprintf(perRun, sizeof perRun, "%.2f",
                          report.runs ? double(s.requests) / double(report.runs) : 0.0);
            out += padDisplay(s.name, nameWidth) + pad(withSeparators(s.requests), 10, true) +
                   pad(perRun, 10, true) + pad(withSeparators(s.unmatched), 11, true) + "\n";
        }
    }

    out += "\nCompensations: " + withSeparators(report.compensations) + " run, " +
           withSeparators(report.compensationsFailed) + " failed\n";

    if (!report.kept.empty()) {
        out += "\nKept " + withSeparators(report.kept.size()) + " of " +
               withSeparators(report.keepCandidates) + " selected runs";
        if (!report.keptTo.empty())
            out += " in " + report.keptTo;
        std::string replay = "tutti run " + report.flowFile;
        if (!report.input.is_null() && report.input != Json::object())
            replay += " --input '" + dumpJson(report.input) + "'";
        for (const auto &p : report.profiles)
            replay += " --profile " + p;
        out += " (replay one alone: `" + replay + " --seed SEED`):\n";
        std::size_t shown = 0, idWidth = 0;
        for (std::size_t i = 0; i < report.kept.size() && i < 10; ++i)
            idWidth = std::max(idWidth, report.kept[i].id.size());
        for (const KeptRun &k : report.kept) {
            if (++shown > 10) {
                out += "  … and " + withSeparators(report.kept.size() - 10) +
                       " more (tutti trace list)\n";
                break;
            }
            std::string error;
            if (k.error.is_object() && k.error.contains("type"))
                error = k.error.value("type", "") + " at " + k.error.value("step", "");
            out += "  " + pad(k.id, idWidth) + "  " + pad(toString(k.status), 20) + " seed " +
                   pad(std::to_string(k.seed), 20) + "  " +
                   pad(humanDuration(k.duration), 8, true) + (error.empty() ? "" : "  " + error) +
                   "\n";
        }
    }
    return out;
}

} // namespace tutti::engine
