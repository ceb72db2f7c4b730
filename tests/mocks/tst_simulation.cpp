// Simulation model tests: success rates against 1 - p^(retries+1), exact percentiles from fixed
// latencies and backoffs, hang + timeout + retry, latency distributions over 100,000 draws,
// critical-path shares, shared circuit breakers under concurrency, profiles, determinism, kept
// runs that replay alone, cancellation, real-time detection, and the same report bytes for any
// number of threads (shards with their own mock state and breakers, merged in shard order).
// LABELS: unit
#include <mocks/inprocesstransport.h>
#include <mocks/simulation.h>

#include <engine/core/clock.h>
#include <engine/runtime/circuitbreaker.h>
#include <engine/runtime/executor.h>
#include <engine/trace/simulationreport.h>
#include <engine/trace/tracestore.h>

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>
#include <set>
#include <thread>

using namespace tutti;
using engine::Json;
using engine::kMillisecond;
using engine::Micros;

namespace {

const std::string kData = std::string(TUTTI_TEST_DATA) + "/simulation/";

constexpr Micros ms(Micros v)
{
    return v * kMillisecond;
}

void writeFile(const QString &path, const std::string &text)
{
    std::ofstream(path.toStdString()) << text;
}

// A one-step flow against one mock route, written into `dir`.
std::string writeOneStep(const QTemporaryDir &dir, const std::string &routeExtra,
                         const std::string &stepExtra)
{
    QDir(dir.path()).mkpath("mocks");
    writeFile(dir.filePath("mocks/api.mock.yaml"),
              "tutti-mock: 1\n"
              "service: api\n"
              "routes:\n"
              "  - match: { method: GET, path: /thing }\n"
              "    respond: { status: 200, body: { ok: 1 } }\n" +
                  routeExtra);
    writeFile(dir.filePath("one.flow.yaml"), "tutti: 1\n"
                                             "name: one\n"
                                             "services:\n"
                                             "  api: { mock: mocks/api.mock.yaml }\n"
                                             "steps:\n"
                                             "  - id: call\n"
                                             "    type: http\n"
                                             "    service: api\n"
                                             "    request: { method: GET, path: /thing }\n" +
                                                 stepExtra);
    return dir.filePath("one.flow.yaml").toStdString();
}

engine::SimulationReport simulate(const std::string &flow, mocks::SimulationOptions options)
{
    mocks::Simulation sim;
    const engine::Errors errors = sim.load(flow, options);
    for (const auto &e : errors)
        qWarning("%s", e.toString().c_str());
    if (!errors.empty())
        return {};
    return sim.run();
}

std::uint64_t status(const engine::SimulationReport &r, engine::RunStatus s)
{
    return r.statuses[static_cast<int>(s)];
}

const engine::SimulationStepStats *stepOf(const engine::SimulationReport &r, const std::string &id)
{
    for (const auto &s : r.steps)
        if (s.id == id)
            return &s;
    return nullptr;
}

std::string dump(const engine::SimulationReport &r)
{
    return engine::simulationReportToJson(r).dump(2);
}

} // namespace

class TestSimulation : public QObject {
    Q_OBJECT

private slots:
    void percentiles()
    {
        std::vector<Micros> v;
        for (Micros i = 1; i <= 100; ++i)
            v.push_back(i);
        const auto s = engine::summarizeLatencies(v);
        QCOMPARE(s.p50, Micros(50));
        QCOMPARE(s.p90, Micros(90));
        QCOMPARE(s.p99, Micros(99));
        QCOMPARE(s.max, Micros(100));
        QCOMPARE(s.min, Micros(1));
        QCOMPARE(s.mean, 50.5);
        QCOMPARE(engine::summarizeLatencies(std::vector<Micros>{}).count, std::uint64_t(0));
        QCOMPARE(engine::summarizeLatencies({7}).p99, Micros(7));
    }

