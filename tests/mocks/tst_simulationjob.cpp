// Simulation as a job (start, progress, exactly one finished): the same report, bit for bit, as
// the blocking run() for the same seed; the event loop turns between slices of virtual time;
// cancel ends it early with one finished; real time works as a job too; a job destroyed on the
// way calls nothing.
// LABELS: unit
#include <mocks/simulation.h>

#include <engine/trace/simulationreport.h>

#include <QEventLoop>
#include <QTimer>
#include <QtTest>

#include <memory>

using namespace tutti;

namespace {

const std::string kData = std::string(TUTTI_TEST_DATA) + "/simulation/";
const std::string kCheckout = std::string(TUTTI_EXAMPLES) + "/checkout/";

std::string dump(const engine::SimulationReport &r)
{
    return engine::simulationReportToJson(r).dump(2) + engine::formatSimulationReport(r);
}

// Everything one job reported, with the event-loop turns seen while it ran.
struct JobOutcome {
    int finished = 0;
    int progressCalls = 0;
    bool progressInOrder = true;
    std::uint64_t lastDone = 0;
    int loopTurns = 0;
    engine::SimulationReport report;
};

// Starts `sim` as a job and waits, on a local event loop, for its one finished.
JobOutcome runJob(mocks::Simulation &sim, const std::function<void(std::uint64_t)> &onDone = {})
{
    JobOutcome out;
    QEventLoop loop;
    sim.options().progressInterval = std::chrono::milliseconds(0);
    sim.options().progress = [&](const mocks::SimulationProgress &p) {
        ++out.progressCalls;
        out.progressInOrder = out.progressInOrder && p.done >= out.lastDone;
        out.lastDone = p.done;
        if (onDone)
            onDone(p.done);
    };
    sim.onFinished = [&](const engine::SimulationReport &report) {
        ++out.finished;
        out.report = report;
        loop.quit();
    };
    // Counts how often the event loop got to run other work while the job was going.
    QTimer turns;
    turns.setInterval(0);
    QObject::connect(&turns, &QTimer::timeout, [&] { ++out.loopTurns; });
    turns.start();
    // A guard, not a sleep: a job that never finishes fails the test instead of hanging it.
    QTimer::singleShot(120000, &loop, [&] { loop.quit(); });
    if (!sim.start())
        return out;
    if (out.finished == 0) // never from inside start()
        loop.exec();
    turns.stop();
    return out;
}

} // namespace

class tst_SimulationJob : public QObject {
    Q_OBJECT

private slots:
    void sameReportAsBlocking_data()
    {
        QTest::addColumn<QString>("flow");
        QTest::addColumn<int>("runs");
        QTest::addColumn<int>("concurrency");
        QTest::addColumn<QString>("profile");
        QTest::newRow("shop") << QString::fromStdString(kData + "shop.flow.yaml") << 400 << 1
                              << QString();
        QTest::newRow("shop degraded, 6 at once")
            << QString::fromStdString(kData + "shop.flow.yaml") << 300 << 6
            << QString::fromStdString(kData + "profiles/pay-degraded.profile.yaml");
        QTest::newRow("circuit, 4 at once")
            << QString::fromStdString(kData + "circuit.flow.yaml") << 400 << 4 << QString();
        QTest::newRow("checkout degraded")
            << QString::fromStdString(kCheckout + "checkout.flow.yaml") << 3000 << 3
            << QString::fromStdString(kCheckout + "profiles/payment-degraded.profile.yaml");
    }
    void sameReportAsBlocking()
    {
        QFETCH(QString, flow);
        QFETCH(int, runs);
        QFETCH(int, concurrency);
        QFETCH(QString, profile);
        mocks::SimulationOptions o;
        o.runs = std::uint64_t(runs);
        o.seed = 11;
        o.concurrency = concurrency;
        o.keep = mocks::KeepPolicy::None;
        if (!profile.isEmpty())
            o.profileFiles = {profile.toStdString()};

        mocks::Simulation blocking;
        QVERIFY(blocking.load(flow.toStdString(), o).empty());
        const std::string expected = dump(blocking.run());

        mocks::Simulation sim;
        QVERIFY(sim.load(flow.toStdString(), o).empty());
        QVERIFY(sim.virtualTime());
        const JobOutcome job = runJob(sim);
        QCOMPARE(job.finished, 1);
        QVERIFY(!sim.isRunning());
        QCOMPARE(job.report.runs, std::uint64_t(runs));
        QCOMPARE(dump(job.report), expected);
        // Progress along the way (one per finished run at interval 0, then the final one).
        QVERIFY(job.progressInOrder);
        QCOMPARE(job.progressCalls, runs + 1);
        QCOMPARE(job.lastDone, std::uint64_t(runs));

        // The same object again, as a job and blocking: mock state is reset for each pass.
        QCOMPARE(dump(runJob(sim).report), expected);
        QCOMPARE(dump(sim.run()), expected);
    }

