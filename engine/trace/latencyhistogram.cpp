// Fixed-resolution latency buckets (latencyhistogram.h).
#include <engine/trace/latencyhistogram.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

namespace tutti::engine {

namespace {

constexpr int kSubBits = 11;                           // 2,048 buckets per power of two
constexpr Micros kExact = Micros(1) << (kSubBits + 1); // one bucket per µs below 4,096
constexpr std::size_t kPendingMax = 8192;

// Level 0: [0, 4096) by 1 µs; level L >= 1: [2^(11+L), 2^(12+L)) in 2,048 buckets of 2^L µs.
struct Index {
    std::size_t level = 0, cell = 0;
};
Index indexOf(Micros v)
{
    if (v < kExact)
        return {0, static_cast<std::size_t>(v)};
    const int e = 63 - std::countl_zero(static_cast<std::uint64_t>(v)); // >= 12
    const int level = e - kSubBits;
    return {static_cast<std::size_t>(level),
            static_cast<std::size_t>((v >> level) - (Micros(1) << kSubBits))};
}
constexpr std::size_t cellsOf(std::size_t level)
{
    return level == 0 ? std::size_t(kExact) : std::size_t(1) << kSubBits;
}

} // namespace

struct LatencyHistogram::Level {
    explicit Level(std::size_t n)
        : cells(n)
    {
    }
    std::vector<Cell> cells;
};

LatencyHistogram::LatencyHistogram() = default;
LatencyHistogram::~LatencyHistogram() = default;
LatencyHistogram::LatencyHistogram(LatencyHistogram &&) noexcept = default;
LatencyHistogram &LatencyHistogram::operator=(LatencyHistogram &&) noexcept = default;

LatencyHistogram::LatencyHistogram(const LatencyHistogram &other)
{
    *this = other;
}

LatencyHistogram &LatencyHistogram::operator=(const LatencyHistogram &other)
{
    if (this == &other)
        return *this;
    m_pending = other.m_pending;
    m_levels.clear();
    for (const auto &level : other.m_levels)
        m_levels.push_back(level ? std::make_unique<Level>(*level) : nullptr);
    m_count = other.m_count;
    m_min = other.m_min;
    m_max = other.m_max;
    m_sum = other.m_sum;
    return *this;
}

void LatencyHistogram::record(Micros value)
{
    value = std::max<Micros>(value, 0);
    if (m_count == 0 || value < m_min)
        m_min = value;
    if (m_count == 0 || value > m_max)
        m_max = value;
    ++m_count;
    m_sum += static_cast<std::uint64_t>(value);
    m_pending.push_back(value);
    if (m_pending.size() >= kPendingMax)
        flush();
}

void LatencyHistogram::add(Micros value, std::uint64_t n, Micros min) const
{
    const Index at = indexOf(value);
    if (at.level >= m_levels.size())
        m_levels.resize(at.level + 1);
    auto &level = m_levels[at.level];
    if (!level)
        level = std::make_unique<Level>(cellsOf(at.level));
    Cell &cell = level->cells[at.cell];
    if (cell.count == 0 || min < cell.min)
        cell.min = min;
    cell.count += n;
}

void LatencyHistogram::flush() const
{
    for (Micros v : m_pending)
        add(v, 1, v);
    m_pending.clear();
}

void LatencyHistogram::merge(const LatencyHistogram &other)
{
    if (other.m_count == 0)
        return;
    if (m_count == 0 || other.m_min < m_min)
        m_min = other.m_min;
    if (m_count == 0 || other.m_max > m_max)
        m_max = other.m_max;
    m_count += other.m_count;
    m_sum += other.m_sum;
    for (std::size_t l = 0; l < other.m_levels.size(); ++l)
        if (other.m_levels[l])
            for (const Cell &c : other.m_levels[l]->cells)
                if (c.count > 0)
                    add(c.min, c.count, c.min);
    // A part's own pending values (a shard's, usually all of them) are recorded one by one.
    for (Micros v : other.m_pending) {
        m_pending.push_back(v);
        if (m_pending.size() >= kPendingMax)
            flush();
    }
}

double LatencyHistogram::mean() const
{
    if (m_count == 0)
        return 0;
    if (m_sum <= static_cast<Sum>(std::numeric_limits<Micros>::max()))
        return static_cast<double>(static_cast<Micros>(m_sum)) / static_cast<double>(m_count);
    return static_cast<double>(static_cast<long double>(m_sum) / static_cast<long double>(m_count));
}

std::vector<LatencyHistogram::Bucket> LatencyHistogram::buckets() const
{
    flush();
    std::vector<Bucket> out;
    for (const auto &level : m_levels)
        if (level)
            for (const Cell &c : level->cells)
                if (c.count > 0)
                    out.push_back({c.min, c.count});
    return out;
}

Micros LatencyHistogram::percentile(double p) const
{
    if (m_count == 0)
        return 0;
    const double rank = std::ceil(p / 100.0 * static_cast<double>(m_count));
    const auto wanted = static_cast<std::uint64_t>(std::clamp(rank, 1.0, double(m_count)));
    flush();
    std::uint64_t seen = 0;
    for (const auto &level : m_levels)
        if (level)
            for (const Cell &c : level->cells) {
                seen += c.count;
                if (c.count > 0 && seen >= wanted)
                    return c.min;
            }
    return m_max;
}

std::vector<Micros> LatencyHistogram::values() const
{
    std::vector<Micros> out;
    out.reserve(m_count);
    for (const Bucket &b : buckets())
        out.insert(out.end(), b.count, b.value);
    return out;
}

} // namespace tutti::engine
