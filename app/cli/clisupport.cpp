// Plumbing shared by the subcommands (see clisupport.h).
#include "clisupport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <sys/socket.h>
#include <unistd.h>

namespace tutti::cli {

void out(const std::string &text)
{
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
}

void err(const std::string &text)
{
    std::fwrite(text.data(), 1, text.size(), stderr);
    std::fflush(stderr);
}

void printJson(const engine::Json &value)
{
    out(value.dump(2, ' ', false, engine::Json::error_handler_t::replace) + "\n");
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

engine::Result<engine::Json> readJsonArgument(const QString &value, const std::string &what)
{
    std::string text = value.toStdString();
    std::string source = "--" + what;
    if (!text.empty() && text.front() == '@') {
        source = text.substr(1);
        std::ifstream in(source, std::ios::binary);
        if (!in)
            return engine::fail(engine::ErrorCode::Io, "cannot read " + what + " file",
                                {source, 0, 0});
        std::stringstream buffer;
        buffer << in.rdbuf();
        text = buffer.str();
    }
    try {
        return engine::Json::parse(text);
    } catch (const engine::Json::parse_error &e) {
        // nlohmann reports a byte offset; turn it into line:column.
        int line = 1, column = 1;
        for (std::size_t i = 0; i + 1 < e.byte && i < text.size(); ++i) {
            if (text[i] == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        std::string message = e.what();
        if (auto pos = message.find("syntax error"); pos != std::string::npos)
            message = message.substr(pos);
        return engine::fail(engine::ErrorCode::Syntax, what + " is not valid JSON: " + message,
                            {source, line, column});
    }
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
        out(parser.helpText()
                .replace("Usage: tutti", "Usage: " + usage.section('\n', 0, 0))
                .toStdString());
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
