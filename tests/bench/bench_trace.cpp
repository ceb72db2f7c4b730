// Trace store benchmark (SPEC §10: >= 100,000 spans/s written; a 10,000-span run opens in
// <= 200 ms, under concurrent runs): writes runs of 100 spans in normal and bulk mode from one
// thread, then from several threads at once in normal mode and with group commit (what
// `tutti serve`'s workers do), then loads a 10,000-span run.
// Usage: bench_trace [TOTAL_SPANS=200000] [DB_DIR=a fresh temporary folder] [THREADS=8]
#include <engine/trace/traceexport.h>
#include <engine/trace/tracestore.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <time.h>
#include <unistd.h>
#include <vector>

using namespace tutti::engine;
using Clock = std::chrono::steady_clock;

namespace {

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Typical payloads of an HTTP attempt after redaction.
const Json kRequest = Json::parse(
    R"({"method": "POST", "url": "mock://inventory/reservations", "headers": {"Content-Type":
    "application/json", "Authorization": "[REDACTED]"}, "body": {"sku": "A-1", "qty": 2}})");
const Json kResponse = Json::parse(
    R"({"status": 201, "headers": {"Content-Type": "application/json"}, "body": {"id": "r_123",
    "reserved": true}})");

// The spans of one run of `steps` steps, each a step span with one attempt span, built once:
// the benchmark times the store, not the making of spans (the executor does that anyway).
std::vector<Span> makeSpans(int steps)
{
    std::vector<Span> spans;
    SpanId next = 1;
    for (int s = 0; s < steps; ++s) {
        Span step;
        step.id = next++;
        step.kind = SpanKind::Step;
        step.name = step.stepId = "step" + std::to_string(s);
        step.start = s * 100;
        step.duration = 90;
        step.status = SpanStatus::Ok;
        Span attempt = step;
        attempt.id = next++;
        attempt.parent = step.id;
        attempt.kind = SpanKind::Attempt;
        attempt.name = "attempt 1";
        attempt.attempt = 1;
        attempt.duration = 80;
        attempt.request = kRequest;
        attempt.response = kResponse;
        spans.push_back(std::move(attempt)); // an attempt finishes before its step
        spans.push_back(std::move(step));
    }
    return spans;
}

void writeRun(TraceStore &store, const std::string &id, const std::vector<Span> &spans,
              Micros start)
{
    RunRecord run;
    run.id = id;
    run.flow = "bench";
    run.flowFile = "bench.flow.yaml";
    run.startedAt = start;
    run.input = {{"sku", "A-1"}, {"qty", 2}};
    store.runStarted(run);
    for (const Span &span : spans) {
        store.spanStarted(run, span);
        store.spanFinished(run, span);
        if (span.kind == SpanKind::Step)
            run.steps.push_back({span.stepId, StepStatus::Succeeded, 1, span.duration, nullptr});
    }
    run.status = RunStatus::Succeeded;
    run.duration = static_cast<Micros>(spans.size()) * 50;
    run.output = {{"ok", true}};
    store.runFinished(run);
}

double cpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

