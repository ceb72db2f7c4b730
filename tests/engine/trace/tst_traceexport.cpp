// Tests for the JSON views of runs and the OTLP and Chrome trace exports.
// LABELS: unit
#include <engine/core/jsonio.h>
#include <engine/trace/traceexport.h>

#include <QTest>

#include <map>
#include <set>

using namespace tutti::engine;

// Json converts to too many types for QCOMPARE's overloads: compare the serialized forms.
#define JCOMPARE(actual, expected)                                                                 \
    QCOMPARE(QString::fromStdString(Json(actual).dump()),                                          \
             QString::fromStdString(Json(expected).dump()))

namespace {

constexpr Micros kStart = 1'000'000'000; // 1970-01-01T00:16:40Z

Span span(SpanId id, SpanId parent, SpanKind kind, const std::string &name, Micros offset,
          Micros duration, SpanStatus status = SpanStatus::Ok)
{
    Span s;
    s.id = id;
    s.parent = parent;
    s.kind = kind;
    s.name = name;
    s.stepId = kind == SpanKind::Step ? name : std::string();
    s.start = kStart + offset;
    s.duration = duration;
    s.status = status;
    return s;
}

// A checkout-like run: a step with an attempt, a parallel step with two branches, one failing,
// and a compensation.
std::pair<RunRecord, std::vector<Span>> sampleRun()
{
    RunRecord run;
    run.id = "6f1c2b7e-0d5a-4c3e-9a51-2b8f3c4d5e6f";
    run.flow = "checkout";
    run.flowFile = "checkout.flow.yaml";
    run.status = RunStatus::Compensated;
    run.startedAt = kStart;
    run.duration = 4100;
    run.seed = 42;
    run.error = {{"type", "http.503"}, {"message", "Service Unavailable"}, {"step", "email"}};
    run.steps = {
        {"reserve", StepStatus::Compensated, 1, 1000, nullptr},
        {"email", StepStatus::Failed, 1, 3000, {{"type", "http.503"}, {"message", "down"}}}};
    std::vector<Span> spans;
    spans.push_back(span(1, 0, SpanKind::Step, "reserve", 0, 1000));
    Span attempt = span(2, 1, SpanKind::Attempt, "attempt 1", 0, 900);
    attempt.stepId = "reserve";
    attempt.attempt = 1;
    attempt.request = {{"method", "POST"}, {"url", "mock://inventory/reservations"}};
    attempt.response = {{"status", 201}, {"body", {{"id", "r1"}}}};
    spans.push_back(attempt);
    spans.push_back(span(3, 0, SpanKind::Step, "ship_and_notify", 1000, 3000, SpanStatus::Error));
    spans.push_back(span(4, 3, SpanKind::Branch, "ship", 1000, 2000));
    spans.push_back(span(5, 4, SpanKind::Step, "book", 1000, 2000));
    spans.push_back(span(6, 3, SpanKind::Branch, "notify", 1000, 3000, SpanStatus::Error));
    Span email = span(7, 6, SpanKind::Step, "email", 1000, 3000, SpanStatus::Error);
    email.error = {{"type", "http.503"}, {"message", "down"}, {"status", 503}};
    spans.push_back(email);
    spans.push_back(span(8, 0, SpanKind::Compensation, "undo reserve", 4000, 100));
    return {run, spans};
}

const Json *findAttribute(const Json &span, const std::string &key)
{
    for (const Json &a : span.at("attributes"))
        if (a.at("key") == key)
            return &a.at("value");
    return nullptr;
}

} // namespace

class TestTraceExport : public QObject {
    Q_OBJECT

private slots:
    void durationMs_data();
    void durationMs();
    void formatTimestamp_data();
    void formatTimestamp();
    void runJsonShape();
    void traceShowShape();
    void traceListShape();
    void otlpIds();
    void otlpStructure();
    void otlpGolden();
    void hostileValuesExportAsValidJson();
    void chromeLanesAndNesting();
    void chromeMapItemsReuseLanes();
    void chromeGolden();
};

