// Two runs diffed: steps aligned by path (map items and branches included, a step run twice
// kept apart), steps only in one run placed where they ran, differences in status, attempts,
// latency (above the noise floor only), error and payloads (with JSON pointers), and the
// `trace diff --json` shape.
// LABELS: unit
#include <engine/core/jsonio.h>
#include <engine/trace/rundiff.h>

#include <QTest>

using namespace tutti::engine;

namespace {

struct Builder {
    RunTrace run;
    SpanId next = 1;
    Micros t = 1'000'000;

    explicit Builder(const std::string &id)
    {
        run.first.id = id;
        run.first.flow = "shop";
        run.first.status = RunStatus::Succeeded;
        run.first.startedAt = t;
    }
    // A step with `attempts` attempts (the last answers `status` with `body`).
    SpanId step(const std::string &name, SpanId parent = 0, Micros duration = 10000,
                int attempts = 1, int status = 200, Json body = Json{{"ok", true}},
                SpanKind kind = SpanKind::Step)
    {
        Span s;
        s.id = next++;
        s.parent = parent;
        s.kind = kind;
        s.name = name;
        s.stepId = name;
        s.start = t;
        s.duration = duration;
        s.status = status < 400 ? SpanStatus::Ok : SpanStatus::Error;
        if (status >= 400)
            s.error = {{"type", "http." + std::to_string(status)}, {"message", "failed"}};
        const SpanId id = s.id;
        run.second.push_back(s);
        for (int a = 1; a <= attempts; ++a) {
            Span at;
            at.id = next++;
            at.parent = id;
            at.kind = SpanKind::Attempt;
            at.name = "attempt " + std::to_string(a);
            at.stepId = name;
            at.attempt = a;
            at.start = t;
            at.duration = duration / attempts;
            at.request = {{"method", "POST"},
                          {"url", "mock://svc/" + name},
                          {"headers", {{"Date", std::to_string(t)}}},
                          {"body", {{"n", 1}}}};
            at.response = {{"status", a == attempts ? status : 503},
                           {"headers", {{"X-Request-Id", std::to_string(next)}}},
                           {"body", body}};
            run.second.push_back(at);
        }
        t += duration;
        return id;
    }
    SpanId group(SpanKind kind, const std::string &name, SpanId parent)
    {
        Span s;
        s.id = next++;
        s.parent = parent;
        s.kind = kind;
        s.name = name;
        s.start = t;
        s.duration = 1;
        s.status = SpanStatus::Ok;
        run.second.push_back(s);
        return s.id;
    }
};

Builder basic(const std::string &id)
{
    Builder b(id);
    b.step("reserve");
    b.step("charge");
    b.step("ship");
    return b;
}

const StepDiff *find(const RunDiff &d, const std::string &path)
{
    for (const StepDiff &s : d.steps)
        if (s.path == path)
            return &s;
    return nullptr;
}

QStringList paths(const RunDiff &d)
{
    QStringList out;
    for (const StepDiff &s : d.steps)
        out << QString::fromStdString(s.path);
    return out;
}

QStringList names(unsigned differences)
{
    QStringList out;
    for (const std::string &n : differenceNames(differences))
        out << QString::fromStdString(n);
    return out;
}

} // namespace

class tst_RunDiff : public QObject {
    Q_OBJECT

private slots:
    void identical()
    {
        const Builder a = basic("a"), b = basic("b");
        const RunDiff d = diffRuns(a.run, b.run);
        QCOMPARE(paths(d), QStringList({"reserve", "charge", "ship"}));
        QCOMPARE(d.differentSteps(), 0);
        QVERIFY(d.runDifferences.empty());
        // Headers (dates, request ids) are not payload differences.
        QVERIFY(!find(d, "charge")->differs());
    }

    void statusAttemptsAndError()
    {
        Builder a = basic("a");
        Builder b("b");
        b.step("reserve");
        b.step("charge", 0, 10000, 3, 402, Json{{"declined", true}});
        b.run.first.status = RunStatus::Failed;
        const RunDiff d = diffRuns(a.run, b.run);
        const StepDiff *charge = find(d, "charge");
        QVERIFY(charge);
        QCOMPARE(names(charge->differences),
                 QStringList({"status", "attempts", "error", "response"}));
        QCOMPARE(charge->b->attempts, 3);
        QCOMPARE(QString::fromStdString(charge->b->error), QString("http.402"));
        QCOMPARE(names(find(d, "ship")->differences), QStringList({"only_a"}));
        QVERIFY(!find(d, "ship")->b);
        QCOMPARE(QString::fromStdString(d.runDifferences.front()), QString("status"));
        // The response's status and body, by pointer.
        QStringList pointers;
        for (const PayloadDifference &p : charge->payload)
            pointers << QString::fromStdString(p.where + p.pointer);
        QCOMPARE(pointers,
                 QStringList({"response/status", "response/body/ok", "response/body/declined"}));
        QVERIFY(charge->payload[2].a.is_null());
        QCOMPARE(charge->payload[2].b.get<bool>(), true);
    }

