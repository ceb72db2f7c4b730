// The transport seam one level up: who gives a run its HttpTransport. The engine asks through this
// interface only; the libcurl provider lives in engine/net, the mock provider in mocks/, and the
// app (or a test) picks one — the engine never learns how a service's mock is found.
#pragma once

#include <engine/core/clock.h>
#include <engine/core/httptransport.h>
#include <engine/core/result.h>
#include <engine/model/flow.h>
#include <engine/runtime/executor.h>

#include <expected>
#include <memory>
#include <string>
#include <vector>

namespace tutti::engine {

// What a provider may look at to build a transport. The references live as long as the call.
struct TransportRequest {
    // The flow, then every sub-flow it calls (transitively, each once): their services.
    const std::vector<std::shared_ptr<const Flow>> &flows;
    const RunEnvironment &environment;
    // Profile files the request named (overlays on mocks; a provider without mocks ignores them).
    const std::vector<std::string> &profiles;
    Clock &clock; // what the transport waits on (mock latencies, timeouts)
};

class TransportProvider {
public:
    virtual ~TransportProvider() = default;

    // A transport for runs of `request.flows.front()` in `request.environment`, owning whatever
    // it needs. It is used on the calling thread only, and must be destroyed before the clock.
    // Every problem at once, located (mock and profile files), when it cannot be built.
    // May be called from several threads at once (serve's workers).
    virtual std::expected<std::unique_ptr<HttpTransport>, Errors>
    transport(const TransportRequest &request) = 0;
};

} // namespace tutti::engine
