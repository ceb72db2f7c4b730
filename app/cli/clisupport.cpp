// Plumbing shared by the subcommands (see clisupport.h).
#include "clisupport.h"

#include <engine/core/jsonio.h>

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSocketNotifier>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <sys/socket.h>
#include <unistd.h>

namespace tutti::cli {

// What people read may quote bytes from upstream bodies, headers or input files: invalid UTF-8
// is shown as U+FFFD rather than written to the terminal.
void out(const std::string &text)
{
    const std::string shown = engine::toValidUtf8(text);
    std::fwrite(shown.data(), 1, shown.size(), stdout);
    std::fflush(stdout);
}

void err(const std::string &text)
{
    const std::string shown = engine::toValidUtf8(text);
    std::fwrite(shown.data(), 1, shown.size(), stderr);
    std::fflush(stderr);
}

void printJson(const engine::Json &value)
{
    out(engine::dumpJson(value, 2) + "\n");
}

void printErrors(const engine::Errors &errors)
{
    for (const auto &e : errors)
        err(e.toString() + "\n");
}

bool stderrIsTerminal()
{
    return isatty(STDERR_FILENO);
}
bool stdoutIsTerminal()
{
    return isatty(STDOUT_FILENO);
}

engine::Result<engine::Json> readJsonArgument(const QString &value, const std::string &option)
{
    // "input" and "--input" both name the option.
    const std::string what = option.substr(option.find_first_not_of('-'));
    const engine::JsonLimits limits;
    std::string text = value.toStdString();
    std::string source = "--" + what;
    if (!text.empty() && text.front() == '@') {
        source = text.substr(1);
        std::ifstream in(source, std::ios::binary);
        if (!in)
            return engine::fail(engine::ErrorCode::Io, "cannot read " + what + " file",
                                {source, 0, 0});
        // At most one byte past the limit: enough to refuse a file that is too large without
        // reading all of it (or reading /dev/zero or a pipe for ever).
        text.clear();
        char chunk[64 * 1024];
        while (text.size() <= limits.maxBytes && in) {
            const std::size_t want = std::min(sizeof chunk, limits.maxBytes + 1 - text.size());
            in.read(chunk, static_cast<std::streamsize>(want));
            text.append(chunk, static_cast<std::size_t>(in.gcount()));
        }
        if (text.size() > limits.maxBytes)
            return engine::fail(engine::ErrorCode::Limit,
                                what + " file is larger than " +
                                    std::to_string(limits.maxBytes >> 20) + " MiB",
                                {source, 0, 0});
    }
    auto parsed = engine::parseJson(text, limits);
    if (!parsed) {
        engine::Error error = std::move(parsed.error());
        error.location.file = source;
        error.message =
            what +
            (error.code == engine::ErrorCode::Limit ? " is refused: " : " is not valid JSON: ") +
            error.message;
        return std::unexpected(std::move(error));
    }
    return std::move(*parsed);
}

QString helpText(const QCommandLineParser &parser)
{
    return "Usage: " + parser.helpText().section('\n', 1);
}

int parseOrExit(QCommandLineParser &parser, const QStringList &args, const QString &usage)
{
    parser.setApplicationDescription(usage);
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({"h", "help"}, "Show this help.");
    parser.addOption(help);
    QStringList full = args;
    full.prepend(QStringLiteral("tutti"));
    if (!parser.parse(full)) {
        err("tutti: " + parser.errorText().toStdString() + "\n");
        err("Try 'tutti " + usage.section(' ', 1, 1).toStdString() + " --help'.\n");
        return 2;
    }
    if (parser.isSet(help)) {
        out(helpText(parser).toStdString());
        return 0;
    }
    return -1;
}

namespace {
int g_signalPipe[2] = {-1, -1};
void handleSignal(int)
{
    static volatile sig_atomic_t count = 0;
    count = count + 1;
    if (count > 1)
        _exit(130);
    const char byte = 1;
    [[maybe_unused]] auto n = ::write(g_signalPipe[1], &byte, 1);
}
} // namespace

void onInterrupt(std::function<void()> callback)
{
    if (g_signalPipe[0] < 0 && ::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) != 0)
        return;
    auto *notifier =
        new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, QCoreApplication::instance());
    QObject::connect(notifier, &QSocketNotifier::activated, notifier, [notifier, callback] {
        char byte;
        [[maybe_unused]] auto n = ::read(g_signalPipe[0], &byte, 1);
        notifier->setEnabled(false);
        callback();
    });
    struct sigaction action {};
    action.sa_handler = handleSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

std::string absolutePath(const QString &path)
{
    return QDir::cleanPath(QFileInfo(path).absoluteFilePath()).toStdString();
}

} // namespace tutti::cli
