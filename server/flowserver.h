// `tutti serve`'s server: each flow at POST /flows/NAME and its trigger route, /healthz,
// /readyz, /metrics; N worker threads, each with its own event loop, listening socket (same
// port) and engine objects; auth, limits, metrics, access log and a draining stop (docs/serve.md).
#pragma once

#include <server/apikeys.h>
#include <server/servemetrics.h>
#include <server/serveoptions.h>

#include <engine/core/clock.h>
#include <engine/core/httptransport.h>
#include <engine/core/trace.h>
#include <engine/model/flow.h>
#include <engine/runtime/executor.h>
#include <engine/session/runplan.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace tutti::server {

// Called on each worker's thread, once per flow: the transport that worker's runs of `plan` use
// (its own curl multi handle, or its own in-process mocks). Null: the worker fails.
using TransportFactory = std::function<std::unique_ptr<engine::HttpTransport>(
    const engine::RunPlan &plan, engine::Clock &)>;

namespace internal {
struct ServeShared;
class ServeWorker;
} // namespace internal

class FlowServer {
public:
    // `traceSink` (optional) must be thread-safe: every worker reports to it (the TraceStore is).
    // `flows` are read-only from then on, shared by every worker.
    FlowServer(std::vector<engine::RunPlan> flows, ServeOptions options, ApiKeys keys,
               TransportFactory transports, engine::TraceSink *traceSink);
    ~FlowServer();
    FlowServer(const FlowServer &) = delete;
    FlowServer &operator=(const FlowServer &) = delete;

    // Builds the routes (two flows on one route is an error), binds and starts the workers.
    engine::Result<void> start();
    std::uint16_t port() const;
    // "METHOD PATH  flow NAME" for each route, for the start-up banner.
    const std::vector<std::string> &routes() const;

    // Stops accepting, answers new requests on open connections with 503, lets in-flight runs
    // finish, cancels those still running after the drain timeout (they compensate), then stops
    // the workers and calls `done(cancelledRuns)` on the calling thread's event loop.
    void drain(std::function<void(int cancelledRuns)> done);

    ServeMetrics &metrics();

private:
    std::unique_ptr<internal::ServeShared> m_shared;
    std::vector<std::unique_ptr<internal::ServeWorker>> m_workers;
    std::vector<std::string> m_routeLines;
    std::uint16_t m_port = 0;
};

} // namespace tutti::server
