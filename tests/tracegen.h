// Generated trace databases for the run history's tests and benchmark: many finished runs of a
// few flows, with failures carrying error messages, written fast through the store's bulk mode.
#pragma once

#include <engine/trace/tracestore.h>

#include <algorithm>
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

// A stored run of resources/examples/checkout that failed at `charge` after three attempts (HTTP
// 503, with backoff waits) and compensated `reserve`: what the overlay, the viewer and the
// Inspector tests open. `flowFile` is recorded as the run's flow file.
inline tutti::engine::RunTrace failedCheckout(const std::string &id, const std::string &flowFile,
                                              tutti::engine::Micros start = kBase)
{
    using namespace tutti::engine;
    RunTrace t;
    RunRecord &r = t.first;
    r.id = id;
    r.flow = "checkout";
    r.flowFile = flowFile;
    r.status = RunStatus::Compensated;
    r.startedAt = start;
    r.duration = 900'000;
    r.input = {{"sku", "A-1"}, {"qty", 1}, {"amount", 25}};
    r.error = {{"type", "http.503"},
               {"message", "HTTP 503 from mock://payment/charges"},
               {"step", "charge"}};
    r.steps = {{"reserve", StepStatus::Compensated, 1, 40'000, nullptr},
               {"charge",
                StepStatus::Failed,
                3,
                800'000,
                {{"type", "http.503"}, {"message", "HTTP 503 from mock://payment/charges"}}}};
    SpanId next = 1;
    auto span = [&](SpanKind kind, const std::string &name, const std::string &step, SpanId parent,
                    Micros from, Micros duration, SpanStatus status) -> Span & {
        Span s;
        s.id = next++;
        s.parent = parent;
        s.kind = kind;
        s.name = name;
        s.stepId = step;
        s.start = start + from;
        s.duration = duration;
        s.status = status;
        t.second.push_back(s);
        return t.second.back();
    };
    const Json reserved = {{"status", 201},
                           {"headers", {{"Content-Type", "application/json"}}},
                           {"body", {{"id", "res_1"}}}};
    const SpanId reserve =
        span(SpanKind::Step, "reserve", "reserve", 0, 0, 40'000, SpanStatus::Ok).id;
    Span &a = span(SpanKind::Attempt, "attempt 1", "reserve", reserve, 0, 39'000, SpanStatus::Ok);
    a.attempt = 1;
    a.request = {{"method", "POST"},
                 {"url", "mock://inventory/reservations"},
                 {"headers", Json::object()},
                 {"body", {{"sku", "A-1"}, {"qty", 1}}}};
    a.response = reserved;
    const Json failure = {{"type", "http.503"},
                          {"message", "HTTP 503 from mock://payment/charges"},
                          {"status", 503},
                          {"step", "charge"}};
    const SpanId charge =
        span(SpanKind::Step, "charge", "charge", 0, 40'000, 800'000, SpanStatus::Error).id;
    t.second.back().error = failure;
    Micros at = 40'000;
    for (int n = 1; n <= 3; ++n) {
        Span &attempt = span(SpanKind::Attempt, "attempt " + std::to_string(n), "charge", charge,
                             at, 100'000, SpanStatus::Error);
        attempt.attempt = n;
        attempt.error = failure;
        attempt.request = {{"method", "POST"},
                           {"url", "mock://payment/charges"},
                           {"headers", {{"Idempotency-Key", id + "-charge"}}},
                           {"body", {{"amount", 25}}}};
        attempt.response = {{"status", 503},
                            {"headers", {{"Content-Type", "application/json"}}},
                            {"body", {{"error", "injected fault"}}}};
        at += 100'000;
        if (n < 3) {
            span(SpanKind::Wait, "backoff", "charge", charge, at, 200'000, SpanStatus::Ok);
            at += 200'000;
        }
    }
    const SpanId undo = span(SpanKind::Compensation, "compensate reserve", "reserve", 0, 840'000,
                             50'000, SpanStatus::Ok)
                            .id;
    Span &u =
        span(SpanKind::Attempt, "attempt 1", "reserve", undo, 840'000, 49'000, SpanStatus::Ok);
    u.attempt = 1;
    return t;
}

// Writes a whole run as its executor would have (normal mode).
inline void write(tutti::engine::TraceStore &store, const tutti::engine::RunTrace &run)
{
    tutti::engine::RunRecord started = run.first;
    started.status = tutti::engine::RunStatus::Running;
    store.runStarted(started);
    // Finish order: by end time, children before their parents.
    std::vector<tutti::engine::Span> spans = run.second;
    std::stable_sort(spans.begin(), spans.end(), [](const auto &a, const auto &b) {
        const auto ea = a.start + a.duration, eb = b.start + b.duration;
        return ea != eb ? ea < eb : a.id > b.id;
    });
    for (const tutti::engine::Span &s : spans)
        store.spanFinished(run.first, s);
    store.runFinished(run.first);
}

} // namespace tracegen
