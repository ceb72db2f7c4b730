// Listening sockets for `tutti serve`'s workers: made with socket/setsockopt/bind/listen so that
// several can share one port (SO_REUSEPORT: the kernel spreads connections over the workers),
// then handed to each worker's QTcpServer.
#pragma once

#include <engine/core/result.h>

#include <cstdint>
#include <string>

namespace tutti::server {

struct ListenSocket {
    int fd = -1;
    std::uint16_t port = 0; // the port actually bound (port 0 asks for an ephemeral one)
};

// `address` is a numeric IPv4 or IPv6 address. `reusePort`: allow more sockets on this port.
engine::Result<ListenSocket> openListenSocket(const std::string &address, std::uint16_t port,
                                              bool reusePort);

} // namespace tutti::server
