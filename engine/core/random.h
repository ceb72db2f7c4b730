// Seeded, platform-independent randomness: the same seed gives the same draws on any machine
// (std::*_distribution is implementation-defined, so the distributions are written here).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tutti::engine {

// Mixes values into a new seed (splitmix64 finaliser); used to derive per-run and per-attempt
// seeds.
std::uint64_t mixSeed(std::uint64_t a, std::uint64_t b);
std::uint64_t hashString(std::string_view text);

class Rng {
public:
    explicit Rng(std::uint64_t seed = 0x9E3779B97F4A7C15ull);
    std::uint64_t next(); // xoshiro256**
    double uniform();     // [0, 1)
    double uniform(double lo, double hi);
    double normal(double mean, double stddev); // Box–Muller, no cached second value
    bool chance(double probability);
    std::string uuid(); // RFC 4122 version 4 layout from this stream

private:
    std::uint64_t m_state[4];
};

} // namespace tutti::engine
