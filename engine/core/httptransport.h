// The HTTP seam: the engine sends requests through this interface only. The real transport is
// libcurl (engine/net); the simulator plugs an in-process transport that answers from mocks.
#pragma once

#include <engine/core/duration.h>
#include <engine/core/json.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tutti::engine {

using Headers = std::vector<std::pair<std::string, std::string>>;

// Case-insensitive header lookup; nullptr when absent.
const std::string *findHeader(const Headers &headers, std::string_view name);

// An RFC 9110 token (letters, digits and !#$%&'*+-.^_`|~): what methods and header names are.
bool isHttpToken(std::string_view text);
// What makes `text` unsendable as a header value, a path or a query ("a line break (CR)", "a
// NUL byte", ...), or "" when nothing does: CR, LF and NUL would end a header or the request on
// the wire; other control characters (HTAB aside) are not allowed in a field value either.
std::string controlCharacterIn(std::string_view text, bool allowTab = true);
// `text` with control characters written as \r, \n, \xNN and cut to a readable length, to
// name an untrusted header or parameter in a message.
std::string printableName(std::string_view text);

struct HttpRequest {
    std::string method = "GET";
    std::string url; // absolute: http(s)://host[:port]/path?query, or mock://SERVICE/path?query
    Headers headers;
    std::string body;
    std::string service; // the flow's service name (empty for a step with a full `url`)
    Micros timeout = 0;  // 0: the transport's own bound (transports always bound their waits)
    std::size_t maxBody = 16u << 20; // larger responses fail with TransportError::TooLarge
    // Seed for anything random the far side draws (mock latency and faults): derived from the
    // run's seed, the step and the attempt, so draws do not depend on how runs interleave.
    std::uint64_t drawSeed = 0;
};

struct HttpResponse {
    int status = 0;
    Headers headers;
    std::string body;
    // Set by in-process transports whose far side already holds the body as JSON: the executor
    // uses it instead of parsing `body` (saves a serialize/parse round trip per simulated call).
    // `body` must still be filled when a trace may show it; malformed bodies never set this.
    std::optional<Json> json;
};

enum class TransportError {
    None,
    Connection, // refused, reset, DNS, TLS
    Timeout,    // the transport's own bound expired
    TooLarge,   // body over maxBody
    Cancelled,
};

struct TransportResult {
    TransportError error = TransportError::None;
    std::string errorMessage;
    HttpResponse response; // valid when error == None
};

using RequestId = std::uint64_t;

// Why `request` cannot be sent as built (SPEC §9), naming the part (method, header NAME, URL)
// and never its value, which may hold a secret; "" when it can be sent. The executor refuses
// such a request with the `validation` error; transports check again before anything is sent.
std::string requestProblem(const HttpRequest &request);

class HttpTransport {
public:
    virtual ~HttpTransport() = default;
    // Starts the request; `done` is called exactly once, later (never from inside send()),
    // unless the request is cancelled first, in which case it is never called.
    virtual RequestId send(HttpRequest request, std::function<void(TransportResult)> done) = 0;
    virtual void cancel(RequestId id) = 0;
};

} // namespace tutti::engine
