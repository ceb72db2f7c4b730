// Tests for CurlTransport against a scripted loopback server: round trips, errors, limits,
// cancellation, keep-alive reuse and concurrency.
// LABELS: unit
#include "loopbackserver.h"

#include <engine/net/curltransport.h>

#include <QElapsedTimer>
#include <QTest>

#include <optional>

using namespace tutti::engine;
using tutti::engine::test::LoopbackServer;

Q_DECLARE_METATYPE(tutti::engine::TransportError)

namespace {

// Sends one request and waits (bounded) for its result; checks `done` is not called inside send().
std::optional<TransportResult> roundTrip(CurlTransport &transport, HttpRequest request,
                                         int waitMs = 5000)
{
    std::optional<TransportResult> result;
    bool inSend = true;
    bool calledInSend = false;
    transport.send(std::move(request), [&](TransportResult r) {
        calledInSend = calledInSend || inSend;
        result = std::move(r);
    });
    inSend = false;
    if (calledInSend)
        return std::nullopt;
    QElapsedTimer timer;
    timer.start();
    while (!result && timer.elapsed() < waitMs)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    return result;
}

// Waits (bounded) until the server thread has seen `count` requests, running the event loop in
// small steps so nothing else the test is racing against gets far.
bool waitForRequests(const LoopbackServer &server, std::size_t count)
{
    QElapsedTimer timer;
    timer.start();
    while (server.requestCount() < count && timer.elapsed() < 2000)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 1);
    return server.requestCount() >= count;
}

HttpRequest make(std::string url, std::string method = "GET", std::string body = {})
{
    HttpRequest r;
    r.url = std::move(url);
    r.method = std::move(method);
    r.body = std::move(body);
    return r;
}

} // namespace

