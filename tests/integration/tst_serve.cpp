// `tutti serve` driven as a user would: the real binary on an ephemeral port, raw HTTP/1.1 over
// QTcpSocket. Auth on every route, respond status/body, the error mapping, every bad input and
// limit (400, 404, 405, 408, 413, 431, 429, 503), a drain on SIGTERM with a run in flight, and
// runs exported to an OTLP collector.
// LABELS: integration
#include "../engine/net/loopbackserver.h"
#include "clirunner.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QtTest>

#include <csignal>

namespace {

const QString kTutti = QStringLiteral(TUTTI_BINARY_DIR "/app/tutti");
const QString kData = QStringLiteral(TUTTI_TEST_DATA "/serve");

struct Reply {
    int status = 0;
    QMap<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
};

// Reads one response from `socket` (Content-Length framed), waiting at most 5 s.
Reply readReply(QTcpSocket &socket)
{
    Reply r;
    QByteArray buffer;
    qsizetype headEnd = -1;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 5000) {
        if (headEnd < 0)
            headEnd = buffer.indexOf("\r\n\r\n");
        if (headEnd >= 0) {
            const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
            r.status = lines.front().split(' ').value(1).toInt();
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines[i].indexOf(':');
                r.headers[lines[i].left(colon).trimmed().toLower()] =
                    lines[i].mid(colon + 1).trimmed();
            }
            const int length = r.headers.value("content-length").toInt();
            if (buffer.size() >= headEnd + 4 + length) {
                r.body = buffer.mid(headEnd + 4, length);
                return r;
            }
        }
        if (socket.bytesAvailable() == 0 && !socket.waitForReadyRead(200) &&
            socket.state() != QAbstractSocket::ConnectedState)
            break;
        buffer += socket.readAll();
    }
    r.status = -1;
    return r;
}

class Server {
public:
    explicit Server(QStringList args, QString keys = "k1,k2")
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        if (keys.isEmpty())
            env.remove("TUTTI_SERVE_KEYS");
        else
            env.insert("TUTTI_SERVE_KEYS", keys);
        process.setProcessEnvironment(env);
        process.start(kTutti,
                      QStringList{"serve", "--port", "0", "--workers", "2", "--no-trace"} + args);
    }
    ~Server()
    {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished(5000);
        }
    }
    bool waitListening() { return clitest::waitListening(process, out, port); }
    bool connect(QTcpSocket &socket) const
    {
        socket.connectToHost("127.0.0.1", port);
        return socket.waitForConnected(3000);
    }
    Reply send(const QByteArray &raw) const
    {
        QTcpSocket socket;
        if (!connect(socket))
            return {};
        socket.write(raw);
        return readReply(socket);
    }
    Reply post(const QByteArray &path, const QByteArray &body, const QByteArray &key = "k1") const
    {
        QByteArray raw =
            "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n";
        if (!key.isEmpty())
            raw += "X-Api-Key: " + key + "\r\n";
        raw += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        return send(raw);
    }
    Reply get(const QByteArray &path, const QByteArray &key = "k1") const
    {
        QByteArray raw = "GET " + path + " HTTP/1.1\r\nHost: x\r\n";
        if (!key.isEmpty())
            raw += "Authorization: Bearer " + key + "\r\n";
        return send(raw + "\r\n");
    }
    QProcess process;
    QString out;
    quint16 port = 0;
};

QJsonObject json(const Reply &r)
{
    return QJsonDocument::fromJson(r.body).object();
}

} // namespace

class TestServe : public QObject {
    Q_OBJECT

    QStringList flows() const
    {
        return {kData + "/hello.flow.yaml", kData + "/slow.flow.yaml", kData + "/refuse.flow.yaml"};
    }

private slots:
    void refusesToStartWithoutKeys()
    {
        Server s(flows(), QString());
        QVERIFY(s.process.waitForFinished(10000));
        QCOMPARE(s.process.exitCode(), 2);
        QVERIFY(s.process.readAllStandardError().contains("no API keys"));
    }

    void noAuthServesWithoutKeys()
    {
        Server s(flows() + QStringList{"--no-auth"}, QString());
        QVERIFY(s.waitListening());
        QCOMPARE(s.post("/flows/hello", R"({"name":"a"})", "").status, 201);
    }

