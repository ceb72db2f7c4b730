// The real `tutti run` binary over libcurl (SPEC §9): a header value built from run input that
// carries CR/LF is the `validation` error and puts nothing on the wire (a raw loopback server
// records every byte), and a templated path/query value with a space and a slash reaches a
// `tutti mock` server — and the in-process mocks — as the same value.
// LABELS: integration
#include "../engine/net/loopbackserver.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

namespace {

const QString kTutti = QStringLiteral(TUTTI_BINARY_DIR "/app/tutti");

struct Result {
    int exitCode = -1;
    QByteArray out, err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

Result runTutti(const QStringList &args)
{
    QProcess p;
    p.start(kTutti, args);
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

void write(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

const QByteArray kSmuggleFlow = R"(tutti: 1
name: smuggle
services:
  api: {}
steps:
  - id: call
    type: http
    service: api
    request: { method: GET, path: /echo, headers: { X-Trace: "{{ input.t }}" } }
)";

const QByteArray kMock = R"(tutti-mock: 1
service: api
routes:
  - match: { method: GET, path: "/items/{id}" }
    respond: { status: 200, body: { id: "{{ params.id }}", q: "{{ request.query.q }}" } }
)";

const QByteArray kRoundTripFlow = R"(tutti: 1
name: roundtrip
services:
  api: { mock: mocks/api.mock.yaml }
steps:
  - id: get
    type: http
    service: api
    request: { method: GET, path: "/items/{{ input.id }}", query: { q: "{{ input.q }}" } }
  - id: done
    type: respond
    body: "{{ steps.get.body }}"
)";

const QString kRoundTripInput = R"({"id": "a b/c", "q": "x&y=1 +z"})";

} // namespace

class TestRequestSafety : public QObject {
    Q_OBJECT

    QTemporaryDir m_ws;

    void workspaceFor(const QString &base)
    {
        write(m_ws.path() + "/tutti.yaml", "tutti-workspace: 1\nenvironments:\n  local:\n    "
                                           "services:\n      api: \"" +
                                               base.toUtf8() + "\"\n");
    }

private slots:
    void smuggledHeaderPutsNothingOnTheWire()
    {
        tutti::engine::test::LoopbackServer server;
        QVERIFY(server.start());
        workspaceFor(QString::fromStdString(server.url("")));
        write(m_ws.path() + "/smuggle.flow.yaml", kSmuggleFlow);
        const QString flow = m_ws.path() + "/smuggle.flow.yaml";

        // The check itself works: a harmless value goes out, once, as written.
        Result ok = runTutti({"run", flow, "--env", "local", "--input", R"({"t": "trace-1"})",
                              "--json", "--no-trace"});
        QVERIFY2(ok.exitCode == 0, ok.err.constData());
        QCOMPARE(server.requestCount(), std::size_t(1));
        QCOMPARE(*server.requests().front().header("x-trace"), std::string("trace-1"));

        const QJsonObject input{
            {"t", "a\r\nX-Evil: 1\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"}};
        Result r = runTutti({"run", flow, "--env", "local", "--input",
                             QString::fromUtf8(QJsonDocument(input).toJson(QJsonDocument::Compact)),
                             "--json", "--no-trace"});
        QCOMPARE(r.exitCode, 3); // the run failed; not a crash, not an internal error
        const QJsonObject error = r.json()["error"].toObject();
        QCOMPARE(error["type"].toString(), QString("validation"));
        QCOMPARE(error["step"].toString(), QString("call"));
        QVERIFY2(error["message"].toString().contains("header 'X-Trace'"),
                 qPrintable(error["message"].toString()));
        // Nothing more reached the server: no extra header, no second request.
        QCOMPARE(server.requestCount(), std::size_t(1));
        const std::string raw = server.rawBytes();
        QVERIFY2(raw.find("X-Evil") == std::string::npos, raw.c_str());
        QVERIFY2(raw.find("smuggled") == std::string::npos, raw.c_str());
    }

    void pathAndQueryValuesRoundTripOverLibcurl()
    {
        QProcess mock;
        write(m_ws.path() + "/mocks/api.mock.yaml", kMock);
        mock.start(kTutti, {"mock", m_ws.path() + "/mocks/api.mock.yaml", "--port", "0"});
        QVERIFY(mock.waitForStarted());
        QString url;
        const QRegularExpression line(R"(^\s*api\s+(http://127\.0\.0\.1:\d+)\S*\s*$)");
        QElapsedTimer waited;
        waited.start();
        while (url.isEmpty() && waited.elapsed() < 20000) {
            mock.waitForReadyRead(500);
            while (mock.canReadLine()) {
                const auto m = line.match(QString::fromUtf8(mock.readLine()));
                if (m.hasMatch())
                    url = m.captured(1);
            }
        }
        QVERIFY2(!url.isEmpty(), mock.readAllStandardError().constData());
        workspaceFor(url);
        write(m_ws.path() + "/roundtrip.flow.yaml", kRoundTripFlow);

        // Over libcurl (this was "URL using bad/illegal format" before paths were encoded).
        Result r = runTutti({"run", m_ws.path() + "/roundtrip.flow.yaml", "--env", "local",
                             "--input", kRoundTripInput, "--json", "--no-trace"});
        QVERIFY2(r.exitCode == 0, r.out + r.err);
        QCOMPARE(r.json()["output"].toObject()["id"].toString(), QString("a b/c"));
        QCOMPARE(r.json()["output"].toObject()["q"].toString(), QString("x&y=1 +z"));

        // The same flow against the in-process mocks gives the same values.
        Result local = runTutti({"run", m_ws.path() + "/roundtrip.flow.yaml", "--input",
                                 kRoundTripInput, "--json", "--no-trace"});
        QVERIFY2(local.exitCode == 0, local.out + local.err);
        QCOMPARE(local.json()["output"], r.json()["output"]);

        ::kill(static_cast<pid_t>(mock.processId()), SIGINT);
        QVERIFY(mock.waitForFinished(10000));
        QCOMPARE(mock.exitCode(), 0);
    }

    void unsupportedPatternIsALocatedErrorAtValidation()
    {
        const QString flow = m_ws.path() + "/pattern.flow.yaml";
        write(flow, "tutti: 1\nname: p\ninput:\n  type: object\n  properties:\n    code:\n"
                    "      pattern: \"^(ab)\\\\1$\"\nsteps:\n  - { id: d, type: respond }\n");
        Result r = runTutti({"validate", flow});
        QCOMPARE(r.exitCode, 1);
        const QString first = QString::fromUtf8(r.err).section('\n', 0, 0);
        QVERIFY2(first.startsWith(flow + ":7:7: error:"), qPrintable(first));
        QVERIFY2(first.contains("a backreference (\\1) is not supported"), qPrintable(first));
    }
};

QTEST_GUILESS_MAIN(TestRequestSafety)
#include "tst_requestsafety.moc"
