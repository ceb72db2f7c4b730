// InProcessTransport on a VirtualClock: latency advances virtual time exactly, faults map to
// transport errors, hang times out at request.timeout, cancel stops delivery, never synchronous.
// LABELS: unit
#include <mocks/inprocesstransport.h>
#include <mocks/mockparser.h>

#include <QTest>

using namespace tutti;
using engine::Json;
using engine::TransportError;
using engine::TransportResult;

namespace {

const char *kMock = R"(tutti-mock: 1
service: payment
routes:
  - match: { method: POST, path: /charges }
    respond: { status: 201, body: { id: "ch_{{ uuid() }}" } }
    latency: 80ms
  - match: { method: GET, path: /hang }
    respond: { status: 200 }
    latency: 10ms
    faults: [ { rate: 1.0, kind: hang } ]
  - match: { method: GET, path: /reset }
    respond: { status: 200 }
    latency: 10ms
    faults: [ { rate: 1.0, kind: reset } ]
  - match: { method: GET, path: /malformed }
    respond: { status: 200 }
    faults: [ { rate: 1.0, kind: malformed } ]
  - match: { method: GET, path: /slow }
    respond: { status: 200, body_text: hello }
    latency: 20ms
    faults: [ { rate: 1.0, kind: slow_body, duration: 300ms } ]
  - match: { method: GET, path: /status }
    respond: { status: 200 }
    latency: 5ms
    faults: [ { rate: 1.0, kind: status, status: 503 } ]
  - match: { method: GET, path: /big }
    respond: { status: 200, body_text: "0123456789" }
)";

struct Fixture {
    mocks::MockRegistry registry;
    engine::VirtualClock clock;
    mocks::InProcessTransport transport{registry, clock};
    Fixture()
    {
        auto load = mocks::parseMock(kMock, "payment.mock.yaml");
        if (!load.ok())
            qFatal("%s", load.errors.front().toString().c_str());
        (void)registry.add(load.spec);
    }
};

engine::HttpRequest req(std::string method, std::string url, engine::Micros timeout = 0)
{
    engine::HttpRequest r;
    r.method = std::move(method);
    r.url = std::move(url);
    r.timeout = timeout;
    r.drawSeed = 99;
    return r;
}

} // namespace

class tst_InProcessTransport : public QObject {
    Q_OBJECT

private slots:
    void outcomes_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("url");
        QTest::addColumn<qint64>("timeout");
        QTest::addColumn<int>("error");
        QTest::addColumn<int>("status");
        QTest::addColumn<qint64>("deliveredAfter"); // microseconds of virtual time