    void authOnEveryRoute()
    {
        Server s(flows());
        QVERIFY(s.waitListening());
        for (const QByteArray path : {"/flows/hello", "/flows/slow", "/flows/refuse", "/nowhere"}) {
            QCOMPARE(s.post(path, "{}", "").status, 401);
            QCOMPARE(s.post(path, "{}", "wrong").status, 401);
            QCOMPARE(s.post(path, "{}", "k1x").status, 401);
            QCOMPARE(s.post(path, "{}", "k").status, 401);
        }
        const Reply denied = s.get("/hello?name=a", "");
        QCOMPARE(denied.status, 401);
        QCOMPARE(denied.headers.value("www-authenticate"), QByteArray("Bearer"));
        QCOMPARE(s.get("/metrics", "").status, 401);
        QCOMPARE(s.get("/metrics", "nope").status, 401);
        QCOMPARE(s.get("/metrics", "k2").status, 200);
        QCOMPARE(s.get("/healthz", "").status, 200);
        QCOMPARE(s.get("/readyz", "").status, 200);
        // Both header forms, both keys.
        QCOMPARE(s.post("/flows/hello", R"({"name":"a"})", "k2").status, 201);
        QCOMPARE(s.get("/hello?name=a", "k1").status, 201);
        // Keys never reach the log or the metrics.
        const Reply metrics = s.get("/metrics", "k1");
        QVERIFY(!metrics.body.contains("k1") && !metrics.body.contains("k2"));
        QVERIFY(metrics.body.contains("tutti_http_rejected_total{reason=\"unauthorized\"} 19"));
        s.process.terminate();
        QVERIFY(s.process.waitForFinished(10000));
        const QByteArray log = s.process.readAllStandardError();
        QVERIFY(log.contains("\"reason\":\"unauthorized\""));
        QVERIFY(!log.contains("k1") && !log.contains("k2") && !log.contains("wrong"));
    }

    void respondStatusAndBody()
    {
        Server s(flows());
        QVERIFY(s.waitListening());
        const Reply r = s.post("/flows/hello", R"({"name":"ada","times":2})");
        QCOMPARE(r.status, 201);
        QCOMPARE(json(r).value("hello").toString(), QString("ada"));
        QVERIFY(r.headers.value("x-tutti-run").startsWith("run_"));
        // GET trigger: input from the query string, typed by the schema.
        const Reply g = s.get("/hello?name=b%20c&times=3");
        QCOMPARE(g.status, 201);
        QCOMPARE(json(g).value("hello").toString(), QString("b c"));
        QCOMPARE(json(g).value("times").toInt(), 3);
        // A flow without respond answers 200 with its last result.
        QCOMPARE(s.post("/flows/slow", "").status, 200);
    }

    void errorMapping()
    {
        Server s(flows());
        QVERIFY(s.waitListening());
        const Reply failStep = s.post("/flows/refuse", "{}");
        QCOMPARE(failStep.status, 422);
        QCOMPARE(json(failStep).value("type").toString(), QString("refused"));
        QCOMPARE(json(failStep).value("step").toString(), QString("nope"));
        QCOMPARE(json(failStep).value("status").toString(), QString("failed"));
        // A fail step in a sub-flow is the same verdict: 422, naming the sub-flow's step.
        const Reply nested = s.post("/flows/refuse", R"({"nested":true})");
        QCOMPARE(nested.status, 422);
        QCOMPARE(json(nested).value("type").toString(), QString("amount_too_small"));
        QCOMPARE(json(nested).value("step").toString(), QString("too_small"));
        QCOMPARE(json(nested).value("message").toString(),
                 QString("amount 12 is below the minimum"));
        const Reply upstream = s.post("/flows/refuse", R"({"upstream":true})");
        QCOMPARE(upstream.status, 502);
        QCOMPARE(json(upstream).value("type").toString(), QString("http.503"));
        QCOMPARE(json(upstream).value("step").toString(), QString("call"));
    }

