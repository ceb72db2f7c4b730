// Closed → open after N failures in a window; open → half-open after open_for; one trial decides.
#include <engine/runtime/circuitbreaker.h>

namespace tutti::engine {

bool CircuitBreakers::allow(const std::string &service, const CircuitBreakerSpec &spec, Micros now)
{
    Breaker &b = m_breakers[service];
    (void)spec;
    switch (b.state) {
    case State::Closed:
        return true;
    case State::Open:
        if (now < b.openUntil)
            return false;
        b.state = State::HalfOpen;
        b.trialInFlight = true;
        return true;
    case State::HalfOpen:
        if (b.trialInFlight)
            return false;
        b.trialInFlight = true;
        return true;
    }
    return true;
}

void CircuitBreakers::record(const std::string &service, const CircuitBreakerSpec &spec,
                             bool failure, Micros now)
{
    Breaker &b = m_breakers[service];
    if (b.state == State::HalfOpen) {
        b.trialInFlight = false;
        b.failures.clear();
        if (failure) {
            b.state = State::Open;
            b.openUntil = now + spec.openFor;
        } else {
            b.state = State::Closed;
        }
        return;
    }
    if (!failure || b.state == State::Open)
        return;
    b.failures.push_back(now);
    while (!b.failures.empty() && b.failures.front() <= now - spec.window)
        b.failures.pop_front();
    if (static_cast<int>(b.failures.size()) >= spec.failures) {
        b.state = State::Open;
        b.openUntil = now + spec.openFor;
        b.failures.clear();
    }
}

CircuitBreakers::State CircuitBreakers::state(const std::string &service) const
{
    auto it = m_breakers.find(service);
    return it == m_breakers.end() ? State::Closed : it->second.state;
}

} // namespace tutti::engine
