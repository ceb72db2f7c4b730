// A tiny scripted HTTP/1.1 keep-alive server on 127.0.0.1 for transport tests and the HTTP
// benchmark: blocking sockets, one thread per connection, so it never shares the event loop (or
// the CPU accounting) of the client under test. Counts connections for keep-alive checks.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace tutti::engine::test {

struct SeenRequest {
    std::string method;
    std::string path;
    std::vector<std::pair<std::string, std::string>> headers; // names lowercased
    std::string body;

    const std::string *header(const std::string &name) const
    {
        for (const auto &[key, value] : headers)
            if (key == name)
                return &value;
        return nullptr;
    }
};

// Routes: /echo (200, body = request body, X-Method, X-Echo = the X-Test header),
// /status/N, /headers (repeated and cookie headers), /hang (never answers), /reset (part of the
// body then a TCP reset), /big/N (N bytes with Content-Length), /chunked/N (N bytes, chunked),
// /slow/MS (answers after MS milliseconds), anything else: a fixed small JSON object.
class LoopbackServer {
public:
    // When false, requests are not recorded (the benchmark does not want the bookkeeping).
    explicit LoopbackServer(bool record = true)
        : m_record(record)
    {
    }
    ~LoopbackServer() { stop(); }
    LoopbackServer(const LoopbackServer &) = delete;
    LoopbackServer &operator=(const LoopbackServer &) = delete;

