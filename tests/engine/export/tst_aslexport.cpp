// The ASL exporter (engine/export/aslexport.h): every registered step type maps or says why it is
// not carried; golden files of the bundled examples and the proof corpus (rewritten with
// TUTTI_UPDATE_GOLDEN=1 build/tests/tst_aslexport); query-language choice; error names; what is
// not carried is a warning naming the step. tst_aslproof runs the exports.
// LABELS: unit
#include <engine/export/aslexport.h>
#include <engine/model/flowparser.h>
#include <engine/model/steps/registry.h>
#include <tests/engine/export/exporttesting.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace tutti::engine;
using namespace exporttesting;

class TestAslExport : public QObject {
    Q_OBJECT

private slots:
    void everyStepTypeMapsOrIsNotCarried_data() { addStepTypeRows(); }
    void everyStepTypeMapsOrIsNotCarried()
    {
        checkStepMapping(aslStepMapping, QStringLiteral("ASL"),
                         QStringLiteral("engine/export/aslexport.cpp"));
    }

    void docsTable()
    {
        compareDocsTable(QStringLiteral("asl-table"), aslStepTableMarkdown(),
                         QStringLiteral("tst_aslexport"));
    }

    void golden_data() { addGoldenRows(); }
    void golden()
    {
        QFETCH(QString, flow);
        auto f = load(flow);
        QVERIFY(f);
        auto out = exportAsl(*f);
        QVERIFY2(out, out ? "" : out.error().toString().c_str());
        // The same flow exports to the same bytes.
        QCOMPARE(aslText(exportAsl(*f)->machine), aslText(out->machine));
        const QString warnings = warningsText(out->warnings);
        const QString base = kGolden + "/" + QTest::currentDataTag();
        compareGolden(base + ".asl.json", QString::fromStdString(aslText(out->machine)),
                      QStringLiteral("tst_aslexport"));
        compareGolden(base + ".warnings.txt", warnings, QStringLiteral("tst_aslexport"));
    }

    void queryLanguage()
    {
        QTemporaryDir dir;
        // min() has no intrinsic function: JSONata, unless JSONPath is forced (an error naming it).
        auto f = loadText("tutti: 1\nname: q\nsteps:\n  - id: pick\n    type: transform\n"
                          "    set: { low: \"{{ min([input.a, input.b]) }}\" }\n",
                          dir);
        QVERIFY(f);
        auto automatic = exportAsl(*f);
        QVERIFY(automatic);
        QCOMPARE(automatic->queryLanguage, std::string("JSONata"));
        QCOMPARE(automatic->machine["QueryLanguage"], Json("JSONata"));
        AslOptions path;
        path.language = AslQueryLanguage::JsonPath;
        auto forced = exportAsl(*f, path);
        QVERIFY(!forced);
        QVERIFY2(forced.error().message.find("min()") != std::string::npos,
                 forced.error().message.c_str());
        QCOMPARE(forced.error().location.line, 6);
        // A path and an intrinsic map onto JSONPath.
        f = loadText("tutti: 1\nname: q\nsteps:\n  - id: pick\n    type: transform\n"
                     "    set: { n: \"{{ len(input.a) }}\", s: \"x-{{ input.b }}\", m: \"{{ "
                     "input.c + 2 }}\" }\n",
                     dir);
        QVERIFY(f);
        auto jsonPath = exportAsl(*f);
        QVERIFY(jsonPath);
        QCOMPARE(jsonPath->queryLanguage, std::string("JSONPath"));
        const Json &p = jsonPath->machine["States"]["pick"]["Parameters"];
        QCOMPARE(p["n.$"], Json("States.ArrayLength($.input.a)"));
        QCOMPARE(p["s.$"], Json("States.Format('x-{}', $.input.b)"));
        QCOMPARE(p["m.$"], Json("States.MathAdd($.input.c, 2)"));
        AslOptions jsonata;
        jsonata.language = AslQueryLanguage::Jsonata;
        QCOMPARE(exportAsl(*f, jsonata)->queryLanguage, std::string("JSONata"));
    }

