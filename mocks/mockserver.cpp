// The loopback HTTP/1.1 server for mocks (mockserver.h): request parsing with size limits,
// keep-alive, real-time latency and socket-level faults.
#include <mocks/mockserver.h>

#include <engine/core/text.h>
#include <engine/net/http1request.h>

#include <QDateTime>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <cstring>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

namespace tutti::mocks {

namespace internal {

// One client connection: parses requests one at a time (pipelined requests wait in the buffer
// while a response is delayed), answers them, applies faults to the socket.
class MockConnection : public QObject {
public:
    MockConnection(MockServer &server, QTcpSocket *socket)
        : QObject(socket)
        , m_server(server)
        , m_socket(socket)
    {
        connect(socket, &QTcpSocket::readyRead, this, &MockConnection::process);
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }

private:
    void process()
    {
        if (m_busy || m_dead)
            return;
        m_buffer.append(m_socket->readAll());
        while (!m_busy && !m_dead && !m_buffer.isEmpty()) {
            if (!parseOne())
                return;
        }
    }

    // False when more bytes are needed (or the connection is finished).
    bool parseOne()
    {
        const qsizetype headerEnd = m_buffer.indexOf("\r\n\r\n");
        const std::size_t maxHeader = m_server.m_limits.maxHeaderBytes;
        if (headerEnd < 0) {
            if (static_cast<std::size_t>(m_buffer.size()) > maxHeader)
                failAndClose(431, "request headers too large");
            return false;
        }
        if (static_cast<std::size_t>(headerEnd) > maxHeader) {
            failAndClose(431, "request headers too large");
            return false;
        }
        const std::string_view head(m_buffer.constData(), static_cast<std::size_t>(headerEnd));
        const std::size_t lineEnd = std::min(head.find("\r\n"), head.size());
        const std::string_view line = head.substr(0, lineEnd);
        const std::size_t sp1 = line.find(' '), sp2 = line.rfind(' ');
        if (sp1 == std::string_view::npos || sp2 == sp1) {
            failAndClose(400, "malformed request line");
            return false;
        }
        m_method.assign(line.substr(0, sp1));
        const std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
        const std::string_view version = line.substr(sp2 + 1);
        m_headers.clear();
        std::size_t contentLength = 0;
        bool keepAlive = version != "HTTP/1.0";
        std::size_t pos = lineEnd + 2;
        while (pos < head.size()) {
            std::size_t end = std::min(head.find("\r\n", pos), head.size());
            const std::string_view h = head.substr(pos, end - pos);
            pos = end + 2;
            const std::size_t colon = h.find(':');
            if (colon == std::string_view::npos)
                continue;
            std::string_view value = h.substr(colon + 1);
            while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
                value.remove_prefix(1);
            while (!value.empty() && (value.back() == ' ' || value.back() == '\t'))
                value.remove_suffix(1);
            const std::string_view name = h.substr(0, colon);
            if (engine::equalsNoCase(name, "content-length")) {
                contentLength = std::strtoull(std::string(value).c_str(), nullptr, 10);
            } else if (engine::equalsNoCase(name, "connection")) {
                if (engine::equalsNoCase(value, "close"))
                    keepAlive = false;
                else if (engine::equalsNoCase(value, "keep-alive"))
                    keepAlive = true;
            } else if (engine::equalsNoCase(name, "transfer-encoding")) {
                failAndClose(411, "chunked request bodies are not supported; send Content-Length");
                return false;
            }
            m_headers.emplace_back(std::string(name), std::string(value));
        }
        if (contentLength > m_server.m_limits.maxBodyBytes) {
            failAndClose(413, "request body too large");
            return false;
        }
        const std::size_t total = static_cast<std::size_t>(headerEnd) + 4 + contentLength;
        if (static_cast<std::size_t>(m_buffer.size()) < total)
            return false;
        m_keepAlive = keepAlive;
        const std::size_t q = target.find('?');
        m_path.assign(target.substr(0, q));
        m_query.assign(q == std::string_view::npos ? std::string_view() : target.substr(q + 1));
        m_body.assign(m_buffer.constData() + headerEnd + 4, contentLength);
        m_buffer.remove(0, static_cast<qsizetype>(total));
        handle();
        return true;
    }

