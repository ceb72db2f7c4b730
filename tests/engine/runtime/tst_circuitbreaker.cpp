// Circuit breakers (engine/runtime/circuitbreaker, SPEC §3 `circuit: {failures, window,
// open_for}`) on a VirtualClock: open after N failures inside the window, refuse while open,
// half-open with one trial after open_for, close on a successful trial, reopen on a failed one.
// LABELS: unit
#include <engine/core/clock.h>
#include <engine/runtime/circuitbreaker.h>

#include <QTest>

using namespace tutti::engine;

namespace {

using State = CircuitBreakers::State;

constexpr Micros ms(long long n)
{
    return n * kMillisecond;
}

CircuitBreakerSpec spec(int failures = 3, Micros window = 10 * kSecond,
                        Micros openFor = 5 * kSecond)
{
    return {failures, window, openFor};
}

const char *name(State s)
{
    switch (s) {
    case State::Closed:
        return "closed";
    case State::Open:
        return "open";
    case State::HalfOpen:
        return "half-open";
    }
    return "?";
}

// Drives one service's breaker on a virtual clock.
struct Driver {
    VirtualClock clock{0};
    CircuitBreakers breakers;
    CircuitBreakerSpec circuit = spec();

    void at(Micros t) { clock.advanceTo(t); }
    bool allow() { return breakers.allow("pay", circuit, clock.now()); }
    // A request that was let through, and its outcome.
    bool call(bool failure)
    {
        if (!allow())
            return false;
        breakers.record("pay", circuit, failure, clock.now());
        return true;
    }
    QString state() const { return QString::fromLatin1(name(breakers.state("pay"))); }
};

} // namespace

class TestCircuitBreaker : public QObject {
    Q_OBJECT

private slots:
    void failuresInTheWindow_data();
    void failuresInTheWindow();
    void refusesWhileOpen();
    void halfOpenLetsOneTrialThrough();
    void successfulTrialCloses();
    void failedTrialReopensForAnotherOpenFor();
    void lateOutcomesWhileOpenAreIgnored();
    void servicesAreIndependent();
};

// Rows: outcomes as "F@ms" (failure) or "S@ms" (success), space-separated, in time order, with
// failures=3, window=10 s; the state after the last one.
void TestCircuitBreaker::failuresInTheWindow_data()
{
    QTest::addColumn<QString>("calls");
    QTest::addColumn<QString>("state");
    QTest::newRow("none") << ""
                          << "closed";
    QTest::newRow("one short") << "F@0 F@1000"
                               << "closed";
    QTest::newRow("N in the window") << "F@0 F@1000 F@2000"
                                     << "open";
    QTest::newRow("N at once") << "F@0 F@0 F@0"
                               << "open";
    QTest::newRow("just inside the window") << "F@0 F@5000 F@9999"
                                            << "open";
    // A failure exactly `window` old has left it.
    QTest::newRow("first one just left") << "F@0 F@5000 F@10000"
                                         << "closed";
    QTest::newRow("spread out") << "F@0 F@6000 F@12000 F@18000"
                                << "closed";
    QTest::newRow("spread, then a burst") << "F@0 F@12000 F@13000 F@14000"
                                          << "open";
    // Failures are counted in the window, not in a row: successes between them do not reset.
    QTest::newRow("successes between") << "F@0 S@100 F@200 S@300 F@400"
                                       << "open";
    QTest::newRow("only successes") << "S@0 S@1 S@2 S@3 S@4"
                                    << "closed";
}

void TestCircuitBreaker::failuresInTheWindow()
{
    QFETCH(QString, calls);
    QFETCH(QString, state);
    Driver d;
    for (const QString &call : calls.split(u' ', Qt::SkipEmptyParts)) {
        d.at(ms(call.mid(2).toLongLong()));
        QVERIFY2(d.call(call.front() == u'F'), qPrintable(call + " was refused"));
    }
    QCOMPARE(d.state(), state);
}