void TestTraceExport::durationMs_data()
{
    QTest::addColumn<qlonglong>("micros");
    QTest::addColumn<QString>("json");
    QTest::newRow("zero") << 0LL << "0";
    QTest::newRow("whole") << 250'000LL << "250";
    QTest::newRow("fraction") << 1500LL << "1.5";
    QTest::newRow("microseconds") << 12'345LL << "12.345";
    QTest::newRow("one microsecond") << 1LL << "0.001";
}

void TestTraceExport::durationMs()
{
    QFETCH(qlonglong, micros);
    QFETCH(QString, json);
    QCOMPARE(QString::fromStdString(tutti::engine::durationMs(micros).dump()), json);
}

void TestTraceExport::formatTimestamp_data()
{
    QTest::addColumn<qlonglong>("micros");
    QTest::addColumn<QString>("text");
    QTest::newRow("epoch") << 0LL << "1970-01-01T00:00:00.000Z";
    QTest::newRow("sample") << qlonglong(kStart) << "1970-01-01T00:16:40.000Z";
    QTest::newRow("millis truncated") << 1'764'168'810'123'999LL << "2025-11-26T14:53:30.123Z";
    QTest::newRow("before epoch") << -1LL << "1969-12-31T23:59:59.999Z";
}

void TestTraceExport::formatTimestamp()
{
    QFETCH(qlonglong, micros);
    QFETCH(QString, text);
    QCOMPARE(QString::fromStdString(tutti::engine::formatTimestamp(micros)), text);
}

void TestTraceExport::runJsonShape()
{
    auto [run, spans] = sampleRun();
    run.output = {{"order", 7}};
    const Json j = runToJson(run);
    QCOMPARE(QString::fromStdString(j.dump()),
             QStringLiteral(R"({"run":"6f1c2b7e-0d5a-4c3e-9a51-2b8f3c4d5e6f","flow":"checkout",)"
                            R"("status":"compensated","output":{"order":7},"error":{"type":)"
                            R"("http.503","message":"Service Unavailable","step":"email"},)"
                            R"("duration_ms":4.1,"steps":[{"id":"reserve","status":)"
                            R"("compensated","attempts":1,"duration_ms":1,"error":null},)"
                            R"({"id":"email","status":"failed","attempts":1,"duration_ms":3,)"
                            R"("error":{"type":"http.503","message":"down"}}]})"));
}

void TestTraceExport::traceShowShape()
{
    auto [run, spans] = sampleRun();
    const Json j = traceShowToJson(run, spans);
    JCOMPARE(j.at("run").at("run"), Json(run.id));
    JCOMPARE(j.at("run").at("status"), Json("compensated"));
    JCOMPARE(j.at("run").at("started_at"), Json("1970-01-01T00:16:40.000Z"));
    QCOMPARE(j.at("spans").size(), spans.size());
    const Json &first = j.at("spans").at(0);
    for (const char *key : {"id", "parent", "name", "kind", "start_us", "duration_us", "status",
                            "error", "request", "response"})
        QVERIFY2(first.contains(key), key);
    QVERIFY(first.at("parent").is_null());
    const Json &attempt = j.at("spans").at(1);
    JCOMPARE(attempt.at("parent"), Json(1));
    JCOMPARE(attempt.at("kind"), Json("attempt"));
    JCOMPARE(attempt.at("start_us"), Json(kStart));
    JCOMPARE(attempt.at("offset_us"), Json(0));
    JCOMPARE(attempt.at("duration_us"), Json(900));
    JCOMPARE(attempt.at("response").at("status"), Json(201));
    JCOMPARE(j.at("spans").at(6).at("error").at("type"), Json("http.503"));
}

void TestTraceExport::traceListShape()
{
    auto [run, spans] = sampleRun();
    const Json j = runListToJson({run});
    QCOMPARE(QString::fromStdString(j.dump()),
             QStringLiteral(R"({"runs":[{"run":"6f1c2b7e-0d5a-4c3e-9a51-2b8f3c4d5e6f",)"
                            R"("flow":"checkout","status":"compensated","started_at":)"
                            R"("1970-01-01T00:16:40.000Z","started_at_us":1000000000,)"
                            R"("duration_ms":4.1}]})"));
    QCOMPARE(QString::fromStdString(runListToJson({}).dump()), QStringLiteral(R"({"runs":[]})"));
}

