// `tutti serve FLOW...`: each flow as an HTTP endpoint (SPEC §8, docs/serve.md). Sets the flows
// up the way `tutti run` does (engine::RunPlan, the CLI's transports in runsetup.h), hands them to
// the server library and drains on SIGTERM/SIGINT.
#include "clisupport.h"
#include "commands.h"
#include "otlpsetup.h"
#include "runsetup.h"

#include <engine/core/duration.h>
#include <engine/core/jsonio.h>
#include <engine/net/realclock.h>
#include <engine/session/runsession.h>
#include <engine/trace/tracestore.h>
#include <server/flowserver.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QThread>

#include <cmath>
#include <cstring>

namespace tutti::cli {

using namespace tutti::engine;

namespace {

std::optional<std::size_t> parseBytes(const QString &text)
{
    QString t = text.trimmed().toUpper();
    std::size_t unit = 1;
    for (const auto &[suffix, factor] : {std::pair{"KIB", 1024ull},
                                         {"MIB", 1024ull * 1024},
                                         {"K", 1024ull},
                                         {"M", 1024ull * 1024},
                                         {"B", 1ull}})
        if (t.endsWith(suffix)) {
            t.chop(qsizetype(std::strlen(suffix)));
            unit = factor;
            break;
        }
    bool ok = false;
    const qulonglong n = t.toULongLong(&ok);
    if (!ok || n == 0 || n > (1ull << 40) / unit)
        return std::nullopt;
    return static_cast<std::size_t>(n * unit);
}

void event(const std::string &name, const Json &fields = Json::object())
{
    Json line{{"time", QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toStdString()},
              {"event", name}};
    line.update(fields);
    err(engine::dumpJson(line) + "\n");
}

} // namespace

int serveCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument("FLOW", "The *.flow.yaml files to serve.", "FLOW...");
    const QCommandLineOption portOpt("port", "Port to listen on (0: ephemeral).", "N", "8080");
    const QCommandLineOption bindOpt("bind", "Address to listen on (0.0.0.0 in containers).",
                                     "ADDR", "127.0.0.1");
    const QCommandLineOption envOpt("env", "Environment: mock (default) or a name from tutti.yaml.",
                                    "NAME", "mock");
    const QCommandLineOption workersOpt("workers", "Event-loop threads (default: the core count).",
                                        "N");
    const QCommandLineOption noTraceOpt("no-trace", "Do not store runs.");
    const QCommandLineOption dbOpt("trace-db",
                                   "Trace database (default: WORKSPACE/.tutti/traces.db).", "PATH");
    const QCommandLineOption noAuthOpt("no-auth", "Serve without API keys (never in production).");
    const QCommandLineOption keysOpt("keys-file",
                                     "API keys, one a line (adds to TUTTI_SERVE_KEYS).", "FILE");
    const QCommandLineOption maxBodyOpt("max-body", "Largest request body (default 1MiB).",
                                        "BYTES");
    const QCommandLineOption maxInflightOpt(
        "max-inflight", "Runs in progress at once (default 256); more: 503.", "N");
    const QCommandLineOption drainOpt(
        "drain-timeout", "On SIGTERM, how long in-flight runs may finish (default 30s).", "DUR");
    const QCommandLineOption rateOpt("rate-limit",
                                     "Requests per second per API key (default 0: no limit).", "R");
    const QCommandLineOption burstOpt("rate-burst", "Token bucket size (default 2 × rate).", "N");
    const QCommandLineOption headerTimeoutOpt(
        "header-timeout", "Time to send the request head (default 10s).", "DUR");
    const QCommandLineOption bodyTimeoutOpt("body-timeout",
                                            "Time to send the request body (default 30s).", "DUR");
    const QCommandLineOption idleTimeoutOpt(
        "idle-timeout", "Idle keep-alive connections close (default 60s).", "DUR");
    const QCommandLineOption profileOpt("profile", "Profile overlaid on the mocks (repeatable).",
                                        "FILE");
    const QCommandLineOption noLogOpt("no-access-log", "No JSON access-log line per request.");
    const QCommandLineOption otlpOpt(
        "otlp-endpoint",
        "Also send every run's spans to an OpenTelemetry collector (OTLP/HTTP JSON), e.g. "
        "http://localhost:4318; headers from OTEL_EXPORTER_OTLP_HEADERS.",
        "URL");
    parser.addOptions({portOpt, bindOpt, envOpt, workersOpt, noTraceOpt, dbOpt, noAuthOpt, keysOpt,
                       maxBodyOpt, maxInflightOpt, drainOpt, rateOpt, burstOpt, headerTimeoutOpt,
                       bodyTimeoutOpt, idleTimeoutOpt, profileOpt, noLogOpt, otlpOpt});
    if (int code = parseOrExit(parser, args,
                               "tutti serve FLOW... [options]\n\nServes each flow as an HTTP "
                               "endpoint: POST /flows/NAME and its trigger route.");
        code >= 0)
        return code;
    if (parser.positionalArguments().isEmpty()) {
        err("tutti serve: expected at least one FLOW file (try 'tutti serve --help')\n");
        return ExitUsage;
    }
    auto usage = [](const std::string &message) {
        err("tutti serve: " + message + "\n");
        return ExitUsage;
    };

