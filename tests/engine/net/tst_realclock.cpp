// Tests for RealClock: timer order, never firing early, cancellation, many timers, monotonic now().
// These use short real waits on purpose: the subject is the wall clock itself (total well < 1 s).
// LABELS: unit
#include <engine/net/realclock.h>

#include <QElapsedTimer>
#include <QTest>
#include <QTimer>

#include <chrono>
#include <random>
#include <vector>

using namespace tutti::engine;

class TestRealClock : public QObject {
    Q_OBJECT

private slots:
    void isReal()
    {
        RealClock clock;
        QVERIFY(!clock.isVirtual());
    }

    void nowIsWallTimeAndMonotonic()
    {
        RealClock clock;
        const Micros wall = std::chrono::duration_cast<std::chrono::microseconds>(
                                std::chrono::system_clock::now().time_since_epoch())
                                .count();
        QVERIFY(std::llabs(clock.now() - wall) < 100 * kMillisecond);
        Micros previous = clock.now();
        for (int i = 0; i < 10000; ++i) {
            const Micros current = clock.now();
            QVERIFY(current >= previous);
            previous = current;
        }
    }

    void firesInDueOrderThenScheduleOrder()
    {
        RealClock clock;
        std::vector<int> order;
        clock.schedule(30 * kMillisecond, [&] { order.push_back(5); });
        clock.schedule(10 * kMillisecond, [&] { order.push_back(2); });
        clock.schedule(20 * kMillisecond, [&] { order.push_back(4); });
        clock.schedule(0, [&] { order.push_back(0); });
        clock.schedule(-5 * kMillisecond, [&] { order.push_back(1); });
        // Two timers scheduled together with the same delay fire in scheduling order; the second
        // is due a few µs later at most, so order is by (due, id) either way.
        clock.schedule(10 * kMillisecond, [&] { order.push_back(3); });
        QCOMPARE(clock.pendingTimers(), 6u);
        QTRY_COMPARE_WITH_TIMEOUT(order.size(), 6u, 1000);
        QCOMPARE(order, (std::vector<int>{0, 1, 2, 3, 4, 5}));
        QCOMPARE(clock.pendingTimers(), 0u);
    }

    void zeroDelayRunsAfterCurrentWork()
    {
        RealClock clock;
        bool fired = false;
        clock.schedule(0, [&] { fired = true; });
        QVERIFY(!fired); // never inside schedule()
        QTRY_VERIFY_WITH_TIMEOUT(fired, 500);
    }

    void neverFiresEarly()
    {
        RealClock clock;
        std::vector<Micros> lateness;
        for (Micros delay :
             {1 * kMillisecond, 3 * kMillisecond, Micros{1500}, 7 * kMillisecond + 1}) {
            const Micros due = clock.now() + delay;
            clock.schedule(delay, [&, due] { lateness.push_back(clock.now() - due); });
        }
        QTRY_COMPARE_WITH_TIMEOUT(lateness.size(), 4u, 1000);
        for (Micros late : lateness)
            QVERIFY2(late >= 0, qPrintable(QString::number(late)));
    }

    void cancelBeforeFire()
    {
        RealClock clock;
        int cancelledFired = 0;
        bool sentinel = false;
        const TimerId a = clock.schedule(10 * kMillisecond, [&] { ++cancelledFired; });
        const TimerId b = clock.schedule(0, [&] { ++cancelledFired; });
        clock.schedule(40 * kMillisecond, [&] { sentinel = true; });
        clock.cancel(a);
        clock.cancel(b);
        QCOMPARE(clock.pendingTimers(), 1u);
        QTRY_VERIFY_WITH_TIMEOUT(sentinel, 1000);
        QCOMPARE(cancelledFired, 0);
    }

    void cancelAfterFireAndUnknownAreNoOps()
    {
        RealClock clock;
        int fired = 0;
        const TimerId a = clock.schedule(0, [&] { ++fired; });
        QTRY_COMPARE_WITH_TIMEOUT(fired, 1, 500);
        clock.cancel(a);
        clock.cancel(a);
        clock.cancel(987654);
        QCOMPARE(clock.pendingTimers(), 0u);
        // The clock still works afterwards.
        clock.schedule(1 * kMillisecond, [&] { ++fired; });
        QTRY_COMPARE_WITH_TIMEOUT(fired, 2, 500);
    }

    void cancelAllThenScheduleAgain()
    {
        RealClock clock;
        int fired = 0;
        const TimerId a = clock.schedule(5 * kMillisecond, [&] { fired += 100; });
        clock.cancel(a); // heap emptied; the QTimer must be re-armed for the next one
        clock.schedule(2 * kMillisecond, [&] { ++fired; });
        QTRY_COMPARE_WITH_TIMEOUT(fired, 1, 500);
        QTest::qWait(10);
        QCOMPARE(fired, 1);
    }

    void callbacksMayScheduleAndCancel()
    {
        RealClock clock;
        std::vector<int> order;
        TimerId victim = 0;
        clock.schedule(5 * kMillisecond, [&] {
            order.push_back(1);
            clock.cancel(victim); // due at the same instant, not fired yet
            clock.schedule(0, [&] { order.push_back(3); });
        });
        victim = clock.schedule(5 * kMillisecond, [&] { order.push_back(2); });
        QTRY_COMPARE_WITH_TIMEOUT(order.size(), 2u, 500);
        QTest::qWait(10);
        QCOMPARE(order, (std::vector<int>{1, 3}));
    }

    void selfReschedulingDoesNotStarveTheLoop()
    {
        RealClock clock;
        int ticks = 0;
        bool qtTimerRan = false;
        std::function<void()> tick = [&] {
            if (++ticks < 1000 && !qtTimerRan)
                clock.schedule(0, tick);
        };
        clock.schedule(0, tick);
        QTimer::singleShot(0, [&] { qtTimerRan = true; });
        QTRY_VERIFY_WITH_TIMEOUT(qtTimerRan, 500);
        QVERIFY(ticks < 1000);
    }

    void thousandsOfTimers()
    {
        RealClock clock;
        constexpr int kCount = 5000;
        std::mt19937 rng(42);
        std::uniform_int_distribution<Micros> delay(0, 40 * kMillisecond);
        std::vector<Micros> dues;
        std::vector<Micros> firedDues;
        std::vector<TimerId> ids;
        for (int i = 0; i < kCount; ++i) {
            const Micros d = delay(rng);
            const Micros due = clock.now() + d;
            ids.push_back(clock.schedule(d, [&, due] { firedDues.push_back(due); }));
        }
        // Cancel every fourth timer.
        for (int i = 0; i < kCount; i += 4)
            clock.cancel(ids[i]);
        QCOMPARE(clock.pendingTimers(), std::size_t(kCount - kCount / 4));
        QTRY_COMPARE_WITH_TIMEOUT(firedDues.size(), std::size_t(kCount - kCount / 4), 1000);
        // The test reads now() a few µs before schedule() does, so compare with that slack.
        for (std::size_t i = 1; i < firedDues.size(); ++i)
            QVERIFY2(firedDues[i - 1] <= firedDues[i] + 200, qPrintable(QString::number(i)));
        QCOMPARE(clock.pendingTimers(), 0u);
    }

    void destroyWithPendingTimers()
    {
        bool fired = false;
        {
            RealClock clock;
            clock.schedule(0, [&] { fired = true; });
        }
        QTest::qWait(5);
        QVERIFY(!fired);
    }
};

QTEST_GUILESS_MAIN(TestRealClock)
#include "tst_realclock.moc"