void TestTraceExport::otlpIds()
{
    QCOMPARE(QString::fromStdString(otlpTraceId("6F1C2B7E-0D5A-4C3E-9A51-2B8F3C4D5E6F")),
             QStringLiteral("6f1c2b7e0d5a4c3e9a512b8f3c4d5e6f"));
    const std::string hashed = otlpTraceId("run-17");
    QCOMPARE(hashed.size(), std::size_t(32));
    QCOMPARE(hashed, otlpTraceId("run-17")); // stable
    QVERIFY(hashed != otlpTraceId("run-18"));
    QVERIFY(hashed.find_first_not_of("0123456789abcdef") == std::string::npos);
    QCOMPARE(QString::fromStdString(otlpSpanId(0x2a)), QStringLiteral("000000000000002a"));
    const std::string root = otlpRootSpanId("run-17");
    QCOMPARE(root.size(), std::size_t(16));
    QVERIFY(root[0] >= '8'); // top bit set: never a sequential span id
}

void TestTraceExport::otlpStructure()
{
    auto [run, spans] = sampleRun();
    const Json j = toOtlpJson(run, spans);
    const Json &rs = j.at("resourceSpans").at(0);
    JCOMPARE(findAttribute(rs.at("resource"), "service.name")->at("stringValue"), Json("tutti"));
    const Json &list = rs.at("scopeSpans").at(0).at("spans");
    QCOMPARE(list.size(), spans.size() + 1);

    std::map<std::string, const Json *> byId;
    for (const Json &s : list) {
        JCOMPARE(s.at("traceId"), Json("6f1c2b7e0d5a4c3e9a512b8f3c4d5e6f"));
        QCOMPARE(s.at("spanId").get<std::string>().size(), std::size_t(16));
        byId[s.at("spanId").get<std::string>()] = &s;
    }
    const Json &root = list.at(0);
    QVERIFY(!root.contains("parentSpanId"));
    JCOMPARE(root.at("name"), Json("checkout"));
    JCOMPARE(root.at("startTimeUnixNano"), Json("1000000000000"));
    JCOMPARE(root.at("endTimeUnixNano"), Json("1000004100000"));
    JCOMPARE(root.at("status").at("code"), Json(2));
    // Every parent link resolves within the trace; top-level spans hang off the run.
    for (const Json &s : list)
        if (s.contains("parentSpanId"))
            QVERIFY(byId.count(s.at("parentSpanId").get<std::string>()));
    JCOMPARE(list.at(1).at("parentSpanId"), root.at("spanId"));
    const Json &attempt = list.at(2);
    JCOMPARE(attempt.at("parentSpanId"), Json("0000000000000001"));
    JCOMPARE(attempt.at("kind"), Json(3));
    JCOMPARE(attempt.at("startTimeUnixNano"), Json("1000000000000"));
    JCOMPARE(attempt.at("endTimeUnixNano"), Json("1000000900000"));
    JCOMPARE(findAttribute(attempt, "http.method")->at("stringValue"), Json("POST"));
    JCOMPARE(findAttribute(attempt, "http.status_code")->at("intValue"), Json("201"));
    JCOMPARE(findAttribute(attempt, "tutti.kind")->at("stringValue"), Json("attempt"));
    JCOMPARE(findAttribute(attempt, "tutti.attempt")->at("intValue"), Json("1"));
    JCOMPARE(attempt.at("status").at("code"), Json(1));
    const Json &email = list.at(7);
    JCOMPARE(email.at("name"), Json("email"));
    JCOMPARE(email.at("parentSpanId"), Json("0000000000000006"));
    JCOMPARE(email.at("status"), Json({{"code", 2}, {"message", "down"}}));
    JCOMPARE(findAttribute(email, "error.type")->at("stringValue"), Json("http.503"));
    JCOMPARE(findAttribute(email, "tutti.step")->at("stringValue"), Json("email"));
}

