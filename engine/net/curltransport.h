// The real HTTP transport: libcurl's multi interface driven by the Qt event loop.
#pragma once

#include <engine/core/httptransport.h>

#include <memory>

namespace tutti::engine {

namespace internal {
struct CurlTransportState;
}

// One curl multi handle per transport, so connections are kept alive and reused across requests
// (and across runs sharing the transport). Sockets are watched with QSocketNotifier and curl's
// timeouts with one QTimer: no extra thread, no blocking call.
//
// Lives on, and must be used from, the thread that created it; that thread needs a running event
// loop. Only http:// and https:// URLs are accepted; proxies from the environment are ignored.
// Do not destroy the transport from inside a `done` callback; pending requests are dropped
// (their callbacks are never called) when it is destroyed.
class CurlTransport final : public HttpTransport {
public:
    // The bound used when a request's timeout is 0.
    static constexpr Micros kDefaultTimeout = 5 * 60 * kSecond;
    // Connecting never waits longer than this (or the request's timeout, when shorter).
    static constexpr Micros kConnectTimeout = 10 * kSecond;

    CurlTransport();
    ~CurlTransport() override;
    CurlTransport(const CurlTransport &) = delete;
    CurlTransport &operator=(const CurlTransport &) = delete;

    RequestId send(HttpRequest request, std::function<void(TransportResult)> done) override;
    void cancel(RequestId id) override;

    // Requests started and neither finished nor cancelled.
    std::size_t pendingRequests() const;

private:
    std::unique_ptr<internal::CurlTransportState> m_state;
};

} // namespace tutti::engine
