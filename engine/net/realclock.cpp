// RealClock: a min-heap of timers behind one precise QTimer.
#include <engine/net/realclock.h>

#include <QTimer>

#include <algorithm>

namespace tutti::engine {

RealClock::RealClock()
    : m_epochAtStart(std::chrono::duration_cast<std::chrono::microseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count())
    , m_steadyAtStart(std::chrono::steady_clock::now())
    , m_timer(std::make_unique<QTimer>())
{
    m_timer->setSingleShot(true);
    m_timer->setTimerType(Qt::PreciseTimer);
    QObject::connect(m_timer.get(), &QTimer::timeout, m_timer.get(), [this] { fire(); });
}

RealClock::~RealClock() = default;

Micros RealClock::now() const
{
    const auto elapsed = std::chrono::steady_clock::now() - m_steadyAtStart;
    return m_epochAtStart + std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count();
}

TimerId RealClock::schedule(Micros delay, std::function<void()> fn)
{
    const TimerId id = m_nextId++;
    m_heap.push(Entry{now() + std::max<Micros>(delay, 0), id});
    m_callbacks.emplace(id, std::move(fn));
    arm();
    return id;
}

void RealClock::cancel(TimerId id)
{
    // The heap entry is dropped lazily, and the QTimer stays armed: it fires once for nothing,
    // which is cheaper than rebuilding the heap on every cancel and than stopping and starting
    // the QTimer for every request (each HTTP request schedules its timeout and cancels it).
    m_callbacks.erase(id);
    if (m_callbacks.empty())
        m_heap = {};
}

void RealClock::fire()
{
    m_armedFor = -1;
    const Micros current = now();
    // Timers scheduled by the callbacks below (even with delay 0) wait for the next pass, so a
    // callback that reschedules itself cannot starve the event loop.
    const TimerId firstNew = m_nextId;
    while (!m_heap.empty() && m_heap.top().due <= current && m_heap.top().id < firstNew) {
        const TimerId id = m_heap.top().id;
        m_heap.pop();
        auto node = m_callbacks.extract(id);
        if (!node.empty())
            node.mapped()();
    }
    arm();
}

void RealClock::arm()
{
    while (!m_heap.empty() && !m_callbacks.contains(m_heap.top().id))
        m_heap.pop();
    if (m_heap.empty()) {
        m_timer->stop();
        m_armedFor = -1;
        return;
    }
    const Micros due = m_heap.top().due;
    if (m_armedFor >= 0 && m_armedFor <= due && m_timer->isActive())
        return; // already armed for this or an earlier instant
    // Round up: Qt timers have millisecond resolution and must never fire before the due time.
    const Micros wait = std::max<Micros>(due - now(), 0);
    m_timer->start(static_cast<int>(std::min<Micros>((wait + 999) / 1000, INT32_MAX)));
    m_armedFor = due;
}

} // namespace tutti::engine
