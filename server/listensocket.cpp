// Listening sockets (see listensocket.h).
#include "listensocket.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace tutti::server {

engine::Result<ListenSocket> openListenSocket(const std::string &address, std::uint16_t port,
                                              bool reusePort)
{
    sockaddr_storage storage{};
    socklen_t length = 0;
    auto *v4 = reinterpret_cast<sockaddr_in *>(&storage);
    auto *v6 = reinterpret_cast<sockaddr_in6 *>(&storage);
    if (::inet_pton(AF_INET, address.c_str(), &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons(port);
        length = sizeof *v4;
    } else if (::inet_pton(AF_INET6, address.c_str(), &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(port);
        length = sizeof *v6;
    } else {
        return engine::fail(engine::ErrorCode::Validation,
                            "--bind takes a numeric IPv4 or IPv6 address, not '" + address + "'");
    }
    const int fd = ::socket(storage.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return engine::fail(engine::ErrorCode::Io, std::string("socket: ") + std::strerror(errno));
    const int on = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    if (reusePort && ::setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof on) != 0) {
        const int e = errno;
        ::close(fd);
        return engine::fail(engine::ErrorCode::Io,
                            std::string("setsockopt(SO_REUSEPORT): ") + std::strerror(e));
    }
    if (::bind(fd, reinterpret_cast<sockaddr *>(&storage), length) != 0 ||
        ::listen(fd, 1024) != 0) {
        const int e = errno;
        ::close(fd);
        return engine::fail(engine::ErrorCode::Io, "cannot listen on " + address + ":" +
                                                       std::to_string(port) + ": " +
                                                       std::strerror(e));
    }
    ListenSocket s;
    s.fd = fd;
    sockaddr_storage bound{};
    socklen_t boundLength = sizeof bound;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&bound), &boundLength);
    s.port = ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6 *>(&bound)->sin6_port
                                               : reinterpret_cast<sockaddr_in *>(&bound)->sin_port);
    return s;
}

} // namespace tutti::server
