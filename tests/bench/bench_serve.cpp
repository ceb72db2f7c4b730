// `tutti serve` vs Node-RED (SPEC §10): the 5-call chain (five sequential http steps to one
// loopback `tutti mock`) served over HTTP, driven by a built-in keep-alive load client at 1 and
// 50 connections, in the same run on the same machine. Prints flows/s, p50, p99, server CPU per
// flow (and the mock's, with the load average: on a shared machine both inflate together) and the
// Tutti/Node-RED ratios. At one connection it also measures the floor: the same six loopback
// round trips made by the client itself with no server, which no server can beat.
//
//   bench_serve [--seconds S] [--warmup S] [--connections 1,50] [--workers N]
//               [--tutti PATH] [--nodered DIR]
//
// The built binary is ../app/tutti next to this executable; Node-RED is DIR/node_modules/node-red
// (default ../nodered, installed by tests/bench/setup-nodered.sh; test-only). Without it only the
// Tutti side runs. Everything listens on 127.0.0.1 ephemeral ports; all children are ours.
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QThread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
    double seconds = 5;
    double warmup = 1;
    std::vector<int> connections{1, 50};
    int workers = 0; // 0: serve's default (the core count)
    QString tutti;
    QString nodered;
};

struct Result {
    long flows = 0;
    long errors = 0;
    double seconds = 0;
    double p50us = 0;
    double p99us = 0;
    double cpuUsPerFlow = 0;     // server process CPU (user + system)
    double mockCpuUsPerFlow = 0; // the loopback `tutti mock`'s CPU: is the other side the limit?
    double loadAverage = 0;      // the machine's 1-minute load average at the end of the row
    double flowsPerSecond() const { return seconds > 0 ? flows / seconds : 0; }
};

