// Scale-out with a load balancer: two `tutti serve` instances behind nginx (Debian nginx-light,
// configured from a temp dir, loopback only). 200 sequential POSTs go through nginx; halfway one
// instance is killed with SIGKILL while it has a run in flight, and every request (that one
// included) must still succeed, because nginx retries a failed upstream on the other one
// (`proxy_next_upstream error timeout http_502 non_idempotent`; docs/serve.md explains why).
//
// LABELS: integration slow
#include "clirunner.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>
#include <utility>

namespace {

const QString kTutti = QStringLiteral(TUTTI_BINARY_DIR "/app/tutti");
const QString kFlow = QStringLiteral(TUTTI_TEST_DATA "/serve/hello.flow.yaml");
const QString kSlowFlow = QStringLiteral(TUTTI_TEST_DATA "/serve/slow.flow.yaml");
const QByteArray kKey = "nginx-key";

// nginx lives in /usr/sbin, which is not on every user's PATH.
QString findNginx()
{
    const QString found = QStandardPaths::findExecutable("nginx");
    if (!found.isEmpty())
        return found;
    return QStandardPaths::findExecutable("nginx", {"/usr/sbin", "/usr/local/sbin"});
}

// One `tutti serve` instance on an ephemeral port; its access log (stderr) tells which
// requests it answered (stderr goes to a file: the test has no event loop to read a pipe).
struct Instance {
    QProcess process;
    quint16 port = 0;
    QString logPath;

    bool start(const QString &log)
    {
        logPath = log;
        process.setStandardErrorFile(logPath);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("TUTTI_SERVE_KEYS", QString::fromLatin1(kKey));
        process.setProcessEnvironment(env);
        process.start(kTutti,
                      {"serve", kFlow, kSlowFlow, "--port", "0", "--workers", "1", "--no-trace"});
        QString out;
        return clitest::waitListening(process, out, port);
    }
    // Requests this instance answered so far (one access-log line each).
    int served() const
    {
        QFile log(logPath);
        return log.open(QIODevice::ReadOnly) ? int(log.readAll().count("\"/flows/hello\"")) : -1;
    }
    ~Instance()
    {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished(5000);
        }
    }
};

// An unused loopback port for nginx: the kernel picks one, we release it, nginx binds it.
quint16 freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

// Sends one request on a new connection to `port` (nullptr if it does not connect).
std::unique_ptr<QTcpSocket> send(quint16 port, const QByteArray &method, const QByteArray &path,
                                 const QByteArray &body = {})
{
    auto socket = std::make_unique<QTcpSocket>();
    socket->connectToHost("127.0.0.1", port);
    if (!socket->waitForConnected(3000))
        return nullptr;
    socket->write(method + " " + path + " HTTP/1.1\r\nHost: lb\r\nConnection: close\r\n" +
                  "Content-Type: application/json\r\nX-Api-Key: " + kKey +
                  "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    socket->flush();
    return socket;
}

// Reads one Content-Length framed answer: {status, body}; status -1 if none within 5 s.
std::pair<int, QByteArray> receive(QTcpSocket *socket)
{
    QByteArray answer;
    QElapsedTimer timer;
    timer.start();
    while (socket && timer.elapsed() < 5000) {
        const qsizetype headEnd = answer.indexOf("\r\n\r\n");
        if (headEnd >= 0) {
            const auto length = QRegularExpression("\r\n[Cc]ontent-[Ll]ength: *(\\d+)")
                                    .match(QString::fromLatin1(answer.left(headEnd + 2)));
            const int size = length.hasMatch() ? length.captured(1).toInt() : 0;
            if (answer.size() >= headEnd + 4 + size)
                return {answer.split(' ').value(1).toInt(), answer.mid(headEnd + 4, size)};
        }
        if (socket->bytesAvailable() == 0 && !socket->waitForReadyRead(200) &&
            socket->state() != QAbstractSocket::ConnectedState)
            break;
        answer += socket->readAll();
    }
    return {-1, {}};
}

int post(quint16 port, const QByteArray &path, const QByteArray &body)
{
    return receive(send(port, "POST", path, body).get()).first;
}

} // namespace

