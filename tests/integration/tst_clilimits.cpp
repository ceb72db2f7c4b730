// The real `tutti` binary on hostile input: bounded --input (size, depth, number overflow),
// self-referencing and deeply nested files, a broken mock beside good flows, `tutti export` of
// garbage, bytes that are not
// UTF-8 from mocks and upstreams in every output, and `tutti mock` surviving raw bad requests.
// Each of these was a crash (exit 139), an internal error (exit 4) or an endless read.
// LABELS: integration
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

namespace {

const QString kTutti = QStringLiteral(TUTTI_BINARY_DIR "/app/tutti");
const QString kCheckoutDir = QStringLiteral(TUTTI_EXAMPLES "/checkout");
const QString kGoodInput = R"({"sku":"A-100","qty":2,"amount":42})";

struct Result {
    int exitCode = -1;
    QByteArray out, err;
    qint64 ms = 0;
};

Result tutti(const QStringList &args)
{
    QProcess p;
    QElapsedTimer timer;
    timer.start();
    p.start(kTutti, args);
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
    }
    // A crash is -1 here, never mistaken for an exit code.
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError(), timer.elapsed()};
}

void write(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

// A copy of the checkout example, so files can be added beside it.
QString checkoutCopy(const QTemporaryDir &dir)
{
    for (const char *sub : {"", "/mocks", "/profiles"}) {
        QDir().mkpath(dir.path() + sub);
        const QDir from(kCheckoutDir + sub);
        for (const QString &name : from.entryList(QDir::Files))
            QFile::copy(from.filePath(name), dir.path() + sub + "/" + name);
    }
    return dir.path() + "/checkout.flow.yaml";
}

bool isUtf8(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8);
    (void)decoder.decode(bytes);
    return !decoder.hasError();
}

} // namespace

class TestCliLimits : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;