// utime + stime of a process in µs, from /proc (the server's own CPU, not the client's).
double processCpuMicros(qint64 pid)
{
    QFile stat(QString("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray text = stat.readAll();
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return 0;
    const double ticks = fields[11].toDouble() + fields[12].toDouble();
    return ticks * 1e6 / double(sysconf(_SC_CLK_TCK));
}

// The 1-minute load average: CPU figures from a busy machine are inflated (the mock's too), so
// every row says how busy the machine was.
double loadAverage()
{
    QFile f("/proc/loadavg");
    return f.open(QIODevice::ReadOnly) ? f.readLine().split(' ').value(0).toDouble() : 0;
}

// One keep-alive client connection: one request outstanding at a time.
struct Connection {
    int fd = -1;
    std::string in;
    Clock::time_point sentAt;
    bool waiting = false;
};

int connectTo(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return -1;
    }
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

// Length of the complete response at the start of `in` (0: not complete yet, -1: unparsable),
// and its status. Content-Length framing, or chunked (Node-RED may answer either).
long responseLength(const std::string &in, int &status)
{
    const size_t headEnd = in.find("\r\n\r\n");
    if (headEnd == std::string::npos)
        return 0;
    if (in.compare(0, 5, "HTTP/") != 0 || in.size() < 12)
        return -1;
    status = std::atoi(in.c_str() + 9);
    std::string head = in.substr(0, headEnd + 2);
    std::transform(head.begin(), head.end(), head.begin(), ::tolower);
    const size_t cl = head.find("\r\ncontent-length:");
    if (cl != std::string::npos) {
        const long length = std::atol(head.c_str() + cl + 17);
        return in.size() >= headEnd + 4 + length ? long(headEnd + 4 + length) : 0;
    }
    if (head.find("\r\ntransfer-encoding: chunked") != std::string::npos) {
        const size_t end = in.find("\r\n0\r\n\r\n", headEnd);
        return end == std::string::npos ? 0 : long(end + 7);
    }
    return long(headEnd + 4); // no body
}

std::string postRequest(const std::string &path)
{
    return "POST " + path +
           " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
           "Content-Length: 2\r\n\r\n{}";
}

// A row's time window: warm-up from `start`, then only [measureFrom, end) counts.
struct Window {
    Clock::time_point start, measureFrom, end;
};
Window measureWindow(const Options &options)
{
    Window w;
    w.start = Clock::now();
    w.measureFrom = w.start + std::chrono::duration_cast<Clock::duration>(
                                  std::chrono::duration<double>(options.warmup));
    w.end = w.measureFrom + std::chrono::duration_cast<Clock::duration>(
                                std::chrono::duration<double>(options.seconds));
    return w;
}

// Flows, p50/p99 and CPU per flow from the latencies measured in a row.
void summarize(std::vector<double> &latencies, const Options &options, double serverCpu,
               double mockCpu, Result &result)
{
    result.flows = long(latencies.size());
    result.seconds = options.seconds;
    if (latencies.empty())
        return;
    std::sort(latencies.begin(), latencies.end());
    auto at = [&](double q) {
        return latencies[std::min(latencies.size() - 1, size_t(q * latencies.size()))];
    };
    result.p50us = at(0.50);
    result.p99us = at(0.99);
    result.cpuUsPerFlow = serverCpu / double(latencies.size());
    result.mockCpuUsPerFlow = mockCpu / double(latencies.size());
}

// Keeps `connections` connections busy with `request` for warmup + seconds; only answers that
// arrive after the warmup count. Single-threaded epoll, so the client's CPU is one core at most.
Result load(quint16 port, const std::string &request, int connections, const Options &options,
            qint64 serverPid, qint64 mockPid)
{
    Result result;
    std::vector<double> latencies;
    latencies.reserve(1 << 20);
    const int ep = ::epoll_create1(EPOLL_CLOEXEC);
    std::vector<Connection> conns(connections);
    auto send = [&](size_t i) {
        Connection &c = conns[i];
        if (c.fd < 0) {
            c.fd = connectTo(port);
            if (c.fd < 0) {
                ++result.errors;
                return;
            }
            epoll_event ev{};
            ev.events = EPOLLIN;
            ev.data.u64 = i;
            ::epoll_ctl(ep, EPOLL_CTL_ADD, c.fd, &ev);
        }
        c.in.clear();
        c.sentAt = Clock::now();
        c.waiting =
            ::send(c.fd, request.data(), request.size(), MSG_NOSIGNAL) == ssize_t(request.size());
        if (!c.waiting)
            ++result.errors;
    };
    auto drop = [&](size_t i) {
        ::close(conns[i].fd); // also leaves the epoll set
        conns[i].fd = -1;
        conns[i].waiting = false;
    };

    const auto [start, measureFrom, end] = measureWindow(options);
    double cpuAtStart = -1, mockCpuAtStart = 0;
    for (size_t i = 0; i < conns.size(); ++i)
        send(i);
    std::vector<epoll_event> events(conns.size());
    char buffer[65536];
    for (;;) {
        const Clock::time_point now = Clock::now();
        if (cpuAtStart < 0 && now >= measureFrom) {
            cpuAtStart = processCpuMicros(serverPid);
            mockCpuAtStart = processCpuMicros(mockPid);
        }
        const bool over = now >= end;
        if (over && std::none_of(conns.begin(), conns.end(), [](auto &c) { return c.waiting; }))
            break;
        if (now >= end + std::chrono::seconds(10)) { // answers still missing: count them
            for (auto &c : conns)
                result.errors += c.waiting ? 1 : 0;
            break;
        }
        const int n = ::epoll_wait(ep, events.data(), int(events.size()), 100);
        for (int e = 0; e < n; ++e) {
            const size_t i = events[e].data.u64;
            Connection &c = conns[i];
            const ssize_t got = ::recv(c.fd, buffer, sizeof buffer, 0);
            if (got <= 0) {
                if (c.waiting)
                    ++result.errors;
                drop(i);
                if (!over)
                    send(i);
                continue;
            }
            c.in.append(buffer, size_t(got));
            int status = 0;
            const long length = responseLength(c.in, status);
            if (length == 0)
                continue;
            const Clock::time_point done = Clock::now();
            if (length < 0 || status < 200 || status >= 300) {
                if (result.errors++ == 0)
                    std::fprintf(stderr, "  unexpected answer: %.200s\n", c.in.c_str());
            } else if (c.sentAt >= measureFrom && done <= end) {
                latencies.push_back(
                    std::chrono::duration<double, std::micro>(done - c.sentAt).count());
            }
            c.waiting = false;
            if (length < 0) {
                drop(i);
            } else {
                c.in.erase(0, size_t(length));
            }
            if (done < end)
                send(i);
        }
    }
    const double cpuAtEnd = processCpuMicros(serverPid);
    const double mockCpuAtEnd = processCpuMicros(mockPid);
    result.loadAverage = loadAverage();
    for (size_t i = 0; i < conns.size(); ++i)
        if (conns[i].fd >= 0)
            drop(i);
    ::close(ep);

    summarize(latencies, options, cpuAtEnd - cpuAtStart, mockCpuAtEnd - mockCpuAtStart, result);
    return result;
}

// The floor under any server's one-connection latency on this machine: the client itself makes
// a flow's six loopback round trips in sequence (five calls to the mock, and one more to the mock
// standing in for the request to the server), with nothing in between. No server doing the 5-call
// chain over loopback TCP can answer sooner than this, whatever it is written in.
Result floorChain(quint16 mockPort, const Options &options, qint64 mockPid)
{
    Result result;
    std::vector<double> latencies;
    latencies.reserve(1 << 20);
    const int fd = connectTo(mockPort);
    if (fd < 0) {
        result.errors = 1;
        return result;
    }
    std::vector<std::string> requests;
    for (int i = 0; i < 6; ++i)
        requests.push_back(postRequest("/bench/" + std::to_string(i % 5)));
    std::string in;
    char buffer[65536];
    auto roundTrip = [&](const std::string &request) {
        if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) != ssize_t(request.size()))
            return false;
        in.clear();
        for (;;) {
            const ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
            if (got <= 0)
                return false;
            in.append(buffer, size_t(got));
            int status = 0;
            const long length = responseLength(in, status);
            if (length < 0)
                return false;
            if (length > 0)
                return status >= 200 && status < 300;
        }
    };
    const auto [start, measureFrom, end] = measureWindow(options);
    double mockCpuAtStart = -1;
    for (Clock::time_point now = start; now < end; now = Clock::now()) {
        if (mockCpuAtStart < 0 && now >= measureFrom)
            mockCpuAtStart = processCpuMicros(mockPid);
        bool ok = true;
        for (const std::string &request : requests)
            ok = ok && roundTrip(request);
        if (!ok) {
            ++result.errors;
            break; // the connection is in an unknown state
        }
        const Clock::time_point done = Clock::now();
        if (now >= measureFrom && done <= end)
            latencies.push_back(std::chrono::duration<double, std::micro>(done - now).count());
    }
    const double mockCpuAtEnd = processCpuMicros(mockPid);
    result.loadAverage = loadAverage();
    ::close(fd);
    summarize(latencies, options, 0, mockCpuAtEnd - mockCpuAtStart, result);
    return result;
}

