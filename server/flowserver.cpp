// `tutti serve`'s server: routes, workers, drain (see flowserver.h).
#include "flowserver.h"

#include "listensocket.h"
#include "serveshared.h"
#include "serveworker.h"

#include <engine/model/flowparser.h>

#include <QTimer>

#include <chrono>
#include <unistd.h>

namespace tutti::server {

using namespace tutti::engine;

FlowServer::FlowServer(std::vector<RunPlan> flows, ServeOptions options, ApiKeys keys,
                       TransportFactory transports, TraceSink *traceSink)
    : m_shared(std::make_unique<internal::ServeShared>())
{
    m_shared->flows = std::move(flows);
    m_shared->options = std::move(options);
    m_shared->keys = std::move(keys);
    m_shared->transports = std::move(transports);
    m_shared->traceSink = traceSink;
}

FlowServer::~FlowServer()
{
    m_workers.clear(); // quits and joins every thread before the shared state goes
}

std::uint16_t FlowServer::port() const
{
    return m_port;
}

const std::vector<std::string> &FlowServer::routes() const
{
    return m_routeLines;
}

ServeMetrics &FlowServer::metrics()
{
    return m_shared->metrics;
}

Result<void> FlowServer::start()
{
    internal::ServeShared &s = *m_shared;
    auto addRoute = [&](const std::string &method, const std::string &path, std::size_t flow,
                        bool queryInput) -> Result<void> {
        const std::size_t id = s.routeInfo.size();
        if (auto added = s.router.add(method, path, id, s.flows[flow].flow()->name); !added)
            return added;
        s.routeInfo.push_back({flow, s.metrics.addRoute(method + " " + path), queryInput});
        m_routeLines.push_back(method + " " + path + "  flow " + s.flows[flow].flow()->name);
        return {};
    };
    for (std::size_t i = 0; i < s.flows.size(); ++i) {
        const Flow &flow = *s.flows[i].flow();
        for (std::size_t j = 0; j < i; ++j)
            if (s.flows[j].flow()->name == flow.name)
                return fail(ErrorCode::Validation,
                            "two flows are named '" + flow.name + "'; names must be unique");
        std::vector<std::string> steps;
        for (const Step *step : allSteps(flow))
            steps.push_back(step->id);
        s.metrics.addFlow(flow.name, steps);
        if (auto r = addRoute("POST", "/flows/" + flow.name, i, false); !r)
            return r;
        if (flow.triggerPath) {
            const std::string method = flow.triggerMethod.value_or("POST");
            const std::string &path = *flow.triggerPath;
            if (path == "/healthz" || path == "/readyz" || path == "/metrics")
                return fail(ErrorCode::Validation, "flow '" + flow.name + "': trigger path " +
                                                       path + " is reserved by the server");
            if (!(method == "POST" && path == "/flows/" + flow.name))
                if (auto r = addRoute(method, path, i, method == "GET" || method == "HEAD"); !r)
                    return r;
        }
    }
    s.healthRoute = s.metrics.addRoute("/healthz");
    s.readyRoute = s.metrics.addRoute("/readyz");
    s.metricsRoute = s.metrics.addRoute("/metrics");
    s.otherRoute = s.metrics.addRoute("other");
    s.metrics.freeze();
    if (s.options.limits.rateLimit > 0)
        s.limiter.emplace(s.options.limits.rateLimit, s.options.limits.rateBurst,
                          s.keys.size() + 1);

    const int workers = std::max(1, s.options.workers);
    std::vector<int> fds;
    std::uint16_t port = static_cast<std::uint16_t>(s.options.port);
    for (int i = 0; i < workers; ++i) {
        auto socket = openListenSocket(s.options.bind, port, workers > 1);
        if (!socket) {
            for (int fd : fds)
                ::close(fd);
            return std::unexpected(socket.error());
        }
        port = socket->port; // the others join the first one's (maybe ephemeral) port
        fds.push_back(socket->fd);
    }
    m_port = port;
    for (int i = 0; i < workers; ++i) {
        auto worker = std::make_unique<internal::ServeWorker>(s, i, fds[i]);
        worker->start();
        const bool ok = worker->waitStarted();
        const std::string error = worker->error();
        m_workers.push_back(std::move(worker));
        if (!ok) {
            for (int j = i + 1; j < workers; ++j)
                ::close(fds[j]);
            return fail(ErrorCode::Io, "worker " + std::to_string(i) + ": " + error);
        }
    }
    return {};
}

void FlowServer::drain(std::function<void(int)> done)
{
    m_shared->draining.store(true);
    for (auto &w : m_workers)
        w->stopAccepting();
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    const auto timeout = std::chrono::microseconds(m_shared->options.drainTimeout);
    auto cancelled = std::make_shared<std::atomic<int>>(0);
    auto cancelSent = std::make_shared<bool>(false);
    auto stopping = std::make_shared<bool>(false);
    auto *poll = new QTimer();
    QObject::connect(poll, &QTimer::timeout, poll, [=, this] {
        int active = 0;
        for (auto &w : m_workers)
            active += w->activeRuns();
        const auto elapsed = Clock::now() - start;
        if (active > 0 && elapsed > timeout && !*cancelSent) {
            // Past the grace period: cancel what is left (it compensates) and answer 503.
            *cancelSent = true;
            for (auto &w : m_workers)
                w->cancelRuns([cancelled](int n) { cancelled->fetch_add(n); });
        }
        // Cancelled runs still get a bounded moment to compensate.
        if (active > 0 && elapsed < timeout + std::chrono::seconds(10))
            return;
        if (*stopping)
            return;
        *stopping = true;
        poll->stop();
        for (auto &w : m_workers)
            w->shutdown();
        for (auto &w : m_workers)
            w->wait();
        poll->deleteLater();
        done(cancelled->load());
    });
    poll->start(5);
}

} // namespace tutti::server