        QTest::newRow("latency") << "POST"
                                 << "mock://payment/charges" << qint64(0)
                                 << int(TransportError::None) << 201 << qint64(80000);
        QTest::newRow("latency beyond timeout")
            << "POST"
            << "mock://payment/charges" << qint64(50000) << int(TransportError::Timeout) << 0
            << qint64(50000);
        QTest::newRow("hang times out") << "GET"
                                        << "mock://payment/hang" << qint64(2000000)
                                        << int(TransportError::Timeout) << 0 << qint64(2000000);
        QTest::newRow("hang default bound")
            << "GET"
            << "mock://payment/hang" << qint64(0) << int(TransportError::Timeout) << 0
            << qint64(mocks::InProcessTransport::kDefaultHangBound);
        QTest::newRow("reset") << "GET"
                               << "mock://payment/reset" << qint64(0)
                               << int(TransportError::Connection) << 0 << qint64(10000);
        QTest::newRow("malformed") << "GET"
                                   << "mock://payment/malformed" << qint64(0)
                                   << int(TransportError::None) << 200 << qint64(0);
        QTest::newRow("slow body") << "GET"
                                   << "mock://payment/slow" << qint64(0)
                                   << int(TransportError::None) << 200 << qint64(320000);
        QTest::newRow("status fault") << "GET"
                                      << "mock://payment/status" << qint64(0)
                                      << int(TransportError::None) << 503 << qint64(5000);
        QTest::newRow("unmatched") << "GET"
                                   << "mock://payment/nope?x=1" << qint64(0)
                                   << int(TransportError::None) << 404 << qint64(0);
        QTest::newRow("unknown service")
            << "GET"
            << "mock://ledger/x" << qint64(0) << int(TransportError::Connection) << 0 << qint64(0);
        QTest::newRow("not a mock url") << "GET"
                                        << "http://example.com/x" << qint64(0)
                                        << int(TransportError::Connection) << 0 << qint64(0);
    }
    void outcomes()
    {
        QFETCH(QString, method);
        QFETCH(QString, url);
        QFETCH(qint64, timeout);
        QFETCH(int, error);
        QFETCH(int, status);
        QFETCH(qint64, deliveredAfter);
        Fixture f;
        const engine::Micros start = f.clock.now();
        std::optional<TransportResult> got;
        engine::Micros at = 0;
        f.transport.send(req(method.toStdString(), url.toStdString(), timeout),
                         [&](TransportResult r) {
                             got = std::move(r);
                             at = f.clock.now();
                         });
        QVERIFY(!got); // never synchronous
        f.clock.runUntilIdle();
        QVERIFY(got);
        QCOMPARE(int(got->error), error);
        QCOMPARE(got->response.status, status);
        QCOMPARE(at - start, deliveredAfter);
        QCOMPARE(f.transport.pendingCount(), std::size_t(0));
        if (method == "GET" && url.endsWith("malformed")) {
            QCOMPARE(*engine::findHeader(got->response.headers, "Content-Type"),
                     std::string("application/json"));
            QVERIFY(Json::parse(got->response.body, nullptr, false).is_discarded());
        }
        if (error == int(TransportError::Connection) && url.endsWith("reset"))
            QCOMPARE(got->errorMessage, std::string("connection reset by peer"));
    }

    void cancelStopsDelivery()
    {
        Fixture f;
        bool called = false;
        const auto id = f.transport.send(req("POST", "mock://payment/charges"),
                                         [&](TransportResult) { called = true; });
        QCOMPARE(f.clock.pendingTimers(), std::size_t(1));
        f.transport.cancel(id);
        QCOMPARE(f.clock.pendingTimers(), std::size_t(0));
        f.clock.runUntilIdle();
        QVERIFY(!called);
        f.transport.cancel(id); // twice is a no-op
    }

    void tooLarge()
    {
        Fixture f;
        auto r = req("GET", "mock://payment/big");
        r.maxBody = 5;
        std::optional<TransportResult> got;
        f.transport.send(r, [&](TransportResult res) { got = std::move(res); });
        f.clock.runUntilIdle();
        QVERIFY(got);
        QCOMPARE(got->error, TransportError::TooLarge);
    }

    void sameSeedSameAnswer()
    {
        Fixture a, b;
        std::string bodyA, bodyB;
        a.transport.send(req("POST", "mock://payment/charges"),
                         [&](TransportResult r) { bodyA = r.response.body; });
        b.transport.send(req("POST", "mock://payment/charges"),
                         [&](TransportResult r) { bodyB = r.response.body; });
        a.clock.runUntilIdle();
        b.clock.runUntilIdle();
        QVERIFY(!bodyA.empty());
        QCOMPARE(bodyA, bodyB);
        QCOMPARE(a.registry.counters()["payment"]["routes"]["POST /charges"].get<int>(), 1);
    }

    void concurrentRequestsOrderedByLatency()
    {
        Fixture f;
        std::vector<std::string> order;
        f.transport.send(req("POST", "mock://payment/charges"),
                         [&](TransportResult) { order.push_back("charge"); });
        f.transport.send(req("GET", "mock://payment/status"),
                         [&](TransportResult) { order.push_back("status"); });
        f.transport.send(req("GET", "mock://payment/malformed"),
                         [&](TransportResult) { order.push_back("malformed"); });
        f.clock.runUntilIdle();
        QCOMPARE(order, (std::vector<std::string>{"malformed", "status", "charge"}));
        QCOMPARE(f.clock.now() - engine::VirtualClock::kDefaultStart, engine::Micros(80000));
    }
};

QTEST_GUILESS_MAIN(tst_InProcessTransport)
#include "tst_inprocesstransport.moc"
