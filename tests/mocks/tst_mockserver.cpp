// The loopback MockServer on an ephemeral port, driven by a raw QTcpSocket: status and body,
// keep-alive, pipelining, 404 hints, reset fault, size limits, Connection: close.
// LABELS: unit
#include <mocks/mockparser.h>
#include <mocks/mockserver.h>

#include <engine/core/jsonio.h>

#include <QTcpSocket>
#include <QTest>

using namespace tutti;
using engine::Json;

namespace {

const char *kMock = R"(tutti-mock: 1
service: payment
state: { n: 0 }
routes:
  - match: { method: POST, path: /charges }
    respond: { status: 201, body: { id: "ch_{{ state.n }}", amount: "{{ request.body.amount }}" } }
    set_state: { n: "{{ state.n + 1 }}" }
  - match: { method: GET, path: /slow }
    respond: { status: 200, body_text: slow }
    latency: 30ms
  - match: { method: GET, path: /reset }
    respond: { status: 200 }
    faults: [ { rate: 1.0, kind: reset } ]
  - match: { method: GET, path: /dribble }
    respond: { status: 200, body_text: "abcdefghijklmnopqrstuvwxyz" }
    faults: [ { rate: 1.0, kind: slow_body, duration: 50ms } ]
)";

struct Reply {
    int status = 0;
    QByteArray head;
    QByteArray body;
};

// Reads one Content-Length framed response from the socket (waits on the event loop).
std::optional<Reply> readReply(QTcpSocket &socket, QByteArray &buffer, int timeoutMs = 5000)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < timeoutMs) {
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end >= 0) {
            Reply r;
            r.head = buffer.left(end);
            r.status = r.head.mid(9, 3).toInt();
            const qsizetype cl = r.head.toLower().indexOf("content-length:");
            const qsizetype len = cl < 0 ? 0
                                         : r.head.mid(cl + 15, r.head.indexOf("\r\n", cl) - cl - 15)
                                               .trimmed()
                                               .toLongLong();
            if (buffer.size() >= end + 4 + len) {
                r.body = buffer.mid(end + 4, len);
                buffer.remove(0, end + 4 + len);
                return r;
            }
        }
        if (socket.state() != QAbstractSocket::ConnectedState && socket.bytesAvailable() == 0)
            return std::nullopt;
        QTest::qWait(2);
        buffer += socket.readAll();
    }
    return std::nullopt;
}

} // namespace

class tst_MockServer : public QObject {
    Q_OBJECT

    mocks::MockRegistry m_registry;
    std::unique_ptr<mocks::MockServer> m_server;
    quint16 m_port = 0;

private slots:
    void initTestCase()
    {
        auto load = mocks::parseMock(kMock, "payment.mock.yaml");
        QVERIFY(load.ok());
        QVERIFY(m_registry.add(load.spec));
        m_server = std::make_unique<mocks::MockServer>(m_registry, "payment", 1);
        auto port = m_server->listen(0);
        QVERIFY(port);
        QVERIFY(*port != 0);
        QCOMPARE(m_server->port(), *port);
        m_port = *port;
    }

    void init() { m_registry.reset(); }

