// The outcome of a simulation (SPEC §5): counts by final status, end-to-end and per-step latency
// samples, errors by name, critical-path shares, requests per service, compensations and the
// kept runs; rendered as SPEC §7's `simulate --json` shape or as a table with a text histogram.
// Nothing in it depends on wall time, so the same simulation gives the same report byte for byte.
// Pure data over run records and spans, so it lives in the engine: the simulator (mocks/) fills
// it, and the CLI and the studio's panel show it without linking the simulator.
#pragma once

#include <engine/core/duration.h>
#include <engine/core/json.h>
#include <engine/core/trace.h>
#include <engine/trace/latencyhistogram.h>

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace tutti::engine {

// Nearest-rank percentiles of a sample (p-th percentile = the ceil(p/100 * n)-th smallest value),
// so with fixed latencies they land exactly on sums of latencies and backoffs.
struct LatencySummary {
    std::uint64_t count = 0;
    Micros min = 0, p50 = 0, p90 = 0, p99 = 0, max = 0;
    double mean = 0; // microseconds
};
LatencySummary summarizeLatencies(std::vector<Micros> values);
// The same from a simulation's bounded histogram (its percentile rule: latencyhistogram.h).
LatencySummary summarizeLatencies(const LatencyHistogram &values);
// The value at percentile `p` (0 < p <= 100) of a sorted sample; 0 for an empty one.
Micros percentileOfSorted(const std::vector<Micros> &sorted, double p);

struct SimulationStepStats {
    std::string id;
    std::uint64_t calls = 0;    // step executions (map items and loops count each time)
    std::uint64_t attempts = 0; // attempts of those executions (1 per call without retries)
    // Error names raised by attempts, retried ones included ("what the step ran into").
    std::map<std::string, std::uint64_t> errors;
    // Error names the step finally ended with, after its retries ("what it gave up on").
    std::map<std::string, std::uint64_t> failures;
    LatencyHistogram latencies;  // one per call: the step span, retries and backoffs in
    double criticalShareSum = 0; // sum over runs of (time on the critical path / run)
    std::uint64_t compensations = 0;
    std::uint64_t compensationsFailed = 0;
};

struct SimulationServiceStats {
    std::string name;
    std::uint64_t requests = 0;  // received by the mock, retries and compensations included
    std::uint64_t unmatched = 0; // answered 404 for want of a route
    std::map<std::string, std::uint64_t> routes; // "POST /charges" -> requests
};

// A run whose full trace was kept (written to the trace sink given to the simulation).
struct KeptRun {
    std::string id;
    std::uint64_t index = 0;
    std::uint64_t seed = 0; // `tutti run --seed SEED` replays this run alone
    RunStatus status = RunStatus::Failed;
    Micros duration = 0;
    Json error; // null or {"type", "message", "step"}
};

struct SimulationReport {
    std::string flow;     // flow name
    std::string flowFile; // as given
    std::uint64_t requestedRuns = 0;
    std::uint64_t runs = 0; // finished runs (fewer than requested only when cancelled)
    std::uint64_t seed = 0;
    int concurrency = 1;
    // Runs per shard: each shard of the simulation starts with fresh mock state and circuit
    // breakers, whatever thread runs it (0: not sharded).
    std::uint64_t shardRuns = 0;
    bool virtualTime = true;
    bool cancelled = false;
    std::string environment = "mock";
    std::vector<std::string> profiles; // profile file names (without folders), in order applied
    Json input;                        // the input every run got

    // Indexed by RunStatus.
    std::array<std::uint64_t, 5> statuses{};
    std::map<std::string, std::uint64_t> runErrors; // final run error names
    LatencyHistogram durations;                     // end-to-end, one per finished run
    std::vector<SimulationStepStats> steps;         // flow order, then sub-flow steps as met
    std::vector<SimulationServiceStats> services;   // by name
    std::uint64_t compensations = 0;
    std::uint64_t compensationsFailed = 0;
    std::uint64_t keepCandidates = 0; // runs the keep policy selected (kept ones are capped)
    std::vector<KeptRun> kept;
    Micros simulatedTime = 0; // first start to last finish, on the simulation's clock
    std::string keptTo;       // where kept runs were written (human output only)

    // The stats of a step, created (in call order) the first time a step id is seen.
    SimulationStepStats &step(const std::string &id);
    double successRate() const;

    // Adds the figures of another part of the same simulation (a shard of its runs): counts,
    // samples, compensations, selected runs and simulated time add up; steps keep first-seen
    // order, services stay sorted by name. Parts merged in the same order give the same report
    // bit for bit (floating-point sums included). Kept runs are the simulator's business.
    void merge(const SimulationReport &part);

private:
    std::unordered_map<std::string, std::size_t> m_stepIndex;
};

// SPEC §7 `simulate --json`: {"runs", "seed", "virtual_time", "statuses", "latency_ms",
// "steps": {ID: {"calls", "attempts", "errors", "latency_ms"}}, "services": {NAME: {"requests"}}}
// plus "flow", "input", "concurrency", "shard_runs", "cancelled", "success_rate", "profiles",
// "run_errors", "latency_histogram", per step "failures", "critical_path_share" and
// "compensations", per service "per_run", "unmatched" and "routes", "compensations", "kept" and
// "simulated_ms". Fixed key order (SPEC's fields first); steps in flow order, services by name.
Json simulationReportToJson(const SimulationReport &report);

// The human report: a summary, a status table, a latency histogram of `histogramBuckets` bars,
// the step and service tables, compensations and kept runs with how to replay them.
std::string formatSimulationReport(const SimulationReport &report, int histogramBuckets = 12);

} // namespace tutti::engine
