// Prometheus counters of `tutti serve` (see servemetrics.h).
#include "servemetrics.h"

#include <cstdio>

namespace tutti::server {

namespace {
// Upper bounds of the step latency buckets, in seconds (Prometheus' usual unit).
constexpr double kBucketBounds[ServeMetrics::kBuckets] = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

// Label values are flow names, step ids and route paths: escape what the format requires.
std::string label(const std::string &value)
{
    std::string out;
    for (char c : value) {
        if (c == '\\' || c == '"')
            out += '\\', out += c;
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}
} // namespace

const char *toString(Reject reason)
{
    switch (reason) {
    case Reject::Unauthorized:
        return "unauthorized";
    case Reject::RateLimited:
        return "rate_limited";
    case Reject::Overloaded:
        return "overloaded";
    case Reject::Draining:
        return "draining";
    case Reject::BodyTooLarge:
        return "body_too_large";
    case Reject::HeadersTooLarge:
        return "headers_too_large";
    case Reject::BadRequest:
        return "bad_request";
    case Reject::InvalidJson:
        return "invalid_json";
    case Reject::InvalidInput:
        return "invalid_input";
    case Reject::Timeout:
        return "timeout";
    case Reject::NotFound:
        return "not_found";
    case Reject::MethodNotAllowed:
        return "method_not_allowed";
    case Reject::Count_:
        break;
    }
    return "other";
}

std::size_t ServeMetrics::addFlow(const std::string &name, const std::vector<std::string> &stepIds)
{
    FlowLabels f{name, stepIds, {}};
    for (std::size_t i = 0; i < stepIds.size(); ++i)
        f.stepIndex.emplace(stepIds[i], i);
    m_flows.push_back(std::move(f));
    return m_flows.size() - 1;
}

std::size_t ServeMetrics::addRoute(const std::string &labelText)
{
    for (std::size_t i = 0; i < m_routes.size(); ++i)
        if (m_routes[i] == labelText)
            return i;
    m_routes.push_back(labelText);
    return m_routes.size() - 1;
}

void ServeMetrics::freeze()
{
    m_runs = std::make_unique<std::atomic<std::uint64_t>[]>(m_flows.size() * kStatuses);
    m_requests = std::make_unique<std::atomic<std::uint64_t>[]>(m_routes.size() * kCodes);
    std::size_t steps = 0;
    for (const auto &f : m_flows) {
        m_stepBase.push_back(steps);
        steps += f.steps.size();
    }
    m_steps = std::make_unique<Histogram[]>(steps);
}

std::size_t ServeMetrics::flowIndex(const std::string &name) const
{
    for (std::size_t i = 0; i < m_flows.size(); ++i)
        if (m_flows[i].name == name)
            return i;
    return std::string::npos;
}

std::size_t ServeMetrics::stepIndex(std::size_t flow, const std::string &stepId) const
{
    if (flow >= m_flows.size())
        return std::string::npos;
    auto it = m_flows[flow].stepIndex.find(stepId);
    return it == m_flows[flow].stepIndex.end() ? std::string::npos : it->second;
}

void ServeMetrics::countRequest(std::size_t route, int status)
{
    if (route < m_routes.size() && status >= 0 && status < kCodes)
        m_requests[route * kCodes + status].fetch_add(1, std::memory_order_relaxed);
}

void ServeMetrics::countRejected(Reject reason)
{
    m_rejected[static_cast<int>(reason)].fetch_add(1, std::memory_order_relaxed);
}

void ServeMetrics::countRun(std::size_t flow, engine::RunStatus status)
{
    if (flow < m_flows.size())
        m_runs[flow * kStatuses + static_cast<int>(status)].fetch_add(1, std::memory_order_relaxed);
}

void ServeMetrics::observeStep(std::size_t flow, std::size_t step, engine::Micros duration)
{
    if (flow >= m_flows.size() || step >= m_flows[flow].steps.size())
        return;
    Histogram &h = m_steps[m_stepBase[flow] + step];
    const double seconds = double(duration) / 1e6;
    int b = 0;
    while (b < kBuckets && seconds > kBucketBounds[b])
        ++b;
    h.buckets[b].fetch_add(1, std::memory_order_relaxed);
    h.sumMicros.fetch_add(static_cast<std::uint64_t>(duration > 0 ? duration : 0),
                          std::memory_order_relaxed);
}

std::string ServeMetrics::render() const
{
    std::string out;
    char num[64];
    auto u64 = [&](std::uint64_t v) {
        std::snprintf(num, sizeof num, "%llu", static_cast<unsigned long long>(v));
        return std::string(num);
    };
    out += "# HELP tutti_runs_total Finished runs by flow and final status.\n"
           "# TYPE tutti_runs_total counter\n";
    for (std::size_t f = 0; f < m_flows.size(); ++f)
        for (int s = 1; s < kStatuses; ++s)
            out += "tutti_runs_total{flow=\"" + label(m_flows[f].name) + "\",status=\"" +
                   engine::toString(static_cast<engine::RunStatus>(s)) + "\"} " +
                   u64(m_runs[f * kStatuses + s].load(std::memory_order_relaxed)) + "\n";
    out += "# HELP tutti_runs_in_flight Runs in progress.\n# TYPE tutti_runs_in_flight gauge\n"
           "tutti_runs_in_flight " +
           std::to_string(inflight.load()) + "\n";
    out += "# HELP tutti_step_duration_seconds Step latency (all attempts and waits).\n"
           "# TYPE tutti_step_duration_seconds histogram\n";
    for (std::size_t f = 0; f < m_flows.size(); ++f)
        for (std::size_t s = 0; s < m_flows[f].steps.size(); ++s) {
            const Histogram &h = m_steps[m_stepBase[f] + s];
            const std::string labels = "flow=\"" + label(m_flows[f].name) + "\",step=\"" +
                                       label(m_flows[f].steps[s]) + "\"";
            std::uint64_t cumulative = 0;
            for (int b = 0; b <= kBuckets; ++b) {
                cumulative += h.buckets[b].load(std::memory_order_relaxed);
                char bound[32] = "+Inf";
                if (b < kBuckets)
                    std::snprintf(bound, sizeof bound, "%g", kBucketBounds[b]);
                out += "tutti_step_duration_seconds_bucket{" + labels + ",le=\"" + bound + "\"} " +
                       u64(cumulative) + "\n";
            }
            std::snprintf(num, sizeof num, "%.6f",
                          double(h.sumMicros.load(std::memory_order_relaxed)) / 1e6);
            out += "tutti_step_duration_seconds_sum{" + labels + "} " + num + "\n";
            out += "tutti_step_duration_seconds_count{" + labels + "} " + u64(cumulative) + "\n";
        }
    out += "# HELP tutti_http_requests_total HTTP requests by route and status code.\n"
           "# TYPE tutti_http_requests_total counter\n";
    for (std::size_t r = 0; r < m_routes.size(); ++r)
        for (int c = 0; c < kCodes; ++c)
            if (auto v = m_requests[r * kCodes + c].load(std::memory_order_relaxed))
                out += "tutti_http_requests_total{route=\"" + label(m_routes[r]) + "\",code=\"" +
                       std::to_string(c) + "\"} " + u64(v) + "\n";
    out += "# HELP tutti_http_rejected_total Requests refused before or instead of a run, by "
           "reason.\n# TYPE tutti_http_rejected_total counter\n";
    for (int r = 0; r < static_cast<int>(Reject::Count_); ++r)
        out += std::string("tutti_http_rejected_total{reason=\"") +
               toString(static_cast<Reject>(r)) + "\"} " +
               u64(m_rejected[r].load(std::memory_order_relaxed)) + "\n";
    return out;
}

} // namespace tutti::server
