// OtlpExporter against a local receiver: the proto-JSON shape a collector expects (hex ids,
// integer enums, nanosecond strings, typed attribute values), batching, bounded retries, a
// full queue, collectors that are down, hang or answer too much, and the endpoint/header
// parsing of the command line.
// LABELS: unit
#include "loopbackserver.h"

#include <engine/core/jsonio.h>
#include <engine/net/otlpexporter.h>

#include <QRegularExpression>
#include <QtTest>

#include <atomic>
#include <mutex>

using namespace tutti::engine;
using tutti::engine::test::LoopbackServer;

namespace {

RunRecord makeRun(const std::string &id)
{
    RunRecord run;
    run.id = id;
    run.flow = "checkout";
    run.flowFile = "checkout.flow.yaml";
    run.status = RunStatus::Succeeded;
    run.startedAt = 1'764'000'000'000'000; // µs since the epoch
    run.duration = 5000;
    return run;
}

Span makeSpan(SpanId id, SpanId parent, SpanKind kind, const std::string &step)
{
    Span s;
    s.id = id;
    s.parent = parent;
    s.kind = kind;
    s.name = step;
    s.stepId = step;
    s.attempt = kind == SpanKind::Attempt ? 1 : 0;
    s.start = 1'764'000'000'001'000;
    s.duration = 1200;
    s.status = SpanStatus::Ok;
    if (kind == SpanKind::Attempt) {
        s.request = {{"method", "POST"}, {"url", "https://pay.example/charge"}};
        s.response = {{"status", 201}};
    }
    return s;
}

// Feeds one finished run of two spans (a step and its attempt) to `sink`.
void feedRun(TraceSink &sink, const std::string &id)
{
    const RunRecord run = makeRun(id);
    sink.runStarted(run);
    sink.spanFinished(run, makeSpan(2, 1, SpanKind::Attempt, "charge"));
    sink.spanFinished(run, makeSpan(1, 0, SpanKind::Step, "charge"));
    sink.runFinished(run);
}

OtlpOptions options(const std::string &url)
{
    OtlpOptions o;
    o.url = url;
    o.retryDelay = 5 * kMillisecond;
    o.requestTimeout = 2 * kSecond;
    return o;
}

bool isHex(const Json &v, int length)
{
    static const QRegularExpression hex("^[0-9a-f]+$");
    return v.is_string() && int(v.get<std::string>().size()) == length &&
           hex.match(QString::fromStdString(v.get<std::string>())).hasMatch();
}

bool isDigits(const Json &v)
{
    static const QRegularExpression digits("^[0-9]+$");
    return v.is_string() && digits.match(QString::fromStdString(v.get<std::string>())).hasMatch();
}

} // namespace

class TestOtlpExporter : public QObject {
    Q_OBJECT
private slots:
    void tracesUrl_data()
    {
        QTest::addColumn<QString>("endpoint");
        QTest::addColumn<QString>("url"); // "" : rejected
        QTest::newRow("base") << "http://127.0.0.1:4318"
                              << "http://127.0.0.1:4318/v1/traces";
        QTest::newRow("base slash") << "http://c:4318/"
                                    << "http://c:4318/v1/traces";
        QTest::newRow("signal path") << "https://c/otlp/v1/traces"
                                     << "https://c/otlp/v1/traces";
        QTest::newRow("trimmed") << "  http://c:1  "
                                 << "http://c:1/v1/traces";
        QTest::newRow("no scheme") << "collector:4318"
                                   << "";
        QTest::newRow("ftp") << "ftp://c/"
                             << "";
        QTest::newRow("no host") << "http:///v1/traces"
                                 << "";
        QTest::newRow("CRLF") << "http://c/\r\nX-Evil: 1"
                              << "";
        QTest::newRow("empty") << ""
                               << "";
    }
    void tracesUrl()
    {
        QFETCH(QString, endpoint);
        QFETCH(QString, url);
        const auto r = otlpTracesUrl(endpoint.toStdString());
        if (url.isEmpty()) {
            QVERIFY(!r);
            QVERIFY(!r.error().message.empty());
        } else {
            QVERIFY2(r, r ? "" : r.error().message.c_str());
            QCOMPARE(QString::fromStdString(*r), url);
        }
    }