    // With fault rate p and r retries, a run succeeds with probability 1 - p^(r+1); with a fixed
    // latency L and a fixed interval I a run of k attempts takes exactly k*L + (k-1)*I.
    void successRateMatchesRetries_data()
    {
        QTest::addColumn<double>("p");
        QTest::addColumn<int>("retries");
        QTest::newRow("p=0.3 no retry") << 0.3 << 0;
        QTest::newRow("p=0.3 2 retries") << 0.3 << 2;
        QTest::newRow("p=0.5 1 retry") << 0.5 << 1;
        QTest::newRow("p=0.1 1 retry") << 0.1 << 1;
        QTest::newRow("p=0.6 3 retries") << 0.6 << 3;
    }
    void successRateMatchesRetries()
    {
        QFETCH(double, p);
        QFETCH(int, retries);
        QTemporaryDir dir;
        const std::string flow =
            writeOneStep(dir,
                         "    latency: 50ms\n    faults: [ { rate: " + std::to_string(p) +
                             ", kind: status, status: 503 } ]\n",
                         "    retry: { on: [http.5xx], retries: " + std::to_string(retries) +
                             ", interval: 100ms, backoff: 1.0, jitter: none }\n");
        mocks::SimulationOptions o;
        o.runs = 10000;
        o.seed = 11;
        o.keep = mocks::KeepPolicy::None;
        const auto r = simulate(flow, o);
        QCOMPARE(r.runs, std::uint64_t(10000));
        QVERIFY(r.virtualTime);

        const double q = 1.0 - std::pow(p, retries + 1);
        const double sigma = std::sqrt(q * (1 - q) / 10000.0);
        const double observed = r.successRate();
        QVERIFY2(
            std::abs(observed - q) <= 4 * sigma,
            qPrintable(QString("success %1, expected %2 ± 4×%3").arg(observed).arg(q).arg(sigma)));
        QCOMPARE(status(r, engine::RunStatus::Failed),
                 10000 - status(r, engine::RunStatus::Succeeded));

        // Every duration is one of the exact sums; each run's attempts match its duration.
        std::set<Micros> allowed;
        for (int k = 1; k <= retries + 1; ++k)
            allowed.insert(k * ms(50) + (k - 1) * ms(100));
        for (Micros d : r.durations.values())
            QVERIFY2(allowed.contains(d), qPrintable(QString::number(d)));
        const auto *call = stepOf(r, "call");
        QVERIFY(call);
        QCOMPARE(call->calls, std::uint64_t(10000));
        std::uint64_t attemptsFromDurations = 0;
        for (Micros d : r.durations.values())
            attemptsFromDurations += static_cast<std::uint64_t>((d + ms(100)) / ms(150));
        QCOMPARE(call->attempts, attemptsFromDurations);
        QCOMPARE(call->errors.count("http.503") ? call->errors.at("http.503") : 0,
                 call->attempts - status(r, engine::RunStatus::Succeeded));
        // The mock saw every attempt: retry amplification.
        QCOMPARE(r.services.size(), std::size_t(1));
        QCOMPARE(r.services[0].requests, call->attempts);

        // Percentiles land on the sums: the k-th sum is where the cumulative share of runs
        // needing at most k attempts passes the percentile.
        auto expectedPercentile = [&](double pct) {
            std::vector<Micros> sorted = r.durations.values();
            std::sort(sorted.begin(), sorted.end());
            return engine::percentileOfSorted(sorted, pct);
        };
        const auto total = engine::summarizeLatencies(r.durations);
        QVERIFY(allowed.contains(total.p50) && allowed.contains(total.p90) &&
                allowed.contains(total.p99));
        QCOMPARE(total.p90, expectedPercentile(90));
        // The analytic percentile, where it is not within noise of a boundary.
        auto cdf = [&](int k) { return 1.0 - std::pow(p, k); }; // P(success within k attempts)
        for (double pct : {50.0, 90.0, 99.0}) {
            int k = 1;
            while (k <= retries && cdf(k) < pct / 100.0)
                ++k;
            const bool clear = std::abs(cdf(k) - pct / 100.0) > 0.02 &&
                               (k == 1 || std::abs(cdf(k - 1) - pct / 100.0) > 0.02);
            if (clear)
                QCOMPARE(expectedPercentile(pct), k * ms(50) + (k - 1) * ms(100));
        }
        QCOMPARE(total.max, (retries + 1) * ms(50) + retries * ms(100));
    }

    // The exact example of the brief: 50ms, one retry after 100ms -> retried runs take 200ms.
    void retriedRunsTakeExactSums()
    {
        QTemporaryDir dir;
        const std::string flow = writeOneStep(
            dir, "    latency: 50ms\n    faults: [ { rate: 0.5, kind: status, status: 503 } ]\n",
            "    retry: { on: [http.5xx], retries: 1, interval: 100ms, backoff: 2.0, jitter: none "
            "}\n");
        mocks::SimulationOptions o;
        o.runs = 2000;
        o.keep = mocks::KeepPolicy::None;
        const auto r = simulate(flow, o);
        std::map<Micros, std::uint64_t> byDuration;
        for (Micros d : r.durations.values())
            ++byDuration[d];
        QCOMPARE(byDuration.size(), std::size_t(2));
        QVERIFY(byDuration.contains(ms(50)));
        QVERIFY(byDuration.contains(ms(200)));
        // Retried runs: half of them succeed on the second attempt, half fail.
        QCOMPARE(byDuration[ms(200)],
                 status(r, engine::RunStatus::Failed) +
                     (2000 - byDuration[ms(50)] - status(r, engine::RunStatus::Failed)));
        QCOMPARE(stepOf(r, "call")->latencies.count(), std::uint64_t(2000));
        const auto total = engine::summarizeLatencies(r.durations);
        QCOMPARE(total.max, ms(200));
        QCOMPARE(total.min, ms(50));
        QCOMPARE(total.p99, ms(200));
    }

