// `tutti run FLOW --from STEP --reuse RUN` end to end: the real binary against a loopback HTTP
// server in this process that records every call it gets, so the test sees which calls a run made
// and which it did not. A full run calls every service; a run from the 3rd step calls only from
// there on (with the reused results in its request) and says so in `--json` and `trace show`;
// an unknown step, another flow's run, a result missing because a step failed, a damaged record
// and a half-given option are clear errors with their exit codes, and make no call at all.
// LABELS: integration
#include "clirunner.h"

#include <QEventLoop>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimer>

#include <sqlite3.h>

using clitest::Result;

namespace {

// A minimal HTTP/1.1 server (keep-alive, Content-Length bodies) answering each "METHOD PATH"
// from a table; every request is logged, body included.
class LoopbackServer : public QObject {
public:
    LoopbackServer()
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                QObject::connect(socket, &QTcpSocket::readyRead, this,
                                 [this, socket] { serve(socket); });
            }
        });
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    quint16 port() const { return m_server.serverPort(); }

    QMap<QByteArray, QPair<int, QByteArray>> routes;
    QList<QByteArray> calls;  // "POST /charges"
    QList<QByteArray> bodies; // in the same order

private:
    void serve(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        for (;;) {
            const qsizetype end = buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QList<QByteArray> lines = buffer.left(end).split('\n');
            qsizetype length = 0;
            for (const QByteArray &line : lines)
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
            if (buffer.size() < end + 4 + length)
                return;
            const QList<QByteArray> first = lines.front().trimmed().split(' ');
            const QByteArray call = first.value(0) + " " + first.value(1);
            calls << call;
            bodies << buffer.mid(end + 4, length);
            buffer.remove(0, end + 4 + length);
            const auto answer = routes.value(call, {404, "{\"error\": \"no route\"}"});
            socket->write("HTTP/1.1 " + QByteArray::number(answer.first) +
                          " X\r\nContent-Type: application/json\r\nContent-Length: " +
                          QByteArray::number(answer.second.size()) + "\r\n\r\n" + answer.second);
        }
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

const char *kFlow = "tutti: 1\n"
                    "name: order\n"
                    "services:\n"
                    "  inv: {}\n"
                    "  ship: {}\n"
                    "  pay: {}\n"
                    "steps:\n"
                    "  - id: reserve\n"
                    "    type: http\n"
                    "    service: inv\n"
                    "    request: { method: POST, path: /reservations, body: { sku: \"{{ "
                    "input.sku }}\" } }\n"
                    "  - id: quote\n"
                    "    type: http\n"
                    "    service: ship\n"
                    "    request: { method: POST, path: /quotes }\n"
                    "  - id: charge\n"
                    "    type: http\n"
                    "    service: pay\n"
                    "    request:\n"
                    "      method: POST\n"
                    "      path: /charges\n"
                    "      body: { reservation: \"{{ steps.reserve.body.id }}\", quote: \"{{ "
                    "steps.quote.body.id }}\", sku: \"{{ input.sku }}\" }\n"
                    "  - id: ship\n"
                    "    type: http\n"
                    "    service: ship\n"
                    "    request: { method: POST, path: /shipments }\n"
                    "  - id: done\n"
                    "    type: respond\n"
                    "    status: 201\n"
                    "    body: { charge: \"{{ steps.charge.body.id }}\" }\n";

const char *kOtherFlow = "tutti: 1\n"
                         "name: other\n"
                         "steps:\n"
                         "  - id: charge\n"
                         "    type: transform\n"
                         "    set: { x: 1 }\n";

} // namespace