    void headers()
    {
        const auto ok = parseOtlpHeaders("api-key=abc%20def, x-tenant = t1,,");
        QVERIFY(ok);
        QCOMPARE(ok->size(), std::size_t(2));
        QCOMPARE((*ok)[0].first, std::string("api-key"));
        QCOMPARE((*ok)[0].second, std::string("abc def"));
        QCOMPARE((*ok)[1].second, std::string("t1"));
        QVERIFY(parseOtlpHeaders("")->empty());
        QVERIFY(!parseOtlpHeaders("novalue"));
        QVERIFY(!parseOtlpHeaders("bad name=1"));
        QVERIFY(!parseOtlpHeaders("x=a%0D%0AInjected: 1")); // decoded CRLF cannot reach the wire
        QVERIFY(!parseOtlpHeaders("x=a%00b"));              // a NUL byte
    }

    void sendsProtoJson()
    {
        LoopbackServer collector;
        QVERIFY(collector.start());
        OtlpOptions o = options(collector.url("/v1/traces"));
        o.headers = {{"api-key", "k1"}};
        OtlpExporter exporter(o);
        feedRun(exporter, "6f1c2d3e-0000-4000-8000-00000000abcd");
        QVERIFY(exporter.flush(10 * kSecond));
        QCOMPARE(exporter.stats().sentRuns, std::size_t(1));

        const auto requests = collector.requests();
        QCOMPARE(requests.size(), std::size_t(1));
        const auto &r = requests.front();
        QCOMPARE(r.method, std::string("POST"));
        QCOMPARE(r.path, std::string("/v1/traces"));
        QVERIFY(r.header("content-type"));
        QCOMPARE(*r.header("content-type"), std::string("application/json"));
        QVERIFY(r.header("api-key"));
        QCOMPARE(*r.header("api-key"), std::string("k1"));

        const auto body = parseJson(r.body);
        QVERIFY(body);
        const Json &resource = (*body)["resourceSpans"][0];
        QVERIFY(resource["resource"]["attributes"].is_array());
        const Json &spans = resource["scopeSpans"][0]["spans"];
        QCOMPARE(spans.size(), std::size_t(3)); // the run's root span + 2
        const std::string traceId = spans[0]["traceId"].get<std::string>();
        QCOMPARE(traceId, std::string("6f1c2d3e000040008000"
                                      "00000000abcd"));
        for (const Json &s : spans) {
            QVERIFY2(isHex(s["traceId"], 32), s.dump().c_str());
            QCOMPARE(s["traceId"].get<std::string>(), traceId);
            QVERIFY2(isHex(s["spanId"], 16), s.dump().c_str());
            if (s.contains("parentSpanId"))
                QVERIFY2(isHex(s["parentSpanId"], 16), s.dump().c_str());
            QVERIFY2(s["kind"].is_number_integer(), s.dump().c_str());
            QVERIFY2(isDigits(s["startTimeUnixNano"]), s.dump().c_str());
            QVERIFY2(isDigits(s["endTimeUnixNano"]), s.dump().c_str());
            QVERIFY(std::stoull(s["endTimeUnixNano"].get<std::string>()) >=
                    std::stoull(s["startTimeUnixNano"].get<std::string>()));
            QVERIFY2(s["status"]["code"].is_number_integer(), s.dump().c_str());
            for (const Json &a : s["attributes"]) {
                QVERIFY(a["key"].is_string());
                const Json &v = a["value"];
                QCOMPARE(v.size(), std::size_t(1));
                if (v.contains("intValue"))
                    QVERIFY2(isDigits(v["intValue"]), a.dump().c_str()); // int64: a string
                else
                    QVERIFY2(v.contains("stringValue") || v.contains("boolValue") ||
                                 v.contains("doubleValue"),
                             a.dump().c_str());
            }
        }
        // The attempt is a client span under its step, the step under the run's root.
        QCOMPARE(spans[1]["kind"].get<int>(), 3);
        QCOMPARE(spans[1]["parentSpanId"], spans[2]["spanId"]);
        QCOMPARE(spans[2]["parentSpanId"], spans[0]["spanId"]);
        QCOMPARE(spans[0]["startTimeUnixNano"].get<std::string>(),
                 std::string("1764000000000000000"));
    }

    void batchesRuns()
    {
        LoopbackServer collector;
        QVERIFY(collector.start());
        OtlpOptions o = options(collector.url("/v1/traces"));
        o.maxBatchRuns = 4;
        OtlpExporter exporter(o);
        for (int i = 0; i < 10; ++i)
            feedRun(exporter, "run-" + std::to_string(i));
        QVERIFY(exporter.flush(10 * kSecond));
        QCOMPARE(exporter.stats().sentRuns, std::size_t(10));
        std::size_t runs = 0;
        for (const auto &r : collector.requests()) {
            const auto body = parseJson(r.body);
            QVERIFY(body);
            QVERIFY((*body)["resourceSpans"].size() <= 4);
            runs += (*body)["resourceSpans"].size();
        }
        QCOMPARE(runs, std::size_t(10));
        QVERIFY(collector.requestCount() >= 3);
    }