    // A hanging request times out at the step's timeout, then is retried.
    void hangTimeoutRetry_data()
    {
        QTest::addColumn<double>("p");
        QTest::newRow("hang 20%") << 0.2;
        QTest::newRow("hang 60%") << 0.6;
    }
    void hangTimeoutRetry()
    {
        QFETCH(double, p);
        QTemporaryDir dir;
        const std::string flow = writeOneStep(
            dir,
            "    latency: 50ms\n    faults: [ { rate: " + std::to_string(p) + ", kind: hang } ]\n",
            "    timeout: 200ms\n"
            "    retry: { on: [timeout], retries: 1, interval: 100ms, backoff: 1.0, jitter: none "
            "}\n");
        mocks::SimulationOptions o;
        o.runs = 10000;
        o.seed = 5;
        o.keep = mocks::KeepPolicy::None;
        const auto r = simulate(flow, o);
        QCOMPARE(r.runs, std::uint64_t(10000));
        const double q = 1.0 - p * p;
        const double sigma = std::sqrt(q * (1 - q) / 10000.0);
        QVERIFY2(std::abs(r.successRate() - q) <= 4 * sigma,
                 qPrintable(QString("success %1, expected %2").arg(r.successRate()).arg(q)));
        std::map<Micros, std::uint64_t> byDuration;
        for (Micros d : r.durations.values())
            ++byDuration[d];
        // 50 (first answers), 200+100+50 (hang, then answers), 200+100+200 (hangs twice).
        for (const auto &[d, n] : byDuration)
            QVERIFY2(d == ms(50) || d == ms(350) || d == ms(500), qPrintable(QString::number(d)));
        QCOMPARE(byDuration[ms(500)], status(r, engine::RunStatus::Failed));
        QCOMPARE(r.runErrors.at("timeout"), status(r, engine::RunStatus::Failed));
        const auto *call = stepOf(r, "call");
        QCOMPARE(call->errors.at("timeout"), byDuration[ms(350)] + 2 * byDuration[ms(500)]);
        QCOMPARE(call->failures.at("timeout"), status(r, engine::RunStatus::Failed));
    }

    // Each latency distribution, drawn through the simulation path, matches its parameters.
    void latencyDistributions_data()
    {
        QTest::addColumn<QString>("latency");
        QTest::addColumn<double>("p50");
        QTest::addColumn<double>("p90");
        QTest::addColumn<double>("p99");
        QTest::addColumn<double>("tolerance"); // relative
        // lognormal: median 80ms, p99 600ms; p90 = exp(mu + 1.281552 sigma).
        const double sigma = (std::log(600.0) - std::log(80.0)) / 2.326348;
        QTest::newRow("lognormal") << "{ dist: lognormal, median: 80ms, p99: 600ms }" << 80.0
                                   << 80.0 * std::exp(1.281552 * sigma) << 600.0 << 0.05;
        QTest::newRow("normal") << "{ dist: normal, mean: 100ms, stddev: 20ms }" << 100.0
                                << 100.0 + 1.281552 * 20 << 100.0 + 2.326348 * 20 << 0.02;
        QTest::newRow("uniform") << "{ dist: uniform, min: 50ms, max: 150ms }" << 100.0 << 140.0
                                 << 149.0 << 0.02;
        QTest::newRow("fixed") << "80ms" << 80.0 << 80.0 << 80.0 << 0.0;
    }
    void latencyDistributions()
    {
        QFETCH(QString, latency);
        QFETCH(double, p50);
        QFETCH(double, p90);
        QFETCH(double, p99);
        QFETCH(double, tolerance);
        QTemporaryDir dir;
        const std::string flow =
            writeOneStep(dir, "    latency: " + latency.toStdString() + "\n", "    timeout: 1h\n");
        mocks::SimulationOptions o;
        o.runs = 100000;
        o.seed = 3;
        o.concurrency = 64;
        o.keep = mocks::KeepPolicy::None;
        const auto r = simulate(flow, o);
        QCOMPARE(r.runs, std::uint64_t(100000));
        QCOMPARE(status(r, engine::RunStatus::Succeeded), std::uint64_t(100000));
        const auto s = engine::summarizeLatencies(stepOf(r, "call")->latencies);
        auto near = [&](Micros got, double wantMs) {
            const double g = double(got) / 1000.0;
            return std::abs(g - wantMs) <= tolerance * wantMs + 0.001;
        };
        QVERIFY2(near(s.p50, p50), qPrintable(QString("p50 %1 vs %2").arg(s.p50).arg(p50)));
        QVERIFY2(near(s.p90, p90), qPrintable(QString("p90 %1 vs %2").arg(s.p90).arg(p90)));
        QVERIFY2(near(s.p99, p99), qPrintable(QString("p99 %1 vs %2").arg(s.p99).arg(p99)));
        // The step's latency is the run's: nothing else takes virtual time.
        QCOMPARE(engine::summarizeLatencies(r.durations).p50, s.p50);
    }

