// Serves one mock service of a registry on a real loopback port: a small HTTP/1.1 keep-alive
// server that accepts with QTcpServer and reads and writes each socket itself (not QHttpServer:
// faults need the socket — reset aborts with RST, hang holds the connection, slow_body writes
// the body in chunks on a timer; and it must come near nginx's throughput, SPEC §10).
#pragma once

#include <mocks/mockregistry.h>

#include <QHostAddress>
#include <QObject>

#include <cstdint>
#include <string>

class QTcpServer;

namespace tutti::mocks {

namespace internal {
class MockConnection;
class MockListener;
} // namespace internal

// No Q_OBJECT: it has no signals, and connections use member-function pointers.
class MockServer : public QObject {
public:
    struct Limits {
        std::size_t maxHeaderBytes = 64u << 10; // request line + headers; over it: 431 (as for
                                                // more than 256 header lines)
        std::size_t maxBodyBytes = 16u << 20;   // Content-Length over it: 413
    };

    // The registry must outlive the server. Every request draws from Rng(mixSeed(seed, n)) where
    // n counts the requests this server received, so a fixed client sequence is reproducible.
    MockServer(MockRegistry &registry, std::string service, std::uint64_t seed = 0,
               QObject *parent = nullptr);
    ~MockServer() override;

    // Port 0 picks an ephemeral port; port() reports the one bound.
    engine::Result<quint16> listen(quint16 port = 0,
                                   const QHostAddress &address = QHostAddress::LocalHost);
    void close();
    quint16 port() const;
    const std::string &service() const { return m_service; }
    void setLimits(const Limits &limits) { m_limits = limits; }

private:
    friend class internal::MockConnection;
    friend class internal::MockListener;

    MockRegistry &m_registry;
    std::string m_service;
    std::uint64_t m_seed;
    std::uint64_t m_requests = 0;
    Limits m_limits;
    QTcpServer *m_server = nullptr;
};

} // namespace tutti::mocks
