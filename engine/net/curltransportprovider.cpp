// Real HTTP for a run (curltransportprovider.h).
#include <engine/net/curltransportprovider.h>

#include <engine/net/curltransport.h>

namespace tutti::engine {

std::expected<std::unique_ptr<HttpTransport>, Errors>
CurlTransportProvider::transport(const TransportRequest &)
{
    return std::make_unique<CurlTransport>();
}

} // namespace tutti::engine
