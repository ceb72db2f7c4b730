// One mock service at run time: its spec, mutable state, sequence counters, request counters and
// the latency/faults in effect after profiles. handle() decides a response without any I/O, so
// the in-process transport and the loopback server share it.
#pragma once

#include <mocks/mockspec.h>

#include <engine/core/httptransport.h>

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace tutti::mocks {

struct ProfileServiceOverlay;

// A request as the mock sees it; views into the caller's buffers (valid during handle()).
struct MockRequest {
    std::string_view method;
    std::string_view path;  // without the query
    std::string_view query; // raw, without '?', still percent-encoded
    const engine::Headers *headers = nullptr;
    std::string_view body;
};

// What the far side does: answer `response` after `latency`, unless `fault` says otherwise.
struct MockOutcome {
    engine::HttpResponse response;
    engine::Micros latency = 0;
    FaultKind fault = FaultKind::None; // Status and Malformed faults are already in `response`
    engine::Micros faultDuration = 0;  // slow_body: time to dribble the body, on top of latency
    int route = -1;                    // index of the matched route, -1 when none matched
};

class MockService {
public:
    explicit MockService(std::shared_ptr<const MockSpec> spec);

    const std::string &name() const { return m_spec->service; }
    const MockSpec &spec() const { return *m_spec; }

    // Draw order from `rng` (documented in docs/mocks.md, fixed so results are reproducible):
    // 1. latency (none for fixed, one uniform for uniform, two for normal/lognormal);
    // 2. one uniform u when the route has faults: the fault i with
    //    sum(rate[0..i-1]) <= u < sum(rate[0..i]) is injected;
    // 3. uuid() calls in the response and set_state templates, in evaluation order.
    // Faults of kind status, hang, reset and malformed stop the request before the route's
    // handler: state and the sequence counter are untouched. slow_body answers normally.
    MockOutcome handle(const MockRequest &request, engine::Rng &rng, engine::Micros now);

    // Back to the initial state; sequence and request counters to zero. Profiles stay applied.
    void reset();
    const engine::Json &state() const { return m_state; }

    std::uint64_t requestCount() const { return m_received; }
    std::uint64_t unmatchedCount() const { return m_unmatched; }
    std::uint64_t routeRequestCount(std::size_t route) const { return m_routes.at(route).received; }

    // Profiles: latency and faults in effect per route. applyOverlay() fails (with the profile's
    // location) when a route overlay names no route of this service.
    engine::Result<void> applyOverlay(const ProfileServiceOverlay &overlay);
    void clearOverlays();
    const std::optional<Latency> &routeLatency(std::size_t route) const
    {
        return m_routes.at(route).latency;
    }
    const std::vector<Fault> &routeFaults(std::size_t route) const
    {
        return m_routes.at(route).faults;
    }

private:
    struct RouteState {
        std::optional<Latency> latency;
        std::vector<Fault> faults;
        std::uint64_t received = 0;
        std::uint64_t calls = 0; // requests that reached the handler (sequence position)
    };

    MockOutcome decide(const MockRequest &request, engine::Rng &rng, engine::Micros now);
    engine::HttpResponse notFound(const MockRequest &request) const;
    void resetEffective();

    std::shared_ptr<const MockSpec> m_spec;
    engine::Json m_state;
    std::vector<RouteState> m_routes;
    std::optional<Latency> m_defaultLatency; // for unmatched requests
    std::uint64_t m_received = 0;
    std::uint64_t m_unmatched = 0;
};

} // namespace tutti::mocks