    void theEventLoopTurnsBetweenSlices()
    {
        mocks::SimulationOptions o;
        o.runs = 60000;
        o.keep = mocks::KeepPolicy::None;
        mocks::Simulation sim;
        QVERIFY(sim.load(kData + "simple.flow.yaml", o).empty());
        const JobOutcome job = runJob(sim);
        QCOMPARE(job.finished, 1);
        QCOMPARE(job.report.runs, std::uint64_t(60000));
        // A slice holds the loop for milliseconds, so other work (a GUI) runs in between.
        QVERIFY2(job.loopTurns > 1, qPrintable(QString::number(job.loopTurns)));
    }

    void cancelFinishesOnce()
    {
        mocks::SimulationOptions o;
        o.runs = 1'000'000;
        o.concurrency = 4;
        o.keep = mocks::KeepPolicy::None;
        mocks::Simulation sim;
        QVERIFY(sim.load(kData + "simple.flow.yaml", o).empty());
        const JobOutcome job = runJob(sim, [&](std::uint64_t done) {
            if (done == 100)
                sim.cancel();
        });
        QCOMPARE(job.finished, 1);
        QVERIFY(job.report.cancelled);
        QVERIFY2(job.report.runs >= 100 && job.report.runs <= 104,
                 qPrintable(QString::number(job.report.runs)));
        QCOMPARE(job.report.requestedRuns, std::uint64_t(1'000'000));
        // Nothing more comes afterwards.
        QCoreApplication::processEvents();
        QCOMPARE(job.finished, 1);
        QVERIFY(!sim.isRunning());
    }

    void realTimeAsAJob()
    {
        mocks::SimulationOptions o;
        o.runs = 3;
        o.concurrency = 2;
        o.keep = mocks::KeepPolicy::None;
        mocks::Simulation sim;
        QVERIFY(sim.load(kData + "realurl.flow.yaml", o).empty());
        QVERIFY(!sim.virtualTime());
        const JobOutcome job = runJob(sim);
        QCOMPARE(job.finished, 1);
        QCOMPARE(job.report.runs, std::uint64_t(3));
        QVERIFY(!job.report.virtualTime);
        QCOMPARE(job.report.statuses[static_cast<int>(engine::RunStatus::Failed)],
                 std::uint64_t(3));
    }

    void startOnlyWhenLoadedAndIdle()
    {
        mocks::Simulation unloaded;
        QVERIFY(!unloaded.start());
        mocks::SimulationOptions o;
        o.runs = 10;
        mocks::Simulation sim;
        QVERIFY(sim.load(kData + "simple.flow.yaml", o).empty());
        QVERIFY(sim.start());
        QVERIFY(sim.isRunning());
        QVERIFY(!sim.start());                      // one job at a time
        QCOMPARE(sim.run().runs, std::uint64_t(0)); // nor a blocking pass beside it
    }

    void destroyedOnTheWayCallsNothing()
    {
        int finished = 0;
        {
            mocks::SimulationOptions o;
            o.runs = 1'000'000;
            o.keep = mocks::KeepPolicy::None;
            auto sim = std::make_unique<mocks::Simulation>();
            QVERIFY(sim->load(kData + "simple.flow.yaml", o).empty());
            sim->onFinished = [&](const engine::SimulationReport &) { ++finished; };
            QVERIFY(sim->start());
            QCoreApplication::processEvents(); // a slice or two
            sim.reset();
        }
        QCoreApplication::processEvents();
        QCOMPARE(finished, 0);
    }
};

QTEST_GUILESS_MAIN(tst_SimulationJob)
#include "tst_simulationjob.moc"