void TestTraceExport::otlpGolden()
{
    RunRecord run;
    run.id = "r1";
    run.flow = "f";
    run.status = RunStatus::Succeeded;
    run.startedAt = 5;
    run.duration = 3;
    const Json j = toOtlpJson(run, {span(1, 0, SpanKind::Step, "a", -kStart + 6, 2)});
    const QString traceId = QString::fromStdString(otlpTraceId("r1"));
    const QString rootId = QString::fromStdString(otlpRootSpanId("r1"));
    QString expected =
        R"({"resourceSpans":[{"resource":{"attributes":[)"
        R"({"key":"service.name","value":{"stringValue":"tutti"}},)"
        R"({"key":"tutti.flow","value":{"stringValue":"f"}},)"
        R"({"key":"tutti.flow_file","value":{"stringValue":""}},)"
        R"({"key":"tutti.seed","value":{"stringValue":"0"}},)"
        R"({"key":"tutti.virtual_time","value":{"boolValue":false}}]},)"
        R"("scopeSpans":[{"scope":{"name":"tutti"},"spans":[)"
        R"({"traceId":"T","spanId":"R","name":"f","kind":1,"startTimeUnixNano":"5000",)"
        R"("endTimeUnixNano":"8000","attributes":[{"key":"tutti.kind","value":{"stringValue":)"
        R"("run"}},{"key":"tutti.run.id","value":{"stringValue":"r1"}},{"key":)"
        R"("tutti.run.status","value":{"stringValue":"succeeded"}}],"status":{"code":1}},)"
        R"({"traceId":"T","spanId":"0000000000000001","parentSpanId":"R","name":"a","kind":1,)"
        R"("startTimeUnixNano":"6000","endTimeUnixNano":"8000","attributes":[{"key":)"
        R"("tutti.kind","value":{"stringValue":"step"}},{"key":"tutti.step","value":)"
        R"({"stringValue":"a"}}],"status":{"code":1}}]}]}]})";
    expected.replace("\"T\"", '"' + traceId + '"').replace("\"R\"", '"' + rootId + '"');
    QCOMPARE(QString::fromStdString(j.dump()), expected);
}

void TestTraceExport::chromeLanesAndNesting()
{
    auto [run, spans] = sampleRun();
    const Json j = toChromeTraceJson(run, spans);
    std::map<std::string, const Json *> byName;
    std::map<int, std::vector<const Json *>> byTid;
    int complete = 0;
    for (const Json &e : j.at("traceEvents")) {
        JCOMPARE(e.at("pid"), Json(1));
        if (e.at("ph") != "X")
            continue;
        ++complete;
        byName[e.at("name").get<std::string>()] = &e;
        byTid[e.at("tid").get<int>()].push_back(&e);
    }
    QCOMPARE(complete, int(spans.size()) + 1);
    auto tid = [&](const char *name) { return byName.at(name)->at("tid").get<int>(); };
    QCOMPARE(tid("checkout"), 1);
    QCOMPARE(tid("reserve"), 1);
    QCOMPARE(tid("attempt 1"), 1);
    QCOMPARE(tid("ship_and_notify"), 1);
    QCOMPARE(tid("undo reserve"), 1);
    QCOMPARE(tid("ship"), 2);
    QCOMPARE(tid("book"), 2);
    QCOMPARE(tid("notify"), 3);
    QCOMPARE(tid("email"), 3);
    JCOMPARE(byName.at("ship_and_notify")->at("ts"), Json(1000));
    JCOMPARE(byName.at("ship_and_notify")->at("dur"), Json(3000));
    JCOMPARE(byName.at("checkout")->at("dur"), Json(4100));
    JCOMPARE(byName.at("attempt 1")->at("args").at("request").at("method"), Json("POST"));
    JCOMPARE(byName.at("email")->at("args").at("error").at("type"), Json("http.503"));
    JCOMPARE(byName.at("email")->at("cat"), Json("step"));
    // On every lane, events either nest or are disjoint: what Perfetto needs to draw them.
    for (const auto &[lane, events] : byTid)
        for (const Json *a : events)
            for (const Json *b : events) {
                const Micros a0 = a->at("ts"), a1 = a0 + a->at("dur").get<Micros>();
                const Micros b0 = b->at("ts"), b1 = b0 + b->at("dur").get<Micros>();
                const bool disjoint = a1 <= b0 || b1 <= a0;
                const bool nested = (a0 <= b0 && b1 <= a1) || (b0 <= a0 && a1 <= b1);
                QVERIFY2(disjoint || nested, qPrintable(QString("lane %1").arg(lane)));
            }
}

