// The loopback HTTP/1.1 server for mocks (mockserver.h): requests read through the engine's
// bounded HTTP/1.1 parser, keep-alive, real-time latency and socket-level faults. Connections
// read and write their socket directly (recv/send on a non-blocking descriptor watched by
// QSocketNotifier): QTcpSocket's buffering and signal hops cost more than the mock's own work.
#include <mocks/mockserver.h>

#include <engine/core/text.h>
#include <engine/net/http1request.h>

#include <QDateTime>
#include <QPointer>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTimer>

#include <cerrno>
#include <charconv>
#include <cstring>

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace tutti::mocks {

namespace internal {

// One client connection: parses requests one at a time (pipelined requests wait in the parser
// while a response is delayed), answers them, applies faults to the socket.
class MockConnection : public QObject {
public:
    MockConnection(MockServer &server, int fd, QObject *parent)
        : QObject(parent)
        , m_server(server)
        , m_fd(fd)
        , m_parser(engine::Http1Limits{server.m_limits.maxHeaderBytes, kMaxHeaders,
                                       server.m_limits.maxBodyBytes})
    {
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
        const int one = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        m_readable = new QSocketNotifier(fd, QSocketNotifier::Read, this);
        m_writable = new QSocketNotifier(fd, QSocketNotifier::Write, this);
        m_writable->setEnabled(false);
        connect(m_readable, &QSocketNotifier::activated, this, &MockConnection::onReadable);
        connect(m_writable, &QSocketNotifier::activated, this, &MockConnection::onWritable);
    }
    ~MockConnection() override { closeSocket(); }
    MockConnection(const MockConnection &) = delete;
    MockConnection &operator=(const MockConnection &) = delete;

private:
    static constexpr std::size_t kMaxHeaders = 256;

    void onReadable()
    {
        char buffer[16384];
        for (int reads = 0; reads < 16 && m_fd >= 0; ++reads) { // bounded: others get a turn
            const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
            if (n > 0) {
                if (!m_dead)
                    m_parser.feed(std::string_view(buffer, static_cast<std::size_t>(n)));
                // A hung, reset or closing connection only drains what arrives, to see the end.
                if (static_cast<std::size_t>(n) < sizeof buffer)
                    break;
                continue;
            }
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
                break;
            finish(); // the peer closed (0) or the socket failed
            return;
        }
        process();
    }

    void process()
    {
        while (!m_busy && !m_dead && m_fd >= 0) {
            switch (m_parser.state()) {
            case engine::Http1RequestParser::State::NeedMore:
                return;
            case engine::Http1RequestParser::State::Error:
                failAndClose(m_parser.error().status, m_parser.error().message);
                return;
            case engine::Http1RequestParser::State::Complete:
                m_request = m_parser.take();
                handle();
                if (!m_dead)
                    m_parser.feed({}); // a pipelined request already buffered
                break;
            }
        }
    }

    void handle()
    {
        MockService *service = m_server.m_registry.service(m_server.m_service);
        MockOutcome outcome;
        m_keepAlive = m_request.keepAlive;
        if (!service) {
            outcome.response.status = 503;
            outcome.response.body = R"({"error":"no such mock service"})";
        } else {
            MockRequest request{m_request.method, m_request.path(), m_request.query(),
                                &m_request.headers, m_request.body};
            request.textOnly = true;
            engine::Rng rng(engine::mixSeed(m_server.m_seed, m_server.m_requests++));
            outcome = service->handle(request, rng,
                                      QDateTime::currentMSecsSinceEpoch() * engine::kMillisecond);
        }
        if (outcome.fault == FaultKind::Hang) {
            // Accept and never answer: hold the socket until the client gives up.
            m_dead = true;
            return;
        }
        if (outcome.latency <= 0 && outcome.fault == FaultKind::None) {
            writeResponse(outcome.response);
            return;
        }
        m_busy = true;
        const int delayMs = static_cast<int>((outcome.latency + 500) / 1000);
        QPointer<MockConnection> self(this);
        QTimer::singleShot(delayMs, this, [self, outcome = std::move(outcome)]() mutable {
            if (!self)
                return;
            self->deliver(std::move(outcome));
        });
    }

    void deliver(MockOutcome outcome)
    {
        if (m_fd < 0)
            return;
        if (outcome.fault == FaultKind::Reset) {
            reset();
            return;
        }
        if (outcome.fault == FaultKind::SlowBody) {
            dribble(std::move(outcome.response), outcome.faultDuration);
            return;
        }
        writeResponse(outcome.response);
        m_busy = false;
        process();
    }

    void appendHead(std::string &out, const engine::HttpResponse &response) const
    {
        char number[24];
        const auto appendNumber = [&](auto value) {
            out.append(number, std::to_chars(number, number + sizeof number, value).ptr);
        };
        out += "HTTP/1.1 ";
        appendNumber(response.status);
        out += ' ';
        out += engine::httpReasonPhrase(response.status);
        out += "\r\nContent-Length: ";
        appendNumber(response.body.size());
        out += m_keepAlive ? "\r\nConnection: keep-alive\r\n" : "\r\nConnection: close\r\n";
        for (const auto &[name, value] : response.headers) {
            out += name;
            out += ": ";
            out += value;
            out += "\r\n";
        }
        out += "\r\n";
    }

    void writeResponse(const engine::HttpResponse &response)
    {
        std::string out;
        out.reserve(160 + response.body.size());
        appendHead(out, response);
        out += response.body;
        send(std::move(out));
        if (!m_keepAlive)
            closeAfterWrite();
    }

    // Sends what the socket takes now; the rest waits for the write notifier, in order.
    void send(std::string bytes)
    {
        if (m_fd < 0)
            return;
        if (m_out.empty()) {
            const ssize_t n = ::send(m_fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
            if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                finish();
                return;
            }
            const std::size_t sent = n > 0 ? static_cast<std::size_t>(n) : 0;
            if (sent == bytes.size())
                return;
            m_out.assign(bytes, sent);
        } else {
            m_out += bytes;
        }
        m_writable->setEnabled(true);
    }

    void onWritable()
    {
        while (!m_out.empty() && m_fd >= 0) {
            const ssize_t n = ::send(m_fd, m_out.data(), m_out.size(), MSG_NOSIGNAL);
            if (n < 0) {
                if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
                    return;
                finish();
                return;
            }
            m_out.erase(0, static_cast<std::size_t>(n));
        }
        m_writable->setEnabled(false);
        if (m_closing)
            shutdownWrite();
    }

    // Connection: close, or an error answer: close once the answer is out. The write side is
    // shut first and the rest read and dropped until the peer closes (or 5 s), so that the
    // client reads the answer instead of a reset.
    void closeAfterWrite()
    {
        m_dead = true;
        m_closing = true;
        if (m_out.empty())
            shutdownWrite();
    }

    void shutdownWrite()
    {
        if (m_fd < 0)
            return;
        ::shutdown(m_fd, SHUT_WR);
        QTimer::singleShot(5000, this, [this] { finish(); });
    }

    void dribble(engine::HttpResponse response, engine::Micros duration)
    {
        std::string head;
        appendHead(head, response);
        send(std::move(head));
        auto body = std::make_shared<std::string>(std::move(response.body));
        const int chunks = 10;
        const std::size_t chunk = std::max<std::size_t>(1, (body->size() + chunks - 1) / chunks);
        const int interval =
            std::max(1, static_cast<int>(duration / engine::kMillisecond / chunks));
        auto offset = std::make_shared<std::size_t>(0);
        auto *timer = new QTimer(this);
        timer->setInterval(interval);
        connect(timer, &QTimer::timeout, this, [this, timer, body, offset, chunk]() {
            const std::size_t n = std::min(chunk, body->size() - *offset);
            send(body->substr(*offset, n));
            *offset += n;
            if (*offset >= body->size()) {
                timer->deleteLater();
                if (!m_keepAlive) {
                    closeAfterWrite();
                    return;
                }
                m_busy = false;
                process();
            }
        });
        timer->start();
    }

    void reset()
    {
        m_dead = true;
        if (m_fd >= 0) {
            // SO_LINGER 0 makes close() send RST: the client sees "connection reset by peer".
            struct linger lg {
                1, 0
            };
            ::setsockopt(m_fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
        }
        finish();
    }

    void failAndClose(int status, const std::string &message)
    {
        engine::HttpResponse r;
        r.status = status;
        r.headers.emplace_back("Content-Type", "application/json");
        r.body = engine::Json{{"error", message}}.dump(-1, ' ', false,
                                                       engine::Json::error_handler_t::replace);
        m_keepAlive = false;
        writeResponse(r);
    }

    // The connection is over: close the socket now and delete this later.
    void finish()
    {
        if (m_fd < 0)
            return;
        m_dead = true;
        closeSocket();
        deleteLater();
    }

    void closeSocket()
    {
        if (m_fd < 0)
            return;
        m_readable->setEnabled(false);
        m_writable->setEnabled(false);
        ::close(m_fd);
        m_fd = -1;
    }

    MockServer &m_server;
    int m_fd;
    engine::Http1RequestParser m_parser;
    engine::Http1Request m_request;
    QSocketNotifier *m_readable = nullptr;
    QSocketNotifier *m_writable = nullptr;
    std::string m_out; // bytes the socket did not take yet
    bool m_keepAlive = true;
    bool m_busy = false;    // a delayed response is pending: later requests wait
    bool m_dead = false;    // hung, reset or closing: ignore input
    bool m_closing = false; // close once m_out is written
};

// Hands each accepted descriptor to a MockConnection (its child: closing the server ends them).
class MockListener : public QTcpServer {
public:
    MockListener(MockServer &server, QObject *parent)
        : QTcpServer(parent)
        , m_server(server)
    {
    }

protected:
    void incomingConnection(qintptr fd) override
    {
        new MockConnection(m_server, static_cast<int>(fd), this);
    }

private:
    MockServer &m_server;
};

} // namespace internal

MockServer::MockServer(MockRegistry &registry, std::string service, std::uint64_t seed,
                       QObject *parent)
    : QObject(parent)
    , m_registry(registry)
    , m_service(std::move(service))
    , m_seed(seed)
{
}

MockServer::~MockServer() = default;

engine::Result<quint16> MockServer::listen(quint16 port, const QHostAddress &address)
{
    close();
    m_server = new internal::MockListener(*this, this);
    if (!m_server->listen(address, port)) {
        const std::string message = "cannot listen on " + address.toString().toStdString() + ":" +
                                    std::to_string(port) + " for mock '" + m_service +
                                    "': " + m_server->errorString().toStdString();
        delete m_server;
        m_server = nullptr;
        return engine::fail(engine::ErrorCode::Network, message);
    }
    return m_server->serverPort();
}

void MockServer::close()
{
    if (!m_server)
        return;
    m_server->close();
    delete m_server; // its children (sockets, connections) go with it
    m_server = nullptr;
}

quint16 MockServer::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

} // namespace tutti::mocks
