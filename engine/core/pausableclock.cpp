// PausableClock: timers kept here, armed on the base clock only while not suspended.
#include <engine/core/pausableclock.h>

#include <algorithm>
#include <utility>

namespace tutti::engine {

PausableClock::~PausableClock()
{
    for (auto &[id, timer] : m_timers)
        if (timer.baseTimer)
            m_base.cancel(timer.baseTimer);
}

TimerId PausableClock::schedule(Micros delay, std::function<void()> fn)
{
    const TimerId id = m_nextId++;
    Timer &timer = m_timers[id];
    timer.left = std::max<Micros>(0, delay);
    timer.fn = std::move(fn);
    if (!m_suspended)
        arm(id, timer);
    return id;
}

void PausableClock::cancel(TimerId id)
{
    auto it = m_timers.find(id);
    if (it == m_timers.end())
        return;
    if (it->second.baseTimer)
        m_base.cancel(it->second.baseTimer);
    m_timers.erase(it);
}

void PausableClock::suspend()
{
    if (m_suspended)
        return;
    m_suspended = true;
    const Micros now = m_base.now();
    for (auto &[id, timer] : m_timers) {
        if (!timer.baseTimer)
            continue;
        m_base.cancel(timer.baseTimer);
        timer.baseTimer = 0;
        timer.left = std::max<Micros>(0, timer.due - now);
    }
}

void PausableClock::resume()
{
    if (!m_suspended)
        return;
    m_suspended = false;
    for (auto &[id, timer] : m_timers)
        if (!timer.baseTimer)
            arm(id, timer);
}

void PausableClock::arm(TimerId id, Timer &timer)
{
    timer.due = m_base.now() + timer.left;
    timer.baseTimer = m_base.schedule(timer.left, [this, id] { fire(id); });
}

void PausableClock::fire(TimerId id)
{
    auto it = m_timers.find(id);
    if (it == m_timers.end())
        return;
    auto fn = std::move(it->second.fn);
    m_timers.erase(it);
    fn();
}

} // namespace tutti::engine
