// Runs for the run viewer's tests, benchmark and screenshots: a generated run of any size
// (sequential steps with retried attempts and backoff waits, a parallel step, a map with many
// items, an error and a compensation), and a real checkout run over its mocks that retries,
// fails and compensates.
#pragma once

#include <engine/core/clock.h>
#include <engine/session/runsession.h>
#include <engine/trace/tracestore.h>

#include <QString>

#include <optional>
#include <string>

namespace traceviewdata {

using namespace tutti::engine;

// About `spanCount` spans (never fewer than 40): 10 steps of which every third needs 3 attempts
// with backoff waits between them, a parallel step of two branches, a map step whose items (each
// an item span, a step span and an attempt span) make up the rest, a failed step and the
// compensations that follow it. Deterministic: the same count gives the same run.
inline RunTrace generatedRun(int spanCount, const std::string &runId = "run-generated-0001")
{
    RunRecord run;
    run.id = runId;
    run.flow = "generated";
    run.flowFile = "generated.flow.yaml";
    run.startedAt = VirtualClock::kDefaultStart;
    run.virtualTime = true;
    run.input = {{"order", 42}};
    std::vector<Span> spans;
    SpanId next = 1;
    Micros t = run.startedAt;
    auto add = [&](SpanKind kind, std::string name, std::string step, SpanId parent, Micros start,
                   Micros duration, SpanStatus status = SpanStatus::Ok) -> Span & {
        Span s;
        s.id = next++;
        s.parent = parent;
        s.kind = kind;
        s.name = std::move(name);
        s.stepId = std::move(step);
        s.start = start;
        s.duration = duration;
        s.status = status;
        spans.push_back(std::move(s));
        return spans.back();
    };
    auto http = [](Span &s, int status) {
        s.request = {{"method", "POST"},
                     {"url", "mock://svc/" + s.stepId},
                     {"headers", {{"Content-Type", "application/json"}}},
                     {"body", {{"step", s.stepId}}}};
        s.response = {{"status", status},
                      {"headers", {{"Content-Type", "application/json"}}},
                      {"body", {{"ok", status < 400}, {"id", s.stepId + "_1"}}}};
        if (status >= 400) {
            s.status = SpanStatus::Error;
            s.error = {{"type", "http." + std::to_string(status)},
                       {"message", "upstream answered " + std::to_string(status)},
                       {"status", status},
                       {"step", s.stepId}};
        }
    };
    for (int i = 0; i < 10; ++i) {
        const std::string id = "step" + std::to_string(i);
        const SpanId step = add(SpanKind::Step, id, id, 0, t, 0).id;
        const std::size_t stepIndex = spans.size() - 1;
        const int attempts = i % 3 == 0 ? 3 : 1;
        Micros at = t;
        for (int a = 1; a <= attempts; ++a) {
            Span &attempt = add(SpanKind::Attempt, "attempt " + std::to_string(a), id, step, at,
                                8000 + 1000 * i);
            attempt.attempt = a;
            http(attempt, a < attempts ? 503 : 200);
            at += attempt.duration;
            if (a < attempts) {
                const Micros wait = 200000 << (a - 1);
                add(SpanKind::Wait, "backoff", id, step, at, wait);
                at += wait;
            }
        }
        spans[stepIndex].duration = at - t;
        t = at + 500;
    }
    // Parallel: two branches of different length (only the longer is critical).
    {
        const SpanId par = add(SpanKind::Step, "fanout", "fanout", 0, t, 120000).id;
        const SpanId a = add(SpanKind::Branch, "fast", "fanout", par, t, 30000).id;
        http(add(SpanKind::Step, "lookup", "lookup", a, t, 30000), 200);
        const SpanId b = add(SpanKind::Branch, "slow", "fanout", par, t, 120000).id;
        http(add(SpanKind::Step, "report", "report", b, t, 120000), 200);
        t += 120500;
    }
    // Map: items of three spans each, four at a time, until the count is reached.
    const int fixedAfter = 4; // the failed step, its attempt and two compensations
    const int items =
        std::max(1, (spanCount - static_cast<int>(spans.size()) - 1 - fixedAfter) / 3);
    {
        const std::size_t mapIndex = spans.size();
        const SpanId map = add(SpanKind::Step, "ship_all", "ship_all", 0, t, 0).id;
        Micros lane[4] = {t, t, t, t};
        Micros end = t;
        for (int i = 0; i < items; ++i) {
            Micros &at = lane[i % 4];
            const Micros d = 2000 + (i * 7919) % 5000;
            const SpanId item =
                add(SpanKind::Item, "item " + std::to_string(i), "ship_all", map, at, d).id;
            const SpanId ship = add(SpanKind::Step, "ship", "ship", item, at, d).id;
            Span &attempt = add(SpanKind::Attempt, "attempt 1", "ship", ship, at, d - 100);
            attempt.attempt = 1;
            http(attempt, 201);
            at += d + 50;
            end = std::max(end, at);
        }
        spans[mapIndex].duration = end - t;
        t = end + 500;
    }
    // A failed step, then the compensations (undo in reverse order).
    {
        Span &charge = add(SpanKind::Step, "notify", "notify", 0, t, 15000, SpanStatus::Error);
        charge.error = {{"type", "http.500"}, {"message", "upstream answered 500"}};
        const SpanId parent = charge.id;
        Span &attempt = add(SpanKind::Attempt, "attempt 1", "notify", parent, t, 15000);
        attempt.attempt = 1;
        http(attempt, 500);
        t += 15500;
        add(SpanKind::Compensation, "compensate step3", "step3", 0, t, 6000);
        t += 6500;
        add(SpanKind::Compensation, "compensate step0", "step0", 0, t, 6000);
        t += 6000;
    }
    run.status = RunStatus::Compensated;
    run.duration = t - run.startedAt;
    run.error = {{"type", "http.500"}, {"message", "upstream answered 500"}, {"step", "notify"}};
    // As the store gives them: by start, then id.
    std::stable_sort(spans.begin(), spans.end(), [](const Span &a, const Span &b) {
        return a.start != b.start ? a.start < b.start : a.id < b.id;
    });
    return {std::move(run), std::move(spans)};
}

// Runs `flowPath` over its mocks with `profiles` on a virtual clock, stores the run in `dbPath`
// and loads it back as the viewer gets it. nullopt when the run could not be set up. The run id
// comes from the seed and the (virtual) clock unless `runId` is given: two runs of one seed need
// their own ids.
inline std::optional<RunTrace> storedRun(TransportProvider &transports, const std::string &flowPath,
                                         const std::string &dbPath,
                                         std::vector<std::string> profiles, Json input,
                                         std::uint64_t seed, std::string runId = {})
{
    VirtualClock clock;
    RunRequest request;
    request.flow.path = flowPath;
    request.profiles = std::move(profiles);
    request.input = std::move(input);
    request.seed = seed;
    request.clock = &clock;
    request.trace = TraceTarget::database(dbPath);
    request.runId = runId;
    auto session = RunSession::create(request, transports);
    if (!session)
        return std::nullopt;
    bool done = false;
    (*session)->onFinished = [&](const RunResult &) { done = true; };
    (*session)->start();
    clock.runUntilIdle();
    if (!done)
        return std::nullopt;
    runId = (*session)->record().id;
    session->reset();
    TraceStore store;
    if (!store.open(dbPath))
        return std::nullopt;
    auto loaded = store.loadRun(runId);
    if (!loaded)
        return std::nullopt;
    return std::move(*loaded);
}

} // namespace traceviewdata
