// What `tutti serve` is told on its command line: where to listen, how many workers, and the
// limits that protect it from slow, big or too many requests.
#pragma once

#include <engine/core/duration.h>

#include <cstddef>
#include <string>

namespace tutti::server {

struct ServeLimits {
    std::size_t maxBody = 1024 * 1024;    // larger bodies: 413
    std::size_t maxHeadBytes = 16 * 1024; // request line + headers; larger: 431 (414)
    std::size_t maxHeaders = 100;         // more: 431
    int maxInflight = 256;                // runs in progress per process; more: 503 + Retry-After
    engine::Micros headerTimeout = 10 * engine::kSecond; // first byte to end of head: then 408
    engine::Micros bodyTimeout = 30 * engine::kSecond;   // end of head to end of body: then 408
    engine::Micros idleTimeout = 60 * engine::kSecond;   // keep-alive connection with no request
    double rateLimit = 0; // requests per second per API key; 0: no limit
    double rateBurst = 0; // bucket size; 0: max(1, 2 × rateLimit)
};

struct ServeOptions {
    std::string bind = "127.0.0.1";
    int port = 8080; // 0: ephemeral (printed when listening)
    int workers = 1;
    ServeLimits limits;
    bool auth = true;      // false only with --no-auth
    bool accessLog = true; // one JSON line per request on stderr
    engine::Micros drainTimeout = 30 * engine::kSecond;
};

} // namespace tutti::server
