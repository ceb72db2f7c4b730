// The real `tutti` binary end to end: exit codes, stdout JSON shapes, stderr error formats,
// trace rows, `tutti mock` on an ephemeral port driven by `tutti run --env`, and clean Ctrl-C.
// LABELS: integration
#include "clirunner.h"

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
#include <memory>
#include <vector>

namespace {

using clitest::kExamples;
using clitest::kTutti;
using clitest::Result;
using clitest::tutti;
using clitest::write;
const QString kCheckout = kExamples + "/checkout/checkout.flow.yaml";
const QString kGoodInput = R"({"sku":"A-100","qty":2,"amount":42})";

} // namespace

class TestCli : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString db() const { return m_tmp.path() + "/traces.db"; }

private slots:
    // A trace database that cannot be written (a read-only example folder, a path under a file)
    // is the user's problem to fix, said plainly: exit 1, never 4.
    void anUnwritableTraceDatabaseIsExit1()
    {
        const Result r =
            tutti({"run", kCheckout, "--input", kGoodInput, "--trace-db", "/dev/null/traces.db"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("--trace-db") && r.err.contains("--no-trace"), r.err.constData());
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("no command") << QStringList{} << 2;
        QTest::newRow("unknown command") << QStringList{"frobnicate"} << 2;
        QTest::newRow("run without flow") << QStringList{"run"} << 2;
        QTest::newRow("run unknown option") << QStringList{"run", kCheckout, "--bogus"} << 2;
        QTest::newRow("help") << QStringList{"--help"} << 0;
        QTest::newRow("run help") << QStringList{"run", "--help"} << 0;
        QTest::newRow("validate nothing") << QStringList{"validate"} << 2;
    }
    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        const Result r = tutti(args);
        QCOMPARE(r.exitCode, exitCode);
    }

    void validateGoodAndBad()
    {
        Result good = tutti({"validate", kCheckout});
        QCOMPARE(good.exitCode, 0);
        QVERIFY(good.out.isEmpty());
        const QString bad = m_tmp.path() + "/bad.flow.yaml";
        write(bad, "tutti: 1\nname: bad\nsteps:\n  - id: a\n    tpye: http\n");
        Result r = tutti({"validate", bad});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.isEmpty());
        const QRegularExpression format("^" + QRegularExpression::escape(bad) +
                                        R"(:\d+:\d+: error: .+)");
        const QString firstLine = QString::fromUtf8(r.err).section('\n', 0, 0);
        QVERIFY2(format.match(firstLine).hasMatch(), qPrintable(firstLine));
        QVERIFY2(r.err.contains("type"), r.err.constData()); // did you mean 'type'?
    }

    // `tutti export --to asl` (docs/export.md): stdout or -o, warnings on stderr, --strict and a
    // forced query language that cannot carry an expression are exit 1 with nothing written.
    void exportToAsl()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath("checkout.asl.json");
        Result r = tutti({"export", kCheckout, "--to", "asl", "--env", "staging", "-o", out});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.contains("warning: service payment: circuit breaker is not carried"),
                 r.err.constData());
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject machine = QJsonDocument::fromJson(f.readAll()).object();
        QCOMPARE(machine[u"StartAt"].toString(), QStringLiteral("Tutti: start"));
        QCOMPARE(machine[u"States"][u"reserve"][u"Parameters"][u"ApiEndpoint"].toString(),
                 QStringLiteral("https://inventory.staging.example.com/reservations"));
        // stdout, the same bytes
        r = tutti({"export", kCheckout, "--to", "asl", "--env", "staging"});
        QCOMPARE(r.exitCode, 0);
        f.seek(0);
        QCOMPARE(r.out, f.readAll());

        const QString strictOut = dir.filePath("strict.asl.json");
        r = tutti({"export", kCheckout, "--to", "asl", "--strict", "-o", strictOut});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("cannot be carried over (--strict)"));
        QVERIFY(!QFile::exists(strictOut));

        r = tutti({"export", kExamples + "/parallel/parallel.flow.yaml", "--to", "asl",
                   "--query-language", "jsonpath"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("parallel.flow.yaml:27:18:") && r.err.contains("min()"),
                 r.err.constData());
        r = tutti({"export", kExamples + "/parallel/parallel.flow.yaml", "--to", "asl"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("\"QueryLanguage\": \"JSONata\""));
        QCOMPARE(tutti({"export", kCheckout, "--to", "asl", "--env", "nowhere"}).exitCode, 1);
    }

    void runCheckoutAgainstMocks()
    {
        Result r = tutti(
            {"run", kCheckout, "--input", kGoodInput, "--seed", "7", "--json", "--trace-db", db()});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject j = r.json();
        QCOMPARE(j["flow"].toString(), QString("checkout"));
        QCOMPARE(j["status"].toString(), QString("succeeded"));
        QVERIFY(j["output"].toObject()["order"].toString().startsWith("ch_"));
        QVERIFY(j["error"].isNull());
        QVERIFY(j["duration_ms"].toDouble() > 0);
        QStringList ids;
        for (const auto &s : j["steps"].toArray()) {
            const QJsonObject step = s.toObject();
            ids << step["id"].toString();
            for (const char *key : {"status", "attempts", "duration_ms", "error"})
                QVERIFY2(step.contains(key), key);
        }
        QVERIFY2(ids.contains("reserve") && ids.contains("charge") && ids.contains("book"),
                 qPrintable(ids.join(',')));

        // The run is in the trace database, with its spans.
        const QString runId = j["run"].toString();
        Result list = tutti({"trace", "list", "--json", "--trace-db", db()});
        QCOMPARE(list.exitCode, 0);
        const QJsonArray runs = list.json()["runs"].toArray();
        QVERIFY(!runs.isEmpty());
        QCOMPARE(runs.first().toObject()["run"].toString(), runId);
        Result show = tutti({"trace", "show", runId, "--json", "--trace-db", db()});
        QCOMPARE(show.exitCode, 0);
        const QJsonArray spans = show.json()["spans"].toArray();
        QSet<QString> kinds;
        for (const auto &s : spans)
            kinds << s.toObject()["kind"].toString();
        QVERIFY(kinds.contains("step") && kinds.contains("attempt") && kinds.contains("branch"));
    }

    void invalidInputExitsOne()
    {
        Result r = tutti({"run", kCheckout, "--input", R"({"sku": 5})", "--json", "--no-trace"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.isEmpty());
        Result broken = tutti({"run", kCheckout, "--input", "{not json", "--no-trace"});
        QCOMPARE(broken.exitCode, 1);
        QVERIFY2(broken.err.contains("not valid JSON"), broken.err.constData());
    }

    void failingRunExitsThreeAndCompensates()
    {
        // A profile that makes shipping fail for good: reserve and charge must be undone.
        const QString profile = m_tmp.path() + "/ship-down.profile.yaml";
        write(profile, "tutti-profile: 1\nservices:\n  shipping:\n    faults:\n      - { rate: "
                       "1.0, kind: status, status: 500 }\n");
        Result r = tutti({"run", kCheckout, "--input", kGoodInput, "--profile", profile, "--seed",
                          "3", "--json", "--trace-db", db()});
        QCOMPARE(r.exitCode, 3);
        const QJsonObject j = r.json();
        QCOMPARE(j["status"].toString(), QString("compensated"));
        QCOMPARE(j["error"].toObject()["type"].toString(), QString("http.500"));
        Result show = tutti({"trace", "show", j["run"].toString(), "--json", "--trace-db", db()});
        int compensations = 0;
        for (const auto &s : show.json()["spans"].toArray())
            compensations += s.toObject()["kind"].toString() == "compensation";
        QCOMPARE(compensations, 2);
    }

    void sameSeedSameOutput()
    {
        const QStringList args{"run",    kCheckout, "--input", kGoodInput,
                               "--seed", "99",      "--json",  "--no-trace"};
        const QJsonObject a = tutti(args).json(), b = tutti(args).json();
        QCOMPARE(a["output"], b["output"]);
        QCOMPARE(a["status"], b["status"]);
    }

    void mapWithASynchronousBodyRuns()
    {
        // Each item finishes inside the loop that starts them (no I/O): this once freed the
        // launcher while it ran and the process died on SIGSEGV.
        const QString flow = m_tmp.path() + "/syncmap.flow.yaml";
        write(flow, R"(tutti: 1
name: syncmap
steps:
  - id: one
    type: map
    items: "[1]"
    steps: [ { id: t, type: transform, set: { v: "{{ item }}" } } ]
  - id: three
    type: map
    items: "{{ [1, 2, 3] }}"
    concurrency: 2
    steps: [ { id: u, type: transform, set: { w: "{{ item * 10 }}" } } ]
  - { id: out, type: respond, body: { one: "{{ steps.one }}", three: "{{ steps.three }}" } }
)");
        Result r = tutti({"run", flow, "--json", "--no-trace"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject output = r.json()["output"].toObject();
        QCOMPARE(QJsonDocument(output).toJson(QJsonDocument::Compact),
                 QByteArray(R"({"one":[{"v":1}],"three":[{"w":10},{"w":20},{"w":30}]})"));
    }

    void mockServerAndRealHttp()
    {
        // Serve the checkout mocks on ephemeral loopback ports, point an environment at them and
        // run the flow over real HTTP (libcurl).
        QProcess mock;
        const QString mocks = kExamples + "/checkout/mocks/";
        mock.start(kTutti, {"mock", mocks + "inventory.mock.yaml", mocks + "payment.mock.yaml",
                            mocks + "shipping.mock.yaml", mocks + "notify.mock.yaml", "--port", "0",
                            "--seed", "1"});
        QVERIFY(mock.waitForStarted());
        QMap<QString, QString> urls;
        const QRegularExpression line(R"(^\s*(\w+)\s+(http://127\.0\.0\.1:\d+)\S*\s*$)");
        QElapsedTimer waited;
        waited.start();
        while (urls.size() < 4 && waited.elapsed() < 20000) {
            mock.waitForReadyRead(500);
            while (mock.canReadLine()) {
                const auto m = line.match(QString::fromUtf8(mock.readLine()));
                if (m.hasMatch())
                    urls[m.captured(1)] = m.captured(2);
            }
        }
        QVERIFY2(urls.size() == 4, qPrintable(QStringList(urls.keys()).join(',') + " / " +
                                              mock.readAllStandardError()));

        QTemporaryDir ws;
        QByteArray yaml = "tutti-workspace: 1\nenvironments:\n  local:\n    services:\n";
        for (auto it = urls.begin(); it != urls.end(); ++it)
            yaml += "      " + it.key().toUtf8() + ": \"" + it.value().toUtf8() + "\"\n";
        write(ws.path() + "/tutti.yaml", yaml);
        QFile::copy(kCheckout, ws.path() + "/checkout.flow.yaml");
        QDir().mkpath(ws.path() + "/mocks");
        for (const char *m : {"inventory", "payment", "shipping", "notify"})
            QFile::copy(mocks + m + ".mock.yaml", ws.path() + "/mocks/" + m + ".mock.yaml");

        Result r = tutti({"run", ws.path() + "/checkout.flow.yaml", "--env", "local", "--input",
                          kGoodInput, "--json", "--trace-db", db()});
        QVERIFY2(r.exitCode == 0 || r.exitCode == 3, r.err.constData());
        QCOMPARE(r.json()["flow"].toString(), QString("checkout"));
        if (r.exitCode == 0)
            QVERIFY(r.json()["output"].toObject()["order"].toString().startsWith("ch_"));

        Result unknown = tutti(
            {"run", ws.path() + "/checkout.flow.yaml", "--env", "nowhere", "--input", kGoodInput});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY(unknown.err.contains("unknown environment"));

        // Ctrl-C ends the mock server cleanly.
        ::kill(static_cast<pid_t>(mock.processId()), SIGINT);
        QVERIFY(mock.waitForFinished(10000));
        QCOMPARE(mock.exitStatus(), QProcess::NormalExit);
        QCOMPARE(mock.exitCode(), 0);
    }

    void concurrentFirstRunsShareANewDatabase()
    {
        // Ten processes start together on a trace database that does not exist yet: each
        // creates or migrates the schema, or finds it made by another, and stores its run.
        QTemporaryDir ws;
        write(ws.path() + "/tiny.flow.yaml", "tutti: 1\nname: tiny\nsteps:\n"
                                             "  - { id: a, type: transform, set: { x: 1 } }\n");
        const QString fresh = ws.path() + "/new/traces.db";
        std::vector<std::unique_ptr<QProcess>> runs;
        for (int i = 0; i < 10; ++i) {
            runs.push_back(std::make_unique<QProcess>());
            runs.back()->start(kTutti, {"run", ws.path() + "/tiny.flow.yaml", "--json", "--seed",
                                        QString::number(i), "--trace-db", fresh});
        }
        for (auto &p : runs) {
            QVERIFY(p->waitForFinished(60000));
            QVERIFY2(p->exitStatus() == QProcess::NormalExit && p->exitCode() == 0,
                     p->readAllStandardError().constData());
        }
        Result list = tutti({"trace", "list", "--json", "--limit", "0", "--trace-db", fresh});
        QCOMPARE(list.exitCode, 0);
        QCOMPARE(list.json()["runs"].toArray().size(), 10);
    }

    // `simulate --jobs N`: a bad N is a usage error (exit 2) that names the option; any good N
    // prints the same report, table and JSON, byte for byte.
    void simulateJobs_data()
    {
        QTest::addColumn<QString>("jobs");
        for (const char *bad : {"0", "-1", "x", "1.5", "257", "99999999999999999999999", ""})
            QTest::newRow(bad[0] ? bad : "empty") << QString(bad);
    }
    void simulateJobs()
    {
        QFETCH(QString, jobs);
        const Result r =
            tutti({"simulate", kCheckout, "--runs", "10", "--keep", "none", "--jobs", jobs});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--jobs must be a whole number from 1 to 256"), r.err.constData());
        QVERIFY(r.out.isEmpty());
    }
    void simulateJobsSameReport()
    {
        QByteArray table, json;
        for (const char *jobs : {"1", "2", "3", "8"}) {
            const QStringList args = {"simulate", kCheckout, "--runs", "2500",   "--concurrency",
                                      "4",        "--keep",  "none",   "--jobs", jobs};
            const Result text = tutti(args);
            const Result doc = tutti(args + QStringList{"--json"});
            QCOMPARE(text.exitCode, 0);
            QCOMPARE(doc.exitCode, 0);
            QVERIFY(text.out.contains("Shards: 3 of 1,000 runs"));
            QCOMPARE(doc.json().value("shard_runs").toInt(), 1000);
            if (table.isEmpty()) {
                table = text.out;
                json = doc.out;
            }
            QCOMPARE(text.out, table);
            QCOMPARE(doc.out, json);
        }
        // Without --jobs: the core count, the same report again.
        QCOMPARE(tutti({"simulate", kCheckout, "--runs", "2500", "--concurrency", "4", "--keep",
                        "none", "--json"})
                     .out,
                 json);
        QVERIFY(tutti({"simulate", "--help"}).out.contains("--jobs"));
    }

    void interruptCancelsARun()
    {
        // A flow that waits an hour: SIGINT must end it promptly, compensating what completed.
        QTemporaryDir ws;
        write(ws.path() + "/mocks/api.mock.yaml",
              "tutti-mock: 1\nservice: api\nroutes:\n  - match: { method: POST, path: /hold }\n    "
              "respond: { status: 201, body: { id: h1 } }\n"
              "  - match: { method: DELETE, path: /hold/h1 }\n    respond: { status: 204 }\n");
        write(ws.path() + "/hold.flow.yaml",
              "tutti: 1\nname: hold\nservices:\n  api: { mock: mocks/api.mock.yaml }\nsteps:\n"
              "  - { id: hold, type: http, service: api, request: { method: POST, path: /hold }, "
              "compensate: { method: DELETE, path: \"/hold/{{ steps.hold.body.id }}\" } }\n"
              "  - { id: nap, type: wait, duration: 1h }\n");
        QProcess p;
        p.start(kTutti, {"run", ws.path() + "/hold.flow.yaml", "--trace-db", db()});
        QVERIFY(p.waitForStarted());
        // Interrupt once the first step has finished (the live step lines go to stderr), so the
        // run is inside its hour-long wait however slow the machine is.
        QByteArray progress;
        QElapsedTimer waited;
        waited.start();
        while (!progress.contains("✓ hold") && waited.elapsed() < 30000) {
            p.waitForReadyRead(200);
            progress += p.readAllStandardError();
        }
        QVERIFY2(progress.contains("✓ hold"), progress.constData());
        ::kill(static_cast<pid_t>(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 3);
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        QVERIFY2(out.contains("hold compensated"), qPrintable(out));
        QVERIFY2(out.contains("cancelled"), qPrintable(out));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