class TestCurlTransport : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        m_server = std::make_unique<LoopbackServer>();
        QVERIFY(m_server->start());
    }
    void cleanup() { m_server.reset(); }

    void methodsAndBodies_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("GET") << "GET" << QByteArray();
        QTest::newRow("GET with body") << "GET" << QByteArray("{\"q\":1}");
        QTest::newRow("POST json") << "POST" << QByteArray("{\"sku\":\"A-1\",\"qty\":2}");
        QTest::newRow("POST empty") << "POST" << QByteArray();
        QTest::newRow("POST 64 KiB") << "POST" << QByteArray(64 * 1024, 'p');
        QTest::newRow("PUT") << "PUT" << QByteArray("put-body");
        QTest::newRow("PATCH") << "PATCH" << QByteArray("{\"a\":null}");
        QTest::newRow("DELETE") << "DELETE" << QByteArray();
        QTest::newRow("DELETE with body") << "DELETE" << QByteArray("why");
    }
    void methodsAndBodies()
    {
        QFETCH(QString, method);
        QFETCH(QByteArray, body);
        CurlTransport transport;
        HttpRequest request =
            make(m_server->url("/echo"), method.toStdString(), body.toStdString());
        request.headers = {{"X-Test", "hello world"}, {"Content-Type", "application/json"}};
        const auto result = roundTrip(transport, request);
        QVERIFY2(result, "no result, or done called inside send()");
        QCOMPARE(result->error, TransportError::None);
        QCOMPARE(result->response.status, 200);
        QCOMPARE(QByteArray::fromStdString(result->response.body), body);
        QVERIFY(findHeader(result->response.headers, "x-method"));
        QCOMPARE(*findHeader(result->response.headers, "X-Method"), method.toStdString());
        QCOMPARE(*findHeader(result->response.headers, "X-Echo"), std::string("hello world"));

        const auto seenAll = m_server->requests();
        QCOMPARE(seenAll.size(), 1u);
        const auto &seen = seenAll.front();
        QCOMPARE(seen.method, method.toStdString());
        QCOMPARE(seen.body, body.toStdString());
        QVERIFY(seen.header("x-test"));
        QCOMPARE(*seen.header("x-test"), std::string("hello world"));
        QCOMPARE(*seen.header("content-type"), std::string("application/json"));
        QVERIFY2(!seen.header("expect"), "an Expect: 100-continue would cost a round trip");
    }

    void reusedHandlesForgetPreviousRequests()
    {
        // Handles go back to a pool: each request must not inherit the previous one's method,
        // body, headers or limits.
        struct Step {
            std::string method, path, body, header;
            std::size_t maxBody;
            TransportError expected;
        };
        const std::vector<Step> steps = {
            {"POST", "/echo", "first", "X-Test: a", 1000, TransportError::None},
            {"GET", "/echo", "", "", 1000, TransportError::None},
            {"DELETE", "/echo", "", "", 1000, TransportError::None},
            {"HEAD", "/big/100", "", "", 1000, TransportError::None},
            {"PUT", "/echo", "put", "", 1000, TransportError::None},
            {"GET", "/big/100", "", "", 10, TransportError::TooLarge},
            {"GET", "/big/100", "", "", 1000, TransportError::None},
            {"POST", "/echo", "", "", 1000, TransportError::None},
            {"GET", "/echo", "", "", 1000, TransportError::None},
        };
        CurlTransport transport;
        for (std::size_t i = 0; i < steps.size(); ++i) {
            const Step &step = steps[i];
            HttpRequest request = make(m_server->url(step.path), step.method, step.body);
            if (!step.header.empty())
                request.headers = {{"X-Test", "a"}};
            request.maxBody = step.maxBody;
            const auto result = roundTrip(transport, request);
            QVERIFY(result);
            QCOMPARE(result->error, step.expected);
            const auto seen = m_server->requests().back();
            QCOMPARE(seen.method, step.method);
            QCOMPARE(seen.body, step.body);
            QCOMPARE(bool(seen.header("x-test")), !step.header.empty());
            if (step.method == "HEAD")
                QVERIFY(result->response.body.empty());
            else if (step.expected == TransportError::None && step.path == "/echo")
                QCOMPARE(result->response.body, step.body);
        }
        QCOMPARE(m_server->requestCount(), steps.size());
    }

    void sendsOnlyRequestedHeaders()
    {
        CurlTransport transport;
        HttpRequest request = make(m_server->url("/echo"), "POST", std::string(4096, 'x'));
        request.headers = {{"X-Empty", ""}};
        const auto result = roundTrip(transport, request);
        QVERIFY(result);
        QCOMPARE(result->error, TransportError::None);
        const auto seen = m_server->requests().front();
        QVERIFY(!seen.header("content-type")); // curl would invent a form content type
        QVERIFY(!seen.header("expect"));
        QVERIFY(seen.header("x-empty"));
        QCOMPARE(*seen.header("x-empty"), std::string());
    }

    void statusCodes_data()
    {
        QTest::addColumn<int>("status");
        for (int status : {200, 201, 204, 301, 400, 404, 409, 429, 500, 503})
            QTest::addRow("%d", status) << status;
    }
    void statusCodes()
    {
        QFETCH(int, status);
        CurlTransport transport;
        const auto result =
            roundTrip(transport, make(m_server->url("/status/" + std::to_string(status))));
        QVERIFY(result);
        // Any HTTP status is a response, not a transport error: the engine classifies it.
        QCOMPARE(result->error, TransportError::None);
        QCOMPARE(result->response.status, status);
    }

    void responseHeaders()
    {
        CurlTransport transport;
        const auto result = roundTrip(transport, make(m_server->url("/headers")));
        QVERIFY(result);
        const Headers &h = result->response.headers;
        QVERIFY(findHeader(h, "content-type"));
        QCOMPARE(*findHeader(h, "Content-Type"), std::string("application/json"));
        QCOMPARE(*findHeader(h, "set-cookie"), std::string("session=abc; Path=/"));
        QCOMPARE(*findHeader(h, "X-Spaced"), std::string("padded value"));
        int multi = 0;
        for (const auto &[name, value] : h)
            if (name == "X-Multi")
                QCOMPARE(value, std::string(++multi == 1 ? "one" : "two"));
        QCOMPARE(multi, 2);
        for (const auto &[name, value] : h)
            QVERIFY2(!name.starts_with("HTTP/"), "the status line is not a header");
    }

    void keepAliveReusesOneConnection()
    {
        CurlTransport transport;
        int completed = 0;
        bool failed = false;
        std::function<void()> next = [&] {
            transport.send(make(m_server->url("/echo"), "POST", "n"), [&](TransportResult r) {
                failed = failed || r.error != TransportError::None || r.response.status != 200;
                if (++completed < 10)
                    next(); // chained from the callback, as a flow does
            });
        };
        next();
        QTRY_COMPARE_WITH_TIMEOUT(completed, 10, 5000);
        QVERIFY(!failed);
        QCOMPARE(m_server->requestCount(), 10u);
        QCOMPARE(m_server->connections(), 1);
    }

    void connectionRefused()
    {
        int closedPort = 0;
        {
            LoopbackServer probe;
            QVERIFY(probe.start());
            closedPort = probe.port();
        }
        CurlTransport transport;
        const auto result =
            roundTrip(transport, make("http://127.0.0.1:" + std::to_string(closedPort) + "/"));
        QVERIFY(result);
        QCOMPARE(result->error, TransportError::Connection);
        QVERIFY(!result->errorMessage.empty());
    }

    void timeoutWhenServerNeverAnswers()
    {
        CurlTransport transport;
        HttpRequest request = make(m_server->url("/hang"));
        request.timeout = 200 * kMillisecond;
        QElapsedTimer elapsed;
        elapsed.start();
        const auto result = roundTrip(transport, request, 2000);
        QVERIFY(result);
        QCOMPARE(result->error, TransportError::Timeout);
        QVERIFY(!result->errorMessage.empty());
        QVERIFY2(elapsed.elapsed() >= 195, qPrintable(QString::number(elapsed.elapsed())));
        QVERIFY2(elapsed.elapsed() < 1000, qPrintable(QString::number(elapsed.elapsed())));
    }

    void resetMidResponse()
    {
        CurlTransport transport;
        const auto result = roundTrip(transport, make(m_server->url("/reset")));
        QVERIFY(result);
        QCOMPARE(result->error, TransportError::Connection);
        QVERIFY(!result->errorMessage.empty());
    }

    void maxBody_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<qulonglong>("maxBody");
        QTest::addColumn<TransportError>("expected");
        QTest::newRow("content-length over")
            << QString("/big/5000") << 4999ull << TransportError::TooLarge;
        QTest::newRow("content-length exact")
            << QString("/big/5000") << 5000ull << TransportError::None;
        QTest::newRow("chunked over")
            << QString("/chunked/5000") << 4096ull << TransportError::TooLarge;
        QTest::newRow("chunked exact")
            << QString("/chunked/5000") << 5000ull << TransportError::None;
        QTest::newRow("1 MiB over")
            << QString("/big/1048576") << 65536ull << TransportError::TooLarge;
        QTest::newRow("zero limit, empty body")
            << QString("/status/204") << 0ull << TransportError::None;
        QTest::newRow("zero limit, some body")
            << QString("/chunked/1") << 0ull << TransportError::TooLarge;
    }
    void maxBody()
    {
        QFETCH(QString, path);
        QFETCH(qulonglong, maxBody);
        QFETCH(TransportError, expected);
        CurlTransport transport;
        HttpRequest request = make(m_server->url(path.toStdString()));
        request.maxBody = maxBody;
        const auto result = roundTrip(transport, request);
        QVERIFY(result);
        QCOMPARE(result->error, expected);
        if (expected == TransportError::None)
            QVERIFY(result->response.body.size() <= maxBody);
        else
            QVERIFY(!result->errorMessage.empty());
    }

    void cancelNeverCallsDone()
    {
        CurlTransport transport;
        int called = 0;
        const RequestId hanging =
            transport.send(make(m_server->url("/hang")), [&](TransportResult) { ++called; });
        const RequestId slow =
            transport.send(make(m_server->url("/slow/150")), [&](TransportResult) { ++called; });
        QVERIFY(waitForRequests(*m_server, 2));
        // A request that fails before reaching curl is reported through the event loop; a
        // cancel before that must still win.
        const RequestId early =
            transport.send(make("mock://inventory/items"), [&](TransportResult) { ++called; });
        transport.cancel(hanging);
        transport.cancel(slow);
        transport.cancel(early);
        transport.cancel(hanging); // twice: no-op
        transport.cancel(424242);  // unknown: no-op
        QCOMPARE(transport.pendingRequests(), 0u);
        QTest::qWait(200);
        QCOMPARE(called, 0);

        // The transport still works after cancellations.
        const auto result = roundTrip(transport, make(m_server->url("/echo")));
        QVERIFY(result);
        QCOMPARE(result->error, TransportError::None);
        transport.cancel(1); // long finished: no-op
    }

    void cancelFromAnotherCallback()
    {
        CurlTransport transport;
        int laterCalled = 0;
        RequestId later = 0;
        bool firstDone = false;
        transport.send(make(m_server->url("/echo")), [&](TransportResult) {
            firstDone = true;
            transport.cancel(later);
        });
        later = transport.send(make(m_server->url("/slow/50")),
                               [&](TransportResult) { ++laterCalled; });
        QTRY_VERIFY_WITH_TIMEOUT(firstDone, 2000);
        QTest::qWait(120);
        QCOMPARE(laterCalled, 0);
    }

    void mockUrlNeedsInProcessTransport()
    {
        CurlTransport transport;
        const auto result = roundTrip(transport, make("mock://payment/charges", "POST", "{}"));
        QVERIFY2(result, "no result, or done called inside send()");
        QCOMPARE(result->error, TransportError::Connection);
        QCOMPARE(result->errorMessage, std::string("mock:// URLs need the in-process transport"));
    }

    void lineBreaksInTheRequestAreNeverSent_data()
    {
        QTest::addColumn<QString>("part");
        QTest::newRow("header value") << "value";
        QTest::newRow("header name") << "name";
        QTest::newRow("method") << "method";
        QTest::newRow("url") << "url";
    }
    void lineBreaksInTheRequestAreNeverSent()
    {
        // The executor refuses these first; the transport must not put them on the wire for
        // any other caller either (libcurl sends header lines as given).
        QFETCH(QString, part);
        const std::string smuggled = "a\r\nX-Evil: 1\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x";
        HttpRequest request = make(m_server->url("/echo"));
        if (part == "value")
            request.headers = {{"X-Trace", smuggled}};
        else if (part == "name")
            request.headers = {{"X-Trace: ok\r\nX-Evil", "1"}};
        else if (part == "method")
            request.method = "GET /smuggled HTTP/1.1\r\nX-Evil: 1\r\n\r\nGET";
        else
            request.url = m_server->url("/echo?x=1\r\nX-Evil: 1");
        CurlTransport transport;
        const auto result = roundTrip(transport, request);
        QVERIFY2(result, "no result, or done called inside send()");
        QCOMPARE(result->error, TransportError::Connection);
        QVERIFY2(result->errorMessage.starts_with("request not sent: "),
                 result->errorMessage.c_str());
        // A good request afterwards proves the server was listening; only it arrived.
        QVERIFY(roundTrip(transport, make(m_server->url("/echo"))));
        QCOMPARE(m_server->requestCount(), std::size_t(1));
        const std::string raw = m_server->rawBytes();
        QVERIFY2(raw.find("X-Evil") == std::string::npos, raw.c_str());
        QVERIFY2(raw.find("smuggled") == std::string::npos, raw.c_str());
    }

    void onlyHttpSchemes()
    {
        CurlTransport transport;
        const auto result = roundTrip(transport, make("file:///etc/passwd"));
        QVERIFY(result);
        QCOMPARE(result->error, TransportError::Connection);
        QVERIFY(result->response.body.empty());
    }

    void concurrentRequestsAllComplete()
    {
        CurlTransport transport;
        constexpr int kCount = 50;
        int completed = 0;
        int wrong = 0;
        for (int i = 0; i < kCount; ++i) {
            const std::string body = "request-" + std::to_string(i);
            transport.send(make(m_server->url(i % 5 == 0 ? "/slow/30" : "/echo"), "POST", body),
                           [&, i, body](TransportResult r) {
                               ++completed;
                               const bool ok = r.error == TransportError::None &&
                                               r.response.status == 200 &&
                                               r.response.body == (i % 5 == 0 ? "slow" : body);
                               wrong += ok ? 0 : 1;
                           });
        }
        QTRY_COMPARE_WITH_TIMEOUT(completed, kCount, 10000);
        QCOMPARE(wrong, 0);
        QCOMPARE(transport.pendingRequests(), 0u);
        QCOMPARE(m_server->requestCount(), std::size_t(kCount));
    }

    void destroyWithPendingRequests()
    {
        int called = 0;
        {
            CurlTransport transport;
            transport.send(make(m_server->url("/hang")), [&](TransportResult) { ++called; });
            QVERIFY(waitForRequests(*m_server, 1));
            transport.send(make("mock://x/y"), [&](TransportResult) { ++called; });
        }
        QTest::qWait(50);
        QCOMPARE(called, 0);
    }

private:
    std::unique_ptr<LoopbackServer> m_server;
};

QTEST_GUILESS_MAIN(TestCurlTransport)
#include "tst_curltransport.moc"