private slots:
    void inputIsBounded_data()
    {
        QTest::addColumn<QString>("input"); // inline JSON, or @NAME of a file written first
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QString>("expected"); // a regular expression for stderr's first line
        QTest::newRow("number overflow")
            << R"({"sku":"A","qty":1,"amount":1e999999})" << QByteArray()
            << R"(^--input:1:29: error: input is not valid JSON: number overflow parsing '1e999999')";
        QTest::newRow("number overflow in a file")
            << "@overflow.json" << QByteArray("{\"sku\": \"A\",\n \"qty\": -1e400}")
            << R"(overflow\.json:2:9: error: input is not valid JSON: number overflow)";
        QTest::newRow("100,000 levels")
            << "@deep.json" << QByteArray(100000, '[') + QByteArray(100000, ']')
            << R"(deep\.json:1:257: error: input is refused: JSON nested deeper than 256 levels)";
        QTest::newRow("deep inside an object")
            << R"({"sku":"A","qty":1,"amount":1,"x":)" + QString(300, '[') + QString(300, ']') + "}"
            << QByteArray() << R"(^--input:1:290: error: .*nested deeper than 256)";
        QTest::newRow("endless file") << "@/dev/zero" << QByteArray()
                                      << R"(^/dev/zero: error: input file is larger than 16 MiB)";
        QTest::newRow("large file")
            << "@large.json" << QByteArray("\"") + QByteArray((16 << 20) + 10, 'x') + "\""
            << R"(large\.json: error: input file is larger than 16 MiB)";
        QTest::newRow("invalid UTF-8") << "@bytes.json" << QByteArray("{\"sku\": \"\xff\"}")
                                       << R"(bytes\.json:1:10: error: .*ill-formed UTF-8)";
    }
    void inputIsBounded()
    {
        QFETCH(QString, input);
        QFETCH(QByteArray, file);
        QFETCH(QString, expected);
        QString argument = input;
        if (!file.isEmpty()) {
            const QString path = m_tmp.filePath(input.mid(1));
            write(path, file);
            argument = "@" + path;
        }
        const QString flow = kCheckoutDir + "/checkout.flow.yaml";
        for (const char *command : {"run", "simulate"}) {
            QStringList args{command, flow, "--input", argument};
            args << (QString(command) == "run" ? QStringList{"--no-trace"}
                                               : QStringList{"--runs", "1"});
            const Result r = tutti(args);
            QCOMPARE(r.exitCode, 1);
            const QString firstLine = QString::fromUtf8(r.err).section('\n', 0, 0);
            QVERIFY2(QRegularExpression(expected).match(firstLine).hasMatch(),
                     qPrintable(firstLine));
            QVERIFY(!r.err.contains("internal error"));
            QVERIFY2(r.ms < 30000, "the input must be refused without reading it all");
        }
    }

    void deepAndSelfReferencingFilesAreLocatedErrors()
    {
        QTemporaryDir dir;
        const QString flow = dir.filePath("x.flow.yaml");
        // A 10,000-operator expression: a stack overflow in validation before.
        write(flow,
              "tutti: 1\nname: x\nsteps:\n  - id: a\n    type: respond\n    body: { n: \"{{ 1" +
                  QByteArray(20000, '+').replace("+", "+1") + " }}\" }\n");
        Result r = tutti({"validate", flow});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith((flow + ":6:").toUtf8()), r.err.left(300).constData());
        QVERIFY(r.err.contains("expression nested deeper than 256 levels"));
        // A self-referencing anchor in the flow itself.
        write(flow, "tutti: 1\nname: x\nsteps:\n  - id: a\n    type: respond\n"
                    "    body: &b { again: *b }\n");
        r = tutti({"validate", flow});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith((flow + ":6:11: error: a YAML alias").toUtf8()),
                 r.err.constData());
        // ... and in tutti.yaml, which every flow of the workspace reads.
        write(flow, "tutti: 1\nname: x\nsteps:\n  - { id: a, type: respond }\n");
        write(dir.filePath("tutti.yaml"), "tutti-workspace: 1\nenvironments: &e { s: *e }\n");
        r = tutti({"validate", flow});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("tutti.yaml:2:15: error: a YAML alias"), r.err.constData());
    }

    // `tutti export` on garbage: a located error (exit 1) or a usage error, never a crash,
    // an internal error or a half-written file; the fuzz corpus of flows exports or is refused.
    void exportOfBadFlowsIsALocatedError_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expected"); // regex on the first stderr line, after FILE:
        QTest::newRow("binary") << QByteArray("\x00\xff\xfe garbage \x01", 16)
                                << "^\\d+:\\d+: error: ";
        QTest::newRow("not utf-8")
            << QByteArray("tutti: 1\nname: \xc3\x28\nsteps: []\n") << "^\\d+:\\d+: error: ";
        QTest::newRow("unclosed") << QByteArray("tutti: 1\nname: x\nsteps: [ { id: a\n")
                                  << "^\\d+:\\d+: error: ";
        QTest::newRow("unknown type")
            << QByteArray("tutti: 1\nname: x\nsteps:\n  - { id: a, type: teleport }\n")
            << "^4:\\d+: error: ";
        QTest::newRow("bad expression")
            << QByteArray("tutti: 1\nname: x\nsteps:\n  - { id: a, type: respond, body: "
                          "\"{{ 1 + }}\" }\n")
            << "^4:\\d+: error: ";
        QTest::newRow("deep expression")
            << ("tutti: 1\nname: x\nsteps:\n  - id: a\n    type: respond\n    body: { n: \"{{ 1" +
                QByteArray(20000, '+').replace("+", "+1") + " }}\" }\n")
            << "^6:\\d+: error: ";
    }
    void exportOfBadFlowsIsALocatedError()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString flow = dir.filePath("x.flow.yaml");
        write(flow, text);
        const QString output = dir.filePath("out.asl.json");
        const Result r = tutti({"export", flow, "--to", "asl", "-o", output});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith((flow + ":").toUtf8()), r.err.left(300).constData());
        const QString first = QString::fromUtf8(r.err.mid(flow.size() + 1).split('\n').first());
        QVERIFY2(QRegularExpression(expected).match(first).hasMatch(), qPrintable(first));
        QVERIFY(!QFile::exists(output));
        // Bad options are usage errors.
        QCOMPARE(tutti({"export", flow}).exitCode, 2);
        QCOMPARE(tutti({"export", flow, "--to", "bpmn"}).exitCode, 2);
        QCOMPARE(tutti({"export", flow, "--to", "asl", "--query-language", "xpath"}).exitCode, 2);
        QCOMPARE(tutti({"export", dir.filePath("missing.flow.yaml"), "--to", "asl"}).exitCode, 1);
    }

    void exportOfTheFuzzCorpusNeverCrashes()
    {
        const QDir corpus(QStringLiteral(TUTTI_TEST_DATA "/../fuzz/corpus/flowparser"));
        const QStringList files = corpus.entryList(QDir::Files);
        QVERIFY(!files.isEmpty());
        QTemporaryDir dir;
        for (const QString &name : files) {
            const QString flow = dir.filePath("f.flow.yaml");
            QFile::remove(flow);
            QVERIFY(QFile::copy(corpus.filePath(name), flow));
            const Result r = tutti({"export", flow, "--to", "asl"});
            QVERIFY2(r.exitCode == 0 || r.exitCode == 1,
                     qPrintable(name + ": exit " + QString::number(r.exitCode) + " " +
                                QString::fromUtf8(r.err.left(300))));
            if (r.exitCode == 0)
                QVERIFY2(QJsonDocument::fromJson(r.out).isObject(), qPrintable(name));
            else
                QVERIFY2(r.err.startsWith(flow.toUtf8()),
                         qPrintable(name + ": " + r.err.left(300)));
        }
    }

    void aBrokenMockOnlyFailsTheFlowsUsingIt()
    {
        // The parser reads every mocks/*.mock.yaml; this file crashed every flow beside it.
        QTemporaryDir dir;
        const QString checkout = checkoutCopy(dir);
        write(dir.filePath("mocks/ledger.mock.yaml"),
              "tutti-mock: 1\nservice: ledger\nroutes: &r\n  - match: { path: /x }\n"
              "    respond: { body: *r }\n");
        Result r = tutti({"validate", checkout});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = tutti({"run", checkout, "--input", kGoodInput, "--no-trace", "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(QJsonDocument::fromJson(r.out).object()["status"].toString(),
                 QString("succeeded"));

        const QString ledger = dir.filePath("ledger.flow.yaml");
        write(ledger, "tutti: 1\nname: ledger\nsteps:\n  - id: a\n    type: http\n"
                      "    service: ledger\n    request: { method: GET, path: /x }\n");
        r = tutti({"validate", ledger});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("mocks/ledger.mock.yaml:3:9: error: a YAML alias"),
                 r.err.constData());
        QVERIFY2(r.err.contains("unknown service 'ledger': its mock"), r.err.constData());
        r = tutti({"run", ledger, "--no-trace"});
        QCOMPARE(r.exitCode, 1);
    }

    void invalidUtf8AndDeepBodiesInEveryOutput()
    {
        // A mock that answers bytes that are not UTF-8 (body, header) and a 100,000-deep JSON
        // body, served by `tutti mock` and called over real HTTP, then in-process.
        QTemporaryDir dir;
        const QByteArray deep = QByteArray(100000, '[') + QByteArray(100000, ']');
        write(dir.filePath("mocks/bytes.mock.yaml"),
              "tutti-mock: 1\nservice: bytes\nroutes:\n"
              "  - match: { method: GET, path: /text }\n"
              "    respond: { status: 200, headers: { X-Raw: \"{{ unbase64('/w==') }}\" },\n"
              "               body_text: \"caf{{ unbase64('6Q==') }} {{ unbase64('/w==') }}\" }\n"
              "  - match: { method: GET, path: /deep }\n"
              "    respond: { status: 200, headers: { Content-Type: application/json },\n"
              "               body_text: \"" +
                  deep + "\" }\n");
        const QString flow = dir.filePath("bytes.flow.yaml");
        write(flow, "tutti: 1\nname: bytes\nsteps:\n"
                    "  - id: deep\n    type: http\n    service: bytes\n"
                    "    request: { method: GET, path: /deep }\n"
                    "    catch: [ { on: [parse], next: text } ]\n"
                    "  - id: text\n    type: http\n    service: bytes\n"
                    "    request: { method: GET, path: /text }\n"
                    "  - id: done\n    type: respond\n    status: 200\n"
                    "    body: { text: \"{{ steps.text.body }}\", raw: \"{{ "
                    "steps.text.headers['x-raw'] }}\",\n"
                    "            made: \"{{ unbase64('/w==') }}\" }\n");

        QProcess mock;
        mock.start(kTutti, {"mock", dir.filePath("mocks/bytes.mock.yaml"), "--port", "0"});
        QVERIFY(mock.waitForStarted());
        QString url;
        QElapsedTimer waited;
        waited.start();
        const QRegularExpression line(R"(^\s*bytes\s+(http://127\.0\.0\.1:(\d+))\S*\s*$)");
        quint16 port = 0;
        while (url.isEmpty() && waited.elapsed() < 20000) {
            mock.waitForReadyRead(500);
            while (mock.canReadLine()) {
                const auto m = line.match(QString::fromUtf8(mock.readLine()));
                if (m.hasMatch()) {
                    url = m.captured(1);
                    port = static_cast<quint16>(m.captured(2).toUInt());
                }
            }
        }
        QVERIFY2(!url.isEmpty(), mock.readAllStandardError().constData());
        write(dir.filePath("tutti.yaml"), "tutti-workspace: 1\nenvironments:\n  local:\n"
                                          "    services: { bytes: \"" +
                                              url.toUtf8() + "\" }\n");

        // `tutti mock` answers 400 to requests it cannot read, and lives on.
        {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, port);
            QVERIFY(socket.waitForConnected(5000));
            // A raw non-ASCII byte in the request line is not HTTP at all: 400, and that
            // connection closes (the HTTP/1.1 parser `tutti serve` shares). A %FF that decodes
            // to no UTF-8 is HTTP: 400 and the connection goes on, as for the other two.
            QTcpSocket raw;
            raw.connectToHost(QHostAddress::LocalHost, port);
            QVERIFY(raw.waitForConnected(5000));
            raw.write("GET /text\xff HTTP/1.1\r\nHost: x\r\n\r\n");
            QByteArray rawReply;
            QElapsedTimer rawTimer;
            rawTimer.start();
            while (!rawReply.contains("\r\n\r\n") && rawTimer.elapsed() < 10000) {
                raw.waitForReadyRead(200);
                rawReply += raw.readAll();
            }
            QVERIFY2(rawReply.startsWith("HTTP/1.1 400"), rawReply.constData());
            socket.write("GET /text%ff HTTP/1.1\r\nHost: x\r\n\r\n"
                         "POST /text HTTP/1.1\r\nX-A: \xfe\r\nContent-Length: 0\r\n\r\n"
                         "POST /text HTTP/1.1\r\nContent-Type: application/json\r\n"
                         "Content-Length: 5\r\n\r\n[\"\xff\"]");
            QByteArray replies;
            QElapsedTimer t;
            t.start();
            while (replies.count("HTTP/1.1 400") < 3 && t.elapsed() < 10000) {
                socket.waitForReadyRead(200);
                replies += socket.readAll();
            }
            QCOMPARE(replies.count("HTTP/1.1 400"), 3);
        }

        const QString db = dir.filePath("traces.db");
        for (const QString env : {"local", "mock"}) {
            // Human output: ended with "internal error: [json.exception.type_error.316]".
            Result human = tutti({"run", flow, "--env", env, "--trace-db", db});
            QVERIFY2(human.exitCode == 0, human.err.constData());
            QVERIFY(!human.err.contains("internal error") && !human.out.contains("internal"));
            QVERIFY2(isUtf8(human.out) && isUtf8(human.err), human.out.constData());
            QVERIFY2(human.out.contains("caf\xEF\xBF\xBD \xEF\xBF\xBD"), human.out.constData());
            if (env == "local")
                QVERIFY2(human.err.contains("nested deeper than 256"), human.err.constData());

            Result json = tutti({"run", flow, "--env", env, "--json", "--trace-db", db});
            QVERIFY2(json.exitCode == 0, json.err.constData());
            QJsonParseError error;
            const QJsonObject run = QJsonDocument::fromJson(json.out, &error).object();
            QVERIFY2(error.error == QJsonParseError::NoError, json.out.constData());
            QCOMPARE(run["output"].toObject()["made"].toString(), QString(QChar(0xFFFD)));
            const QString runId = run["run"].toString();

            // Every way back out of the trace database.
            for (const QStringList &args :
                 {QStringList{"trace", "show", runId, "--trace-db", db},
                  QStringList{"trace", "show", runId, "--json", "--trace-db", db},
                  QStringList{"trace", "list", "--trace-db", db},
                  QStringList{"trace", "list", "--json", "--trace-db", db},
                  QStringList{"trace", "export", runId, "--format", "otlp", "--trace-db", db},
                  QStringList{"trace", "export", runId, "--format", "chrome", "--trace-db", db}}) {
                Result r = tutti(args);
                QVERIFY2(r.exitCode == 0, qPrintable(args.join(' ') + ": " + r.err));
                QVERIFY2(isUtf8(r.out), qPrintable(args.join(' ')));
                if (args.contains("--json") || args.contains("--format")) {
                    QJsonDocument::fromJson(r.out, &error);
                    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(args.join(' ')));
                }
            }
        }
        ::kill(static_cast<pid_t>(mock.processId()), SIGINT);
        QVERIFY(mock.waitForFinished(10000));
        QCOMPARE(mock.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCliLimits)
#include "tst_clilimits.moc"