void TestTraceExport::chromeMapItemsReuseLanes()
{
    RunRecord run;
    run.id = "m";
    run.flow = "map";
    run.startedAt = kStart;
    run.duration = 1000;
    std::vector<Span> spans{span(1, 0, SpanKind::Step, "fanout", 0, 1000)};
    for (SpanId i = 0; i < 100; ++i) // concurrency 2: two items at a time
        spans.push_back(span(10 + i, 1, SpanKind::Item, "item " + std::to_string(i),
                             static_cast<Micros>(i / 2) * 10, 10));
    const Json j = toChromeTraceJson(run, spans);
    std::set<int> tids;
    for (const Json &e : j.at("traceEvents"))
        if (e.at("ph") == "X" && e.at("cat") == "item")
            tids.insert(e.at("tid").get<int>());
    QCOMPARE(tids, (std::set<int>{2, 3}));
}

void TestTraceExport::chromeGolden()
{
    RunRecord run;
    run.id = "r1";
    run.flow = "f";
    run.status = RunStatus::Succeeded;
    run.startedAt = kStart;
    run.duration = 7;
    Span a = span(1, 0, SpanKind::Step, "a", 2, 5);
    a.stepId = "a";
    const Json j = toChromeTraceJson(run, {a});
    QCOMPARE(
        QString::fromStdString(j.dump()),
        QStringLiteral(
            R"({"traceEvents":[{"ph":"M","pid":1,"name":"process_name","args":{"name":"f r1"}},)"
            R"({"ph":"M","pid":1,"tid":1,"name":"thread_name","args":{"name":"run"}},)"
            R"({"ph":"X","name":"f","cat":"run","pid":1,"tid":1,"ts":0,"dur":7,"args":)"
            R"({"run":"r1","status":"succeeded","input":null,"output":null,"error":null}},)"
            R"({"ph":"X","name":"a","cat":"step","pid":1,"tid":1,"ts":2,"dur":5,"args":)"
            R"({"id":1,"status":"ok","step":"a"}}],"displayTimeUnit":"ms","otherData":)"
            R"({"run":"r1","flow":"f","status":"succeeded","started_at":)"
            R"("1970-01-01T00:16:40.000Z","seed":"0","virtual_time":false}})"));
}

void TestTraceExport::hostileValuesExportAsValidJson()
{
    // Upstream bytes that are not UTF-8 and a value nested deeper than any parsed one (built at
    // run time; past the depth where dumpJson stops recursing): every export must still give
    // readable JSON, never throw.
    auto [run, spans] = sampleRun();
    run.error = Json{{"type", "parse"}, {"message", "bad \xff byte"}, {"step", "b\xfe"}};
    Json deep = Json::array();
    Json *at = &deep;
    for (int i = 0; i < 2000; ++i) {
        at->push_back(Json::array());
        at = &at->back();
    }
    spans[1].response = Json{{"status", 200}, {"headers", {{"x-raw", "\xff"}}}, {"body", deep}};
    spans[1].error = Json{{"type", "http.500"}, {"message", "caf\xe9"}};
    spans[1].name = "attempt \xff";
    for (const Json &doc : {toOtlpJson(run, spans), toChromeTraceJson(run, spans),
                            traceShowToJson(run, spans), runToJson(run)}) {
        const std::string text = dumpJson(doc);
        QVERIFY(isValidUtf8(text));
    }
    QVERIFY(dumpJson(runToJson(run)).find("bad \xEF\xBF\xBD byte") != std::string::npos);
}

QTEST_GUILESS_MAIN(TestTraceExport)
#include "tst_traceexport.moc"
