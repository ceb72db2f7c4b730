// Engine overhead per step (SPEC §10: ≤ 2 µs median with in-process mocks and tracing on).
//
//   bench_engine [--runs N] [--rounds R]
//
// Runs a 12-step flow (8 http steps to an in-process mock, 3 transforms, 1 respond) N times per
// round on a VirtualClock, one run after another on one core, with every span delivered to a
// sink (tracing on). Reported per step: wall time / steps executed, median over rounds. The
// baseline measured in the same run is the bare in-process mock round trip (InProcessTransport
// send + clock) with no engine, so "engine overhead" = per-step time minus nothing hidden: the
// figure includes the mock's own work for http steps, and the ratio to the bare mock call shows
// what the engine adds.
#include <engine/core/clock.h>
#include <engine/model/flowparser.h>
#include <engine/runtime/executor.h>
#include <mocks/inprocesstransport.h>
#include <mocks/mockregistry.h>

#include <QCoreApplication>
#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

using namespace tutti::engine;
using WallClock = std::chrono::steady_clock;

namespace {

class CountingSink final : public TraceSink {
public:
    void runStarted(const RunRecord &) override { ++runs; }
    void spanStarted(const RunRecord &, const Span &) override {}
    void spanFinished(const RunRecord &, const Span &span) override
    {
        ++spans;
        bytes += span.name.size();
    }
    void runFinished(const RunRecord &) override {}
    std::size_t runs = 0, spans = 0, bytes = 0;
};

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int runsPerRound = 5000, rounds = 7;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::string(argv[i]) == "--runs")
            runsPerRound = std::max(1, std::atoi(argv[i + 1]));
        else if (std::string(argv[i]) == "--rounds")
            rounds = std::max(1, std::atoi(argv[i + 1]));
    }

    QTemporaryDir dir;
    const std::string mockPath = dir.path().toStdString() + "/api.mock.yaml";
    std::ofstream(mockPath)
        << "tutti-mock: 1\nservice: api\nroutes:\n"
           "  - match: { method: POST, path: /items }\n"
           "    respond: { status: 201, body: { id: \"{{ request.body.n }}\" } }\n"
           "    latency: 5ms\n"
           "  - match: { method: GET, path: \"/items/{id}\" }\n"
           "    respond: { status: 200, body: { id: \"{{ params.id }}\", ok: true } }\n"
           "    latency: 2ms\n";
    std::string yaml =
        "tutti: 1\nname: overhead\nservices:\n  api: { mock: " + mockPath + " }\nsteps:\n";
    for (int i = 0; i < 4; ++i) {
        yaml += "  - { id: post" + std::to_string(i) +
                ", type: http, service: api, request: { method: POST, path: /items, body: { n: " +
                std::to_string(i) + " } } }\n";
        yaml += "  - { id: get" + std::to_string(i) +
                ", type: http, service: api, request: { method: GET, path: \"/items/{{ steps.post" +
                std::to_string(i) + ".body.id }}\" } }\n";
        if (i < 3)
            yaml += "  - { id: t" + std::to_string(i) +
                    ", type: transform, set: { last: \"{{ steps.get" + std::to_string(i) +
                    ".body.id }}\" } }\n";
    }
    yaml += "  - { id: done, type: respond, body: { last: \"{{ vars.last }}\" } }\n";
    const int stepsPerRun = 4 * 2 + 3 + 1;
    FlowLoad load = parseFlow(yaml, dir.path().toStdString() + "/overhead.flow.yaml");
    if (!load.ok()) {
        for (const auto &e : load.errors)
            std::fprintf(stderr, "%s\n", e.toString().c_str());
        return 1;
    }
    tutti::mocks::MockRegistry registry;
    if (auto errors = registry.loadFiles({mockPath}); !errors.empty()) {
        std::fprintf(stderr, "%s\n", errors.front().toString().c_str());
        return 1;
    }

    std::vector<double> perStep, perMockCall;
    std::size_t failures = 0;
    for (int round = 0; round < rounds; ++round) {
        // Baseline: the bare in-process mock round trip, no engine.
        {
            VirtualClock clock;
            tutti::mocks::InProcessTransport transport(registry, clock);
            const int calls = runsPerRound * 8;
            const auto t0 = WallClock::now();
            int answered = 0;
            for (int i = 0; i < calls; ++i) {
                HttpRequest request;
                request.method = i % 2 ? "GET" : "POST";
                request.url = i % 2 ? "mock://api/items/7" : "mock://api/items";
                request.body = R"({"n":1})";
                request.headers = {{"Content-Type", "application/json"}};
                request.drawSeed = static_cast<std::uint64_t>(i);
                transport.send(std::move(request), [&](TransportResult) { ++answered; });
                clock.runUntilIdle();
            }
            const double us =
                std::chrono::duration<double, std::micro>(WallClock::now() - t0).count();
            perMockCall.push_back(us / answered);
        }
        // The engine.
        VirtualClock clock;
        tutti::mocks::InProcessTransport transport(registry, clock);
        CountingSink sink;
        RunDeps deps;
        deps.clock = &clock;
        deps.transport = &transport;
        deps.sink = &sink;
        const auto t0 = WallClock::now();
        for (int i = 0; i < runsPerRound; ++i) {
            RunOptions options;
            options.seed = static_cast<std::uint64_t>(i);
            options.runId = "r";
            RunResult r = runFlowBlocking(load.flow, deps, options);
            failures += r.record.status != RunStatus::Succeeded;
        }
        const double us = std::chrono::duration<double, std::micro>(WallClock::now() - t0).count();
        perStep.push_back(us / (runsPerRound * stepsPerRun));
        std::printf("  round %d: %.2f us/step (%.0f steps/s), bare mock call %.2f us, %zu spans\n",
                    round + 1, perStep.back(), 1e6 / perStep.back(), perMockCall.back(),
                    sink.spans);
    }
    const double step = median(perStep), mock = median(perMockCall);
    std::printf(
        "engine, in-process mocks, tracing on: median %.2f us/step = %.0f steps/s on one core "
        "(target <= 2 us, >= 200000 steps/s)\n",
        step, 1e6 / step);
    std::printf(
        "bare in-process mock call (baseline, same run): median %.2f us; per-step/baseline x%.2f\n",
        mock, step / mock);
    if (failures)
        std::printf("%zu runs did not succeed\n", failures);
    return failures ? 1 : 0;
}