quint16 freePort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

bool writeFile(const QString &path, const QByteArray &text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
}

// Starts `program` with its output in `logPath` and waits until `pattern` appears in it;
// returns capture 1 (the port) or 0.
quint16 startAndWait(QProcess &process, const QString &program, const QStringList &args,
                     const QString &logPath, const QString &pattern, int timeoutMs = 15000)
{
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setStandardOutputFile(logPath);
    process.start(program, args);
    if (!process.waitForStarted(5000))
        return 0;
    const QRegularExpression re(pattern);
    for (int waited = 0; waited < timeoutMs; waited += 50) {
        QFile log(logPath);
        if (log.open(QIODevice::ReadOnly)) {
            const auto m = re.match(QString::fromUtf8(log.readAll()));
            if (m.hasMatch())
                return m.captured(1).toUShort();
        }
        if (process.state() == QProcess::NotRunning)
            return 0;
        QThread::msleep(50);
    }
    return 0;
}

// Waits until `port` answers `request` with a 2xx (Node-RED loads its flows after listening).
bool waitServing(quint16 port, const std::string &request, int timeoutMs)
{
    for (int waited = 0; waited < timeoutMs; waited += 200) {
        const int fd = connectTo(port);
        if (fd >= 0) {
            timeval tv{2, 0};
            ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
            std::string in;
            char buffer[4096];
            int status = 0;
            if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) > 0) {
                ssize_t got;
                while (responseLength(in, status) == 0 &&
                       (got = ::recv(fd, buffer, sizeof buffer, 0)) > 0)
                    in.append(buffer, size_t(got));
            }
            ::close(fd);
            if (responseLength(in, status) > 0 && status >= 200 && status < 300)
                return true;
        }
        QThread::msleep(200);
    }
    return false;
}