    void latencyAboveNoiseOnly()
    {
        Builder a("a"), b("b");
        a.step("fast", 0, 10000);
        b.step("fast", 0, 10500); // +5 %: noise
        a.step("slow", 0, 10000);
        b.step("slow", 0, 30000); // 3×
        a.step("tiny", 0, 100);
        b.step("tiny", 0, 900); // 9× but under the 1 ms floor
        const RunDiff d = diffRuns(a.run, b.run);
        QVERIFY(!find(d, "fast")->differs());
        QCOMPARE(names(find(d, "slow")->differences), QStringList({"latency"}));
        QCOMPARE(find(d, "slow")->latencyDelta(), Micros(20000));
        QVERIFY(!find(d, "tiny")->differs());
        RunDiffOptions strict;
        strict.latencyFloor = 0;
        strict.latencyRatio = 0;
        QVERIFY(diffRuns(a.run, b.run, strict).steps[0].differs());
    }

    void onlyInBGoesWhereItRan()
    {
        Builder a = basic("a");
        Builder b("b");
        b.step("audit0");
        b.step("reserve");
        b.step("charge");
        b.step("audit");
        b.step("ship");
        const RunDiff d = diffRuns(a.run, b.run);
        QCOMPARE(paths(d), QStringList({"audit0", "reserve", "charge", "audit", "ship"}));
        QCOMPARE(names(find(d, "audit")->differences), QStringList({"only_b"}));
        QVERIFY(!find(d, "audit")->a);
    }

    void nestedPathsAndRepeats()
    {
        auto make = [](const std::string &id, Json third) {
            Builder b(id);
            const SpanId map = b.step("ship_all", 0, 1, 0);
            for (int i = 0; i < 3; ++i) {
                const SpanId item = b.group(SpanKind::Item, "item " + std::to_string(i), map);
                b.step("ship", item, 1000, 1, 201, i == 2 ? third : Json{{"ok", true}});
            }
            b.step("poll");
            b.step("poll"); // a jump ran it again
            b.step("charge", 0, 1000, 1, 200, Json(nullptr), SpanKind::Compensation);
            return b;
        };
        const Builder a = make("a", Json{{"ok", true}});
        const Builder b = make("b", Json{{"ok", false}});
        const RunDiff d = diffRuns(a.run, b.run);
        QCOMPARE(paths(d), QStringList({"ship_all", "ship_all/item 0/ship", "ship_all/item 1/ship",
                                        "ship_all/item 2/ship", "poll", "poll#2", "charge"}));
        QCOMPARE(d.differentSteps(), 1);
        const StepDiff *third = find(d, "ship_all/item 2/ship");
        QCOMPARE(names(third->differences), QStringList({"response"}));
        QCOMPARE(QString::fromStdString(third->payload.at(0).pointer), QString("/body/ok"));
        QCOMPARE(third->depth, 2);
        QCOMPARE(find(d, "charge")->kind, SpanKind::Compensation);
    }

    void payloadListIsBounded()
    {
        Json many = Json::object(), other = Json::object();
        for (int i = 0; i < 50; ++i) {
            many["k" + std::to_string(i)] = i;
            other["k" + std::to_string(i)] = i + 1;
        }
        Builder a("a"), b("b");
        a.step("s", 0, 1000, 1, 200, many);
        b.step("s", 0, 1000, 1, 200, other);
        RunDiffOptions o;
        o.maxPayloadDifferences = 5;
        const RunDiff d = diffRuns(a.run, b.run, o);
        QCOMPARE(d.steps[0].payload.size(), std::size_t(5));
        QCOMPARE(d.steps[0].morePayloadDifferences, 45);
    }

    void jsonShape()
    {
        Builder a = basic("run-a");
        Builder b("run-b");
        b.step("reserve");
        b.step("charge", 0, 30000, 2);
        const Json j = runDiffToJson(diffRuns(a.run, b.run));
        QCOMPARE(QString::fromStdString(j["a"]["run"].get<std::string>()), QString("run-a"));
        QCOMPARE(QString::fromStdString(j["b"]["status"].get<std::string>()), QString("succeeded"));
        QCOMPARE(j["summary"]["steps"].get<int>(), 3);
        QCOMPARE(j["summary"]["different"].get<int>(), 2);
        QCOMPARE(j["summary"]["only_a"].get<int>(), 1);
        QCOMPARE(j["summary"]["only_b"].get<int>(), 0);
        const Json &charge = j["steps"][1];
        QCOMPARE(QString::fromStdString(charge["path"].get<std::string>()), QString("charge"));
        QCOMPARE(QString::fromStdString(charge["kind"].get<std::string>()), QString("step"));
        QCOMPARE(charge["a"]["attempts"].get<int>(), 1);
        QCOMPARE(charge["b"]["attempts"].get<int>(), 2);
        QCOMPARE(charge["b"]["duration_ms"].get<int>(), 30);
        QCOMPARE(charge["latency_delta_ms"].get<int>(), 20);
        QCOMPARE(QString::fromStdString(dumpJson(charge["differences"])),
                 QString("[\"attempts\",\"latency\"]"));
        QVERIFY(j["steps"][2]["b"].is_null());
        QVERIFY(j["steps"][2]["latency_delta_ms"].is_null());
        QVERIFY(charge["payload"].is_array());
        QCOMPARE(charge["more_payload_differences"].get<int>(), 0);
    }
};

QTEST_MAIN(tst_RunDiff)
#include "tst_rundiff.moc"