class tst_CliRunFrom : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    LoopbackServer m_server;
    QString m_first; // a full run's id

    QString file(const char *name) const { return m_dir.filePath(name); }
    // Runs `tutti ARGS` in the workspace while this process's event loop serves the calls.
    Result tutti(const QStringList &args)
    {
        QProcess p;
        p.setWorkingDirectory(m_dir.path());
        QEventLoop loop;
        QObject::connect(&p, &QProcess::finished, &loop, &QEventLoop::quit);
        QObject::connect(&p, &QProcess::errorOccurred, &loop, &QEventLoop::quit);
        QTimer::singleShot(120000, &loop, &QEventLoop::quit); // a bound, not a wait
        p.start(clitest::kTutti, args);
        loop.exec();
        if (p.state() != QProcess::NotRunning) {
            p.kill();
            p.waitForFinished();
        }
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
                p.readAllStandardOutput(), p.readAllStandardError()};
    }
    Result run(QStringList extra)
    {
        return tutti(QStringList{"run", file("order.flow.yaml"), "--env", "local"} + extra);
    }
    static QJsonObject step(const QJsonObject &doc, const QString &id)
    {
        for (const QJsonValue &v : doc[u"steps"].toArray())
            if (v[u"id"].toString() == id)
                return v.toObject();
        return {};
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_server.listen());
        const QByteArray base = "http://127.0.0.1:" + QByteArray::number(m_server.port());
        clitest::write(file("tutti.yaml"), "tutti-workspace: 1\nenvironments:\n  local:\n"
                                           "    services: { inv: \"" +
                                               base + "\", ship: \"" + base + "\", pay: \"" + base +
                                               "\" }\n");
        clitest::write(file("order.flow.yaml"), kFlow);
        clitest::write(file("other.flow.yaml"), kOtherFlow);
        m_server.routes = {
            {"POST /reservations", {201, "{\"id\": \"r-1\"}"}},
            {"POST /quotes", {201, "{\"id\": \"q-1\"}"}},
            {"POST /charges", {201, "{\"id\": \"c-1\"}"}},
            {"POST /shipments", {201, "{\"id\": \"s-1\"}"}},
        };
    }

    void fullRunCallsEverything()
    {
        m_server.calls.clear();
        const Result r = run({"--input", "{\"sku\": \"A1\"}", "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(m_server.calls, (QList<QByteArray>{"POST /reservations", "POST /quotes",
                                                    "POST /charges", "POST /shipments"}));
        m_first = r.json()[u"run"].toString();
        QVERIFY(!m_first.isEmpty());
    }

    void fromTheThirdStepCallsOnlyFromThere()
    {
        m_server.calls.clear();
        m_server.bodies.clear();
        const Result r = run({"--from", "charge", "--reuse", m_first.left(10), "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(m_server.calls, (QList<QByteArray>{"POST /charges", "POST /shipments"}));
        const QJsonObject sent = QJsonDocument::fromJson(m_server.bodies.front()).object();
        QCOMPARE(sent[u"reservation"].toString(), QString("r-1"));
        QCOMPARE(sent[u"quote"].toString(), QString("q-1"));
        QCOMPARE(sent[u"sku"].toString(), QString("A1")); // the earlier run's input

        // --json: the SPEC shape, plus what was reused.
        const QJsonObject doc = r.json();
        QCOMPARE(doc[u"status"].toString(), QString("succeeded"));
        QCOMPARE(doc[u"output"][u"charge"].toString(), QString("c-1"));
        QCOMPARE(doc[u"from"][u"step"].toString(), QString("charge"));
        QCOMPARE(doc[u"from"][u"run"].toString(), m_first);
        for (const char *id : {"reserve", "quote"}) {
            const QJsonObject s = step(doc, id);
            QCOMPARE(s[u"status"].toString(), QString("succeeded"));
            QCOMPARE(s[u"reused_from"].toString(), m_first);
            QCOMPARE(s[u"attempts"].toInt(), 0);
        }
        QVERIFY(!step(doc, "charge").contains(u"reused_from"));
        QCOMPARE(step(doc, "charge")[u"attempts"].toInt(), 1);

        // Human output names the reuse; trace show marks the reused spans.
        const QString id = doc[u"run"].toString();
        const Result show = tutti({"trace", "show", id, "--json"});
        QVERIFY2(show.exitCode == 0, show.err.constData());
        int reused = 0;
        for (const QJsonValue &span : show.json()[u"spans"].toArray())
            if (span[u"reused_from"].toString() == m_first) {
                ++reused;
                QCOMPARE(span[u"kind"].toString(), QString("step"));
                QVERIFY(span[u"request"].isNull()); // nothing was sent for it
                QVERIFY(span[u"result"].isObject());
            }
        QCOMPARE(reused, 2);

        m_server.calls.clear();
        const Result human = run({"--from", "ship", "--reuse", id});
        QVERIFY2(human.exitCode == 0, human.err.constData());
        QCOMPARE(m_server.calls, (QList<QByteArray>{"POST /shipments"}));
        QVERIFY2(human.err.contains("from step 'ship', reusing run " + id.toUtf8()),
                 human.err.constData());
        QVERIFY2(human.err.contains("reused from " + id.toUtf8()), human.err.constData());
    }

    void errorsNameWhatIsWrongAndCallNothing()
    {
        m_server.calls.clear();
        Result r = run({"--from", "chrage", "--reuse", m_first});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("has no step 'chrage' (did you mean 'charge'?)"),
                 r.err.constData());

        const Result other = tutti({"run", file("other.flow.yaml"), "--json"});
        QCOMPARE(other.exitCode, 0);
        r = run({"--from", "charge", "--reuse", other.json()[u"run"].toString()});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("is a run of the flow 'other'"), r.err.constData());

        r = run({"--from", "charge", "--reuse", "run_nosuch"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("no run 'run_nosuch'"), r.err.constData());

        r = run({"--from", "charge"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--from needs --reuse RUN"), r.err.constData());
        r = run({"--reuse", m_first});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(m_server.calls, QList<QByteArray>());
    }

    void resultMissingBecauseAStepFailed()
    {
        m_server.routes["POST /quotes"] = {500, "{\"error\": \"down\"}"};
        const Result failed = run({"--input", "{\"sku\": \"A1\"}", "--json"});
        m_server.routes["POST /quotes"] = {201, "{\"id\": \"q-1\"}"};
        QCOMPARE(failed.exitCode, 3);
        m_server.calls.clear();
        const Result r = run({"--from", "charge", "--reuse", failed.json()[u"run"].toString()});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("step 'quote' did not succeed there (error: http.500"),
                 r.err.constData());
        QVERIFY2(r.err.contains("run from 'quote' or earlier"), r.err.constData());
        QCOMPARE(m_server.calls, QList<QByteArray>());
        // From the failed step itself it goes on: the retry the user wanted.
        const Result retried =
            run({"--from", "quote", "--reuse", failed.json()[u"run"].toString()});
        QVERIFY2(retried.exitCode == 0, retried.err.constData());
        QCOMPARE(m_server.calls,
                 (QList<QByteArray>{"POST /quotes", "POST /charges", "POST /shipments"}));
    }

    // Hostile records: a result column that is not JSON, and a trace database that is no
    // database: a clear error and exit 1, never a crash.
    void damagedRecordIsAnError()
    {
        const QByteArray db = file(".tutti/traces.db").toUtf8();
        sqlite3 *handle = nullptr;
        QCOMPARE(sqlite3_open(db.constData(), &handle), SQLITE_OK);
        const QByteArray sql = "UPDATE spans SET result = '{\"body\": [' WHERE run_id = '" +
                               m_first.toUtf8() + "' AND step_id = 'quote' AND kind = 'step'";
        QCOMPARE(sqlite3_exec(handle, sql.constData(), nullptr, nullptr, nullptr), SQLITE_OK);
        sqlite3_close(handle);
        m_server.calls.clear();
        Result r = run({"--from", "charge", "--reuse", m_first});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("damaged record of step 'quote'"), r.err.constData());

        clitest::write(file("garbage.db"), QByteArray(8192, '\x7f'));
        r = run({"--from", "charge", "--reuse", m_first, "--trace-db", file("garbage.db"),
                 "--no-trace"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("cannot read run '" + m_first.toUtf8() + "'"), r.err.constData());
        QCOMPARE(m_server.calls, QList<QByteArray>());
    }
};

QTEST_GUILESS_MAIN(tst_CliRunFrom)
#include "tst_clirunfrom.moc"
