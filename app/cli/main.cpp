// The `tutti` command line: validate, run, mock, simulate, serve, export, trace, secret, debug
// (SPEC §7).
#include "clisupport.h"
#include "commands.h"

#include <app/keychain/keychainstore.h>
#include <engine/core/secretstore.h>

#include <QCoreApplication>

#include <exception>
#include <iterator>
#include <string>

namespace {

using tutti::cli::Command;

// Every subcommand, once: the dispatch below and `tutti --help` read this table, and the man page
// and the bash completion are made from `tutti --help` (packaging/), so a new row reaches all.
constexpr Command kCommands[] = {
    {"validate", "FLOW...", "check flow files; errors as FILE:LINE:COL: error: MESSAGE",
     tutti::cli::validateCommand},
    {"run", "FLOW [--input JSON|@FILE] [--env mock|NAME] [--seed S] [--trace-db PATH] [--json]",
     "run a flow once (against its mocks by default)", tutti::cli::runCommand},
    {"mock", "MOCKFILE... [--port N] [--seed S]", "serve mocks on loopback until interrupted",
     tutti::cli::mockCommand},
    {"simulate",
     "FLOW --runs N [--seed S] [--profile FILE]... [--concurrency C] [--jobs N] [--json]",
     "many runs against mocks, in virtual time", tutti::cli::simulateCommand},
    {"serve",
     "FLOW... [--port N] [--bind ADDR] [--env NAME] [--workers N] [--no-auth] [--keys-file FILE]",
     "each flow as an HTTP endpoint (docs/serve.md)", tutti::cli::serveCommand},
    {"export", "FLOW --to asl|argo|bundle [--env NAME] [--strict] [-o PATH]",
     "the flow as an AWS Step Functions state machine, an Argo Workflow or a deployable "
     "bundle (docs/export.md)",
     tutti::cli::exportCommand},
    {"trace", "list|show RUN|diff RUN_A RUN_B|export RUN|stats|prune [--trace-db PATH]",
     "stored runs: list, waterfall, diff, export (otlp, chrome), size, retention",
     tutti::cli::traceCommand},
    {"secret", "set|get|list|delete [NAME] [--workspace DIR]",
     "the workspace's secrets in the OS keychain", tutti::cli::secretCommand},
    {"debug", "[FLOW] --dap",
     "debug a flow from VS Code or any Debug Adapter Protocol client (docs/debugging.md)",
     tutti::cli::debugCommand},
};

// The summary column; a longer synopsis puts its summary on the next line. Long summaries wrap.
constexpr qsizetype kSummaryColumn = 44;
constexpr qsizetype kWidth = 100;

std::string usage()
{
    std::string text = "Usage: tutti COMMAND [ARGS...]\n\n"
                       "Design, run, break and debug API workflows from the terminal.\n\n"
                       "Commands:\n";
    const std::string indent(kSummaryColumn, ' ');
    for (const Command &c : kCommands) {
        std::string line = std::string("  ") + c.name + ' ' + c.synopsis;
        if (std::ssize(line) + 2 > kSummaryColumn) {
            text += line + '\n';
            line = indent;
        } else {
            line.resize(kSummaryColumn, ' ');
        }
        for (const QString &word : QString::fromUtf8(c.summary).split(u' ')) {
            if (std::ssize(line) + 1 + word.size() > kWidth) {
                text += line + '\n';
                line = indent;
            } else if (std::ssize(line) > kSummaryColumn) {
                line += ' ';
            }
            line += word.toStdString();
        }
        text += line + '\n';
    }
    return text + "\nRun 'tutti COMMAND --help' for a command's options; 'tutti --version' prints "
                  "the version.\nExit codes: 0 success, 1 invalid flow/mock/input, 2 usage "
                  "error, 3 the run failed, 4 internal error.\n";
}

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
    QCoreApplication::setApplicationVersion(QStringLiteral(TUTTI_VERSION));
    QStringList args = app.arguments();
    args.removeFirst();
    if (args.isEmpty()) {
        tutti::cli::err(usage());
        return tutti::cli::ExitUsage;
    }
    const QString command = args.takeFirst();
    // {{ secret.NAME }}: TUTTI_SECRET_NAME, else the OS keychain (read once per run setup).
    if (keychain)
        tutti::engine::installSecretStore(std::make_shared<tutti::keychain::KeychainSecretStore>());
    try {
        if (command == "--help" || command == "-h" || command == "help") {
            tutti::cli::out(usage());
            return 0;
        }
        if (command == "--version" || command == "version") {
            tutti::cli::out("tutti " TUTTI_VERSION "\n");
            return 0;
        }
        for (const Command &c : kCommands)
            if (command == QLatin1StringView(c.name))
                return c.run(args);
    } catch (const std::exception &e) {
        tutti::cli::err(std::string("tutti: internal error: ") + e.what() + "\n");
        return tutti::cli::ExitInternal;
    }
    tutti::cli::err("tutti: unknown command '" + command.toStdString() + "'\n\n" + usage());
    return tutti::cli::ExitUsage;
}
