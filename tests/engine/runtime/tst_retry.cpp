// Retry math of SPEC §3 (engine/runtime/retry): delay n = min(interval × backoff^(n−1),
// max_delay), full jitter, Retry-After (seconds and HTTP dates), and which error names a
// `retry.on` / `catch.on` pattern matches.
// LABELS: unit
#include <engine/runtime/retry.h>

#include <QTest>

#include <algorithm>

using namespace tutti::engine;

namespace {

constexpr Micros ms(long long n)
{
    return n * kMillisecond;
}

RetryPolicy policy(Micros interval, double backoff, Micros maxDelay, Jitter jitter = Jitter::None)
{
    RetryPolicy p;
    p.interval = interval;
    p.backoff = backoff;
    p.maxDelay = maxDelay;
    p.jitter = jitter;
    return p;
}

} // namespace

class TestRetry : public QObject {
    Q_OBJECT

private slots:
    void delaySchedule_data();
    void delaySchedule();
    void fullJitterStaysInZeroToDelay();
    void fullJitterFollowsTheSeed();
    void retryAfterReplacesTheSchedule_data();
    void retryAfterReplacesTheSchedule();
    void parseRetryAfter_data();
    void parseRetryAfter();
    void errorMatching_data();
    void errorMatching();
    void knownErrorPatterns_data();
    void knownErrorPatterns();
};

// Rows: interval ms, backoff, max_delay ms, retry number n, expected delay ms.
void TestRetry::delaySchedule_data()
{
    QTest::addColumn<int>("interval");
    QTest::addColumn<double>("backoff");
    QTest::addColumn<int>("maxDelay");
    QTest::addColumn<int>("retry");
    QTest::addColumn<int>("expected");
    QTest::newRow("first retry waits the interval") << 200 << 2.0 << 30000 << 1 << 200;
    QTest::newRow("second doubles") << 200 << 2.0 << 30000 << 2 << 400;
    QTest::newRow("third doubles again") << 200 << 2.0 << 30000 << 3 << 800;
    QTest::newRow("fifth") << 200 << 2.0 << 30000 << 5 << 3200;
    QTest::newRow("below the cap") << 200 << 2.0 << 1000 << 3 << 800;
    QTest::newRow("capped") << 200 << 2.0 << 1000 << 4 << 1000;
    QTest::newRow("cap holds for late retries") << 200 << 2.0 << 1000 << 20 << 1000;
    QTest::newRow("power overflows to the cap") << 200 << 10.0 << 5000 << 100000 << 5000;
    QTest::newRow("backoff 1 is constant") << 150 << 1.0 << 30000 << 7 << 150;
    QTest::newRow("fractional backoff") << 100 << 1.5 << 30000 << 3 << 225;
    QTest::newRow("backoff below 1 counts as 1") << 200 << 0.5 << 30000 << 3 << 200;
    QTest::newRow("retry 0 counts as the first") << 200 << 2.0 << 30000 << 0 << 200;
    QTest::newRow("zero interval") << 0 << 2.0 << 30000 << 4 << 0;
    QTest::newRow("interval above the cap") << 5000 << 2.0 << 2000 << 1 << 2000;
}

void TestRetry::delaySchedule()
{
    QFETCH(int, interval);
    QFETCH(double, backoff);
    QFETCH(int, maxDelay);
    QFETCH(int, retry);
    QFETCH(int, expected);
    Rng rng(7);
    const RetryPolicy p = policy(ms(interval), backoff, ms(maxDelay));
    QCOMPARE(retryDelay(p, retry, rng), ms(expected));
    // Without jitter the schedule draws nothing: the run's random stream is not disturbed.
    Rng fresh(7);
    QCOMPARE(rng.next(), fresh.next());
}

void TestRetry::fullJitterStaysInZeroToDelay()
{
    // retry 3 of 100 ms × 2^(n−1) is 400 ms; retry 6 (3.2 s) is capped at 1 s before the jitter.
    const RetryPolicy p = policy(ms(100), 2.0, ms(1000), Jitter::Full);
    for (const auto &[retry, ceiling] : {std::pair{3, ms(400)}, std::pair{6, ms(1000)}}) {
        Rng rng(42);
        Micros lo = ceiling, hi = 0;
        double sum = 0;
        constexpr int kDraws = 4000;
        for (int i = 0; i < kDraws; ++i) {
            const Micros d = retryDelay(p, retry, rng);
            QVERIFY2(d >= 0 && d <= ceiling, std::to_string(d).c_str());
            lo = std::min(lo, d);
            hi = std::max(hi, d);
            sum += static_cast<double>(d);
        }
        // Uniform over [0, delay]: the draws reach both ends and average about half.
        QVERIFY2(lo < ceiling / 50, std::to_string(lo).c_str());
        QVERIFY2(hi > ceiling - ceiling / 50, std::to_string(hi).c_str());
        const double mean = sum / kDraws / static_cast<double>(ceiling);
        QVERIFY2(mean > 0.45 && mean < 0.55, std::to_string(mean).c_str());
    }
}

void TestRetry::fullJitterFollowsTheSeed()
{
    const RetryPolicy p = policy(ms(100), 2.0, ms(10000), Jitter::Full);
    Rng a(5), b(5), c(6);
    std::vector<Micros> first, second, other;
    for (int n = 1; n <= 8; ++n) {
        first.push_back(retryDelay(p, n, a));
        second.push_back(retryDelay(p, n, b));
        other.push_back(retryDelay(p, n, c));
    }
    QCOMPARE(first, second); // same seed, same delays: simulations are reproducible
    QVERIFY(first != other);
}