    void retriesThenDrops()
    {
        LoopbackServer collector;
        QVERIFY(collector.start());
        OtlpOptions o = options(collector.url("/status/503"));
        o.maxAttempts = 3;
        std::mutex m;
        QStringList warnings;
        OtlpExporter exporter(o, [&](const std::string &w) {
            std::lock_guard lock(m);
            warnings << QString::fromStdString(w);
        });
        feedRun(exporter, "r1");
        QVERIFY(exporter.flush(10 * kSecond));
        QCOMPARE(collector.requestCount(), std::size_t(3));
        QCOMPARE(exporter.stats().droppedRuns, std::size_t(1));
        QCOMPARE(exporter.stats().sentRuns, std::size_t(0));
        std::lock_guard lock(m);
        QCOMPARE(warnings.size(), 1);
        QVERIFY2(warnings[0].contains("HTTP 503") && warnings[0].contains("3 attempts"),
                 qPrintable(warnings[0]));
    }

    void clientErrorIsNotRetried()
    {
        LoopbackServer collector;
        QVERIFY(collector.start());
        OtlpExporter exporter(options(collector.url("/status/400")));
        feedRun(exporter, "r1");
        QVERIFY(exporter.flush(10 * kSecond));
        QCOMPARE(collector.requestCount(), std::size_t(1));
        QCOMPARE(exporter.stats().droppedRuns, std::size_t(1));
    }

    void collectorDown()
    {
        int port = 0;
        {
            LoopbackServer gone; // a port that was just free: nothing listens on it now
            QVERIFY(gone.start());
            port = gone.port();
        }
        OtlpOptions o = options("http://127.0.0.1:" + std::to_string(port) + "/v1/traces");
        o.maxAttempts = 2;
        std::atomic<int> warnings = 0;
        OtlpExporter exporter(o, [&](const std::string &) { ++warnings; });
        for (int i = 0; i < 3; ++i)
            feedRun(exporter, "r" + std::to_string(i));
        QVERIFY(exporter.flush(10 * kSecond));
        QCOMPARE(exporter.stats().droppedRuns, std::size_t(3));
        QCOMPARE(warnings.load(), 1); // one warning for the stretch of failures
    }

    void hangingCollectorIsBounded()
    {
        LoopbackServer collector;
        QVERIFY(collector.start());
        OtlpOptions o = options(collector.url("/hang"));
        o.requestTimeout = 300 * kMillisecond;
        o.maxAttempts = 1;
        o.maxQueuedRuns = 2;
        o.maxBatchRuns = 1;
        std::atomic<int> full = 0;
        OtlpExporter exporter(o, [&](const std::string &w) {
            if (w.find("full") != std::string::npos)
                ++full;
        });
        for (int i = 0; i < 6; ++i)
            feedRun(exporter, "r" + std::to_string(i));
        // At most one run in flight and two queued: the rest were dropped at once.
        QVERIFY(exporter.stats().droppedRuns >= 3);
        QCOMPARE(full.load(), 1);
        QVERIFY(!exporter.flush(50 * kMillisecond)); // still waiting on the hung request
        QVERIFY(exporter.flush(10 * kSecond));       // each request gives up after 300 ms
        const auto stats = exporter.stats();
        QCOMPARE(stats.sentRuns + stats.droppedRuns, std::size_t(6));
        QCOMPARE(stats.sentRuns, std::size_t(0));
    }

    void oversizedAnswerIsDropped()
    {
        LoopbackServer collector;
        QVERIFY(collector.start());
        OtlpExporter exporter(options(collector.url("/big/3000000")));
        feedRun(exporter, "r1");
        QVERIFY(exporter.flush(10 * kSecond));
        QCOMPARE(exporter.stats().droppedRuns, std::size_t(1));
    }

    void destroyWithWorkQueued()
    {
        LoopbackServer collector;
        QVERIFY(collector.start());
        auto exporter = std::make_unique<OtlpExporter>(options(collector.url("/hang")));
        for (int i = 0; i < 3; ++i)
            feedRun(*exporter, "r" + std::to_string(i));
        QElapsedTimer timer;
        timer.start();
        exporter.reset(); // must neither wait for the hung request nor call into a dead object
        QVERIFY(timer.elapsed() < 10000);
    }
};

QTEST_GUILESS_MAIN(TestOtlpExporter)
#include "tst_otlpexporter.moc"
