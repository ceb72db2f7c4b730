// Token buckets (see ratelimiter.h).
#include "ratelimiter.h"

#include <algorithm>
#include <cmath>

namespace tutti::server {

RateLimiter::RateLimiter(double rate, double burst, std::size_t keys)
    : m_rate(rate)
    , m_burst(burst > 0 ? burst : std::max(1.0, 2 * rate))
    , m_buckets(std::max<std::size_t>(keys, 1), Bucket{m_burst, -1})
{
}

bool RateLimiter::allow(std::size_t key, engine::Micros now, int &retryAfterSeconds)
{
    if (m_rate <= 0)
        return true;
    std::lock_guard lock(m_mutex);
    Bucket &b = m_buckets[std::min(key, m_buckets.size() - 1)];
    if (b.last >= 0 && now > b.last)
        b.tokens = std::min(m_burst, b.tokens + double(now - b.last) / 1e6 * m_rate);
    b.last = now;
    if (b.tokens >= 1.0) {
        b.tokens -= 1.0;
        return true;
    }
    retryAfterSeconds = std::max(1, static_cast<int>(std::ceil((1.0 - b.tokens) / m_rate)));
    return false;
}

} // namespace tutti::server
