// The provider of real HTTP: a libcurl transport for every environment
// (engine/net/curltransport.h).
#pragma once

#include <engine/runtime/transportprovider.h>

namespace tutti::engine {

// Stateless, so one instance may serve every thread.
class CurlTransportProvider final : public TransportProvider {
public:
    std::expected<std::unique_ptr<HttpTransport>, Errors>
    transport(const TransportRequest &request) override;
};

} // namespace tutti::engine