class TestServeNginx : public QObject {
    Q_OBJECT

private slots:
    void keepsServingWhenAnInstanceDies()
    {
        const QString nginx = findNginx();
        if (nginx.isEmpty())
            QSKIP("nginx is not installed (installer/setup-debian.sh installs nginx-light)");

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        Instance a;
        Instance b;
        QVERIFY(a.start(dir.filePath("a.log")));
        QVERIFY(b.start(dir.filePath("b.log")));
        const quint16 port = freePort();
        QVERIFY(port);
        const QString d = dir.path();
        // Everything nginx writes stays in the temp dir; `master_process off` keeps it one
        // process (no worker switching to another user that could not write there).
        // max_fails=1: after one failure the dead instance is left alone for fail_timeout.
        const QString conf = QString(R"(daemon off;
master_process off;
pid %1/nginx.pid;
error_log %1/error.log info;
events { worker_connections 256; }
http {
    access_log %1/access.log;
    client_body_temp_path %1/body;
    proxy_temp_path %1/proxy;
    fastcgi_temp_path %1/fastcgi;
    uwsgi_temp_path %1/uwsgi;
    scgi_temp_path %1/scgi;
    upstream tutti {
        server 127.0.0.1:%2 max_fails=1 fail_timeout=30s;
        server 127.0.0.1:%3 max_fails=1 fail_timeout=30s;
        keepalive 8;
    }
    server {
        listen 127.0.0.1:%4;
        location / {
            proxy_pass http://tutti;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_connect_timeout 1s;
            proxy_read_timeout 5s;
            proxy_next_upstream error timeout http_502 non_idempotent;
            proxy_next_upstream_tries 2;
        }
    }
}
)")
                                 .arg(d)
                                 .arg(a.port)
                                 .arg(b.port)
                                 .arg(port);
        QFile file(d + "/nginx.conf");
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(conf.toUtf8());
        file.close();

        QProcess lb;
        lb.setProcessChannelMode(QProcess::MergedChannels);
        lb.start(nginx, {"-p", d, "-e", d + "/error.log", "-c", d + "/nginx.conf"});
        QVERIFY(lb.waitForStarted(5000));
        auto errorLog = [&] {
            QFile log(d + "/error.log");
            return log.open(QIODevice::ReadOnly) ? log.readAll() : QByteArray();
        };
        // nginx is ready when its port accepts.
        bool up = false;
        for (int i = 0; i < 50 && !up && lb.state() == QProcess::Running; ++i) {
            QTcpSocket probe;
            probe.connectToHost("127.0.0.1", port);
            up = probe.waitForConnected(100);
            if (!up)
                lb.waitForFinished(100); // returns early only if nginx exits
        }
        QVERIFY2(up, (lb.readAll() + errorLog()).constData());

        constexpr int kRequests = 200;
        int failures = 0;
        QByteArray firstFailure;
        int servedByA = 0;
        for (int i = 0; i < kRequests; ++i) {
            if (i == kRequests / 2) {
                servedByA = a.served();
                QVERIFY2(servedByA > 0 && b.served() > 0, "nginx did not use both instances");
                // Two slow runs through nginx: round robin gives one to each instance. Once
                // A has its run in flight, A dies with it: the POST was already sent, so only
                // `non_idempotent` lets nginx resend it to B (without it: 502).
                auto slow1 = send(port, "POST", "/flows/slow");
                auto slow2 = send(port, "POST", "/flows/slow");
                QVERIFY(slow1 && slow2);
                QTRY_VERIFY_WITH_TIMEOUT(
                    QRegularExpression("\ntutti_runs_in_flight [1-9]")
                        .match(receive(send(a.port, "GET", "/metrics").get()).second)
                        .hasMatch(),
                    5000);
                a.process.kill(); // SIGKILL: no drain, connections reset
                QVERIFY(a.process.waitForFinished(5000));
                QCOMPARE(receive(slow1.get()).first, 200);
                QCOMPARE(receive(slow2.get()).first, 200);
            }
            const int status =
                post(port, "/flows/hello", "{\"name\":\"r" + QByteArray::number(i) + "\"}");
            if (status != 201 && failures++ == 0)
                firstFailure =
                    "request " + QByteArray::number(i) + ": status " + QByteArray::number(status);
        }
        QVERIFY2(failures == 0, (QByteArray::number(failures) + " failed, first " + firstFailure +
                                 "\n" + errorLog())
                                    .constData());
        // The survivor answered everything after the kill.
        QCOMPARE(servedByA + b.served(), kRequests);

        lb.terminate();
        QVERIFY(lb.waitForFinished(5000));
        b.process.terminate();
        QVERIFY(b.process.waitForFinished(10000));
        QCOMPARE(b.process.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestServeNginx)
#include "tst_servenginx.moc"