    void handle()
    {
        MockService *service = m_server.m_registry.service(m_server.m_service);
        MockOutcome outcome;
        if (!service) {
            outcome.response.status = 503;
            outcome.response.body = R"({"error":"no such mock service"})";
        } else {
            MockRequest request{m_method, m_path, m_query, &m_headers, m_body};
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
            writeResponse(outcome.response, false);
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
        if (outcome.fault == FaultKind::Reset) {
            reset();
            return;
        }
        if (outcome.fault == FaultKind::SlowBody) {
            dribble(std::move(outcome.response), outcome.faultDuration);
            return;
        }
        writeResponse(outcome.response, false);
        m_busy = false;
        if (!m_dead)
            process();
    }

    QByteArray head(const engine::HttpResponse &response) const
    {
        QByteArray out;
        out.reserve(160 + static_cast<qsizetype>(response.body.size()));
        out += "HTTP/1.1 ";
        out += QByteArray::number(response.status);
        out += ' ';
        out += engine::httpReasonPhrase(response.status);
        out += "\r\nContent-Length: ";
        out += QByteArray::number(static_cast<qulonglong>(response.body.size()));
        out += m_keepAlive ? "\r\nConnection: keep-alive\r\n" : "\r\nConnection: close\r\n";
        for (const auto &[name, value] : response.headers) {
            out.append(name.data(), static_cast<qsizetype>(name.size()));
            out += ": ";
            out.append(value.data(), static_cast<qsizetype>(value.size()));
            out += "\r\n";
        }
        out += "\r\n";
        return out;
    }

    void writeResponse(const engine::HttpResponse &response, bool)
    {
        QByteArray out = head(response);
        out.append(response.body.data(), static_cast<qsizetype>(response.body.size()));
        m_socket->write(out);
        if (!m_keepAlive) {
            m_dead = true;
            m_socket->disconnectFromHost();
        }
    }

    void dribble(engine::HttpResponse response, engine::Micros duration)
    {
        m_socket->write(head(response));
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
            m_socket->write(body->data() + *offset, static_cast<qint64>(n));
            *offset += n;
            if (*offset >= body->size()) {
                timer->deleteLater();
                if (!m_keepAlive) {
                    m_dead = true;
                    m_socket->disconnectFromHost();
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
#ifdef Q_OS_UNIX
        // SO_LINGER 0 makes close() send RST: the client sees "connection reset by peer".
        const qintptr fd = m_socket->socketDescriptor();
        if (fd >= 0) {
            struct linger lg {
                1, 0
            };
            ::setsockopt(static_cast<int>(fd), SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
        }
#endif
        m_socket->abort();
    }

    void failAndClose(int status, const char *message)
    {
        engine::HttpResponse r;
        r.status = status;
        r.headers.emplace_back("Content-Type", "application/json");
        r.body = std::string(R"({"error":")") + message + "\"}";
        m_keepAlive = false;
        writeResponse(r, false);
        m_buffer.clear();
    }

    MockServer &m_server;
    QTcpSocket *m_socket;
    QByteArray m_buffer;
    std::string m_method, m_path, m_query, m_body;
    engine::Headers m_headers;
    bool m_keepAlive = true;
    bool m_busy = false; // a delayed response is pending: later requests wait
    bool m_dead = false; // hung, reset or closing: ignore input
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
    m_server = new QTcpServer(this);
    connect(m_server, &QTcpServer::newConnection, this, &MockServer::acceptConnections);
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

void MockServer::acceptConnections()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        new internal::MockConnection(*this, socket);
    }
}

} // namespace tutti::mocks