    server::ServeOptions options;
    bool ok = false;
    options.port = parser.value(portOpt).toInt(&ok);
    if (!ok || options.port < 0 || options.port > 65535)
        return usage("--port takes a number from 0 to 65535");
    options.bind = parser.value(bindOpt).toStdString();
    options.workers = QThread::idealThreadCount();
    if (parser.isSet(workersOpt)) {
        options.workers = parser.value(workersOpt).toInt(&ok);
        if (!ok || options.workers < 1 || options.workers > 256)
            return usage("--workers takes a number from 1 to 256");
    }
    if (parser.isSet(maxBodyOpt)) {
        auto bytes = parseBytes(parser.value(maxBodyOpt));
        if (!bytes)
            return usage("--max-body takes a size such as 65536, 512K or 4M");
        options.limits.maxBody = *bytes;
    }
    if (parser.isSet(maxInflightOpt)) {
        options.limits.maxInflight = parser.value(maxInflightOpt).toInt(&ok);
        if (!ok || options.limits.maxInflight < 1)
            return usage("--max-inflight takes a positive number");
    }
    auto duration = [&](const QCommandLineOption &opt, Micros &into) {
        if (!parser.isSet(opt))
            return true;
        auto d = parseDuration(parser.value(opt).toStdString());
        if (!d || *d < 0)
            return false;
        into = *d;
        return true;
    };
    if (!duration(drainOpt, options.drainTimeout))
        return usage("--drain-timeout takes a duration such as 30s");
    if (!duration(headerTimeoutOpt, options.limits.headerTimeout) ||
        !duration(bodyTimeoutOpt, options.limits.bodyTimeout) ||
        !duration(idleTimeoutOpt, options.limits.idleTimeout))
        return usage("timeouts take a duration such as 10s or 500ms");
    if (parser.isSet(rateOpt)) {
        options.limits.rateLimit = parser.value(rateOpt).toDouble(&ok);
        if (!ok || options.limits.rateLimit < 0 || !std::isfinite(options.limits.rateLimit))
            return usage("--rate-limit takes a number of requests per second (0: no limit)");
    }
    if (parser.isSet(burstOpt)) {
        options.limits.rateBurst = parser.value(burstOpt).toDouble(&ok);
        if (!ok || options.limits.rateBurst < 1)
            return usage("--rate-burst takes a number of at least 1");
    }
    options.auth = !parser.isSet(noAuthOpt);
    options.accessLog = !parser.isSet(noLogOpt);

    // Keys first: a server that would answer everyone must not start by accident.
    server::ApiKeys keys;
    if (qEnvironmentVariableIsSet("TUTTI_SERVE_KEYS")) {
        auto fromEnv = server::ApiKeys::fromList(qgetenv("TUTTI_SERVE_KEYS").toStdString());
        if (!fromEnv)
            return usage(fromEnv.error().message);
        keys.add(std::move(*fromEnv));
    }
    if (parser.isSet(keysOpt)) {
        auto fromFile = server::ApiKeys::fromFile(absolutePath(parser.value(keysOpt)));
        if (!fromFile) {
            printErrors({fromFile.error()});
            return ExitUsage;
        }
        keys.add(std::move(*fromFile));
    }
    if (options.auth && keys.empty())
        return usage("no API keys: set TUTTI_SERVE_KEYS=KEY1,KEY2 or pass --keys-file FILE "
                     "(or --no-auth to serve without authentication, never in production)");

