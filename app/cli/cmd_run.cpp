// `tutti run`: one run of a flow, against its mocks (default) or a named environment, stored in
// the workspace's trace database. Ctrl-C cancels the run; compensation still happens. With
// `--from STEP --reuse RUN` it starts at STEP with RUN's input and results
// (engine/session/runfrom.h).
#include "clisupport.h"
#include "commands.h"
#include "consolesink.h"
#include "otlpsetup.h"
#include "runsetup.h"

#include <engine/core/jsonio.h>
#include <engine/session/runsession.h>
#include <engine/trace/traceexport.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QRandomGenerator>

#include <cstdio>
#include <map>
#include <set>

namespace tutti::cli {

using namespace tutti::engine;

namespace {

std::uint64_t parseSeed(const QString &text, bool &ok)
{
    ok = true;
    if (text.isEmpty())
        return QRandomGenerator::system()->generate64() & 0xFFFFFFFFFFFFull;
    return text.toULongLong(&ok);
}

} // namespace

int runCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument("FLOW", "The *.flow.yaml file to run.");
    const QCommandLineOption inputOpt("input", "Run input: inline JSON, or @FILE.", "JSON|@FILE",
                                      "{}");
    const QCommandLineOption envOpt(
        "env",
        "Environment: mock (default; services answer from their mocks) or a name from tutti.yaml.",
        "NAME", "mock");
    const QCommandLineOption seedOpt(
        "seed", "Seed for uuid(), jitter and mock draws (a simulated run's seed replays it).", "S");
    const QCommandLineOption dbOpt("trace-db",
                                   "Trace database (default: WORKSPACE/.tutti/traces.db).", "PATH");
    const QCommandLineOption noTraceOpt("no-trace", "Do not store the run.");
    const QCommandLineOption profileOpt("profile", "Profile overlaid on the mocks (repeatable).",
                                        "FILE");
    const QCommandLineOption jsonOpt("json", "Print the result as one JSON document (SPEC shape).");
    const QCommandLineOption otlpOpt(
        "otlp-endpoint",
        "Also send the run's spans to an OpenTelemetry collector (OTLP/HTTP JSON), e.g. "
        "http://localhost:4318; headers from OTEL_EXPORTER_OTLP_HEADERS.",
        "URL");
    const QCommandLineOption fromOpt(
        "from",
        "Start at this top-level step, reusing the results of --reuse RUN for the steps before it "
        "(nothing is called for them).",
        "STEP");
    const QCommandLineOption reuseOpt(
        "reuse",
        "The earlier run (an id or a unique prefix, as `tutti trace show` takes) whose input and "
        "step results --from reuses; looked up in the trace database (--trace-db, else the "
        "workspace's). --input replaces its input.",
        "RUN");
    parser.addOptions({inputOpt, envOpt, seedOpt, dbOpt, noTraceOpt, profileOpt, jsonOpt, otlpOpt,
                       fromOpt, reuseOpt});
    if (int code =
            parseOrExit(parser, args,
                        "tutti run FLOW [options]\n\nRuns a flow once and prints its result.\n\n"
                        "Run from a step: --from STEP --reuse RUN starts at STEP with the "
                        "input\nand the step results of the earlier run RUN, calling "
                        "nothing for the steps\nbefore it (they are recorded as reused; "
                        "if a later step fails, they are\ncompensated). STEP is a step of "
                        "the top-level list; every result the steps\nfrom STEP on read "
                        "must be in RUN. See docs/traces.md.");
        code >= 0)
        return code;
    if (parser.positionalArguments().size() != 1) {
        err("tutti run: expected exactly one FLOW file (try 'tutti run --help')\n");
        return ExitUsage;
    }
    if (parser.isSet(fromOpt) != parser.isSet(reuseOpt)) {
        err(std::string("tutti run: ") + (parser.isSet(fromOpt) ? "--from" : "--reuse") +
            " needs " + (parser.isSet(fromOpt) ? "--reuse RUN" : "--from STEP") +
            " (try 'tutti run --help')\n");
        return ExitUsage;
    }
    const bool reusing = parser.isSet(fromOpt);
    if (reusing && (parser.value(fromOpt).isEmpty() || parser.value(reuseOpt).isEmpty())) {
        err("tutti run: --from and --reuse take a step id and a run id\n");
        return ExitUsage;
    }
    const bool json = parser.isSet(jsonOpt);
    const std::string flowPath = absolutePath(parser.positionalArguments().front());
    std::unique_ptr<OtlpExporter> otlp;
    if (parser.isSet(otlpOpt)) {
        int otlpCode = ExitOk;
        otlp = makeOtlpExporter(parser.value(otlpOpt), "tutti run", otlpCode);
        if (!otlp)
            return otlpCode;
    }

