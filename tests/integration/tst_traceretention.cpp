// `tutti trace` for runs whose process died and for retention, end to end with the real binary:
// a `tutti run` killed with SIGKILL is listed as interrupted; `trace prune` and `trace stats`.
// LABELS: integration
#include "clirunner.h"

#include <engine/trace/tracestore.h>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <chrono>
#include <csignal>

namespace {

using clitest::kTutti;
using clitest::Result;
using clitest::write;
using tutti::engine::Json;
using tutti::engine::Micros;
using tutti::engine::RunRecord;
using tutti::engine::RunStatus;
using tutti::engine::Span;
using tutti::engine::SpanKind;
using tutti::engine::SpanStatus;
using tutti::engine::TraceStore;

// `tutti ARGS` (the namespace tutti would make the plain name ambiguous here).
Result cli(const QStringList &args)
{
    return clitest::tutti(args);
}

QString statusOf(const Result &list, const QString &run)
{
    for (const QJsonValue &r : list.json().value(u"runs").toArray())
        if (r.toObject().value(u"run").toString() == run)
            return r.toObject().value(u"status").toString();
    return {};
}

} // namespace

class TestTraceRetention : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString db() const { return m_tmp.path() + "/traces.db"; }

private slots:
    void killedRunIsListedInterrupted()
    {
        QTemporaryDir ws;
        write(ws.path() + "/nap.flow.yaml", "tutti: 1\nname: nap\nsteps:\n"
                                            "  - { id: nap, type: wait, duration: 1h }\n");
        const QString path = ws.path() + "/traces.db";
        QProcess p;
        p.start(kTutti, {"run", ws.path() + "/nap.flow.yaml", "--trace-db", path});
        QVERIFY(p.waitForStarted());
        // Wait for the run row; while its process lives, readers see it running.
        QString run;
        QElapsedTimer waited;
        waited.start();
        while (run.isEmpty() && waited.elapsed() < 30000 && p.state() == QProcess::Running) {
            p.waitForReadyRead(100);
            if (!QFile::exists(path))
                continue;
            const Result list = cli({"trace", "list", "--json", "--trace-db", path});
            const QJsonArray runs = list.json().value(u"runs").toArray();
            if (!runs.isEmpty()) {
                run = runs.first().toObject().value(u"run").toString();
                QCOMPARE(statusOf(list, run), QStringLiteral("running"));
            }
        }
        QVERIFY2(!run.isEmpty(), p.readAllStandardError().constData());
        ::kill(static_cast<pid_t>(p.processId()), SIGKILL);
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitStatus(), QProcess::CrashExit);

        const Result list = cli({"trace", "list", "--json", "--trace-db", path});
        QCOMPARE(list.exitCode, 0);
        QCOMPARE(statusOf(list, run), QStringLiteral("interrupted"));
        const Result human = cli({"trace", "list", "--trace-db", path});
        QVERIFY2(human.out.contains("interrupted"), human.out.constData());
        const Result show = cli({"trace", "show", run, "--json", "--trace-db", path});
        QCOMPARE(show.exitCode, 0);
        QCOMPARE(show.json().value(u"run").toObject().value(u"status").toString(),
                 QStringLiteral("interrupted"));
        const Result filtered =
            cli({"trace", "list", "--status", "interrupted", "--json", "--trace-db", path});
        QCOMPARE(filtered.json().value(u"runs").toArray().size(), 1);
    }

    void pruneAndStats()
    {
        const Micros now = std::chrono::duration_cast<std::chrono::microseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
        constexpr Micros kDay = 86400LL * 1000000LL;
        {
            TraceStore store;
            QVERIFY(store.open(db().toStdString()));
            for (int i = 0; i < 40; ++i) { // one run a day, the newest today
                RunRecord run;
                run.id = QString("r%1").arg(i, 2, 10, QChar('0')).toStdString();
                run.flow = "f";
                run.status = RunStatus::Succeeded;
                run.startedAt = now - (39 - i) * kDay - 1000;
                store.runStarted(run);
                Span span;
                span.id = 1;
                span.kind = SpanKind::Step;
                span.name = "s";
                span.start = run.startedAt;
                span.status = SpanStatus::Ok;
                span.response = Json{{"body", std::string(4000, 'x')}};
                store.spanFinished(run, span);
                store.runFinished(run);
            }
        }
        const Result stats = cli({"trace", "stats", "--json", "--trace-db", db()});
        QCOMPARE(stats.exitCode, 0);
        QCOMPARE(stats.json().value(u"runs").toInt(), 40);
        QVERIFY(stats.json().value(u"bytes").toInteger() > 40 * 4000);
        const Result humanStats = cli({"trace", "stats", "--trace-db", db()});
        QVERIFY2(humanStats.out.contains("runs     40 (succeeded 40)"), humanStats.out.constData());

        const Result dry = cli(
            {"trace", "prune", "--older-than", "30d", "--dry-run", "--json", "--trace-db", db()});
        QCOMPARE(dry.exitCode, 0);
        QCOMPARE(dry.json().value(u"runs").toInt(), 10); // 30 days and 1 ms .. 39 days ago
        QCOMPARE(
            cli({"trace", "stats", "--json", "--trace-db", db()}).json().value(u"runs").toInt(),
            40);
        const Result byAge =
            cli({"trace", "prune", "--older-than", "30d", "--json", "--trace-db", db()});
        QCOMPARE(byAge.exitCode, 0);
        QCOMPARE(byAge.json().value(u"runs").toInt(), 10);
        QCOMPARE(byAge.json().value(u"spans").toInt(), 10);
        const Result byCount = cli({"trace", "prune", "--keep", "5", "--trace-db", db()});
        QCOMPARE(byCount.exitCode, 0);
        QVERIFY2(byCount.out.contains("deleted 25 runs (25 spans)"), byCount.out.constData());
        QVERIFY2(byCount.out.contains("freed"), byCount.out.constData());
        const Result after = cli({"trace", "stats", "--json", "--trace-db", db()});
        QCOMPARE(after.json().value(u"runs").toInt(), 5);
        QVERIFY(after.json().value(u"bytes").toInteger() <
                stats.json().value(u"bytes").toInteger());
    }

    void pruneUsageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("nothing") << QStringList{} << "needs --older-than AGE or --keep N";
        QTest::newRow("both") << QStringList{"--older-than", "1d", "--keep", "3"} << "not both";
        QTest::newRow("bad age") << QStringList{"--older-than", "soon"} << "not 'soon'";
        QTest::newRow("zero age") << QStringList{"--older-than", "0d"} << "not '0d'";
        QTest::newRow("no age") << QStringList{"--older-than"} << "--older-than needs an age";
        QTest::newRow("bad count") << QStringList{"--keep", "-1"} << "not '-1'";
        QTest::newRow("run id") << QStringList{"--keep", "1", "r1"} << "takes no run id";
    }
    void pruneUsageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Result r = cli(QStringList{"trace", "prune", "--trace-db", db()} + args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
        QVERIFY(r.err.contains("usage: tutti trace"));
    }

    void helpMentionsPruneAndStats()
    {
        const Result r = cli({"trace", "--help"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("tutti trace prune --older-than AGE | --keep N"));
        QVERIFY(r.out.contains("tutti trace stats"));
    }
};

QTEST_GUILESS_MAIN(TestTraceRetention)
#include "tst_traceretention.moc"
