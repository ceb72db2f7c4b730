// Generated trace databases for the run history's tests and benchmark: many finished runs of a
// few flows, with failures carrying error messages, written fast through the store's bulk mode.
#pragma once

#include <engine/trace/tracestore.h>

#include <cstdint>
#include <cstdio>
#include <string>

namespace tracegen {

inline constexpr tutti::engine::Micros kBase = 1'700'000'000'000'000; // 2023-11-14 22:13 UTC
inline constexpr tutti::engine::Micros kSpacing = 1'000'000;          // a run a second

// Run i of a generated database; the same i always gives the same run.
inline tutti::engine::RunRecord run(std::int64_t i, int flows = 5)
{
    using namespace tutti::engine;
    RunRecord r;
    char id[32];
    // Spread ids over the key space as real (random) ids are, not in start order.
    const auto mixed = static_cast<std::uint64_t>(i) * 0x9E3779B97F4A7C15ull;
    std::snprintf(id, sizeof id, "run_%016llx", static_cast<unsigned long long>(mixed));
    r.id = id;
    r.flow = "flow-" + std::to_string(i % flows);
    r.flowFile = r.flow + ".flow.yaml";
    r.startedAt = kBase + i * kSpacing;
    r.duration = 1000 + (i * 7919) % 5'000'000; // 1 ms .. 5 s
    r.virtualTime = true;
    if (i % 10 == 3) {
        r.status = RunStatus::Failed;
        r.error = {{"type", i % 20 == 3 ? "timeout" : "http.503"},
                   {"message", i % 20 == 3 ? "no answer from inventory after 5 s"
                                           : "payments answered 503 Service Unavailable"},
                   {"step", i % 20 == 3 ? "reserve" : "charge"}};
    } else if (i % 50 == 7) {
        r.status = RunStatus::Compensated;
        r.error = {{"type", "http.409"}, {"message", "card declined"}, {"step", "charge"}};
    } else {
        r.status = RunStatus::Succeeded;
    }
    return r;
}

// Appends runs [first, first + count) in one bulk batch per 100,000 runs.
inline tutti::engine::Result<void> generate(tutti::engine::TraceStore &store, std::int64_t count,
                                            std::int64_t first = 0, int flows = 5)
{
    store.setBulkMode(true);
    store.setMaxBatchRows(100'000);
    store.setMaxBatchAge(std::chrono::hours(1));
    for (std::int64_t i = first; i < first + count; ++i)
        store.runFinished(run(i, flows));
    auto flushed = store.flush();
    store.setBulkMode(false);
    if (auto e = store.takeLastError())
        return std::unexpected(*e);
    return flushed;
}

} // namespace tracegen
