// The `tutti` subcommands. Each takes its own arguments (after the subcommand name) and returns
// the process exit code of SPEC §7.
#pragma once

#include <QStringList>

namespace tutti::cli {

enum ExitCode {
    ExitOk = 0,
    ExitInvalid = 1, // invalid flow, mock or input
    ExitUsage = 2,
    ExitRunFailed = 3, // run ended failed, compensated or compensation_failed
    ExitInternal = 4,
};

// A row of the command table (main.cpp): what `tutti --help` lists and what runs.
struct Command {
    const char *name;
    const char *synopsis; // the arguments after the name, for `tutti --help`
    const char *summary;  // one sentence, lower case
    int (*run)(const QStringList &args);
};

int validateCommand(const QStringList &args);
int runCommand(const QStringList &args);
int mockCommand(const QStringList &args);
int simulateCommand(const QStringList &args);
int traceCommand(const QStringList &args);
int serveCommand(const QStringList &args);
int exportCommand(const QStringList &args);
int secretCommand(const QStringList &args);
int debugCommand(const QStringList &args);

} // namespace tutti::cli