// Node-RED's flow: http in → 5 × http request (keep-alive, JSON) → http response.
QByteArray noderedFlows(quint16 mockPort)
{
    QByteArray nodes = R"([{"id":"tab","type":"tab","label":"bench"},)"
                       R"({"id":"in","type":"http in","z":"tab","url":"/chain","method":"post",)"
                       R"("upload":false,"wires":[["r0"]]},)";
    for (int i = 0; i < 5; ++i) {
        const QByteArray id = "r" + QByteArray::number(i);
        const QByteArray next = i < 4 ? "r" + QByteArray::number(i + 1) : QByteArray("out");
        nodes += R"({"id":")" + id + R"(","type":"http request","z":"tab","method":"POST",)" +
                 R"("ret":"obj","paytoqs":"ignore","url":"http://127.0.0.1:)" +
                 QByteArray::number(mockPort) + "/bench/" + QByteArray::number(i) +
                 R"(","persist":true,"wires":[[")" + next + R"("]]},)";
    }
    nodes += R"({"id":"out","type":"http response","z":"tab","statusCode":"200","wires":[]}])";
    return nodes;
}

void printRow(const char *who, int connections, const Result &r)
{
    std::printf("  %-9s %3d conn  %8.0f flows/s  p50 %8.3f ms  p99 %8.3f ms  server CPU %7.1f "
                "us/flow  (mock %5.1f)  load %4.1f  errors %ld\n",
                who, connections, r.flowsPerSecond(), r.p50us / 1000, r.p99us / 1000,
                r.cpuUsPerFlow, r.mockCpuUsPerFlow, r.loadAverage, r.errors);
    std::fflush(stdout);
}