// Rows: respect_retry_after, jitter, the Retry-After (ms, -1 for none), expected delay (ms).
// The schedule alone would give 800 ms (retry 3 of 200 ms × 2^(n−1), cap 1 s).
void TestRetry::retryAfterReplacesTheSchedule_data()
{
    QTest::addColumn<bool>("respect");
    QTest::addColumn<bool>("jitter");
    QTest::addColumn<int>("retryAfter");
    QTest::addColumn<int>("expected");
    QTest::newRow("longer than the schedule") << true << false << 5000 << 5000;
    QTest::newRow("shorter than the schedule") << true << false << 100 << 100;
    QTest::newRow("over max_delay: the server knows") << true << false << 60000 << 60000;
    QTest::newRow("zero") << true << false << 0 << 0;
    QTest::newRow("no jitter on a Retry-After") << true << true << 3000 << 3000;
    QTest::newRow("no header: the schedule") << true << false << -1 << 800;
    QTest::newRow("not respected: the schedule") << false << false << 5000 << 800;
}

void TestRetry::retryAfterReplacesTheSchedule()
{
    QFETCH(bool, respect);
    QFETCH(bool, jitter);
    QFETCH(int, retryAfter);
    QFETCH(int, expected);
    RetryPolicy p = policy(ms(200), 2.0, ms(1000), jitter ? Jitter::Full : Jitter::None);
    p.respectRetryAfter = respect;
    Rng rng(1);
    const std::optional<Micros> header =
        retryAfter < 0 ? std::nullopt : std::optional<Micros>(ms(retryAfter));
    QCOMPARE(retryDelay(p, 3, rng, header), ms(expected));
}

// Rows: header value, expected delay in seconds (-1: not a Retry-After). Relative to `now`,
// 2015-10-21T07:27:50Z, ten seconds before the HTTP date of RFC 9110's example.
void TestRetry::parseRetryAfter_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<int>("seconds");
    QTest::newRow("delta seconds") << "120" << 120;
    QTest::newRow("zero") << "0" << 0;
    QTest::newRow("leading space") << " 5" << 5;
    QTest::newRow("negative") << "-1" << -1;
    QTest::newRow("fraction") << "1.5" << -1;
    QTest::newRow("trailing text") << "10s" << -1;
    QTest::newRow("empty") << "" << -1;
    QTest::newRow("garbage") << "soon" << -1;
    QTest::newRow("http date") << "Wed, 21 Oct 2015 07:28:00 GMT" << 10;
    QTest::newRow("http date in the past") << "Wed, 21 Oct 2015 07:00:00 GMT" << 0;
    QTest::newRow("http date without GMT") << "Wed, 21 Oct 2015 07:28:00" << -1;
}

void TestRetry::parseRetryAfter()
{
    QFETCH(QString, value);
    QFETCH(int, seconds);
    const Micros now = 1445412470LL * kSecond; // 2015-10-21T07:27:50Z
    const std::optional<Micros> got = tutti::engine::parseRetryAfter(value.toStdString(), now);
    if (seconds < 0) {
        QVERIFY2(!got, std::to_string(got.value_or(0)).c_str());
    } else {
        QVERIFY(got);
        QCOMPARE(*got, seconds * kSecond);
    }
}

// Rows: error name, pattern, matches.
void TestRetry::errorMatching_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<bool>("matches");
    QTest::newRow("exact") << "timeout"
                           << "timeout" << true;
    QTest::newRow("other name") << "timeout"
                                << "connection" << false;
    QTest::newRow("exact status") << "http.503"
                                  << "http.503" << true;
    QTest::newRow("other status") << "http.503"
                                  << "http.502" << false;
    QTest::newRow("5xx class") << "http.503"
                               << "http.5xx" << true;
    QTest::newRow("4xx is not 5xx") << "http.404"
                                    << "http.5xx" << false;
    QTest::newRow("4xx class") << "http.429"
                               << "http.4xx" << true;
    QTest::newRow("class needs a status") << "timeout"
                                          << "http.5xx" << false;
    QTest::newRow("any") << "script"
                         << "any" << true;
    QTest::newRow("any custom") << "out_of_stock"
                                << "any" << true;
    QTest::newRow("custom by name") << "out_of_stock"
                                    << "out_of_stock" << true;
    QTest::newRow("cancelled is never caught") << "cancelled"
                                               << "any" << false;
    QTest::newRow("not even by name") << "cancelled"
                                      << "cancelled" << false;
}

void TestRetry::errorMatching()
{
    QFETCH(QString, name);
    QFETCH(QString, pattern);
    QFETCH(bool, matches);
    QCOMPARE(errorMatches(name.toStdString(), pattern.toStdString()), matches);
    QCOMPARE(errorMatchesAny(name.toStdString(), {"nothing", pattern.toStdString()}), matches);
}

void TestRetry::knownErrorPatterns_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<bool>("known");
    QTest::newRow("timeout") << "timeout" << true;
    QTest::newRow("circuit_open") << "circuit_open" << true;
    QTest::newRow("http.5xx") << "http.5xx" << true;
    QTest::newRow("http.418") << "http.418" << true;
    QTest::newRow("http.600") << "http.600" << false;
    QTest::newRow("http.099") << "http.099" << false;
    QTest::newRow("http.abc") << "http.abc" << false;
    QTest::newRow("a fail step's own name") << "out_of_stock" << true;
    QTest::newRow("empty") << "" << false;
}

void TestRetry::knownErrorPatterns()
{
    QFETCH(QString, pattern);
    QFETCH(bool, known);
    QCOMPARE(isKnownErrorPattern(pattern.toStdString()), known);
}

QTEST_GUILESS_MAIN(TestRetry)
#include "tst_retry.moc"
