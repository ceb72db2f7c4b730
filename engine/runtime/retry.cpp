// Retry schedule, error-name matching and Retry-After parsing.
#include <engine/runtime/retry.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <ctime>

namespace tutti::engine {

Micros retryDelay(const RetryPolicy &policy, int retry, Rng &rng, std::optional<Micros> retryAfter)
{
    if (policy.respectRetryAfter && retryAfter)
        return std::max<Micros>(0, *retryAfter);
    const double raw = static_cast<double>(policy.interval) *
                       std::pow(std::max(1.0, policy.backoff), std::max(0, retry - 1));
    const double capped = std::min(raw, static_cast<double>(policy.maxDelay));
    Micros delay = static_cast<Micros>(std::llround(capped));
    if (policy.jitter == Jitter::Full)
        delay = static_cast<Micros>(std::llround(rng.uniform() * static_cast<double>(delay)));
    return delay;
}

bool errorMatches(std::string_view name, std::string_view pattern)
{
    if (name == "cancelled")
        return false;
    if (pattern == "any" || pattern == name)
        return true;
    // http.4xx / http.5xx classes
    if (pattern.size() == 8 && pattern.starts_with("http.") && pattern.ends_with("xx") &&
        name.size() == 8 && name.starts_with("http."))
        return name[5] == pattern[5];
    return false;
}

bool errorMatchesAny(std::string_view name, const std::vector<std::string> &patterns)
{
    return std::any_of(patterns.begin(), patterns.end(),
                       [&](const std::string &p) { return errorMatches(name, p); });
}

std::optional<Micros> parseRetryAfter(std::string_view value, Micros now)
{
    while (!value.empty() && value.front() == ' ')
        value.remove_prefix(1);
    long long seconds = 0;
    auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
    if (ec == std::errc() && ptr == value.data() + value.size())
        return seconds >= 0 ? std::optional<Micros>(seconds * kSecond) : std::nullopt;
    // IMF-fixdate: "Wed, 21 Oct 2015 07:28:00 GMT"
    std::tm tm{};
    const std::string text(value);
    if (!strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm))
        return std::nullopt;
    const Micros at = static_cast<Micros>(timegm(&tm)) * kSecond;
    return std::max<Micros>(0, at - now);
}

bool isKnownErrorPattern(std::string_view p)
{
    static const std::string_view names[] = {"timeout",    "connection",   "parse",     "script",
                                             "validation", "circuit_open", "cancelled", "any",
                                             "http.4xx",   "http.5xx"};
    for (auto n : names)
        if (p == n)
            return true;
    if (p.size() == 8 && p.starts_with("http.")) {
        int code = 0;
        auto [ptr, ec] = std::from_chars(p.data() + 5, p.data() + 8, code);
        return ec == std::errc() && ptr == p.data() + 8 && code >= 100 && code <= 599;
    }
    // fail steps may raise their own names (`error: out_of_stock`); those are caught by name.
    return !p.empty();
}

const RetryPolicy &compensationRetryPolicy()
{
    static const RetryPolicy policy = [] {
        RetryPolicy p;
        p.retries = 3;
        p.interval = 200 * kMillisecond;
        p.backoff = 2.0;
        p.maxDelay = 5 * kSecond;
        p.on = {"timeout", "connection", "http.5xx", "http.429"};
        return p;
    }();
    return policy;
}

} // namespace tutti::engine
