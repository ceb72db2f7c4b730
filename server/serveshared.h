// What every worker of one FlowServer reads: the flows, options, keys, routes and the metrics
// aggregate (atomics), the rate limiter (one mutex) and the draining flag. Internal.
#pragma once

#include <server/apikeys.h>
#include <server/flowserver.h>
#include <server/ratelimiter.h>
#include <server/router.h>
#include <server/servemetrics.h>

#include <atomic>
#include <optional>

namespace tutti::server::internal {

struct RouteInfo {
    std::size_t flow;        // index into flows
    std::size_t metricRoute; // label index in metrics
    bool queryInput;         // GET trigger: input from the query string
};

struct ServeShared {
    std::vector<engine::RunPlan> flows;
    ServeOptions options;
    ApiKeys keys;
    TransportFactory transports;
    engine::TraceSink *traceSink = nullptr;
    Router router; // Match::flow is an index into routeInfo
    std::vector<RouteInfo> routeInfo;
    ServeMetrics metrics;
    std::optional<RateLimiter> limiter;
    std::size_t healthRoute = 0, readyRoute = 0, metricsRoute = 0, otherRoute = 0;
    std::atomic<bool> draining{false};
};

} // namespace tutti::server::internal
