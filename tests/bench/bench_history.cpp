// Run history benchmark (issue 10: filtering 1,000,000 runs answers in <= 100 ms): generates a
// database of N runs (tests/tracegen.h), then times the queries the history panel makes — its
// first page of 200 rows under each filter and sort, a deep keyset page, the capped match count,
// the flow list, the size display and the change poll. Each figure is the median of 7 tries.
// Usage: bench_history [RUNS=1000000] [DB=a fresh temporary file]
#include <engine/trace/tracestore.h>

#include <tests/tracegen.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <unistd.h>
#include <vector>

using namespace tutti::engine;
using Clock = std::chrono::steady_clock;

namespace {

double medianMs(const std::function<bool()> &work)
{
    std::vector<double> ms;
    for (int i = 0; i < 7; ++i) {
        const auto start = Clock::now();
        if (!work()) {
            std::fprintf(stderr, "query failed\n");
            std::exit(1);
        }
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
    const std::int64_t runs = argc > 1 ? std::atoll(argv[1]) : 1'000'000;
    std::string path = argc > 2 ? argv[2] : "";
    if (path.empty())
        path = (std::filesystem::temp_directory_path() /
                ("bench_history_" + std::to_string(getpid()) + ".db"))
                   .string();
    TraceStore store;
    if (auto r = store.open(path); !r) {
        std::fprintf(stderr, "%s\n", r.error().message.c_str());
        return 1;
    }
    if (*store.runCount() < runs) {
        const auto start = Clock::now();
        const std::int64_t have = *store.runCount();
        if (auto r = tracegen::generate(store, runs - have, have); !r) {
            std::fprintf(stderr, "%s\n", r.error().message.c_str());
            return 1;
        }
        std::printf("generated %lld runs in %.1f s\n", static_cast<long long>(runs - have),
                    std::chrono::duration<double>(Clock::now() - start).count());
    }

    const auto page = [&](RunQuery q) {
        q.limit = 200;
        q.summaryOnly = true;
        return [&store, q] { return store.listRuns(q).has_value(); };
    };
    struct Case {
        const char *name;
        RunQuery query;
    };
    std::vector<Case> cases;
    const auto add = [&](const char *name, auto set) {
        RunQuery q;
        set(q);
        cases.push_back({name, q});
    };
    const Micros end = tracegen::kBase + runs * tracegen::kSpacing;
    add("newest first, no filter", [](RunQuery &) {});
    add("flow", [](RunQuery &q) { q.flow = "flow-3"; });
    add("status failed", [](RunQuery &q) { q.status = RunStatus::Failed; });
    add("flow + status compensated", [](RunQuery &q) {
        q.flow = "flow-2";
        q.status = RunStatus::Compensated;
    });
    add("last 24 hours", [&](RunQuery &q) { q.since = end - 86'400'000'000; });
    add("an hour, 5 days ago", [&](RunQuery &q) {
        q.since = end - 5 * 86'400'000'000ll;
        q.until = q.since + 3'600'000'000ll;
    });
    add("text: run id prefix", [](RunQuery &q) { q.text = tracegen::run(123456).id.substr(4, 6); });
    add("text: short id prefix", [](RunQuery &q) { q.text = "run_a"; });
    add("text: common error word", [](RunQuery &q) { q.text = "inventory"; });
    add("text: no match", [](RunQuery &q) { q.text = "zebra"; });
    add("text + flow + failed", [](RunQuery &q) {
        q.text = "503";
        q.flow = "flow-3";
        q.status = RunStatus::Failed;
    });
    add("slowest first", [](RunQuery &q) { q.sort = RunSort::DurationDesc; });
    add("fastest first", [](RunQuery &q) { q.sort = RunSort::DurationAsc; });
    add("oldest first", [](RunQuery &q) { q.sort = RunSort::StartedAsc; });
    add("slowest failed", [](RunQuery &q) {
        q.sort = RunSort::DurationDesc;
        q.status = RunStatus::Failed;
    });
    add("slowest of a flow", [](RunQuery &q) {
        q.sort = RunSort::DurationDesc;
        q.flow = "flow-1";
    });
    add("slowest of last 24 hours", [&](RunQuery &q) {
        q.sort = RunSort::DurationDesc;
        q.since = end - 86'400'000'000;
    });
    add("deep page (after row 500,000)", [&](RunQuery &q) {
        const tutti::engine::RunRecord r = tracegen::run(runs / 2);
        q.afterKey = r.startedAt;
        q.afterId = r.id;
    });

    std::printf("%lld runs, first page of 200 rows (median of 7):\n",
                static_cast<long long>(*store.runCount()));
    double worst = 0;
    for (const Case &c : cases) {
        const double ms = medianMs(page(c.query));
        worst = std::max(worst, ms);
        std::printf("  %-34s %8.2f ms\n", c.name, ms);
    }
    std::printf("  %-34s %8.2f ms\n", "count, capped at 10,000 (flow)", medianMs([&] {
                    RunQuery q;
                    q.flow = "flow-3";
                    return store.countRuns(q, 10'000).has_value();
                }));
    std::printf("  %-34s %8.2f ms\n", "count, capped (text, no match)", medianMs([&] {
                    RunQuery q;
                    q.text = "zebra";
                    return store.countRuns(q, 10'000).has_value();
                }));
    std::printf("  %-34s %8.2f ms\n", "flow names",
                medianMs([&] { return store.listFlows().has_value(); }));
    std::printf("  %-34s %8.2f ms\n", "size display (stats)",
                medianMs([&] { return store.stats().has_value(); }));
    std::printf("  %-34s %8.3f ms\n", "change poll (data_version)",
                medianMs([&] { return store.dataVersion().has_value(); }));
    std::printf("worst first page: %.2f ms (target <= 100 ms) %s\n", worst,
                worst <= 100 ? "OK" : "SLOW");
    store.close();
    if (argc <= 2)
        for (const char *suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(path + suffix);
    return worst <= 100 ? 0 : 2;
}
