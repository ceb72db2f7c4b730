// The `tutti` command line: validate, run, mock, simulate, serve, export, trace, debug (SPEC §7).
#include "clisupport.h"
#include "commands.h"

#include <app/keychain/keychainstore.h>
#include <engine/core/secretstore.h>

#include <QCoreApplication>

#include <cstring>
#include <exception>

namespace {

const char *kUsage = R"(Usage: tutti COMMAND [ARGS...]

Design, run, break and debug API workflows from the terminal.

Commands:
  validate FLOW...                          check flow files; errors as FILE:LINE:COL: error: MESSAGE
  run FLOW [--input JSON|@FILE] [--env mock|NAME] [--seed S] [--trace-db PATH] [--json]
                                            run a flow once (against its mocks by default)
  mock MOCKFILE... [--port N] [--seed S]    serve mocks on loopback until interrupted
  simulate FLOW --runs N [--seed S] [--profile FILE]... [--concurrency C] [--json]
                                            many runs against mocks, in virtual time
  serve FLOW... [--port N] [--bind ADDR] [--env NAME] [--workers N] [--no-auth] [--keys-file FILE]
                                            each flow as an HTTP endpoint (docs/serve.md)
  export FLOW --to asl|argo [--env NAME] [--query-language jsonpath|jsonata] [--strict] [-o PATH]
                                            the flow as an AWS Step Functions state machine or
                                            an Argo Workflow
                                            (docs/export.md)
  trace list|show RUN|export RUN --format otlp|chrome [--trace-db PATH]
                                            stored runs and their spans
  secret set|get|list|delete [NAME] [--workspace DIR]
                                            the workspace's secrets in the OS keychain
  debug [FLOW] --dap                        debug a flow from VS Code or any Debug Adapter
                                            Protocol client (docs/debugging.md)

Run 'tutti COMMAND --help' for a command's options.
Exit codes: 0 success, 1 invalid flow/mock/input, 2 usage error, 3 the run failed, 4 internal error.
)";

} // namespace

int main(int argc, char **argv)
{
    // The commands a person runs at a desk read `{{ secret.NAME }}` from the OS keychain, whose
    // Secret Service client (libsecret, through qtkeychain) answers on GLib's main loop. The others
    // (`serve` reads secrets from TUTTI_SECRET_* only: a server has no desktop keychain) have no
    // use for GLib's loop; Qt's own dispatcher costs less CPU per socket event (measured with
    // tests/bench/bench_http). An explicit QT_NO_GLIB still wins.
    const std::string first = argc > 1 ? argv[1] : "";
    const bool keychain = first == "run" || first == "secret" || first == "debug";
    if (!keychain && !qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tutti"));
    QCoreApplication::setApplicationVersion(QStringLiteral("0.1.0"));
    QStringList args = app.arguments();
    args.removeFirst();
    if (args.isEmpty()) {
        tutti::cli::err(kUsage);
        return tutti::cli::ExitUsage;
    }
    const QString command = args.takeFirst();
    // {{ secret.NAME }}: TUTTI_SECRET_NAME, else the OS keychain (read once per run setup).
    if (keychain)
        tutti::engine::installSecretStore(std::make_shared<tutti::keychain::KeychainSecretStore>());
    try {
        if (command == "--help" || command == "-h" || command == "help") {
            tutti::cli::out(kUsage);
            return 0;
        }
        if (command == "--version" || command == "version") {
            tutti::cli::out("tutti 0.1.0\n");
            return 0;
        }
        if (command == "validate")
            return tutti::cli::validateCommand(args);
        if (command == "run")
            return tutti::cli::runCommand(args);
        if (command == "mock")
            return tutti::cli::mockCommand(args);
        if (command == "simulate")
            return tutti::cli::simulateCommand(args);
        if (command == "serve")
            return tutti::cli::serveCommand(args);
        if (command == "export")
            return tutti::cli::exportCommand(args);
        if (command == "trace")
            return tutti::cli::traceCommand(args);
        if (command == "secret")
            return tutti::cli::secretCommand(args);
        if (command == "debug")
            return tutti::cli::debugCommand(args);
    } catch (const std::exception &e) {
        tutti::cli::err(std::string("tutti: internal error: ") + e.what() + "\n");
        return tutti::cli::ExitInternal;
    }
    tutti::cli::err("tutti: unknown command '" + command.toStdString() + "'\n\n" + kUsage);
    return tutti::cli::ExitUsage;
}
