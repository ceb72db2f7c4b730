// A bounded, mergeable record of latencies in microseconds for a simulation's percentiles: a
// million runs cost the same memory as a thousand, and parts recorded on different threads merge
// to the same figures in any order.
#pragma once

#include <engine/core/duration.h>

#include <cstdint>
#include <memory>
#include <vector>

namespace tutti::engine {

// Fixed-resolution buckets in virtual-time microseconds: one per microsecond below 4,096 µs;
// above, 2,048 per power of two, so a bucket is narrower than 1/2048 (0.05%) of its values. Each
// bucket keeps its count and its smallest value. The nearest-rank percentile (the ceil(p/100*n)-th
// smallest value) is the smallest value of the bucket that holds it: a value that occurred, the
// exact one below 4.096 ms or when its bucket holds one distinct value (fixed latencies, sums of
// them), and otherwise less than 0.05% below it. Count, min, max and mean are exact. Everything
// depends only on the multiset of values recorded, never on the order of record() and merge().
// Memory: the values of the last few thousand record()s, then at most 32 KiB per power of two in
// use (about 0.5 MiB for latencies from 1 ms to 1 h), whatever the count.
class LatencyHistogram {
public:
    LatencyHistogram();
    ~LatencyHistogram();
    LatencyHistogram(const LatencyHistogram &other);
    LatencyHistogram &operator=(const LatencyHistogram &other);
    LatencyHistogram(LatencyHistogram &&) noexcept;
    LatencyHistogram &operator=(LatencyHistogram &&) noexcept;

    void record(Micros value); // negative values count as 0
    void merge(const LatencyHistogram &other);

    std::uint64_t count() const { return m_count; }
    bool empty() const { return m_count == 0; }
    Micros min() const { return m_min; }
    Micros max() const { return m_max; }
    double mean() const; // µs, exact sum over count
    // The value at percentile `p` (0 < p <= 100) as described above; 0 when empty.
    Micros percentile(double p) const;

    struct Bucket {
        Micros value = 0; // the smallest value recorded in the bucket
        std::uint64_t count = 0;
    };
    // The non-empty buckets in value order.
    std::vector<Bucket> buckets() const;
    // Every recorded value as its bucket's smallest value, sorted (count() entries: for charts
    // and tests, not for a million runs).
    std::vector<Micros> values() const;

private:
    struct Cell {
        std::uint64_t count = 0;
        Micros min = 0;
    };
    struct Level; // the cells of one power of two
    void flush() const;
    void add(Micros value, std::uint64_t n, Micros min) const;

    // Values not yet in their cells (record() is a push_back); flushed when it fills or before
    // any query. Mutable: a query flushes, which never changes what the histogram says.
    mutable std::vector<Micros> m_pending;
    mutable std::vector<std::unique_ptr<Level>> m_levels;
    std::uint64_t m_count = 0;
    Micros m_min = 0, m_max = 0;
    // An exact sum of up to 2^64 values of any size (__extension__: a GCC/Clang type).
    __extension__ typedef unsigned __int128 Sum;
    Sum m_sum = 0;
};

} // namespace tutti::engine
