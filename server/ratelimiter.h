// Per-key token buckets for `tutti serve`'s rate limit (429). Shared by the workers, so a key's
// rate is the same whichever worker its connection lands on; one short mutex per request.
#pragma once

#include <engine/core/duration.h>

#include <mutex>
#include <vector>

namespace tutti::server {

class RateLimiter {
public:
    // `rate` tokens per second, buckets of `burst` tokens (full at start); `keys` buckets.
    RateLimiter(double rate, double burst, std::size_t keys);

    bool enabled() const { return m_rate > 0; }
    // Takes a token from bucket `key` at time `now` (monotonic microseconds). False: empty;
    // `retryAfterSeconds` says when the next token is due (rounded up, at least 1).
    bool allow(std::size_t key, engine::Micros now, int &retryAfterSeconds);

private:
    struct Bucket {
        double tokens;
        engine::Micros last;
    };
    double m_rate, m_burst;
    std::mutex m_mutex;
    std::vector<Bucket> m_buckets;
};

} // namespace tutti::server