int usage(const char *argv0)
{
    std::fprintf(stderr,
                 "usage: %s [--seconds S] [--warmup S] [--connections 1,50] [--workers N] "
                 "[--tutti PATH] [--nodered DIR]\n",
                 argv0);
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    Options options;
    const QString here = QCoreApplication::applicationDirPath();
    options.tutti = here + "/../app/tutti";
    options.nodered = here + "/../nodered";
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (i + 1 >= argc)
            return usage(argv[0]);
        const char *value = argv[++i];
        if (arg == "--seconds")
            options.seconds = std::max(0.5, std::atof(value));
        else if (arg == "--warmup")
            options.warmup = std::max(0.0, std::atof(value));
        else if (arg == "--workers")
            options.workers = std::max(1, std::atoi(value));
        else if (arg == "--tutti")
            options.tutti = value;
        else if (arg == "--nodered")
            options.nodered = value;
        else if (arg == "--connections") {
            options.connections.clear();
            for (const QString &c : QString(value).split(',', Qt::SkipEmptyParts))
                options.connections.push_back(std::max(1, c.toInt()));
        } else
            return usage(argv[0]);
    }

    QTemporaryDir dir;
    if (!dir.isValid() || !QDir(dir.path()).mkpath("mocks"))
        return 1;
    const QString d = dir.path();
    writeFile(d + "/mocks/bench.mock.yaml", R"(tutti-mock: 1
service: bench
routes:
  - match: { method: POST, path: "/bench/{n}" }
    respond: { status: 200, body: { ok: true, n: "{{ params.n }}" } }
)");
    QProcess mock;
    const quint16 mockPort =
        startAndWait(mock, options.tutti, {"mock", d + "/mocks/bench.mock.yaml", "--port", "0"},
                     d + "/mock.log", "bench\\s+http://127\\.0\\.0\\.1:(\\d+)");
    if (!mockPort) {
        std::fprintf(stderr, "bench_serve: `tutti mock` did not start (%s)\n",
                     qPrintable(options.tutti));
        return 1;
    }
    writeFile(d + "/tutti.yaml", "tutti-workspace: 1\nenvironments:\n  bench:\n    services: "
                                 "{ bench: \"http://127.0.0.1:" +
                                     QByteArray::number(mockPort) + "\" }\n");
    QByteArray flow = "tutti: 1\nname: chain\nservices:\n  bench: {}\nsteps:\n";
    for (int i = 0; i < 5; ++i)
        flow += "  - { id: c" + QByteArray::number(i) +
                ", type: http, service: bench, request: { method: POST, path: /bench/" +
                QByteArray::number(i) + ", body: { call: " + QByteArray::number(i) + " } } }\n";
    flow += "  - { id: answer, type: respond, status: 200, body: { last: \"{{ steps.c4.body.n "
            "}}\" } }\n";
    writeFile(d + "/chain.flow.yaml", flow);

    QStringList serveArgs{"serve",      d + "/chain.flow.yaml", "--env",  "bench", "--no-auth",
                          "--no-trace", "--no-access-log",      "--port", "0"};
    if (options.workers)
        serveArgs += {"--workers", QString::number(options.workers)};
    QProcess serve;
    const quint16 servePort = startAndWait(serve, options.tutti, serveArgs, d + "/serve.log",
                                           "listening on http://127\\.0\\.0\\.1:(\\d+)");
    const std::string tuttiRequest = postRequest("/flows/chain");
    if (!servePort || !waitServing(servePort, tuttiRequest, 5000)) {
        std::fprintf(stderr, "bench_serve: `tutti serve` did not start or answer\n");
        return 1;
    }

    // Node-RED, when installed.
    QProcess nodered;
    quint16 noderedPort = 0;
    const std::string noderedRequest = postRequest("/chain");
    const QString redJs = options.nodered + "/node_modules/node-red/red.js";
    const QString node = QStandardPaths::findExecutable("node");
    QString noderedVersion;
    if (!QFile::exists(redJs) || node.isEmpty()) {
        std::printf("Node-RED: not available (%s missing; run tests/bench/setup-nodered.sh)\n",
                    qPrintable(QFile::exists(redJs) ? QString("node") : redJs));
    } else {
        QDir(d).mkpath("nodered");
        writeFile(d + "/nodered/flows.json", noderedFlows(mockPort));
        const quint16 port = freePort();
        const QString log = d + "/nodered.log";
        if (startAndWait(nodered, node,
                         {redJs, "--userDir", d + "/nodered", "--port", QString::number(port),
                          d + "/nodered/flows.json"},
                         log, "Server now running at http://[^:]+:(\\d+)/", 60000) &&
            waitServing(port, noderedRequest, 10000)) {
            noderedPort = port;
            QFile f(log);
            if (f.open(QIODevice::ReadOnly)) {
                const auto m = QRegularExpression("Node-RED version: (v\\S+)")
                                   .match(QString::fromUtf8(f.readAll()));
                noderedVersion = m.captured(1);
            }
        } else {
            QFile f(log);
            f.open(QIODevice::ReadOnly);
            std::printf("Node-RED: did not start; its log:\n%s\n", f.readAll().constData());
        }
    }

    std::printf("5-call chain through HTTP: client → server → 5 × POST to `tutti mock` on "
                "loopback; %.1f s per row after %.1f s warm-up; %d cores; tutti serve "
                "--workers %s; Node-RED %s\n",
                options.seconds, options.warmup, QThread::idealThreadCount(),
                options.workers ? qPrintable(QString::number(options.workers)) : "(cores)",
                noderedPort ? qPrintable(noderedVersion.isEmpty() ? "?" : noderedVersion)
                            : "not available");
    struct Row {
        int connections;
        Result tutti, nodered;
    };
    std::vector<Row> rows;
    const bool oneConnection = std::find(options.connections.begin(), options.connections.end(),
                                         1) != options.connections.end();
    Result floor;
    if (oneConnection) {
        floor = floorChain(mockPort, options, mock.processId());
        printRow("floor", 1, floor);
    }
    for (const int c : options.connections) {
        Row row{
            c, load(servePort, tuttiRequest, c, options, serve.processId(), mock.processId()), {}};
        printRow("tutti", c, row.tutti);
        if (noderedPort) {
            row.nodered = load(noderedPort, noderedRequest, c, options, nodered.processId(),
                               mock.processId());
            printRow("node-red", c, row.nodered);
        }
        rows.push_back(row);
    }
    if (noderedPort) {
        std::printf("ratios (Tutti / Node-RED):\n");
        for (const Row &row : rows)
            std::printf("  %3d conn  throughput %6.1fx   server CPU per flow %6.1fx less\n",
                        row.connections,
                        row.tutti.flowsPerSecond() / std::max(1e-9, row.nodered.flowsPerSecond()),
                        row.nodered.cpuUsPerFlow / std::max(1e-9, row.tutti.cpuUsPerFlow));
    }

    if (oneConnection && floor.flows > 0) {
        // What this machine allows at one connection, measured in this run: the targets are
        // absolute (p50 <= 0.5 ms, 10x Node-RED) and the loopback round trip differs by machine.
        const Row &one = *std::find_if(rows.begin(), rows.end(),
                                       [](const Row &r) { return r.connections == 1; });
        std::printf("floor: 6 sequential round trips from the client to the mock, no server "
                    "(a flow's five calls and its own request): p50 %.3f ms, %.0f flows/s\n",
                    floor.p50us / 1000, floor.flowsPerSecond());
        std::printf("  tutti at 1 conn: p50 %.2fx the floor, throughput %.0f%% of it\n",
                    one.tutti.p50us / std::max(1e-9, floor.p50us),
                    100 * one.tutti.flowsPerSecond() / std::max(1e-9, floor.flowsPerSecond()));
        std::printf("  p50 <= 0.5 ms is %s on this machine (the floor's p50 is %.3f ms)\n",
                    floor.p50us <= 500 ? "possible" : "below the floor", floor.p50us / 1000);
        if (one.nodered.flows > 0) {
            const double needed = 10 * one.nodered.flowsPerSecond();
            std::printf("  10x Node-RED at 1 conn needs %.0f flows/s: %s (the floor allows %.0f)\n",
                        needed, needed <= floor.flowsPerSecond() ? "possible" : "above the floor",
                        floor.flowsPerSecond());
        }
    }

    for (QProcess *p : {&nodered, &serve, &mock}) {
        if (p->state() != QProcess::NotRunning) {
            p->terminate();
            if (!p->waitForFinished(10000)) {
                p->kill();
                p->waitForFinished(5000);
            }
        }
    }
    return 0;
}
