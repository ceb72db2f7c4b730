// `tutti mock MOCKFILE... [--port N] [--seed S] [--profile FILE]...`: serves each mock on its own
// loopback port (the first on N, the next on N+1, ...; all ephemeral when N is 0 or absent),
// prints "SERVICE  http://127.0.0.1:PORT" per service, and runs until SIGINT/SIGTERM (exit 0).
#include "commands.h"

#include <mocks/mockregistry.h>
#include <mocks/mockserver.h>
#include <mocks/profile.h>

#include <QCoreApplication>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <memory>

#include <sys/socket.h>
#include <unistd.h>

namespace tutti::cli {

namespace {

int g_signalFds[2] = {-1, -1};

// Async-signal-safe: only write a byte; the event loop reads it through a QSocketNotifier.
void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto n = ::write(g_signalFds[0], &byte, 1);
}

void printErrors(const engine::Errors &errors)
{
    for (const auto &e : errors)
        std::fprintf(stderr, "%s\n", e.toString().c_str());
}

int usage(const char *message)
{
    std::fprintf(
        stderr,
        "tutti mock: %s\nusage: tutti mock MOCKFILE... [--port N] [--seed S] [--profile FILE]...\n",
        message);
    return ExitUsage;
}

} // namespace

int mockCommand(const QStringList &args)
{
    std::vector<std::string> files, profiles;
    int port = 0;
    std::uint64_t seed = 0;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        auto value = [&](const char *name) -> std::optional<QString> {
            if (i + 1 >= args.size()) {
                std::fprintf(stderr, "tutti mock: %s needs a value\n", name);
                return std::nullopt;
            }
            return args[++i];
        };
        if (a == "--port") {
            auto v = value("--port");
            bool ok = false;
            port = v ? v->toInt(&ok) : -1;
            if (!ok || port < 0 || port > 65535)
                return usage("--port needs a number from 0 to 65535");
        } else if (a == "--seed") {
            auto v = value("--seed");
            bool ok = false;
            seed = v ? v->toULongLong(&ok) : 0;
            if (!ok)
                return usage("--seed needs a non-negative integer");
        } else if (a == "--profile") {
            auto v = value("--profile");
            if (!v)
                return usage("--profile needs a file");
            profiles.push_back(v->toStdString());
        } else if (a == "-h" || a == "--help") {
            std::printf(
                "usage: tutti mock MOCKFILE... [--port N] [--seed S] [--profile FILE]...\n\n"
                "Serves each mock service on 127.0.0.1 until interrupted and prints its "
                "address.\n\n"
                "Options:\n"
                "  --port <N>        Port of the first service, the next ones count up\n"
                "                    (default 0: ephemeral ports).\n"
                "  --seed <S>        Seed for latency and fault draws (default 0).\n"
                "  --profile <FILE>  Profile overlaid on the mocks (repeatable).\n"
                "  -h, --help        Show this help.\n");
            return ExitOk;
        } else if (a.startsWith("--")) {
            return usage(qPrintable("unknown option " + a));
        } else {
            files.push_back(a.toStdString());
        }
    }
    if (files.empty())
        return usage("no mock file given");
    if (port != 0 && port + static_cast<int>(files.size()) - 1 > 65535)
        return usage("not enough ports above --port for every mock");

    mocks::MockRegistry registry;
    if (auto errors = registry.loadFiles(files); !errors.empty()) {
        printErrors(errors);
        return ExitInvalid;
    }
    for (const auto &path : profiles) {
        auto load = mocks::loadProfileFile(path);
        if (!load.ok()) {
            printErrors(load.errors);
            return ExitInvalid;
        }
        if (auto applied = registry.applyProfile(*load.profile); !applied) {
            printErrors({applied.error()});
            return ExitInvalid;
        }
    }

    std::unique_ptr<QCoreApplication> ownApp;
    static int argc = 1;
    static char name[] = "tutti";
    static char *argv[] = {name, nullptr};
    if (!QCoreApplication::instance())
        ownApp = std::make_unique<QCoreApplication>(argc, argv);

    std::vector<std::unique_ptr<mocks::MockServer>> servers;
    std::size_t width = 0;
    for (const auto &s : registry.services())
        width = std::max(width, s->name().size());
    for (std::size_t i = 0; i < registry.services().size(); ++i) {
        const std::string &service = registry.services()[i]->name();
        auto server =
            std::make_unique<mocks::MockServer>(registry, service, engine::mixSeed(seed, i));
        auto bound =
            server->listen(port == 0 ? 0 : static_cast<quint16>(port + static_cast<int>(i)));
        if (!bound) {
            std::fprintf(stderr, "tutti mock: %s\n", bound.error().message.c_str());
            return ExitInternal;
        }
        std::printf("%-*s  http://127.0.0.1:%u\n", static_cast<int>(width), service.c_str(),
                    unsigned(*bound));
        servers.push_back(std::move(server));
    }
    std::fflush(stdout);

    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFds) != 0) {
        std::perror("tutti mock: socketpair");
        return ExitInternal;
    }
    QSocketNotifier notifier(g_signalFds[1], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, [&notifier]() {
        char byte = 0;
        [[maybe_unused]] const auto n = ::read(g_signalFds[1], &byte, 1);
        notifier.setEnabled(false);
        QCoreApplication::exit(0);
    });
    struct sigaction action {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);

    const int code = QCoreApplication::exec();
    servers.clear();
    ::signal(SIGINT, SIG_DFL);
    ::signal(SIGTERM, SIG_DFL);
    ::close(g_signalFds[0]);
    ::close(g_signalFds[1]);
    return code == 0 ? ExitOk : ExitInternal;
}

} // namespace tutti::cli
