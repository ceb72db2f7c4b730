// The wall clock on the Qt event loop: what the engine waits on outside simulations.
#pragma once

#include <engine/core/clock.h>

#include <chrono>
#include <functional>
#include <memory>
#include <queue>
#include <unordered_map>
#include <vector>

class QTimer;

namespace tutti::engine {

// Timers live in one min-heap driven by a single precise QTimer, so thousands of pending timers
// cost one event-loop timer. Lives on (and must be used from) the thread that created it, which
// needs a running event loop for timers to fire.
class RealClock final : public Clock {
public:
    RealClock();
    ~RealClock() override;
    RealClock(const RealClock &) = delete;
    RealClock &operator=(const RealClock &) = delete;

    // Wall time read once at construction plus a monotonic offset: never goes backwards, even
    // when the system clock is adjusted while a run is in progress.
    Micros now() const override;
    TimerId schedule(Micros delay, std::function<void()> fn) override;
    void cancel(TimerId id) override;
    bool isVirtual() const override { return false; }

    std::size_t pendingTimers() const { return m_callbacks.size(); }

private:
    struct Entry {
        Micros due;
        TimerId id;
        // std::priority_queue is a max-heap: "greater" puts the earliest (due, id) on top.
        bool operator>(const Entry &other) const
        {
            return due != other.due ? due > other.due : id > other.id;
        }
    };

    void fire();
    void arm();

    Micros m_epochAtStart;
    std::chrono::steady_clock::time_point m_steadyAtStart;
    // Cancelled timers stay in the heap until they reach the top; m_callbacks is the truth.
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> m_heap;
    std::unordered_map<TimerId, std::function<void()>> m_callbacks;
    std::unique_ptr<QTimer> m_timer;
    Micros m_armedFor = -1; // due time the QTimer is currently armed for, -1 when idle
    TimerId m_nextId = 1;
};

} // namespace tutti::engine