    void errorNamesAndTimeouts()
    {
        QTemporaryDir dir;
        auto f = loadText(
            "tutti: 1\nname: e\nservices: { s: { base_url: \"https://s.example.com\" } }\n"
            "steps:\n  - id: call\n    type: http\n    service: s\n    timeout: 1500ms\n"
            "    request: { method: GET, path: /x }\n"
            "    retry: { on: [http.503, timeout, connection], retries: 2, interval: 2s, "
            "backoff: 1.5, max_delay: 10s, jitter: full }\n"
            "    catch: [ { on: [http.4xx], next: bad }, { on: [any], next: bad } ]\n"
            "  - { id: ok, type: respond }\n  - { id: bad, type: fail, error: upstream }\n",
            dir);
        QVERIFY(f);
        auto out = exportAsl(*f);
        QVERIFY(out);
        const Json &s = out->machine["States"]["call"];
        QCOMPARE(s["Parameters"]["ApiEndpoint"], Json("https://s.example.com/x"));
        QCOMPARE(s["TimeoutSeconds"], Json(2));
        QVERIFY(mentions(out->warnings, "call", "timeout 1500ms rounded up to 2s"));
        const Json &r = s["Retry"][0];
        QCOMPARE(r["ErrorEquals"], Json::array({"States.Http.StatusCode.503", "States.Timeout",
                                                "States.Http.Socket"}));
        QCOMPARE(r["MaxAttempts"], Json(2));
        QCOMPARE(r["IntervalSeconds"], Json(2));
        QCOMPARE(r["BackoffRate"], Json(1.5));
        QCOMPARE(r["MaxDelaySeconds"], Json(10));
        QCOMPARE(r["JitterStrategy"], Json("FULL"));
        QVERIFY(s["Catch"][0]["ErrorEquals"].size() > 20); // every registered 4xx code
        QCOMPARE(s["Catch"][0]["ErrorEquals"][0], Json("States.Http.StatusCode.400"));
        QCOMPARE(s["Catch"][1]["ErrorEquals"], Json::array({"States.ALL"}));
        QCOMPARE(s["Catch"][1]["ResultPath"], Json("$.error"));
        QCOMPARE(out->machine["States"]["bad"]["Type"], Json("Fail"));
        QCOMPARE(out->machine["States"]["bad"]["Error"], Json("upstream"));
        // An environment's URL wins over base_url.
        Environment env;
        env.name = "prod";
        env.serviceUrls["s"] = "https://prod.example.com/v2";
        AslOptions options;
        options.environment = &env;
        QCOMPARE(exportAsl(*f, options)->machine["States"]["call"]["Parameters"]["ApiEndpoint"],
                 Json("https://prod.example.com/v2/x"));
    }

    void whatIsNotCarriedIsAWarningNamingTheStep()
    {
        QTemporaryDir dir;
        QFile sub(dir.filePath("sub.flow.yaml"));
        QVERIFY(sub.open(QIODevice::WriteOnly));
        sub.write("tutti: 1\nname: sub\nsteps:\n  - { id: r, type: respond }\n");
        sub.close();
        auto f =
            loadText("tutti: 1\nname: n\nservices: { s: { base_url: \"https://s.example.com\" } }\n"
                     "steps:\n  - { id: js, type: script, code: \"return 1;\" }\n"
                     "  - { id: sub, type: call, flow: sub.flow.yaml }\n"
                     "  - id: send\n    type: http\n    service: s\n"
                     "    request: { method: GET, path: /x, headers: { Authorization: \"Bearer {{ "
                     "secret.KEY }}\", X-Trace: abc } }\n"
                     "    expect: [200, 404]\n",
                     dir);
        QVERIFY(f);
        auto out = exportAsl(*f);
        QVERIFY(out);
        QVERIFY(mentions(out->warnings, "js", "script step is not carried"));
        QVERIFY(mentions(out->warnings, "sub", "call step is not carried"));
        QVERIFY(mentions(out->warnings, "send", "header Authorization is not carried"));
        QVERIFY(mentions(out->warnings, "send", "expect is not carried"));
        const Json &states = out->machine["States"];
        QVERIFY(states["js"]["Comment"].get<std::string>().starts_with("NOT CARRIED"));
        QCOMPARE(states["send"]["Parameters"]["Headers"], (Json{{"X-Trace", "abc"}}));
        // No secret reaches the export (SPEC §9).
        QVERIFY(aslText(out->machine).find("secret") == std::string::npos);
        for (const ExportWarning &w : out->warnings)
            QVERIFY(w.toString().find("warning: ") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestAslExport)
#include "tst_aslexport.moc"