    // The set-up is engine::RunSession's; the CLI reads its arguments between the flow and the
    // rest, in the order it always reported problems in.
    auto plan = RunPlan::load({flowPath, {}, {}}, parser.value(envOpt).toStdString());
    if (!plan)
        return reportSetupError(plan.error(), "tutti run", {});
    auto input = readJsonArgument(parser.value(inputOpt), "input");
    if (!input) {
        printErrors({input.error()});
        return ExitInvalid;
    }
    // A reused run's input is checked by the session, once it is read.
    const bool ownInput = !reusing || parser.isSet(inputOpt);
    if (Errors problems = plan->inputProblems(*input); ownInput && !problems.empty())
        return reportSetupError({SetupStage::Input, std::move(problems)}, "tutti run", {});
    bool seedOk = false;
    const std::uint64_t seed = parseSeed(parser.value(seedOpt), seedOk);
    if (!seedOk) {
        err("tutti run: --seed takes a non-negative whole number\n");
        return ExitUsage;
    }

    RunRequest request;
    for (const QString &profilePath : parser.values(profileOpt))
        request.profiles.push_back(absolutePath(profilePath));
    request.input = *input;
    request.seed = seed;
    if (parser.isSet(noTraceOpt))
        request.trace = TraceTarget::none();
    else if (parser.isSet(dbOpt))
        request.trace = TraceTarget::database(absolutePath(parser.value(dbOpt)));
    ConsoleSink console(stderrIsTerminal(), [](const std::string &line) { err(line); });
    if (!json)
        request.sinks.push_back(&console);
    if (otlp)
        request.sinks.push_back(otlp.get());
    if (reusing)
        request.from =
            RunFrom{parser.value(fromOpt).toStdString(), parser.value(reuseOpt).toStdString(),
                    parser.isSet(dbOpt) ? absolutePath(parser.value(dbOpt)) : "", !ownInput};
    auto session = RunSession::create(std::move(*plan), request, transportProvider());
    if (!session)
        return reportSetupError(
            session.error(), "tutti run",
            "cannot store the trace: give a writable --trace-db PATH, copy the workspace somewhere "
            "writable, or use --no-trace to run without storing");
    RunSession &run = **session;
    for (const std::string &warning : run.reuseWarnings())
        err("tutti run: warning: " + warning + "\n");

    if (!json)
        err("Running " + run.plan().flow()->name + " (env " + run.plan().environment().name +
            ", seed " + std::to_string(seed) + ")" +
            (reusing ? " from step '" + request.from->step + "', reusing run " + run.reusedRun()
                     : std::string()) +
            "\n");
    std::optional<RunResult> result;
    run.onFinished = [&](const RunResult &r) {
        result = r;
        QCoreApplication::exit(0);
    };
    onInterrupt([&] {
        if (!json)
            err("Interrupted: cancelling the run (compensating completed steps)…\n");
        run.cancel();
    });
    run.start();
    QCoreApplication::exec();
    if (!result) {
        err("tutti run: the run did not finish\n");
        return ExitInternal;
    }
    if (run.traceError())
        printErrors({*run.traceError()});
    if (otlp) // bounded: a collector that is down costs a few seconds, never the run's result
        flushOtlp(*otlp, "tutti run", 10 * kSecond);
    const bool tracing = !run.traceDatabase().empty();
    const std::string &dbPath = run.traceDatabase();

    const RunRecord &record = result->record;
    if (json) {
        Json doc = runToJson(record);
        if (reusing)
            doc["from"] = {{"step", request.from->step}, {"run", run.reusedRun()}};
        printJson(doc);
    } else {
        out(runSummary(*result));
        if (!record.output.is_null())
            out("output:\n" + dumpJson(record.output, 2) + "\n");
        if (tracing)
            out("trace: tutti trace show " + record.id + " --trace-db " + dbPath + "\n");
    }
    return runExitCode(record);
}

} // namespace tutti::cli
