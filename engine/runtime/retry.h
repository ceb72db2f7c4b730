// Retry and error-name rules of SPEC §3, kept apart from the executor so the math is testable.
#pragma once

#include <engine/core/duration.h>
#include <engine/core/random.h>
#include <engine/model/flow.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tutti::engine {

// Delay before retry number `retry` (1-based): min(interval × backoff^(retry−1), max_delay),
// then jitter (full: uniform in [0, delay]). With respect_retry_after and a Retry-After from the
// server, that value is used instead (no jitter): the server knows better than the schedule.
Micros retryDelay(const RetryPolicy &policy, int retry, Rng &rng,
                  std::optional<Micros> retryAfter = std::nullopt);

// Does error `name` ("http.503", "timeout", …) match `pattern` ("http.5xx", "http.503", "any")?
// "any" matches every error except "cancelled", which is never caught or retried.
bool errorMatches(std::string_view name, std::string_view pattern);
bool errorMatchesAny(std::string_view name, const std::vector<std::string> &patterns);

// Retry-After: delta-seconds or an HTTP-date (relative to `now`, µs since the epoch).
std::optional<Micros> parseRetryAfter(std::string_view value, Micros now);

// Every error name the engine produces or accepts in `on:` lists (for validation and completion).
bool isKnownErrorPattern(std::string_view pattern);

// How each compensation request is retried (SPEC §3: "each with retries (default 3, backoff)");
// the executor and the exports read this one policy.
const RetryPolicy &compensationRetryPolicy();

} // namespace tutti::engine