    void keepAliveAndPipelining()
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(socket.waitForConnected(5000));
        QByteArray buffer;
        const QByteArray body = R"({"amount": 12})";
        const QByteArray request = "POST /charges HTTP/1.1\r\nHost: x\r\nContent-Type: "
                                   "application/json\r\nContent-Length: " +
                                   QByteArray::number(body.size()) + "\r\n\r\n" + body;
        socket.write(request);
        auto r = readReply(socket, buffer);
        QVERIFY(r);
        QCOMPARE(r->status, 201);
        QVERIFY(Json::parse(r->body.toStdString()) == Json::parse(R"({"id":"ch_0","amount":12})"));
        QVERIFY(r->head.toLower().contains("connection: keep-alive"));
        // Two pipelined requests, one of them delayed: answered in order on the same socket.
        socket.write("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n" + request);
        r = readReply(socket, buffer);
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QCOMPARE(r->body, QByteArray("slow"));
        r = readReply(socket, buffer);
        QVERIFY(r);
        QCOMPARE(r->status, 201);
        QVERIFY(Json::parse(r->body.toStdString())["id"] == Json("ch_1"));
        QCOMPARE(m_registry.service("payment")->requestCount(), std::uint64_t(3));
    }

    void notFound()
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(socket.waitForConnected(5000));
        QByteArray buffer;
        socket.write("GET /charge HTTP/1.1\r\nHost: x\r\n\r\n");
        auto r = readReply(socket, buffer);
        QVERIFY(r);
        QCOMPARE(r->status, 404);
        QVERIFY(Json::parse(r->body.toStdString())["closest_routes"][0] == Json("POST /charges"));
    }

    void hostileRequestsGet400AndTheServerLivesOn()
    {
        // Each of these killed `tutti mock` for every client (type_error.316 thrown out of the
        // event loop, or a stack overflow); now each is a 400 and the connection stays usable.
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(socket.waitForConnected(5000));
        QByteArray buffer;
        auto post = [](const QByteArray &headers, const QByteArray &body) {
            return "POST /charges HTTP/1.1\r\nHost: x\r\n" + headers +
                   "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        };
        const QByteArray json = "Content-Type: application/json\r\n";
        const QList<QPair<QByteArray, QByteArray>> requests = {
            {"GET /%ff%fe HTTP/1.1\r\nHost: x\r\n\r\n", "path"},
            {post("X-Note: caf\xe9\r\n", "{}"), "header 'X-Note'"},
            {post(json, "{\"amount\": \"\xff\"}"), "ill-formed UTF-8"},
            {post(json, QByteArray(100000, '[') + QByteArray(100000, ']')),
             "nested deeper than 256"},
        };
        for (const auto &[request, message] : requests) {
            socket.write(request);
            auto r = readReply(socket, buffer);
            QVERIFY2(r, message.constData());
            QCOMPARE(r->status, 400);
            auto body = engine::parseJson(r->body.toStdString());
            QVERIFY2(body, r->body.constData());
            QVERIFY2((*body)["error"].get<std::string>().find(message.toStdString()) !=
                         std::string::npos,
                     r->body.constData());
        }
        socket.write(post(json, R"({"amount": 5})"));
        auto ok = readReply(socket, buffer);
        QVERIFY(ok);
        QCOMPARE(ok->status, 201);
        QVERIFY(socket.state() == QAbstractSocket::ConnectedState);

        // A raw non-ASCII byte in the request line is not HTTP (RFC 9112: the target is visible
        // ASCII): the HTTP/1.1 parser that `tutti serve` shares answers 400 and closes that
        // connection, as it must when it cannot know where the request ends. Others go on.
        QTcpSocket raw;
        raw.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(raw.waitForConnected(5000));
        QByteArray rawBuffer;
        raw.write("GET /charges\xff HTTP/1.1\r\nHost: x\r\n\r\n");
        auto refused = readReply(raw, rawBuffer);
        QVERIFY(refused);
        QCOMPARE(refused->status, 400);
        QVERIFY2(refused->body.contains("request target"), refused->body.constData());
        socket.write(post(json, R"({"amount": 6})"));
        auto still = readReply(socket, buffer);
        QVERIFY(still);
        QCOMPARE(still->status, 201);
    }

    void resetFault()
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(socket.waitForConnected(5000));
        QByteArray buffer;
        socket.write("GET /reset HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(!readReply(socket, buffer));
        QVERIFY(buffer.isEmpty());
        QVERIFY(socket.state() != QAbstractSocket::ConnectedState);
    }

    void slowBody()
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(socket.waitForConnected(5000));
        QByteArray buffer;
        QElapsedTimer t;
        t.start();
        socket.write("GET /dribble HTTP/1.1\r\nHost: x\r\n\r\n");
        auto r = readReply(socket, buffer);
        QVERIFY(r);
        QCOMPARE(r->body, QByteArray("abcdefghijklmnopqrstuvwxyz"));
        QVERIFY(t.elapsed() >= 40);
    }

    void limits_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::newRow("body too large")
            << QByteArray("POST /charges HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\n") << 413;
        QTest::newRow("headers too large")
            << QByteArray("GET / HTTP/1.1\r\nX-Big: " + QByteArray(70000, 'a') + "\r\n\r\n") << 431;
        QTest::newRow("bad request line") << QByteArray("NONSENSE\r\n\r\n") << 400;
    }
    void limits()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(socket.waitForConnected(5000));
        QByteArray buffer;
        socket.write(request);
        auto r = readReply(socket, buffer);
        QVERIFY(r);
        QCOMPARE(r->status, status);
    }

    void connectionClose()
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(socket.waitForConnected(5000));
        QByteArray buffer;
        socket.write("GET /slow HTTP/1.1\r\nConnection: close\r\n\r\n");
        auto r = readReply(socket, buffer);
        QVERIFY(r);
        QVERIFY(r->head.toLower().contains("connection: close"));
        QVERIFY(socket.state() == QAbstractSocket::UnconnectedState ||
                QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::UnconnectedState; },
                                5000));
    }
};

QTEST_GUILESS_MAIN(tst_MockServer)
#include "tst_mockserver.moc"
