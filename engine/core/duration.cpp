// Duration spelling shared by flow files, mocks, profiles and the command line.
#include <engine/core/duration.h>

#include <charconv>
#include <cmath>

namespace tutti::engine {

std::optional<Micros> parseDuration(std::string_view text)
{
    while (!text.empty() && text.front() == ' ')
        text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ')
        text.remove_suffix(1);
    if (text.empty())
        return std::nullopt;
    std::size_t numberEnd = 0;
    while (numberEnd < text.size() &&
           ((text[numberEnd] >= '0' && text[numberEnd] <= '9') || text[numberEnd] == '.'))
        ++numberEnd;
    if (numberEnd == 0)
        return std::nullopt;
    double number = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + numberEnd, number);
    if (ec != std::errc() || ptr != text.data() + numberEnd)
        return std::nullopt;
    const std::string_view unit = text.substr(numberEnd);
    double scale = 0;
    if (unit.empty() || unit == "ms")
        scale = kMillisecond;
    else if (unit == "us" || unit == "µs")
        scale = 1;
    else if (unit == "s")
        scale = kSecond;
    else if (unit == "m")
        scale = 60.0 * kSecond;
    else if (unit == "h")
        scale = 3600.0 * kSecond;
    else if (unit == "d") // retention (`tutti trace prune --older-than 30d`)
        scale = 86400.0 * kSecond;
    else
        return std::nullopt;
    const double value = number * scale;
    if (!std::isfinite(value) || value > 9.0e15)
        return std::nullopt;
    return static_cast<Micros>(std::llround(value));
}

std::string formatDuration(Micros value)
{
    if (value != 0 && value % (3600 * kSecond) == 0)
        return std::to_string(value / (3600 * kSecond)) + "h";
    if (value != 0 && value % (60 * kSecond) == 0)
        return std::to_string(value / (60 * kSecond)) + "m";
    if (value != 0 && value % kSecond == 0)
        return std::to_string(value / kSecond) + "s";
    if (value % kMillisecond == 0)
        return std::to_string(value / kMillisecond) + "ms";
    return std::to_string(value) + "us";
}

} // namespace tutti::engine
