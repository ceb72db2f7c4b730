// The simulator's HTTP transport: mock://SERVICE/path?query requests are answered by a
// MockRegistry in-process, delivered through a Clock after the drawn latency (virtual time in
// simulations, real timers otherwise). No sockets, no threads.
#pragma once

#include <mocks/mockregistry.h>

#include <engine/core/clock.h>
#include <engine/core/httptransport.h>

#include <unordered_map>

namespace tutti::mocks {

class InProcessTransport final : public engine::HttpTransport {
public:
    // Bound for a hanging request whose timeout is 0 (transports always bound their waits).
    static constexpr engine::Micros kDefaultHangBound = 5 * 60 * engine::kSecond;

    // Both must outlive the transport.
    InProcessTransport(MockRegistry &registry, engine::Clock &clock);
    ~InProcessTransport() override;

    // The mock decides at send time (state and counters change then); the result is delivered by
    // a clock timer after the latency: hang -> Timeout at request.timeout, reset -> Connection,
    // slow_body -> latency + duration. A latency beyond request.timeout is a Timeout at the
    // timeout. An unknown service or a non-mock URL is a Connection error (like DNS failure).
    engine::RequestId send(engine::HttpRequest request,
                           std::function<void(engine::TransportResult)> done) override;
    void cancel(engine::RequestId id) override;

    std::size_t pendingCount() const { return m_pending.size(); }

private:
    void deliver(engine::RequestId id, engine::Micros delay, engine::TransportResult result,
                 std::function<void(engine::TransportResult)> done);

    MockRegistry &m_registry;
    engine::Clock &m_clock;
    std::unordered_map<engine::RequestId, engine::TimerId> m_pending;
    engine::RequestId m_nextId = 1;
};

} // namespace tutti::mocks