    void criticalPathShares()
    {
        mocks::SimulationOptions o;
        o.runs = 50;
        const auto r = simulate(kData + "critical.flow.yaml", o);
        QCOMPARE(r.runs, std::uint64_t(50));
        for (Micros d : r.durations.values())
            QCOMPARE(d, ms(300));
        const Json j = engine::simulationReportToJson(r);
        QCOMPARE(j["steps"]["a"]["critical_path_share"].get<double>(), 0.3333);
        QCOMPARE(j["steps"]["par"]["critical_path_share"].get<double>(), 0.6667);
        QCOMPARE(j["steps"]["c"]["critical_path_share"].get<double>(), 0.6667);
        QCOMPARE(j["steps"]["b"]["critical_path_share"].get<double>(), 0.0);
        QCOMPARE(j["steps"]["b"]["latency_ms"]["p50"].get<int>(), 50);
        QCOMPARE(j["latency_ms"]["p99"].get<int>(), 300);
        // Steps in flow order, nested ones included.
        std::vector<std::string> order;
        for (auto it = j["steps"].begin(); it != j["steps"].end(); ++it)
            order.push_back(it.key());
        QCOMPARE(order, (std::vector<std::string>{"a", "par", "b", "c"}));
        QCOMPARE(j["simulated_ms"].get<int>(), 50 * 300);
    }

    // Concurrent runs share the circuit breaker: with 50 in flight, 50 requests reach the
    // failing service before the circuit opens; one at a time, only 3 do.
    void concurrencySharesCircuitBreaker()
    {
        mocks::SimulationOptions o;
        o.runs = 500;
        o.keep = mocks::KeepPolicy::None;
        const auto serial = simulate(kData + "circuit.flow.yaml", o);
        o.concurrency = 50;
        const auto parallel = simulate(kData + "circuit.flow.yaml", o);
        QCOMPARE(serial.runs, std::uint64_t(500));
        QCOMPARE(parallel.runs, std::uint64_t(500));
        const auto *s = stepOf(serial, "call");
        const auto *p = stepOf(parallel, "call");
        QVERIFY(s->errors.contains("circuit_open"));
        QVERIFY(p->errors.contains("circuit_open"));
        QCOMPARE(s->errors.at("http.503"), serial.services[0].requests);
        QVERIFY2(p->errors.at("http.503") >= 50,
                 qPrintable(QString::number(p->errors.at("http.503"))));
        QVERIFY(p->errors.at("http.503") > s->errors.at("http.503"));
        QVERIFY(dump(serial) != dump(parallel));
    }

    void deterministicBytes()
    {
        mocks::SimulationOptions o;
        o.runs = 3000;
        o.seed = 42;
        o.concurrency = 16;
        o.keep = mocks::KeepPolicy::None;
        o.profileFiles = {kData + "profiles/pay-degraded.profile.yaml"};
        const std::string a = dump(simulate(kData + "shop.flow.yaml", o));
        const std::string b = dump(simulate(kData + "shop.flow.yaml", o));
        QCOMPARE(a, b);
        // The same Simulation object run twice (mock state is reset) gives the same too.
        mocks::Simulation sim;
        QVERIFY(sim.load(kData + "shop.flow.yaml", o).empty());
        QCOMPARE(dump(sim.run()), a);
        QCOMPARE(dump(sim.run()), a);
        QCOMPARE(engine::formatSimulationReport(simulate(kData + "shop.flow.yaml", o)),
                 engine::formatSimulationReport(simulate(kData + "shop.flow.yaml", o)));

        o.seed = 43;
        const std::string c = dump(simulate(kData + "shop.flow.yaml", o));
        QVERIFY(c != a);
        // Another seed, the same model: both near 1 - failure rates, not identical draws.
        const Json ja = Json::parse(a), jc = Json::parse(c);
        QVERIFY(ja["statuses"] != jc["statuses"] || ja["latency_ms"] != jc["latency_ms"]);
    }

