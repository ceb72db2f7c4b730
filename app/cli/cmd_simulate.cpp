// `tutti simulate FLOW --runs N [--seed S] [--profile FILE]... [--concurrency C] [--jobs N]
// [--keep failed|all|none] [--json]` (SPEC §5, §7): many runs against the mocks, in virtual time
// (on --jobs threads) when every service is mocked; the report as a table or as SPEC §7's JSON,
// the same for any --jobs; kept runs go to the workspace's trace database. Exit 0 when the
// simulation completed, 1 invalid flow/mock/profile, 2 usage, 4 internal error.
#include "clisupport.h"
#include "commands.h"

#include <mocks/simulation.h>

#include <engine/session/runsession.h>
#include <engine/trace/tracestore.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <limits>

namespace tutti::cli {

namespace {

// More threads than this only costs memory (each has its own copy of the mocks).
constexpr int kMaxJobs = 256;

bool parseUnsigned(const QString &text, std::uint64_t max, std::uint64_t &out)
{
    bool ok = false;
    const qulonglong v = text.toULongLong(&ok);
    if (!ok || v > max)
        return false;
    out = v;
    return true;
}

std::string formatRate(double perSecond)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", perSecond);
    return buf;
}

// One status line on a terminal, rewritten in place: runs done, runs/s, ETA.
class ProgressLine {
public:
    explicit ProgressLine(bool enabled)
        : m_enabled(enabled)
    {
    }
    ~ProgressLine() { finish(); }

    void update(const mocks::SimulationProgress &p)
    {
        if (!m_enabled)
            return;
        const double elapsed =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
        const double rate = elapsed > 0 ? double(p.done) / elapsed : 0.0;
        std::string eta = "-";
        if (rate > 0 && p.total >= p.done) {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.1fs", double(p.total - p.done) / rate);
            eta = buf;
        }
        const int percent = p.total ? static_cast<int>(100 * p.done / p.total) : 100;
        err("\r\033[K  simulating: " + std::to_string(p.done) + "/" + std::to_string(p.total) +
            " runs (" + std::to_string(percent) + "%)  " + formatRate(rate) + " runs/s  ETA " +
            eta);
        m_shown = true;
    }
    void finish()
    {
        if (m_shown)
            err("\r\033[K");
        m_shown = false;
    }

private:
    bool m_enabled;
    bool m_shown = false;
    std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
};

} // namespace

int simulateCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument("FLOW", "The *.flow.yaml file to simulate.");
    const QCommandLineOption runsOpt("runs", "Number of runs (default 1000).", "N", "1000");
    const QCommandLineOption seedOpt(
        "seed", "Seed of the simulation; run i uses a seed derived from it (default 1).", "S", "1");
    const QCommandLineOption profileOpt(
        "profile", "Profile overlaid on the mocks (repeatable; later ones win).", "FILE");
    const QCommandLineOption concurrencyOpt(
        "concurrency",
        "Runs in flight at once, sharing mock state and circuit breakers within a shard.", "C",
        "1");
    const int cores = std::max(1, QThread::idealThreadCount());
    const QCommandLineOption jobsOpt(
        "jobs",
        QString("Threads for a virtual-time simulation, 1 to %1 (default: the core count, %2). "
                "Runs go in shards of 1,000 (or 10 x C), each with fresh mock state and "
                "circuit breakers; the report is the same for any N.")
            .arg(kMaxJobs)
            .arg(cores),
        "N", QString::number(cores));
    const QCommandLineOption keepOpt(
        "keep", "Which runs to store as full traces: failed (default), all or none.",
        "failed|all|none", "failed");
    const QCommandLineOption keepLimitOpt("keep-limit", "At most this many kept runs (100).", "N",
                                          "100");
    const QCommandLineOption inputOpt(
        "input", "Run input: inline JSON, or @FILE (default: the input schema's example).",
        "JSON|@FILE");
    const QCommandLineOption envOpt(
        "env", "Environment (default mock; any other reaches real services in real time).", "NAME",
        "mock");
    const QCommandLineOption dbOpt(
        "trace-db", "Where kept runs go (default: WORKSPACE/.tutti/traces.db).", "PATH");
    const QCommandLineOption jsonOpt("json", "Print the report as one JSON document.");
    parser.addOptions({runsOpt, seedOpt, profileOpt, concurrencyOpt, jobsOpt, keepOpt, keepLimitOpt,
                       inputOpt, envOpt, dbOpt, jsonOpt});
    if (int code = parseOrExit(parser, args,
                               "tutti simulate FLOW --runs N [options]\n\nRuns a flow many times "
                               "against its mocks and reports success rate and latencies.");
        code >= 0)
        return code;
    if (parser.positionalArguments().size() != 1) {
        err("tutti simulate: expected exactly one FLOW file (try 'tutti simulate --help')\n");
        return ExitUsage;
    }

    mocks::SimulationOptions options;
    std::uint64_t concurrency = 1, keepLimit = 100;
    if (!parseUnsigned(parser.value(runsOpt), std::numeric_limits<std::uint32_t>::max(),
                       options.runs) ||
        options.runs == 0) {
        err("tutti simulate: --runs must be a positive number\n");
        return ExitUsage;
    }
    if (!parseUnsigned(parser.value(seedOpt), std::numeric_limits<std::uint64_t>::max(),
                       options.seed)) {
        err("tutti simulate: --seed must be a non-negative integer\n");
        return ExitUsage;
    }
    if (!parseUnsigned(parser.value(concurrencyOpt), 100000, concurrency) || concurrency == 0) {
        err("tutti simulate: --concurrency must be between 1 and 100000\n");
        return ExitUsage;
    }
    options.concurrency = static_cast<int>(concurrency);
    std::uint64_t jobs = 1;
    if (!parseUnsigned(parser.value(jobsOpt), kMaxJobs, jobs) || jobs == 0) {
        err("tutti simulate: --jobs must be a whole number from 1 to " + std::to_string(kMaxJobs) +
            "\n");
        return ExitUsage;
    }
    options.jobs = static_cast<int>(jobs);
    if (!mocks::parseKeepPolicy(parser.value(keepOpt).toStdString(), options.keep)) {
        err("tutti simulate: --keep must be failed, all or none\n");
        return ExitUsage;
    }
    if (!parseUnsigned(parser.value(keepLimitOpt), 1000000, keepLimit)) {
        err("tutti simulate: --keep-limit must be a non-negative number\n");
        return ExitUsage;
    }
    options.keepLimit = keepLimit;
    for (const QString &p : parser.values(profileOpt))
        options.profileFiles.push_back(absolutePath(p));
    options.environment = parser.value(envOpt).toStdString();
    if (parser.isSet(inputOpt)) {
        auto input = readJsonArgument(parser.value(inputOpt), "--input");
        if (!input) {
            printErrors({input.error()});
            return ExitInvalid;
        }
        options.input = *input;
    }
    const bool json = parser.isSet(jsonOpt);
    const QString flowArg = parser.positionalArguments().front();
    const std::string flowPath = absolutePath(flowArg);
    options.flowFileLabel = flowArg.toStdString();

    mocks::Simulation simulation;
    if (engine::Errors errors = simulation.load(flowPath, options); !errors.empty()) {
        printErrors(errors);
        return ExitInvalid;
    }

    // Kept runs are stored in the workspace's trace database, in bulk mode (one transaction per
    // batch rather than per step: a crash may lose the last batch of a simulation, never more).
    engine::TraceStore store;
    std::string dbPath;
    if (options.keep != mocks::KeepPolicy::None && options.keepLimit > 0) {
        const engine::TraceTarget target =
            parser.isSet(dbOpt) ? engine::TraceTarget::database(absolutePath(parser.value(dbOpt)))
                                : engine::TraceTarget::workspaceDatabase();
        dbPath = target.databaseFor(simulation.plan().workspace());
        if (auto opened = store.open(dbPath); !opened) {
            printErrors({opened.error()});
            err("tutti simulate: cannot store kept runs; use --keep none to simulate without\n");
            return ExitInternal;
        }
        store.setBulkMode(true);
        options.keptSink = &store;
    }

    std::atomic<bool> cancel{false};
    onInterrupt([&] {
        cancel = true;
        if (!json)
            err("\nInterrupted: finishing the runs in flight…\n");
    });
    ProgressLine progress(stderrIsTerminal());
    mocks::SimulationOptions &live = simulation.options();
    live.keptSink = options.keptSink;
    live.cancel = &cancel;
    live.progress = [&](const mocks::SimulationProgress &p) {
        progress.update(p);
        // Let the interrupt handler (a socket notifier) run during long virtual-time loops.
        QCoreApplication::processEvents();
    };
    if (!json && !simulation.virtualTime())
        err("Note: running in REAL time: " + simulation.realTimeReason() + "\n");

    engine::SimulationReport report = simulation.run();
    progress.finish();
    if (auto flushed = store.isOpen() ? store.flush() : engine::Result<void>{}; !flushed) {
        printErrors({flushed.error()});
        err("tutti simulate: some kept runs could not be stored\n");
    }
    report.keptTo = dbPath;
    if (json)
        printJson(engine::simulationReportToJson(report));
    else
        out(engine::formatSimulationReport(report));
    return ExitOk;
}

} // namespace tutti::cli