    void badRequests()
    {
        Server s(flows() + QStringList{"--max-body", "4K"});
        QVERIFY(s.waitListening());
        QCOMPARE(s.post("/flows/nope", "{}").status, 404);
        const Reply wrong = s.get("/flows/hello");
        QCOMPARE(wrong.status, 405);
        QCOMPARE(wrong.headers.value("allow"), QByteArray("POST"));
        QCOMPARE(s.post("/healthz", "{}").status, 405);
        const Reply badJson = s.post("/flows/hello", R"({"name":)");
        QCOMPARE(badJson.status, 400);
        QCOMPARE(json(badJson).value("type").toString(), QString("parse"));
        QVERIFY(json(badJson).value("message").toString().contains("syntax error"));
        const Reply badUtf8 = s.post("/flows/hello", "{\"name\":\"\xff\xfe\"}");
        QCOMPARE(badUtf8.status, 400);
        QCOMPARE(s.post("/flows/hello", QByteArray(100, '[') + QByteArray(100, ']')).status, 400);
        const Reply invalid = s.post("/flows/hello", R"({"times":0})");
        QCOMPARE(invalid.status, 400);
        QCOMPARE(json(invalid).value("field").toString(), QString("/name"));
        const Reply wrongType = s.post("/flows/hello", R"({"name":5})");
        QCOMPARE(wrongType.status, 400);
        QCOMPARE(json(wrongType).value("field").toString(), QString("/name"));
        QCOMPARE(s.post("/flows/hello", QByteArray(5000, ' ')).status, 413);
        QCOMPARE(
            s.send("GET /healthz HTTP/1.1\r\nX: " + QByteArray(20000, 'a') + "\r\n\r\n").status,
            431);
        QByteArray many = "GET /healthz HTTP/1.1\r\n";
        for (int i = 0; i < 150; ++i)
            many += "H" + QByteArray::number(i) + ": v\r\n";
        QCOMPARE(s.send(many + "\r\n").status, 431);
        QCOMPARE(s.send("GARBAGE\r\n\r\n").status, 400);
        QCOMPARE(s.send("GET /\xff HTTP/1.1\r\n\r\n").status, 400);
        QCOMPARE(s.send("POST /flows/hello HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n").status,
                 501);
        // After all that, the server still serves.
        QCOMPARE(s.post("/flows/hello", R"({"name":"ok"})").status, 201);
        const Reply metrics = s.get("/metrics");
        QVERIFY(metrics.body.contains("tutti_http_rejected_total{reason=\"body_too_large\"} 1"));
        QVERIFY(metrics.body.contains("tutti_http_rejected_total{reason=\"headers_too_large\"} 2"));
        QVERIFY(metrics.body.contains("tutti_http_rejected_total{reason=\"invalid_json\"} 3"));
        QVERIFY(metrics.body.contains("tutti_runs_total{flow=\"hello\",status=\"succeeded\"} 1"));
        QVERIFY(metrics.body.contains(
            "tutti_http_requests_total{route=\"POST /flows/hello\",code=\"201\"} 1"));
        QVERIFY(metrics.body.contains(
            "tutti_step_duration_seconds_count{flow=\"hello\",step=\"answer\"} 1"));
    }

    void stalledClientsTimeOutAndOthersAreServed()
    {
        Server s(flows() + QStringList{"--header-timeout", "300ms", "--body-timeout", "300ms",
                                       "--idle-timeout", "300ms", "--workers", "1"});
        QVERIFY(s.waitListening());
        QTcpSocket head, body, idle;
        QVERIFY(s.connect(head) && s.connect(body) && s.connect(idle));
        head.write("POST /flows/hello HTTP/1.1\r\nHost: x\r\n");
        body.write(
            "POST /flows/hello HTTP/1.1\r\nX-Api-Key: k1\r\nContent-Length: 10\r\n\r\n{\"na");
        head.flush();
        body.flush();
        // While those stall, another client is answered at once.
        QCOMPARE(s.post("/flows/hello", R"({"name":"x"})").status, 201);
        QCOMPARE(readReply(head).status, 408);
        QCOMPARE(readReply(body).status, 408);
        QVERIFY(idle.state() == QAbstractSocket::UnconnectedState ||
                idle.waitForDisconnected(3000));
    }

    void inflightBoundAnswers503()
    {
        Server s(flows() + QStringList{"--max-inflight", "1", "--workers", "1"});
        QVERIFY(s.waitListening());
        QTcpSocket first;
        QVERIFY(s.connect(first));
        first.write("POST /flows/slow HTTP/1.1\r\nX-Api-Key: k1\r\nContent-Length: 0\r\n\r\n");
        first.flush();
        // Wait until the slow run is in flight (visible in the metrics), then overflow.
        QTRY_VERIFY_WITH_TIMEOUT(s.get("/metrics").body.contains("tutti_runs_in_flight 1"), 3000);
        const Reply full = s.post("/flows/hello", R"({"name":"x"})");
        QCOMPARE(full.status, 503);
        QCOMPARE(full.headers.value("retry-after"), QByteArray("1"));
        QCOMPARE(readReply(first).status, 200);
        QCOMPARE(s.post("/flows/hello", R"({"name":"x"})").status, 201);
    }