void TestCircuitBreaker::refusesWhileOpen()
{
    Driver d;
    d.at(ms(1000));
    for (int i = 0; i < 3; ++i)
        QVERIFY(d.call(true));
    QCOMPARE(d.state(), QStringLiteral("open"));
    // Open for 5 s from the failure that opened it: refused up to the last microsecond.
    for (const Micros t : {ms(1000), ms(3000), ms(6000) - 1}) {
        d.at(t);
        QVERIFY2(!d.allow(), std::to_string(t).c_str());
        QCOMPARE(d.state(), QStringLiteral("open"));
    }
}

void TestCircuitBreaker::halfOpenLetsOneTrialThrough()
{
    Driver d;
    for (int i = 0; i < 3; ++i)
        QVERIFY(d.call(true));
    d.at(5 * kSecond); // open_for has passed
    QVERIFY(d.allow());
    QCOMPARE(d.state(), QStringLiteral("half-open"));
    // While the trial is in flight, everyone else is refused, however long it takes.
    QVERIFY(!d.allow());
    d.at(60 * kSecond);
    QVERIFY(!d.allow());
    QCOMPARE(d.state(), QStringLiteral("half-open"));
}

void TestCircuitBreaker::successfulTrialCloses()
{
    Driver d;
    for (int i = 0; i < 3; ++i)
        QVERIFY(d.call(true));
    d.at(5 * kSecond);
    QVERIFY(d.call(false));
    QCOMPARE(d.state(), QStringLiteral("closed"));
    QVERIFY(d.allow());
    QVERIFY(d.allow());
    // The failures from before the circuit opened are forgotten: N new ones are needed.
    QVERIFY(d.call(true));
    QVERIFY(d.call(true));
    QCOMPARE(d.state(), QStringLiteral("closed"));
    QVERIFY(d.call(true));
    QCOMPARE(d.state(), QStringLiteral("open"));
}

void TestCircuitBreaker::failedTrialReopensForAnotherOpenFor()
{
    Driver d;
    for (int i = 0; i < 3; ++i)
        QVERIFY(d.call(true));
    d.at(7 * kSecond); // two seconds after it could have turned half-open
    QVERIFY(d.call(true));
    QCOMPARE(d.state(), QStringLiteral("open"));
    // open_for counts again from the failed trial, not from the first opening.
    d.at(12 * kSecond - 1);
    QVERIFY(!d.allow());
    d.at(12 * kSecond);
    QVERIFY(d.allow());
    QCOMPARE(d.state(), QStringLiteral("half-open"));
}

void TestCircuitBreaker::lateOutcomesWhileOpenAreIgnored()
{
    // Requests let through before the circuit opened can finish after: their outcomes neither
    // extend the open period nor close the circuit.
    Driver d;
    for (int i = 0; i < 3; ++i)
        QVERIFY(d.call(true));
    d.at(ms(4000));
    d.breakers.record("pay", d.circuit, true, d.clock.now());
    d.breakers.record("pay", d.circuit, false, d.clock.now());
    QCOMPARE(d.state(), QStringLiteral("open"));
    d.at(5 * kSecond);
    QVERIFY(d.allow());
    QCOMPARE(d.state(), QStringLiteral("half-open"));
}

void TestCircuitBreaker::servicesAreIndependent()
{
    VirtualClock clock{0};
    CircuitBreakers breakers;
    const CircuitBreakerSpec circuit = spec(2);
    for (int i = 0; i < 2; ++i) {
        QVERIFY(breakers.allow("pay", circuit, clock.now()));
        breakers.record("pay", circuit, true, clock.now());
    }
    QCOMPARE(breakers.state("pay"), State::Open);
    QCOMPARE(breakers.state("ship"), State::Closed);
    QVERIFY(!breakers.allow("pay", circuit, clock.now()));
    QVERIFY(breakers.allow("ship", circuit, clock.now()));
    breakers.record("ship", circuit, true, clock.now());
    QCOMPARE(breakers.state("ship"), State::Closed); // one failure of two
}

QTEST_GUILESS_MAIN(TestCircuitBreaker)
#include "tst_circuitbreaker.moc"
