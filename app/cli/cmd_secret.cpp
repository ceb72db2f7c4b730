// `tutti secret set|get|list|delete NAME` (SPEC §7): the workspace's secrets in the OS keychain
// (the store main() installs: app/keychain). A value is read from stdin — typed without echo on a
// terminal, or piped — never from the command line, where shell history and `ps` would keep it.
#include "clisupport.h"
#include "commands.h"

#include <engine/core/httptransport.h>
#include <engine/core/secretstore.h>
#include <engine/model/workspace.h>

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>

#include <cstdio>
#include <iostream>
#include <termios.h>
#include <unistd.h>

namespace tutti::cli {

namespace {

const QString kUsage = QStringLiteral(
    "tutti secret set|get|list|delete [NAME] [--workspace DIR] [--json]\n"
    "Keep the workspace's secrets ({{ secret.NAME }}) in the OS keychain (the Secret Service on "
    "Linux). `set NAME` reads the value from stdin (not echoed on a terminal). TUTTI_SECRET_NAME "
    "variables still win over the keychain when a flow runs.");

constexpr std::size_t kMaxValue = 64 * 1024;

// The workspace of DIR (default: the working folder): the nearest folder at or above it holding
// tutti.yaml, else DIR itself — the folder `tutti run` takes for a flow there.
std::string workspaceOf(const QString &dir)
{
    const std::string probe = absolutePath(QDir(dir).filePath(QStringLiteral("x.flow.yaml")));
    return engine::workspaceDirFor(probe, [](const std::string &d) {
        return QFileInfo::exists(QString::fromStdString(d + "/tutti.yaml"));
    });
}

// The value on stdin: one line typed without echo on a terminal, else everything piped (one
// trailing line break dropped). nullopt when it is too long.
std::optional<std::string> readValue(const std::string &name)
{
    std::string value;
    if (isatty(STDIN_FILENO)) {
        err("Value of " + name + " (not shown): ");
        termios old{};
        const bool quiet = tcgetattr(STDIN_FILENO, &old) == 0;
        if (quiet) {
            termios silent = old;
            silent.c_lflag &= static_cast<tcflag_t>(~ECHO);
            tcsetattr(STDIN_FILENO, TCSANOW, &silent);
        }
        std::getline(std::cin, value);
        if (quiet)
            tcsetattr(STDIN_FILENO, TCSANOW, &old);
        err("\n");
    } else {
        char buffer[4096];
        std::size_t n;
        while ((n = std::fread(buffer, 1, sizeof buffer, stdin)) > 0) {
            value.append(buffer, n);
            if (value.size() > kMaxValue + 2)
                return std::nullopt;
        }
        if (value.ends_with("\r\n"))
            value.resize(value.size() - 2);
        else if (value.ends_with('\n'))
            value.pop_back();
    }
    if (value.size() > kMaxValue)
        return std::nullopt;
    return value;
}

int storeProblem(const engine::Error &e)
{
    err("tutti secret: " + e.message + "\n");
    return e.code == engine::ErrorCode::Validation ? ExitUsage : ExitInvalid;
}

} // namespace

int secretCommand(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption workspace(QStringLiteral("workspace"),
                                       QStringLiteral("The workspace folder (default: the one "
                                                      "of the working folder)."),
                                       QStringLiteral("DIR"), QStringLiteral("."));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("list: the names as a JSON array."));
    parser.addOptions({workspace, json});
    parser.addPositionalArgument(QStringLiteral("ACTION"),
                                 QStringLiteral("set, get, list or delete."));
    parser.addPositionalArgument(QStringLiteral("NAME"),
                                 QStringLiteral("The secret, as {{ secret.NAME }} names it."),
                                 QStringLiteral("[NAME]"));
    if (int code = parseOrExit(parser, args, kUsage); code >= 0)
        return code;
    const QStringList pos = parser.positionalArguments();
    const QString action = pos.value(0);
    const bool needsName = action == u"set" || action == u"get" || action == u"delete";
    if (!(needsName || action == u"list") || pos.size() != (needsName ? 2 : 1)) {
        err("usage: " + kUsage.section('\n', 0, 0).toStdString() + "\n");
        return ExitUsage;
    }
    const std::string name = pos.value(1).toStdString();
    if (needsName)
        if (const std::string why = engine::secretNameProblem(name); !why.empty()) {
            err("tutti secret: '" + engine::printableName(name) + "': " + why + "\n");
            return ExitUsage;
        }
    auto store = engine::installedSecretStore();
    if (!store) {
        err("tutti secret: no keychain in this build\n");
        return ExitInvalid;
    }
    const std::string ws = workspaceOf(parser.value(workspace));

    if (action == u"list") {
        auto names = store->names(ws);
        if (!names)
            return storeProblem(names.error());
        if (parser.isSet(json))
            printJson(engine::Json(*names));
        else
            for (const std::string &n : *names)
                out(n + "\n");
        return ExitOk;
    }
    if (action == u"get") {
        auto value = store->get(ws, name);
        if (!value)
            return storeProblem(value.error());
        if (!*value) {
            err("tutti secret: no secret " + name + " in the keychain for " + ws + "\n");
            return ExitInvalid;
        }
        out(**value + "\n");
        return ExitOk;
    }
    if (action == u"delete") {
        auto removed = store->remove(ws, name);
        if (!removed)
            return storeProblem(removed.error());
        if (!*removed) {
            err("tutti secret: no secret " + name + " in the keychain for " + ws + "\n");
            return ExitInvalid;
        }
        err("deleted " + name + " (" + ws + ")\n");
        return ExitOk;
    }
    auto value = readValue(name);
    if (!value) {
        err("tutti secret: the value is longer than 64 KiB\n");
        return ExitInvalid;
    }
    if (auto set = store->set(ws, name, *value); !set)
        return storeProblem(set.error());
    err("stored " + name + " in the keychain (" + ws + ")\n");
    return ExitOk;
}

} // namespace tutti::cli