    void rateLimitPerKey()
    {
        Server s(flows() + QStringList{"--rate-limit", "0.5", "--rate-burst", "2"});
        QVERIFY(s.waitListening());
        QCOMPARE(s.post("/flows/hello", R"({"name":"x"})", "k1").status, 201);
        QCOMPARE(s.post("/flows/hello", R"({"name":"x"})", "k1").status, 201);
        const Reply limited = s.post("/flows/hello", R"({"name":"x"})", "k1");
        QCOMPARE(limited.status, 429);
        QVERIFY(limited.headers.value("retry-after").toInt() >= 1);
        // Another key has its own bucket.
        QCOMPARE(s.post("/flows/hello", R"({"name":"x"})", "k2").status, 201);
    }

    void drainsOnSigterm()
    {
        Server s(flows() + QStringList{"--drain-timeout", "10s"});
        QVERIFY(s.waitListening());
        QTcpSocket probe, running;
        QVERIFY(s.connect(probe) && s.connect(running));
        probe.write("GET /readyz HTTP/1.1\r\n\r\n");
        QCOMPARE(readReply(probe).status, 200);
        running.write("POST /flows/slow HTTP/1.1\r\nX-Api-Key: k1\r\nContent-Length: 0\r\n\r\n");
        running.flush();
        QTRY_VERIFY_WITH_TIMEOUT(s.get("/metrics").body.contains("tutti_runs_in_flight 1"), 3000);
        ::kill(static_cast<pid_t>(s.process.processId()), SIGTERM);
        // Until the signal is handled the probe may still see 200 (keep-alive); then 503.
        int status = 200;
        for (int i = 0; i < 50 && status == 200; ++i) {
            probe.write("GET /readyz HTTP/1.1\r\n\r\n");
            status = readReply(probe).status;
        }
        QCOMPARE(status, 503);
        // New connections are refused while the run in flight still gets its answer.
        const Reply finished = readReply(running);
        QCOMPARE(finished.status, 200);
        QCOMPARE(finished.headers.value("connection"), QByteArray("close"));
        QVERIFY(s.process.waitForFinished(10000));
        QCOMPARE(s.process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(s.process.exitCode(), 0);
        QVERIFY(s.process.readAllStandardError().contains("\"event\":\"stopped\""));
    }

    void exportsRunsToOtlp()
    {
        tutti::engine::test::LoopbackServer collector;
        QVERIFY(collector.start());
        Server s(flows() + QStringList{"--no-auth", "--otlp-endpoint",
                                       QString::fromStdString(collector.url(""))},
                 QString());
        QVERIFY2(s.waitListening(), qPrintable(s.out));
        QCOMPARE(s.post("/flows/hello", R"({"name":"otlp"})", "").status, 201);
        QCOMPARE(s.post("/flows/refuse", "{}", "").status, 422);
        // Sent in the background: wait (bounded) until both runs arrived.
        QElapsedTimer timer;
        timer.start();
        QSet<QString> statuses;
        while (timer.elapsed() < 10000 && statuses.size() < 2) {
            statuses.clear();
            for (const auto &r : collector.requests()) {
                QCOMPARE(r.path, std::string("/v1/traces")); // a base endpoint gets the path
                const QJsonObject body =
                    QJsonDocument::fromJson(QByteArray::fromStdString(r.body)).object();
                for (const auto &rs : body[u"resourceSpans"].toArray()) {
                    const QJsonObject root =
                        rs[u"scopeSpans"][0][u"spans"][0].toObject(); // the run's own span
                    for (const auto &a : root[u"attributes"].toArray())
                        if (a[u"key"] == "tutti.run.status")
                            statuses << a[u"value"][u"stringValue"].toString();
                }
            }
            if (statuses.size() < 2)
                QTest::qWait(50);
        }
        QCOMPARE(statuses, (QSet<QString>{"succeeded", "failed"}));
        s.process.terminate();
        QVERIFY(s.process.waitForFinished(15000));
        QCOMPARE(s.process.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestServe)
#include "tst_serve.moc"
