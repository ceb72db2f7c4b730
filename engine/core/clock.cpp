// The virtual clock: a timer queue that jumps time forward instead of waiting.
#include <engine/core/clock.h>

namespace tutti::engine {

TimerId VirtualClock::schedule(Micros delay, std::function<void()> fn)
{
    const TimerId id = m_nextId++;
    const Micros due = m_now + (delay > 0 ? delay : 0);
    m_timers.emplace(std::make_pair(due, id), std::move(fn));
    m_dueById.emplace(id, due);
    return id;
}

void VirtualClock::cancel(TimerId id)
{
    auto it = m_dueById.find(id);
    if (it == m_dueById.end())
        return;
    m_timers.erase(std::make_pair(it->second, id));
    m_dueById.erase(it);
}

bool VirtualClock::runNext()
{
    if (m_timers.empty())
        return false;
    auto node = m_timers.extract(m_timers.begin());
    m_dueById.erase(node.key().second);
    if (node.key().first > m_now)
        m_now = node.key().first;
    node.mapped()();
    return true;
}

std::uint64_t VirtualClock::runUntilIdle(std::uint64_t limit)
{
    std::uint64_t fired = 0;
    while (fired < limit && runNext())
        ++fired;
    return fired;
}

void VirtualClock::advanceTo(Micros deadline)
{
    while (!m_timers.empty() && m_timers.begin()->first.first <= deadline)
        runNext();
    if (deadline > m_now)
        m_now = deadline;
}

} // namespace tutti::engine
