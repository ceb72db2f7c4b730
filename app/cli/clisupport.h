// Shared plumbing of the `tutti` subcommands: output, input files, signals, terminals.
#pragma once

#include <engine/core/json.h>
#include <engine/core/result.h>

#include <QCommandLineParser>
#include <QString>

#include <functional>
#include <string>

namespace tutti::cli {

// Writes to stdout / stderr (UTF-8: invalid sequences become U+FFFD; unbuffered enough for pipes).
void out(const std::string &text);
void err(const std::string &text);
void printJson(const engine::Json &value); // one document on stdout, pretty, newline-terminated
void printErrors(const engine::Errors &errors);

bool stderrIsTerminal();
bool stdoutIsTerminal();

// "--input" values: inline JSON text, or @FILE with JSON in it, bounded like every JSON input
// (engine::JsonLimits: 16 MiB, 256 levels; a file is never read past the limit). Errors are
// located (FILE or --OPTION, line, column): Io, Syntax (also number overflow) or Limit.
engine::Result<engine::Json> readJsonArgument(const QString &value, const std::string &option);

// `parser`'s help, its description (which begins with the command's synopsis, "tutti run FLOW
// [options]") as the usage line: Qt's own names argv[0] and not the subcommand.
QString helpText(const QCommandLineParser &parser);

// Parses args with `parser`, handling --help (exit 0) and errors (exit 2). Returns -1 to go on.
int parseOrExit(QCommandLineParser &parser, const QStringList &args, const QString &usage);

// Calls `onInterrupt` on the Qt event loop for SIGINT/SIGTERM (first signal); a second signal
// exits at once with 130. Safe: the signal handler only writes to a socket pair.
void onInterrupt(std::function<void()> onInterrupt);

// Absolute, cleaned path.
std::string absolutePath(const QString &path);

} // namespace tutti::cli