    bool start()
    {
        m_listen = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (m_listen < 0)
            return false;
        const int one = 1;
        ::setsockopt(m_listen, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = 0;
        if (::bind(m_listen, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 ||
            ::listen(m_listen, 256) != 0)
            return false;
        socklen_t len = sizeof addr;
        ::getsockname(m_listen, reinterpret_cast<sockaddr *>(&addr), &len);
        m_port = ntohs(addr.sin_port);
        m_acceptor = std::thread([this] { acceptLoop(); });
        return true;
    }

    void stop()
    {
        if (m_stopping.exchange(true))
            return;
        if (m_listen >= 0)
            ::shutdown(m_listen, SHUT_RDWR); // wakes accept()
        if (m_acceptor.joinable())
            m_acceptor.join();
        std::vector<std::thread> threads;
        {
            std::lock_guard lock(m_mutex);
            for (int fd : m_open)
                ::shutdown(fd, SHUT_RDWR); // wakes recv()
            threads = std::move(m_threads);
        }
        for (auto &t : threads)
            t.join();
        if (m_listen >= 0)
            ::close(m_listen);
        m_listen = -1;
    }

    int port() const { return m_port; }
    std::string url(const std::string &path) const
    {
        return "http://127.0.0.1:" + std::to_string(m_port) + path;
    }
    int connections() const { return m_connections.load(); }
    std::vector<SeenRequest> requests() const
    {
        std::lock_guard lock(m_mutex);
        return m_requests;
    }
    std::size_t requestCount() const
    {
        std::lock_guard lock(m_mutex);
        return m_requests.size();
    }
    // Every byte received on every connection, in arrival order (when recording): what was
    // really on the wire, for tests that check nothing was smuggled into it.
    std::string rawBytes() const
    {
        std::lock_guard lock(m_mutex);
        return m_raw;
    }

private:
    void acceptLoop()
    {
        while (!m_stopping) {
            const int fd = ::accept4(m_listen, nullptr, nullptr, SOCK_CLOEXEC);
            if (fd < 0) {
                if (m_stopping)
                    return;
                continue;
            }
            const int one = 1;
            ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            ++m_connections;
            std::lock_guard lock(m_mutex);
            if (m_stopping) {
                ::close(fd);
                return;
            }
            m_open.push_back(fd);
            m_threads.emplace_back([this, fd] { serve(fd); });
        }
    }

    void serve(int fd)
    {
        std::string buffer;
        char chunk[16384];
        bool open = true;
        while (open && !m_stopping) {
            const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
            if (n <= 0)
                break;
            buffer.append(chunk, static_cast<std::size_t>(n));
            if (m_record) {
                std::lock_guard lock(m_mutex);
                m_raw.append(chunk, static_cast<std::size_t>(n));
            }
            SeenRequest request;
            while (open && parseOne(buffer, request))
                open = respond(fd, request);
        }
        std::lock_guard lock(m_mutex);
        std::erase(m_open, fd);
        ::close(fd);
    }

    static std::string lower(std::string text)
    {
        for (char &c : text)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return text;
    }
    static std::string trim(const std::string &text)
    {
        const auto first = text.find_first_not_of(" \t\r");
        const auto last = text.find_last_not_of(" \t\r");
        return first == std::string::npos ? std::string() : text.substr(first, last - first + 1);
    }

    static bool parseOne(std::string &buffer, SeenRequest &request)
    {
        const auto end = buffer.find("\r\n\r\n");
        if (end == std::string::npos)
            return false;
        request = {};
        std::size_t length = 0;
        std::size_t lineStart = 0;
        bool firstLine = true;
        while (lineStart < end) {
            auto lineEnd = buffer.find("\r\n", lineStart);
            const std::string line = buffer.substr(lineStart, lineEnd - lineStart);
            lineStart = lineEnd + 2;
            if (firstLine) {
                firstLine = false;
                const auto sp1 = line.find(' ');
                const auto sp2 = line.find(' ', sp1 + 1);
                request.method = line.substr(0, sp1);
                request.path = line.substr(sp1 + 1, sp2 - sp1 - 1);
                continue;
            }
            const auto colon = line.find(':');
            if (colon == std::string::npos)
                continue;
            std::string name = lower(trim(line.substr(0, colon)));
            std::string value = trim(line.substr(colon + 1));
            if (name == "content-length")
                length = std::strtoull(value.c_str(), nullptr, 10);
            request.headers.emplace_back(std::move(name), std::move(value));
        }
        if (buffer.size() < end + 4 + length)
            return false;
        request.body = buffer.substr(end + 4, length);
        buffer.erase(0, end + 4 + length);
        return true;
    }

    static void sendAll(int fd, const std::string &data)
    {
        std::size_t sent = 0;
        while (sent < data.size()) {
            const ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
            if (n <= 0)
                return;
            sent += static_cast<std::size_t>(n);
        }
    }

    static std::string reply(int status, const std::string &body, const std::string &extra = {})
    {
        return "HTTP/1.1 " + std::to_string(status) +
               " X\r\nContent-Length: " + std::to_string(body.size()) + "\r\n" + extra + "\r\n" +
               body;
    }

    // Returns false when the connection must end.
    bool respond(int fd, const SeenRequest &r)
    {
        if (m_record) {
            std::lock_guard lock(m_mutex);
            m_requests.push_back(r);
        }
        const std::string &path = r.path;
        auto number = [&](std::size_t prefix) {
            return std::strtoull(path.c_str() + prefix, nullptr, 10);
        };
        if (path == "/echo") {
            const std::string *test = r.header("x-test");
            sendAll(fd,
                    reply(200, r.body,
                          "X-Method: " + r.method + "\r\nX-Echo: " + (test ? *test : "") + "\r\n"));
        } else if (path.starts_with("/status/")) {
            const int status = static_cast<int>(number(8));
            // 204 and 304 carry no body by definition.
            sendAll(fd, reply(status, status == 204 || status == 304 ? "" : "status"));
        } else if (path == "/headers") {
            sendAll(fd, reply(200, "{}",
                              "Content-Type: application/json\r\nX-Multi: one\r\nX-Multi: two\r\n"
                              "Set-Cookie: session=abc; Path=/\r\nX-Spaced:   padded value  \r\n"));
        } else if (path == "/hang") {
            // Never answers; the client's timeout (or cancel) has to end the wait.
        } else if (path == "/reset") {
            sendAll(fd,
                    "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + std::string(1000, 'r'));
            // SO_LINGER with a zero timeout turns close() into a TCP reset.
            const linger hard{1, 0};
            ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
            return false;
        } else if (path.starts_with("/big/")) {
            sendAll(fd, reply(200, std::string(number(5), 'b')));
        } else if (path.starts_with("/chunked/")) {
            const std::size_t size = number(9);
            char hex[32];
            std::snprintf(hex, sizeof hex, "%zx", size);
            sendAll(fd, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + std::string(hex) +
                            "\r\n" + std::string(size, 'c') + "\r\n0\r\n\r\n");
        } else if (path.starts_with("/slow/")) {
            std::this_thread::sleep_for(std::chrono::milliseconds(number(6)));
            sendAll(fd, reply(200, "slow"));
        } else {
            static const std::string fixed = reply(200, R"({"id":"r-1","status":"ok","amount":42})",
                                                   "Content-Type: application/json\r\n");
            sendAll(fd, fixed);
        }
        return true;
    }

    const bool m_record;
    int m_listen = -1;
    int m_port = 0;
    std::atomic<bool> m_stopping{false};
    std::atomic<int> m_connections{0};
    std::thread m_acceptor;
    mutable std::mutex m_mutex;
    std::vector<int> m_open;
    std::vector<std::thread> m_threads;
    std::vector<SeenRequest> m_requests;
    std::string m_raw;
};

} // namespace tutti::engine::test
