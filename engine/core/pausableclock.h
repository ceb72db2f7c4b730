// A clock whose timers can be held: while it is suspended none of them fires, and on resume each
// fires as long after as it still had to wait. A debugged run's timers go through one (the
// executor wraps its clock when a debugger is attached), so a run paused at a breakpoint keeps its
// step, request and flow timeouts, backoffs and waits as they were, while other runs on the same
// clock, and the event loop, go on.
#pragma once

#include <engine/core/clock.h>

#include <functional>
#include <map>

namespace tutti::engine {

class PausableClock final : public Clock {
public:
    explicit PausableClock(Clock &base)
        : m_base(base)
    {
    }
    ~PausableClock() override;
    PausableClock(const PausableClock &) = delete;
    PausableClock &operator=(const PausableClock &) = delete;

    // The underlying clock's time: a pause is real time that passes (spans show it).
    Micros now() const override { return m_base.now(); }
    TimerId schedule(Micros delay, std::function<void()> fn) override;
    void cancel(TimerId id) override;
    bool isVirtual() const override { return m_base.isVirtual(); }

    // Holds every pending timer (and those scheduled meanwhile) until resume(); nested calls
    // are not counted.
    void suspend();
    void resume();
    bool isSuspended() const { return m_suspended; }
    Clock &base() const { return m_base; }
    std::size_t pendingTimers() const { return m_timers.size(); }

private:
    struct Timer {
        Micros left = 0;       // while suspended: how long it still has to wait
        Micros due = 0;        // while running: when it fires, on the base clock
        TimerId baseTimer = 0; // 0 while suspended
        std::function<void()> fn;
    };
    void arm(TimerId id, Timer &timer);
    void fire(TimerId id);

    Clock &m_base;
    // Ordered by id, so timers due at the same instant fire in the order they were scheduled, as
    // on the base clock, also after a resume re-arms them.
    std::map<TimerId, Timer> m_timers;
    TimerId m_nextId = 1;
    bool m_suspended = false;
};

} // namespace tutti::engine
