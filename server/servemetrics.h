// The numbers `/metrics` shows (Prometheus text format 0.0.4): runs by flow and status, step
// latency histograms, runs in flight, HTTP requests by route and code, rejected requests by
// reason. Every counter is a lock-free atomic, so all workers update one aggregate; the label
// sets (flows, steps, routes) are fixed before the workers start.
#pragma once

#include <engine/core/duration.h>
#include <engine/core/trace.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace tutti::server {

enum class Reject {
    Unauthorized,
    RateLimited,
    Overloaded,
    Draining,
    BodyTooLarge,
    HeadersTooLarge,
    BadRequest,
    InvalidJson,
    InvalidInput,
    Timeout,
    NotFound,
    MethodNotAllowed,
    Count_
};
const char *toString(Reject reason); // "unauthorized", "rate_limited", …

class ServeMetrics {
public:
    static constexpr int kBuckets = 14; // step latency upper bounds, see kBucketBounds

    // Label sets; call before the workers start. Return the index to count with.
    std::size_t addFlow(const std::string &name, const std::vector<std::string> &stepIds);
    std::size_t addRoute(const std::string &label);
    void freeze(); // allocates the counters; no add*() after this

    std::size_t flowIndex(const std::string &name) const; // npos when unknown
    std::size_t stepIndex(std::size_t flow, const std::string &stepId) const;

    void countRequest(std::size_t route, int status);
    void countRejected(Reject reason);
    void countRun(std::size_t flow, engine::RunStatus status);
    void observeStep(std::size_t flow, std::size_t step, engine::Micros duration);

    std::atomic<int> inflight{0}; // runs in progress, all workers

    std::string render() const;

private:
    struct Histogram {
        std::atomic<std::uint64_t> buckets[kBuckets + 1]{}; // the last one is +Inf
        std::atomic<std::uint64_t> sumMicros{0};
    };
    struct FlowLabels {
        std::string name;
        std::vector<std::string> steps;
        std::unordered_map<std::string, std::size_t> stepIndex;
    };
    static constexpr int kStatuses = 5; // RunStatus values
    static constexpr int kCodes = 600;  // HTTP status codes 0..599
    std::vector<FlowLabels> m_flows;
    std::vector<std::string> m_routes;
    std::unique_ptr<std::atomic<std::uint64_t>[]> m_runs;     // flow × status
    std::unique_ptr<std::atomic<std::uint64_t>[]> m_requests; // route × code
    std::unique_ptr<Histogram[]> m_steps;                     // all steps of all flows
    std::vector<std::size_t> m_stepBase;                      // first histogram of each flow
    std::atomic<std::uint64_t> m_rejected[static_cast<int>(Reject::Count_)]{};
};

} // namespace tutti::server
