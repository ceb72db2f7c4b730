// Simulation benchmark (SPEC §10: >= 200,000 simulated step executions per second on one core;
// 10,000 runs of the checkout example in about a second): runs a simulation in virtual time and
// prints runs/s and step executions/s by wall and by CPU time (the machine is shared).
// Usage: bench_simulate [FLOW=resources/examples/checkout/*.flow.yaml] [RUNS=10000]
//                       [CONCURRENCY=1] [PROFILE...]
#include <mocks/simulation.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <time.h>

using namespace tutti;
namespace fs = std::filesystem;

namespace {

double cpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

std::string defaultFlow()
{
    const fs::path root = fs::path(__FILE__).parent_path().parent_path().parent_path();
    const fs::path checkout = root / "resources/examples/checkout";
    std::error_code ec;
    if (fs::is_directory(checkout, ec))
        for (const auto &entry : fs::directory_iterator(checkout, ec))
            if (entry.path().string().ends_with(".flow.yaml"))
                return entry.path().string();
    return (root / "tests/data/simulation/shop.flow.yaml").string();
}

} // namespace

int main(int argc, char **argv)
{
    const std::string flow = argc > 1 ? argv[1] : defaultFlow();
    mocks::SimulationOptions options;
    options.runs = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 10000;
    options.concurrency = argc > 3 ? std::atoi(argv[3]) : 1;
    for (int i = 4; i < argc; ++i)
        options.profileFiles.push_back(argv[i]);
    options.seed = 1;
    options.keep = mocks::KeepPolicy::None; // the store is benchmarked by bench_trace

    mocks::Simulation simulation;
    if (auto errors = simulation.load(flow, options); !errors.empty()) {
        for (const auto &e : errors)
            std::fprintf(stderr, "%s\n", e.toString().c_str());
        return 1;
    }
    // Warm-up (allocator, caches), then the measured run.
    {
        mocks::SimulationOptions &o = simulation.options();
        const auto runs = o.runs;
        o.runs = std::min<std::uint64_t>(runs, 500);
        (void)simulation.run();
        o.runs = runs;
    }
    const auto wall0 = std::chrono::steady_clock::now();
    const double cpu0 = cpuSeconds();
    const engine::SimulationReport report = simulation.run();
    const double cpu = cpuSeconds() - cpu0;
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();

    std::uint64_t steps = 0, attempts = 0;
    for (const auto &s : report.steps) {
        steps += s.calls;
        attempts += s.attempts;
    }
    std::printf("flow            %s (%s time)\n", flow.c_str(),
                report.virtualTime ? "virtual" : "REAL");
    std::printf("runs            %llu (concurrency %d), success rate %.2f%%\n",
                static_cast<unsigned long long>(report.runs), report.concurrency,
                100.0 * report.successRate());
    std::printf("step executions %llu (%llu attempts)\n", static_cast<unsigned long long>(steps),
                static_cast<unsigned long long>(attempts));
    std::printf("wall            %.3f s: %.0f runs/s, %.0f steps/s\n", wall,
                double(report.runs) / wall, double(steps) / wall);
    std::printf("cpu             %.3f s: %.0f runs/s, %.0f steps/s (%.2f us/step)\n", cpu,
                double(report.runs) / cpu, double(steps) / cpu, 1e6 * cpu / double(steps));
    std::printf("target          >= 200000 steps/s on one core: %s\n",
                double(steps) / cpu >= 200000 ? "met" : "NOT met");
    return 0;
}