    void shopReportShape()
    {
        mocks::SimulationOptions o;
        o.runs = 2000;
        o.seed = 9;
        o.keep = mocks::KeepPolicy::None;
        const auto r = simulate(kData + "shop.flow.yaml", o);
        const Json j = engine::simulationReportToJson(r);
        for (const char *key :
             {"runs", "seed", "virtual_time", "statuses", "latency_ms", "steps", "services"})
            QVERIFY2(j.contains(key), key);
        QCOMPARE(j["runs"].get<int>(), 2000);
        QCOMPARE(j["virtual_time"].get<bool>(), true);
        std::uint64_t sum = 0;
        for (const auto &[k, v] : j["statuses"].items())
            sum += v.get<std::uint64_t>();
        QCOMPARE(sum, std::uint64_t(2000));
        for (const char *k : {"p50", "p90", "p99", "max"})
            QVERIFY(j["latency_ms"].contains(k));
        for (const char *step : {"reserve", "charge", "fulfil", "book", "email", "done"}) {
            QVERIFY2(j["steps"].contains(step), step);
            for (const char *k : {"calls", "attempts", "errors", "latency_ms"})
                QVERIFY(j["steps"][step].contains(k));
        }
        // Failures compensate: reserve is undone whenever charge gives up.
        QVERIFY(status(r, engine::RunStatus::Compensated) +
                    status(r, engine::RunStatus::CompensationFailed) >
                0);
        QVERIFY(r.compensations > 0);
        QVERIFY(j["steps"]["charge"]["errors"].contains("http.503"));
        QVERIFY(j["steps"]["charge"]["errors"].contains("timeout"));  // hangs
        QVERIFY(j["steps"]["book"]["errors"].contains("connection")); // resets
        QVERIFY(j["services"]["pay"]["requests"].get<std::uint64_t>() >
                j["steps"]["charge"]["calls"].get<std::uint64_t>());
        const std::string text = engine::formatSimulationReport(r);
        QVERIFY(text.find("succeeded") != std::string::npos);
        QVERIFY(text.find('#') != std::string::npos);
        QVERIFY(text.find("charge") != std::string::npos);
        QVERIFY(text.find("End-to-end latency") != std::string::npos);
    }

    void profilesCombine_data()
    {
        QTest::addColumn<QStringList>("profiles");
        QTest::addColumn<bool>("succeeds");
        QTest::addColumn<int>("latencyMs");
        QTest::newRow("none") << QStringList{} << true << 50;
        QTest::newRow("fast") << QStringList{"fast"} << true << 10;
        QTest::newRow("fast+broken") << QStringList{"fast", "broken"} << false << 10;
        QTest::newRow("broken+fast") << QStringList{"broken", "fast"} << false << 10;
        QTest::newRow("fast+slow") << QStringList{"fast", "slow"} << true << 70;
        QTest::newRow("slow+fast") << QStringList{"slow", "fast"} << true << 10;
    }
    void profilesCombine()
    {
        QFETCH(QStringList, profiles);
        QFETCH(bool, succeeds);
        QFETCH(int, latencyMs);
        mocks::SimulationOptions o;
        o.runs = 200;
        o.keep = mocks::KeepPolicy::None;
        for (const QString &p : profiles)
            o.profileFiles.push_back(kData + "profiles/" + p.toStdString() + ".profile.yaml");
        const auto r = simulate(kData + "simple.flow.yaml", o);
        QCOMPARE(r.runs, std::uint64_t(200));
        QCOMPARE(status(r, engine::RunStatus::Succeeded), succeeds ? 200u : 0u);
        QCOMPARE(engine::summarizeLatencies(r.durations).max, ms(latencyMs));
        QCOMPARE(r.profiles.size(), std::size_t(profiles.size()));
    }