int writePhase(const std::string &path, bool bulk, int totalSpans)
{
    TraceStore store;
    if (auto r = store.open(path); !r) {
        std::fprintf(stderr, "open: %s\n", r.error().message.c_str());
        return 1;
    }
    store.setBulkMode(bulk);
    const int runs = totalSpans / 100;
    const std::vector<Span> spans = makeSpans(50);
    const auto start = Clock::now();
    const double cpuStart = cpuSeconds();
    for (int i = 0; i < runs; ++i)
        writeRun(store, (bulk ? "b" : "n") + std::to_string(i), spans, Micros(i) * 10'000);
    if (auto r = store.flush(); !r || store.lastError()) {
        std::fprintf(stderr, "write failed\n");
        return 1;
    }
    const double s = secondsSince(start);
    const double cpu = cpuSeconds() - cpuStart;
    std::printf("write %-6s %7d spans in %4d runs: %6.3f s wall %9.0f spans/s | %6.3f s CPU "
                "%9.0f spans/CPU-s\n",
                bulk ? "bulk" : "normal", runs * 100, runs, s, runs * 100 / s, cpu,
                runs * 100 / cpu);
    return 0;
}

// `threads` threads write runs at once into one store, normal mode or group commit.
int concurrentPhase(const std::string &path, bool group, int totalSpans, int threads)
{
    TraceStore store;
    store.setGroupCommit(group);
    if (auto r = store.open(path); !r) {
        std::fprintf(stderr, "open: %s\n", r.error().message.c_str());
        return 1;
    }
    const int runsPerThread = totalSpans / 100 / threads;
    const std::vector<Span> spans = makeSpans(50);
    const auto start = Clock::now();
    const double cpuStart = cpuSeconds();
    std::vector<std::thread> writers;
    for (int t = 0; t < threads; ++t)
        writers.emplace_back([&, t] {
            for (int i = 0; i < runsPerThread; ++i)
                writeRun(store, "c" + std::to_string(t) + "-" + std::to_string(i), spans,
                         Micros(i) * 10'000);
        });
    for (std::thread &w : writers)
        w.join();
    if (auto r = store.flush(); !r || store.lastError()) {
        std::fprintf(stderr, "write failed\n");
        return 1;
    }
    const double s = secondsSince(start);
    const double cpu = cpuSeconds() - cpuStart;
    const int written = runsPerThread * threads * 100;
    std::printf("write %-6s %7d spans, %d threads: %6.3f s wall %9.0f spans/s | %6.3f s CPU "
                "%9.0f spans/CPU-s\n",
                group ? "group" : "normal", written, threads, s, written / s, cpu, written / cpu);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    const int totalSpans = argc > 1 ? std::atoi(argv[1]) : 200'000;
    namespace fs = std::filesystem;
    const fs::path dir =
        argc > 2 ? fs::path(argv[2])
                 : fs::temp_directory_path() / ("tutti-bench-trace-" + std::to_string(getpid()));
    fs::create_directories(dir);

    int rc = writePhase((dir / "normal.db").string(), false, totalSpans);
    rc |= writePhase((dir / "bulk.db").string(), true, totalSpans);
    const int threads = argc > 3 ? std::max(1, std::atoi(argv[3])) : 8;
    rc |= concurrentPhase((dir / "concurrent-normal.db").string(), false, totalSpans, threads);
    rc |= concurrentPhase((dir / "concurrent-group.db").string(), true, totalSpans, threads);

    // A 10,000-span run, then open it as the viewer does: load, then build its JSON view.
    {
        const std::string path = (dir / "big.db").string();
        TraceStore store;
        if (!store.open(path))
            return 1;
        store.setBulkMode(true);
        writeRun(store, "big", makeSpans(5000), 0);
        (void)store.flush();
        store.close();

        TraceStore reader;
        (void)reader.open(path);
        for (int round = 0; round < 3; ++round) {
            const auto start = Clock::now();
            const double cpuStart = cpuSeconds();
            auto loaded = reader.loadRun("big");
            const double loadMs = secondsSince(start) * 1000;
            const double loadCpuMs = (cpuSeconds() - cpuStart) * 1000;
            if (!loaded || loaded->second.size() != 10'000) {
                std::fprintf(stderr, "loadRun failed\n");
                return 1;
            }
            const auto jsonStart = Clock::now();
            const Json shown = traceShowToJson(loaded->first, loaded->second);
            const double jsonMs = secondsSince(jsonStart) * 1000;
            std::printf("loadRun 10000 spans: %6.1f ms wall, %6.1f ms CPU (+ trace show JSON "
                        "%6.1f ms)%s\n",
                        loadMs, loadCpuMs, jsonMs, round == 0 ? " [cold]" : "");
        }
    }
    if (argc <= 2)
        fs::remove_all(dir);
    return rc;
}