    const std::string envName = parser.value(envOpt).toStdString();
    std::vector<RunPlan> plans;
    for (const QString &path : parser.positionalArguments()) {
        auto plan = RunPlan::load({absolutePath(path), {}, {}}, envName);
        if (!plan)
            return reportSetupError(plan.error(), "tutti serve", {});
        plans.push_back(std::move(*plan));
    }
    std::vector<std::string> profiles;
    for (const QString &p : parser.values(profileOpt))
        profiles.push_back(absolutePath(p));
    TransportProvider &transports = transportProvider();
    {
        // Mock and profile errors are reported once, here, not by every worker.
        RealClock clock;
        for (const RunPlan &plan : plans)
            if (auto transport = transports.transport(plan.transportRequest(profiles, clock));
                !transport)
                return reportSetupError({SetupStage::Transport, std::move(transport.error())},
                                        "tutti serve", {});
    }

    TraceStore store;
    const bool tracing = !parser.isSet(noTraceOpt);
    if (tracing) {
        const TraceTarget target = parser.isSet(dbOpt)
                                       ? TraceTarget::database(absolutePath(parser.value(dbOpt)))
                                       : TraceTarget::workspaceDatabase();
        // Many runs finish at once on the workers: one writer thread commits them together
        // (docs/traces.md, "Group commit"), off the threads that answer requests.
        store.setGroupCommit(true);
        if (auto opened = store.open(target.databaseFor(plans.front().workspace())); !opened)
            return reportSetupError({SetupStage::Trace, {opened.error()}}, "tutti serve",
                                    "cannot store traces; use --no-trace to serve without storing");
    }

    // Runs go to the store, to a collector, to both or nowhere; both sinks are thread-safe.
    std::unique_ptr<OtlpExporter> otlp;
    if (parser.isSet(otlpOpt)) {
        int otlpCode = ExitOk;
        otlp = makeOtlpExporter(parser.value(otlpOpt), "tutti serve", otlpCode);
        if (!otlp)
            return otlpCode;
    }
    FanOutSink sinks;
    if (tracing)
        sinks.add(&store);
    if (otlp)
        sinks.add(otlp.get());

    auto factory = [&transports, profiles](const RunPlan &plan,
                                           Clock &clock) -> std::unique_ptr<HttpTransport> {
        auto transport = transports.transport(plan.transportRequest(profiles, clock));
        return transport ? std::move(*transport) : nullptr;
    };
    server::FlowServer server(std::move(plans), options, std::move(keys), factory,
                              tracing || otlp ? &sinks : nullptr);
    if (auto started = server.start(); !started) {
        err("tutti serve: " + started.error().message + "\n");
        return started.error().code == ErrorCode::Validation ? ExitInvalid : ExitInternal;
    }
    out("tutti serve: listening on http://" + options.bind + ":" + std::to_string(server.port()) +
        " (" + std::to_string(options.workers) + " workers, env " + envName +
        (options.auth ? ", API keys required" : ", NO AUTH") + ")\n");
    for (const auto &line : server.routes())
        out("  " + line + "\n");

    onInterrupt([&server] {
        event("draining", {{"in_flight", server.metrics().inflight.load()}});
        server.drain([](int cancelled) {
            event("stopped", {{"cancelled_runs", cancelled}});
            QCoreApplication::exit(0);
        });
    });
    const int code = QCoreApplication::exec();
    if (tracing)
        if (auto flushed = store.flush(); !flushed)
            printErrors({flushed.error()});
    if (otlp)
        flushOtlp(*otlp, "tutti serve", 10 * kSecond);
    return code == 0 ? ExitOk : ExitInternal;
}

} // namespace tutti::cli