    void badProfileIsAnError()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath("bad.profile.yaml"),
                  "tutti-profile: 1\nservices:\n  nosuch: { latency: 10ms }\n");
        mocks::SimulationOptions o;
        o.profileFiles = {dir.filePath("bad.profile.yaml").toStdString()};
        mocks::Simulation sim;
        const auto errors = sim.load(kData + "simple.flow.yaml", o);
        QVERIFY(!errors.empty());
        QVERIFY(!mocks::runSimulation(kData + "simple.flow.yaml", o).has_value());
        QVERIFY(!sim.load(kData + "nosuch.flow.yaml", {}).empty());
    }

    // Kept runs land in the trace store with their derived seeds and replay alone, through
    // runFlowBlocking with that seed, to the same outcome.
    void keptRunsReplay()
    {
        QTemporaryDir dir;
        engine::TraceStore store;
        QVERIFY(store.open(dir.filePath("traces.db").toStdString()).has_value());
        store.setBulkMode(true);
        mocks::SimulationOptions o;
        o.runs = 400;
        o.seed = 77;
        o.keepLimit = 5;
        o.keptSink = &store;
        o.profileFiles = {kData + "profiles/pay-degraded.profile.yaml"};
        mocks::Simulation sim;
        QVERIFY(sim.load(kData + "shop.flow.yaml", o).empty());
        const auto r = sim.run();
        QCOMPARE(r.kept.size(), std::size_t(5));
        QVERIFY(r.keepCandidates > 5);
        QCOMPARE(r.keepCandidates, r.runs - status(r, engine::RunStatus::Succeeded));
        QVERIFY(store.flush().has_value());
        QCOMPARE(store.runCount().value(), std::int64_t(5));

        for (const engine::KeptRun &k : r.kept) {
            QCOMPARE(k.id, mocks::Simulation::runId("shop", 77, k.index));
            QCOMPARE(k.seed, mocks::Simulation::runSeed(77, k.index));
            QVERIFY(k.status != engine::RunStatus::Succeeded);
            auto loaded = store.loadRun(k.id);
            QVERIFY(loaded.has_value());
            QCOMPARE(loaded->first.seed, k.seed);
            QCOMPARE(loaded->first.status, k.status);
            QCOMPARE(loaded->first.duration, k.duration);
            QVERIFY(!loaded->second.empty());

            // Alone: fresh mock state, fresh breakers, a fresh clock.
            sim.registry().reset();
            engine::VirtualClock clock;
            mocks::InProcessTransport transport(sim.registry(), clock);
            engine::CircuitBreakers breakers;
            engine::RunDeps deps;
            deps.clock = &clock;
            deps.transport = &transport;
            deps.breakers = &breakers;
            deps.loadFlow = sim.flowLoader();
            engine::RunOptions options;
            options.input = sim.input();
            options.seed = k.seed;
            options.runId = k.id;
            const engine::RunResult replay = engine::runFlowBlocking(sim.flow(), deps, options);
            QCOMPARE(replay.record.status, k.status);
            QCOMPARE(replay.record.duration, k.duration);
            QCOMPARE(replay.record.error, k.error);
        }
        const Json j = engine::simulationReportToJson(r);
        QCOMPARE(j["kept"].size(), std::size_t(5));
        QCOMPARE(j["kept"][0]["seed"].get<std::uint64_t>(), r.kept[0].seed);
    }

    void keepAllAndNone()
    {
        mocks::SimulationOptions o;
        o.runs = 30;
        o.keep = mocks::KeepPolicy::All;
        o.keepLimit = 10;
        auto r = simulate(kData + "simple.flow.yaml", o);
        QCOMPARE(r.kept.size(), std::size_t(10));
        QCOMPARE(r.kept[3].index, std::uint64_t(3));
        QCOMPARE(r.keepCandidates, std::uint64_t(30));
        o.keep = mocks::KeepPolicy::None;
        r = simulate(kData + "simple.flow.yaml", o);
        QVERIFY(r.kept.empty());
    }

    void cancelStopsEarly()
    {
        std::atomic<bool> cancel{false};
        mocks::SimulationOptions o;
        o.runs = 100000;
        o.concurrency = 4;
        o.keep = mocks::KeepPolicy::None;
        o.cancel = &cancel;
        o.progressInterval = std::chrono::milliseconds(0);
        std::uint64_t calls = 0;
        o.progress = [&](const mocks::SimulationProgress &p) {
            ++calls;
            QCOMPARE(p.total, std::uint64_t(100000));
            if (p.done >= 100)
                cancel = true;
        };
        const auto r = simulate(kData + "simple.flow.yaml", o);
        QVERIFY(r.cancelled);
        QVERIFY2(r.runs >= 100 && r.runs <= 104, qPrintable(QString::number(r.runs)));
        QCOMPARE(r.requestedRuns, std::uint64_t(100000));
        QVERIFY(calls >= 100);
        QCOMPARE(engine::simulationReportToJson(r)["cancelled"].get<bool>(), true);
    }

    // With threads, progress still comes from the calling thread only, counts every thread's
    // runs, and a cancel stops every thread: the report covers whole shards' finished runs.
    void cancelStopsThreads()
    {
        std::atomic<bool> cancel{false};
        mocks::SimulationOptions o;
        o.runs = 200000;
        o.jobs = 3;
        o.keep = mocks::KeepPolicy::None;
        o.cancel = &cancel;
        o.progressInterval = std::chrono::milliseconds(0);
        const auto caller = std::this_thread::get_id();
        bool sameThread = true;
        std::uint64_t last = 0;
        bool ordered = true;
        o.progress = [&](const mocks::SimulationProgress &p) {
            sameThread = sameThread && std::this_thread::get_id() == caller;
            ordered = ordered && p.done >= last;
            last = p.done;
            if (p.done >= 5000)
                cancel = true;
        };
        const auto r = simulate(kData + "simple.flow.yaml", o);
        QVERIFY(sameThread);
        QVERIFY(ordered);
        QVERIFY(r.cancelled);
        QVERIFY2(r.runs >= 5000 && r.runs < 200000, qPrintable(QString::number(r.runs)));
        std::uint64_t counted = 0;
        for (std::uint64_t n : r.statuses)
            counted += n;
        QCOMPARE(counted, r.runs);
    }

    // Without an input the simulation runs with the schema's example input (engine::exampleInput,
    // whose rules tst_schema pins): its `examples`, else the required properties and those with
    // a default; no schema: {}.
    void defaultInputFromSchema_data()
    {
        QTest::addColumn<QString>("input"); // the flow's `input:` as YAML, "" for none
        QTest::addColumn<QString>("expected");
        QTest::newRow("properties")
            << "{ type: object, required: [sku, qty], properties: { sku: { type: string }, qty: "
               "{ type: integer, minimum: 2 }, amount: { type: number }, gift: { type: boolean, "
               "default: false }, mode: { enum: [fast, slow] }, tags: { type: array }, address: "
               "{ type: object, properties: { zip: { type: string } } } } }"
            << "{\"sku\": \"sample\", \"qty\": 2, \"gift\": false}";
        QTest::newRow("examples") << "{ type: object, examples: [ { a: 1 } ] }"
                                  << "{\"a\": 1}";
        QTest::newRow("no schema") << ""
                                   << "{}";
    }
    void defaultInputFromSchema()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        writeFile(dir.filePath("in.flow.yaml"),
                  "tutti: 1\nname: in\n" +
                      (input.isEmpty() ? std::string() : "input: " + input.toStdString() + "\n") +
                      "steps:\n  - { id: echo, type: transform, set: { in: '{{ input }}' } }\n");
        mocks::Simulation sim;
        mocks::SimulationOptions o;
        o.runs = 1;
        const engine::Errors errors = sim.load(dir.filePath("in.flow.yaml").toStdString(), o);
        QVERIFY2(errors.empty(), errors.empty() ? "" : errors.front().toString().c_str());
        QCOMPARE(sim.input(), Json::parse(expected.toStdString()));
    }

    // The bundled example of the acceptance journey: 30% 503s on payment, 2,000 runs.
    void checkoutExample()
    {
        const std::string dir = std::string(TUTTI_EXAMPLES) + "/checkout/";
        if (!QFileInfo::exists(QString::fromStdString(dir + "checkout.flow.yaml")))
            QSKIP("the checkout example is not there");
        mocks::SimulationOptions o;
        o.runs = 2000;
        o.seed = 1;
        o.keep = mocks::KeepPolicy::None;
        o.profileFiles = {dir + "profiles/payment-degraded.profile.yaml"};
        const auto r = simulate(dir + "checkout.flow.yaml", o);
        QCOMPARE(r.runs, std::uint64_t(2000));
        QVERIFY(r.virtualTime);
        QVERIFY2(!r.runErrors.contains("validation"),
                 qPrintable(QString::fromStdString(engine::formatSimulationReport(r))));
        QVERIFY(status(r, engine::RunStatus::Succeeded) > 0);
        QVERIFY(status(r, engine::RunStatus::Succeeded) < 2000);
        QVERIFY(stepOf(r, "charge")->errors.contains("http.503"));
        QCOMPARE(dump(r), dump(simulate(dir + "checkout.flow.yaml", o)));
    }

    // The report does not depend on the thread count: N = 1, 2, 3 and 8 give the same bytes (JSON
    // and table) on the checkout example, on a flow whose mock state (a sequence, a counter in
    // the body) and circuit breaker carry over between runs with C > 1, with kept runs, and
    // with a last shard that is not full.
    void jobsGiveTheSameReport_data()
    {
        QTest::addColumn<QString>("flow"); // "" = the stateful flow written by the test
        QTest::addColumn<int>("runs");
        QTest::addColumn<int>("concurrency");
        QTest::newRow("checkout") << "checkout" << 5000 << 1;
        QTest::newRow("checkout C=8") << "checkout" << 4321 << 8;
        QTest::newRow("stateful C=7") << "" << 3500 << 7;
        QTest::newRow("circuit C=150") << "circuit" << 4700 << 150;
    }
    void jobsGiveTheSameReport()
    {
        QFETCH(QString, flow);
        QFETCH(int, runs);
        QFETCH(int, concurrency);
        QTemporaryDir dir;
        std::string path;
        std::vector<std::string> profiles;
        if (flow == "checkout") {
            const std::string ex = std::string(TUTTI_EXAMPLES) + "/checkout/";
            path = ex + "checkout.flow.yaml";
            profiles = {ex + "profiles/payment-degraded.profile.yaml"};
        } else if (flow == "circuit") {
            path = kData + "circuit.flow.yaml";
        } else {
            // A counter in the mock's state reaches the run's output, a sequence fails the first
            // calls of each shard, and a breaker opens under concurrent failures.
            QDir(dir.path()).mkpath("mocks");
            writeFile(dir.filePath("mocks/st.mock.yaml"),
                      "tutti-mock: 1\n"
                      "service: st\n"
                      "state: { n: 0 }\n"
                      "routes:\n"
                      "  - match: { method: POST, path: /count }\n"
                      "    respond: { status: 200, body: { n: \"{{ state.n }}\" } }\n"
                      "    set_state: { n: \"{{ state.n + 1 }}\" }\n"
                      "    latency: { dist: lognormal, median: 20ms, p99: 200ms }\n"
                      "  - match: { method: GET, path: /seq }\n"
                      "    sequence: [ { status: 503 }, { status: 503 }, { status: 200 } ]\n"
                      "    latency: { dist: uniform, min: 1ms, max: 30ms }\n");
            writeFile(dir.filePath("st.flow.yaml"),
                      "tutti: 1\n"
                      "name: st\n"
                      "services:\n"
                      "  st: { mock: mocks/st.mock.yaml, circuit: { failures: 2, window: 1s, "
                      "open_for: 300ms } }\n"
                      "steps:\n"
                      "  - { id: count, type: http, service: st, request: { method: POST, path: "
                      "/count } }\n"
                      "  - { id: seq, type: http, service: st, request: { method: GET, path: /seq "
                      "}, retry: { on: [http.5xx], retries: 1, interval: 10ms } }\n"
                      "  - { id: out, type: respond, status: 200, body: { n: "
                      "\"{{ steps.count.body.n }}\" } }\n");
            path = dir.filePath("st.flow.yaml").toStdString();
        }
        mocks::SimulationOptions o;
        o.runs = static_cast<std::uint64_t>(runs);
        o.seed = 5;
        o.concurrency = concurrency;
        o.profileFiles = profiles;
        o.keep = mocks::KeepPolicy::Failed;
        o.keepLimit = 7;
        engine::TraceStore stores[4];
        std::string first, firstKept;
        const int jobs[] = {1, 2, 3, 8};
        for (int i = 0; i < 4; ++i) {
            QVERIFY(
                stores[i].open(dir.filePath(QString("t%1.db").arg(i)).toStdString()).has_value());
            stores[i].setBulkMode(true);
            o.keptSink = &stores[i];
            o.jobs = jobs[i];
            const auto r = simulate(path, o);
            QCOMPARE(r.runs, o.runs);
            const std::string bytes = dump(r) + engine::formatSimulationReport(r);
            std::string kept;
            for (const engine::KeptRun &k : r.kept) {
                QVERIFY(stores[i].flush().has_value());
                auto loaded = stores[i].loadRun(k.id);
                QVERIFY(loaded.has_value());
                kept += k.id + " " + std::to_string(loaded->second.size()) + "\n";
            }
            if (i == 0) {
                first = bytes;
                firstKept = kept;
                QVERIFY(r.shardRuns >= 1000);
                QVERIFY(o.runs > r.shardRuns); // more than one shard
            } else {
                QVERIFY2(bytes == first, qPrintable(QString("jobs %1 differs").arg(jobs[i])));
                QCOMPARE(kept, firstKept);
            }
        }
    }

    // A shard is a fixed block of runs with fresh mock state and breakers: 3,000 runs of the
    // circuit flow (an always-failing service behind a breaker) send exactly three times the
    // requests of 1,000 runs, on one thread or two.
    void shardsStartFresh()
    {
        mocks::SimulationOptions o;
        o.runs = 3000;
        o.keep = mocks::KeepPolicy::None;
        for (int jobs : {1, 2}) {
            o.jobs = jobs;
            const auto r = simulate(kData + "circuit.flow.yaml", o);
            QCOMPARE(r.shardRuns, std::uint64_t(1000));
            QCOMPARE(r.services.size(), std::size_t(1));
            const auto one = [&] {
                mocks::SimulationOptions single = o;
                single.runs = 1000;
                return simulate(kData + "circuit.flow.yaml", single);
            }();
            QCOMPARE(r.services[0].requests, 3 * one.services[0].requests);
            QCOMPARE(stepOf(r, "call")->errors.at("http.503"),
                     3 * stepOf(one, "call")->errors.at("http.503"));
        }
    }

    void realServiceRunsInRealTime()
    {
        mocks::SimulationOptions o;
        o.runs = 2;
        o.keep = mocks::KeepPolicy::None;
        mocks::Simulation sim;
        QVERIFY(sim.load(kData + "realurl.flow.yaml", o).empty());
        QVERIFY(!sim.virtualTime());
        QVERIFY(sim.realTimeReason().find("127.0.0.1") != std::string::npos);
        const auto r = sim.run();
        QCOMPARE(r.runs, std::uint64_t(2));
        QVERIFY(!r.virtualTime);
        QCOMPARE(engine::simulationReportToJson(r)["virtual_time"].get<bool>(), false);
        QCOMPARE(status(r, engine::RunStatus::Failed), std::uint64_t(2));
        QVERIFY(engine::formatSimulationReport(r).find("REAL time") != std::string::npos);

        mocks::Simulation mocked;
        QVERIFY(mocked.load(kData + "simple.flow.yaml", o).empty());
        QVERIFY(mocked.virtualTime());
    }
};

QTEST_GUILESS_MAIN(TestSimulation)
#include "tst_simulation.moc"
