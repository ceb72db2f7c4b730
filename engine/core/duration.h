// Time in the engine: signed microseconds, on a real or a virtual clock.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tutti::engine {

using Micros = std::int64_t;

constexpr Micros kMillisecond = 1000;
constexpr Micros kSecond = 1000 * kMillisecond;

// Parses "250ms", "5s", "1.5s", "2m", "1h", "30d", "100us"; a bare number is milliseconds.
std::optional<Micros> parseDuration(std::string_view text);
// The shortest exact spelling: 1500000 -> "1500ms", 2000000 -> "2s".
std::string formatDuration(Micros value);

} // namespace tutti::engine
