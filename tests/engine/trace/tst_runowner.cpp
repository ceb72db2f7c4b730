// Tests for run owner leases: parsing /proc/PID/stat and telling a live owner from a dead or
// reused pid, a rebooted machine and another host.
// LABELS: unit
#include <engine/trace/runowner.h>

#include <QTest>

#include <sys/wait.h>
#include <unistd.h>

using namespace tutti::engine;

class TestRunOwner : public QObject {
    Q_OBJECT

private slots:
    void parsesProcStat_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<qint64>("ticks");
        QTest::addColumn<bool>("zombie");
        const QString tail = " 1 1 1 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 %1 1000 10";
        QTest::newRow("plain") << "42 (tutti) S" + tail.arg(12345) << true << qint64(12345)
                               << false;
        QTest::newRow("name with ') ' and spaces")
            << "42 (a) b (c) d) R" + tail.arg(777) << true << qint64(777) << false;
        QTest::newRow("zombie") << "42 (tutti) Z" + tail.arg(9) << true << qint64(9) << true;
        QTest::newRow("truncated") << QString("42 (tutti) S 1 1") << false << qint64(0) << false;
        QTest::newRow("no name") << QString("garbage") << false << qint64(0) << false;
        QTest::newRow("not a number")
            << "42 (tutti) S" + tail.arg("x9") << false << qint64(0) << false;
    }
    void parsesProcStat()
    {
        QFETCH(QString, line);
        QFETCH(bool, ok);
        QFETCH(qint64, ticks);
        QFETCH(bool, zombie);
        std::int64_t parsedTicks = 0;
        bool parsedZombie = false;
        QCOMPARE(internal::parseProcStat(line.toStdString(), parsedTicks, parsedZombie), ok);
        if (ok) {
            QCOMPARE(qint64(parsedTicks), ticks);
            QCOMPARE(parsedZombie, zombie);
        }
    }

    void currentOwnerIsThisProcess()
    {
        const RunOwner self = currentOwner();
        QCOMPARE(self.pid, std::int64_t(getpid()));
        QVERIFY(self.startTicks > 0);
        QVERIFY(!self.bootId.empty());
        QVERIFY(!self.host.empty());
        QVERIFY(ownerState(self) == OwnerState::Alive);
    }

    void liveOtherProcessIsAlive()
    {
        // The parent (ctest or a shell) outlives this test; its real start time makes it alive.
        const RunOwner self = currentOwner();
        RunOwner parent = self;
        parent.pid = getppid();
        std::string line;
        {
            FILE *f = std::fopen(("/proc/" + std::to_string(parent.pid) + "/stat").c_str(), "r");
            QVERIFY(f);
            char buffer[1024] = {};
            QVERIFY(std::fgets(buffer, sizeof buffer, f));
            std::fclose(f);
            line = buffer;
        }
        bool zombie = false;
        QVERIFY(internal::parseProcStat(line, parent.startTicks, zombie));
        QVERIFY(ownerState(parent, self) == OwnerState::Alive);
        // The same pid with another start time is a reused pid: the owner is gone.
        RunOwner reused = parent;
        reused.startTicks += 1;
        QVERIFY(ownerState(reused, self) == OwnerState::Gone);
    }

    void deadProcessIsGone()
    {
        const pid_t child = fork();
        QVERIFY(child >= 0);
        if (child == 0)
            _exit(0);
        RunOwner dead = currentOwner();
        dead.pid = child;
        int status = 0;
        QCOMPARE(waitpid(child, &status, 0), child); // reaped: no such process any more
        QVERIFY(ownerState(dead) == OwnerState::Gone);
    }

    void rebootAndOtherHosts()
    {
        const RunOwner self = currentOwner();
        RunOwner rebooted = self;
        rebooted.bootId = "00000000-0000-0000-0000-000000000000";
        QVERIFY(ownerState(rebooted, self) == OwnerState::Gone);
        RunOwner elsewhere = self; // a database on a shared disk: never judge another machine
        elsewhere.host = self.host + "-other";
        elsewhere.pid = 999999999;
        QVERIFY(ownerState(elsewhere, self) == OwnerState::Unknown);
        RunOwner legacy; // a run written before owners were recorded
        QVERIFY(ownerState(legacy, self) == OwnerState::Unknown);
    }
};

QTEST_GUILESS_MAIN(TestRunOwner)
#include "tst_runowner.moc"
