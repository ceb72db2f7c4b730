// In-process delivery of mock responses through the clock (inprocesstransport.h).
#include <mocks/inprocesstransport.h>

namespace tutti::mocks {

using engine::Micros;
using engine::TransportError;
using engine::TransportResult;

InProcessTransport::InProcessTransport(MockRegistry &registry, engine::Clock &clock)
    : m_registry(registry)
    , m_clock(clock)
{
}

InProcessTransport::~InProcessTransport()
{
    for (const auto &[id, timer] : m_pending)
        m_clock.cancel(timer);
}

void InProcessTransport::deliver(engine::RequestId id, Micros delay, TransportResult result,
                                 std::function<void(TransportResult)> done)
{
    const engine::TimerId timer = m_clock.schedule(
        delay, [this, id, result = std::move(result), done = std::move(done)]() mutable {
            m_pending.erase(id);
            done(std::move(result));
        });
    m_pending.emplace(id, timer);
}

engine::RequestId InProcessTransport::send(engine::HttpRequest request,
                                           std::function<void(TransportResult)> done)
{
    const engine::RequestId id = m_nextId++;
    TransportResult result;
    const Micros bound = request.timeout > 0 ? request.timeout : kDefaultHangBound;

    std::string_view url = request.url;
    constexpr std::string_view scheme = "mock://";
    if (!url.starts_with(scheme)) {
        result.error = TransportError::Connection;
        result.errorMessage =
            "the in-process transport only reaches mock:// URLs, not " + request.url;
        deliver(id, 0, std::move(result), std::move(done));
        return id;
    }
    url.remove_prefix(scheme.size());
    const std::size_t slash = std::min(url.find_first_of("/?"), url.size());
    const std::string_view serviceName = url.substr(0, slash);
    std::string_view rest = url.substr(slash);
    const std::size_t q = rest.find('?');
    MockRequest mreq;
    mreq.method = request.method;
    mreq.path = rest.substr(0, q);
    if (mreq.path.empty())
        mreq.path = "/";
    mreq.query = q == std::string_view::npos ? std::string_view() : rest.substr(q + 1);
    mreq.headers = &request.headers;
    mreq.body = request.body;

    MockService *service = m_registry.service(serviceName);
    if (!service) {
        result.error = TransportError::Connection;
        result.errorMessage = "no mock for service '" + std::string(serviceName) + "'";
        deliver(id, 0, std::move(result), std::move(done));
        return id;
    }

    engine::Rng rng(request.drawSeed);
    MockOutcome outcome = service->handle(mreq, rng, m_clock.now());
    Micros delay = outcome.latency;
    switch (outcome.fault) {
    case FaultKind::Hang:
        result.error = TransportError::Timeout;
        result.errorMessage = "timed out: the mock accepted the request and never answered";
        deliver(id, bound, std::move(result), std::move(done));
        return id;
    case FaultKind::Reset:
        result.error = TransportError::Connection;
        result.errorMessage = "connection reset by peer";
        break;
    case FaultKind::SlowBody:
        delay += outcome.faultDuration;
        break;
    default:
        break;
    }
    if (delay > bound) {
        result = TransportResult{};
        result.error = TransportError::Timeout;
        result.errorMessage = "timed out after " + engine::formatDuration(bound);
        deliver(id, bound, std::move(result), std::move(done));
        return id;
    }
    if (result.error == TransportError::None) {
        if (outcome.response.body.size() > request.maxBody) {
            result.error = TransportError::TooLarge;
            result.errorMessage =
                "response body over " + std::to_string(request.maxBody) + " bytes";
        } else {
            result.response = std::move(outcome.response);
        }
    }
    deliver(id, delay, std::move(result), std::move(done));
    return id;
}

void InProcessTransport::cancel(engine::RequestId id)
{
    auto it = m_pending.find(id);
    if (it == m_pending.end())
        return;
    m_clock.cancel(it->second);
    m_pending.erase(it);
}

} // namespace tutti::mocks
