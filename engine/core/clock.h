// The clock seam: every wait in the engine (latency, backoff, timeout, wait steps) goes through it,
// so the same engine code runs on wall time or on a simulated clock.
#pragma once

#include <engine/core/duration.h>

#include <cstdint>
#include <functional>
#include <map>
#include <utility>

namespace tutti::engine {

using TimerId = std::uint64_t;

class Clock {
public:
    virtual ~Clock() = default;
    // Microseconds since the Unix epoch (virtual clocks start at a fixed instant).
    virtual Micros now() const = 0;
    // Calls `fn` once, `delay` from now (delay <= 0: as soon as possible, after current work).
    virtual TimerId schedule(Micros delay, std::function<void()> fn) = 0;
    // Cancelling an unknown or already-fired timer is a no-op.
    virtual void cancel(TimerId id) = 0;
    virtual bool isVirtual() const = 0;
};

// Simulated time. Nothing happens until the owner drives it; timers due at the same instant fire
// in the order they were scheduled, so a run is reproducible whatever the machine does.
class VirtualClock final : public Clock {
public:
    // 2026-01-01T00:00:00Z, so now() in simulations is a plausible, fixed date.
    static constexpr Micros kDefaultStart = 1767225600LL * 1000000LL;

    explicit VirtualClock(Micros start = kDefaultStart)
        : m_now(start)
    {
    }

    Micros now() const override { return m_now; }
    TimerId schedule(Micros delay, std::function<void()> fn) override;
    void cancel(TimerId id) override;
    bool isVirtual() const override { return true; }

    // Advances to the earliest timer and fires it; false when no timer is pending.
    bool runNext();
    // Fires timers until none is pending (or `limit` timers fired); returns how many fired.
    std::uint64_t runUntilIdle(std::uint64_t limit = UINT64_MAX);
    // Fires every timer due up to `deadline`, then sets now() to it.
    void advanceTo(Micros deadline);
    std::size_t pendingTimers() const { return m_timers.size(); }

private:
    // Ordered by (due time, sequence): the sequence doubles as the timer id.
    std::map<std::pair<Micros, TimerId>, std::function<void()>> m_timers;
    std::map<TimerId, Micros> m_dueById;
    Micros m_now;
    TimerId m_nextId = 1;
};

} // namespace tutti::engine
