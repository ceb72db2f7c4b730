// Per-service circuit breakers (SPEC §3 `circuit: {failures, window, open_for}`), shared by all
// runs in a process so concurrent runs see each other's failures, as they would in production.
#pragma once

#include <engine/core/duration.h>
#include <engine/model/flow.h>

#include <deque>
#include <map>
#include <string>

namespace tutti::engine {

class CircuitBreakers {
public:
    enum class State { Closed, Open, HalfOpen };

    // May a request to `service` go out at `now`? An open circuit turns half-open after
    // open_for and lets one trial request through.
    bool allow(const std::string &service, const CircuitBreakerSpec &spec, Micros now);
    // Outcome of a request that was allowed. Failures are timeouts, connection errors and 5xx.
    void record(const std::string &service, const CircuitBreakerSpec &spec, bool failure,
                Micros now);
    State state(const std::string &service) const;

private:
    struct Breaker {
        State state = State::Closed;
        std::deque<Micros> failures; // within the window
        Micros openUntil = 0;
        bool trialInFlight = false;
    };
    std::map<std::string, Breaker> m_breakers;
};

} // namespace tutti::engine
