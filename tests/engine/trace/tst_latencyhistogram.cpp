// The simulation's latency histogram: exact below 4.096 ms and for repeated values, within 0.05%
// (and never above) the exact nearest-rank percentile otherwise, exact count/min/max/mean, the
// same figures whatever the order of record() and merge(), and memory that stops growing.
// LABELS: unit
#include <engine/trace/latencyhistogram.h>
#include <engine/trace/simulationreport.h>

#include <engine/core/random.h>

#include <QTest>

#include <algorithm>
#include <numeric>

using namespace tutti::engine;

namespace {

Micros exactPercentile(std::vector<Micros> v, double p)
{
    std::sort(v.begin(), v.end());
    return percentileOfSorted(v, p);
}

} // namespace

class TestLatencyHistogram : public QObject {
    Q_OBJECT

private slots:
    void exactBelowTheThreshold()
    {
        LatencyHistogram h;
        std::vector<Micros> v;
        for (Micros i = 4095; i >= 0; i -= 3) {
            h.record(i);
            v.push_back(i);
        }
        for (double p : {1.0, 50.0, 90.0, 99.0, 99.9, 100.0})
            QCOMPARE(h.percentile(p), exactPercentile(v, p));
        QCOMPARE(h.min(), Micros(0));
        QCOMPARE(h.max(), Micros(4095));
        QCOMPARE(h.count(), std::uint64_t(v.size()));
        QCOMPARE(h.mean(), double(std::accumulate(v.begin(), v.end(), Micros(0))) / v.size());
        h.record(-5); // clamps to 0
        QCOMPARE(h.min(), Micros(0));
    }

    // Fixed latencies and their sums land exactly, at any size.
    void repeatedValuesAreExact()
    {
        LatencyHistogram h;
        for (int i = 0; i < 30000; ++i)
            h.record(i % 3 == 0 ? 200000 : i % 3 == 1 ? 350000 : 3 * 3600 * 1000000LL);
        QCOMPARE(h.percentile(33), Micros(200000));
        QCOMPARE(h.percentile(50), Micros(350000));
        QCOMPARE(h.percentile(99), 3 * 3600 * 1000000LL);
        const auto s = summarizeLatencies(h);
        QCOMPARE(s.max, 3 * 3600 * 1000000LL);
        QCOMPARE(h.values().size(), std::size_t(30000));
    }

    void withinResolutionOtherwise()
    {
        Rng rng(7);
        LatencyHistogram h;
        std::vector<Micros> v;
        for (int i = 0; i < 200000; ++i) {
            const auto x = static_cast<Micros>(std::exp(rng.normal(std::log(80000.0), 1.0)));
            h.record(x);
            v.push_back(x);
        }
        for (double p : {10.0, 50.0, 90.0, 99.0, 99.9}) {
            const Micros exact = exactPercentile(v, p), got = h.percentile(p);
            QVERIFY2(got <= exact && double(exact - got) <= double(exact) / 2048.0,
                     qPrintable(QString("p%1: %2 vs %3").arg(p).arg(got).arg(exact)));
        }
        QCOMPARE(h.max(), *std::max_element(v.begin(), v.end()));
        QCOMPARE(h.min(), *std::min_element(v.begin(), v.end()));
        QCOMPARE(h.mean(), double(std::accumulate(v.begin(), v.end(), Micros(0))) / v.size());
    }

    // Parts merged in any grouping and order say the same as one histogram of everything.
    void mergeIsOrderIndependent()
    {
        Rng rng(11);
        std::vector<Micros> v;
        for (int i = 0; i < 50000; ++i)
            v.push_back(static_cast<Micros>(rng.uniform(0, 5e6)));
        LatencyHistogram whole;
        for (Micros x : v)
            whole.record(x);
        for (std::size_t parts : {2u, 3u, 8u, 1000u}) {
            std::vector<LatencyHistogram> h(parts);
            for (std::size_t i = 0; i < v.size(); ++i)
                h[i % parts].record(v[i]);
            LatencyHistogram merged;
            for (std::size_t i = parts; i-- > 0;)
                merged.merge(h[i]);
            QCOMPARE(merged.count(), whole.count());
            for (double p : {50.0, 90.0, 99.0})
                QCOMPARE(merged.percentile(p), whole.percentile(p));
            QCOMPARE(merged.values(), whole.values());
            QCOMPARE(merged.mean(), whole.mean());
        }
    }

    // A million values in a narrow range take no more cells than a hundred thousand.
    void memoryIsBounded()
    {
        Rng rng(3);
        LatencyHistogram h;
        for (int i = 0; i < 100000; ++i)
            h.record(static_cast<Micros>(rng.uniform(50000, 3e6)));
        const std::size_t buckets = h.buckets().size();
        for (int i = 0; i < 900000; ++i)
            h.record(static_cast<Micros>(rng.uniform(50000, 3e6)));
        QCOMPARE(h.count(), std::uint64_t(1000000));
        QVERIFY(h.buckets().size() <= 7 * 2048); // 2^15..2^22: six powers of two, plus one
        QVERIFY(h.buckets().size() >= buckets);
    }
};

QTEST_GUILESS_MAIN(TestLatencyHistogram)
#include "tst_latencyhistogram.moc"
