// The Argo exporter (engine/export/argoexport.h): every registered step type maps or says why it
// is not carried; golden files of the bundled examples and the export corpus (rewritten with
// TUTTI_UPDATE_GOLDEN=1 build/tests/tst_argoexport); how choices, catches, retries, maps and
// values read from other steps are wired; what is not carried is a warning naming the step.
// tst_argoschema validates the exports against Argo's schema.
// LABELS: unit
#include <engine/export/argoexport.h>
#include <engine/model/flowparser.h>
#include <engine/model/steps/registry.h>
#include <tests/engine/export/exporttesting.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace tutti::engine;
using namespace exporttesting;

namespace {

const Json *task(const Json &workflow, const std::string &dag, const std::string &name)
{
    for (const Json &t : workflow["spec"]["templates"])
        if (t["name"] == dag)
            for (const Json &k : t["dag"]["tasks"])
                if (k["name"] == name)
                    return &k;
    return nullptr;
}

const Json *templ(const Json &workflow, const std::string &name)
{
    for (const Json &t : workflow["spec"]["templates"])
        if (t["name"] == name)
            return &t;
    return nullptr;
}

} // namespace

class TestArgoExport : public QObject {
    Q_OBJECT

private slots:
    void everyStepTypeMapsOrIsNotCarried_data() { addStepTypeRows(); }
    void everyStepTypeMapsOrIsNotCarried()
    {
        checkStepMapping(argoStepMapping, QStringLiteral("Argo"),
                         QStringLiteral("engine/export/argoexport.cpp"));
    }

    void docsTable()
    {
        compareDocsTable(QStringLiteral("argo-table"), argoStepTableMarkdown(),
                         QStringLiteral("tst_argoexport"));
    }

    void golden_data() { addGoldenRows(); }
    void golden()
    {
        QFETCH(QString, flow);
        auto f = load(flow);
        QVERIFY(f);
        const ArgoExport out = exportArgo(*f);
        // The same flow exports to the same bytes.
        QCOMPARE(argoText(exportArgo(*f).workflow), argoText(out.workflow));
        const QString warnings = warningsText(out.warnings);
        const QString base = kGolden + "/" + QTest::currentDataTag();
        compareGolden(base + ".argo.yaml", QString::fromStdString(argoText(out.workflow)),
                      QStringLiteral("tst_argoexport"));
        compareGolden(base + ".argo-warnings.txt", warnings, QStringLiteral("tst_argoexport"));
    }

    void wiring()
    {
        QTemporaryDir dir;
        auto f = loadText(
            "tutti: 1\nname: W_1\nservices: { s: { base_url: \"https://s.example.com\" } }\n"
            "steps:\n  - id: get\n    type: http\n    service: s\n    timeout: 3s\n"
            "    request: { method: GET, path: \"/x/{{ input.id }}\" }\n"
            "    retry: { on: [any], retries: 2, interval: 2s, backoff: 3, max_delay: 10s }\n"
            "  - id: pick\n    type: choice\n"
            "    cases: [ { when: \"steps.get.body.n > 2\", next: big } ]\n"
            "    default: small\n"
            "  - id: big\n    type: http\n    service: s\n"
            "    request: { method: POST, path: /big, body: { n: \"{{ steps.get.body.n }}\" } }\n"
            "    catch: [ { on: [any], next: oops } ]\n"
            "    next: all\n"
            "  - id: small\n    type: wait\n    duration: 5s\n    next: all\n"
            "  - id: all\n    type: map\n    items: \"{{ steps.get.body.list }}\"\n"
            "    steps:\n      - id: each\n        type: http\n        service: s\n"
            "        request: { method: PUT, path: \"/i/{{ item.k }}\" }\n"
            "  - { id: ok, type: respond }\n"
            "  - { id: oops, type: fail, error: broken }\n",
            dir);
        QVERIFY(f);
        const ArgoExport out = exportArgo(*f);
        const Json &w = out.workflow;
        QCOMPARE(w["apiVersion"], Json("argoproj.io/v1alpha1"));
        QCOMPARE(w["kind"], Json("Workflow"));
        QCOMPARE(w["metadata"]["generateName"], Json("w-1-"));
        QCOMPARE(w["spec"]["entrypoint"], Json("main"));
        // An http template, its input wired from the workflow's `input` parameter.
        const Json *get = templ(w, "get");
        QVERIFY(get);
        QCOMPARE((*get)["http"]["url"], Json("https://s.example.com/x/{{inputs.parameters.p1}}"));
        QCOMPARE((*get)["http"]["method"], Json("GET"));
        QCOMPARE((*get)["http"]["timeoutSeconds"], Json(3));
        QCOMPARE((*get)["retryStrategy"]["limit"], Json(2));
        QCOMPARE((*get)["retryStrategy"]["backoff"]["duration"], Json("2s"));
        QCOMPARE((*get)["retryStrategy"]["backoff"]["factor"], Json(3));
        QCOMPARE((*get)["retryStrategy"]["backoff"]["cap"], Json("10s"));
        QCOMPARE((*task(w, "main", "get"))["arguments"]["parameters"][0]["value"],
                 Json("{{=jsonpath(workflow.parameters.input, '$.id')}}"));
        // The choice: `when` on the case's task, its negation on the default's.
        const Json *big = task(w, "main", "big");
        QVERIFY(big);
        QCOMPARE((*big)["dependencies"], Json::array({"get"}));
        QCOMPARE((*big)["when"], Json("{{=(jsonpath(tasks['get'].outputs.result, '$.n') > 2)}}"));
        QCOMPARE((*task(w, "main", "small"))["when"],
                 Json("{{=!((jsonpath(tasks['get'].outputs.result, '$.n') > 2))}}"));
        // A value read from another step's result is an argument.
        QCOMPARE((*big)["arguments"]["parameters"][0]["value"],
                 Json("{{=toJSON(jsonpath(tasks['get'].outputs.result, '$.n'))}}"));
        // The catch: the task may fail; its target runs when it did, its follower when not.
        QCOMPARE((*big)["continueOn"]["failed"], Json(true));
        const Json *oops = task(w, "main", "oops");
        QVERIFY(oops);
        QVERIFY((*oops)["when"].get<std::string>().find("tasks['big'].status == 'Failed'") !=
                std::string::npos);
        QVERIFY(templ(w, "oops")->contains("container"));
        // The map: after both branches of the choice, withParam over the list, one DAG per item.
        const Json *all = task(w, "main", "all");
        QVERIFY(all);
        QCOMPARE((*all)["dependencies"], Json::array({"big", "small"}));
        QCOMPARE((*all)["withParam"],
                 Json("{{=toJSON(jsonpath(tasks['get'].outputs.result, '$.list'))}}"));
        QCOMPARE((*all)["template"], Json("all-item"));
        QCOMPARE((*task(w, "all-item", "each"))["arguments"]["parameters"][0]["value"],
                 Json("{{=jsonpath(inputs.parameters.item, '$.k')}}"));
        QCOMPARE((*templ(w, "small"))["suspend"]["duration"], Json("5s"));
        // Deterministic YAML.
        QVERIFY(argoText(w).starts_with("apiVersion: argoproj.io/v1alpha1\nkind: Workflow\n"));
        // An environment's URL wins over base_url.
        Environment env;
        env.name = "prod";
        env.serviceUrls["s"] = "https://prod.example.com/v2";
        ArgoOptions options;
        options.environment = &env;
        QCOMPARE((*templ(exportArgo(*f, options).workflow, "get"))["http"]["url"],
                 Json("https://prod.example.com/v2/x/{{inputs.parameters.p1}}"));
    }

    // A compensation reads its step's result from a global output the step's task publishes:
    // an exit handler cannot read tasks, and the output exists only when the step completed.
    void compensationReadsTheResultFromAGlobalOutput()
    {
        QTemporaryDir dir;
        auto f = loadText(
            "tutti: 1\nname: saga\nservices: { s: { base_url: \"https://s.example.com\" } }\n"
            "steps:\n  - id: book\n    type: http\n    service: s\n"
            "    request: { method: POST, path: \"/b/{{ input.id }}\" }\n"
            "    compensate: { method: DELETE, path: \"/b/{{ steps.book.body.id }}\" }\n"
            "  - id: pay\n    type: http\n    service: s\n"
            "    request: { method: POST, path: \"/p/{{ steps.book.body.id }}\" }\n"
            "    compensate: { method: POST, path: /p/undo }\n"
            "  - { id: ok, type: respond }\n",
            dir);
        QVERIFY(f);
        const ArgoExport out = exportArgo(*f);
        const Json &w = out.workflow;
        QCOMPARE(w["spec"]["onExit"], Json("tutti-compensate"));
        // `book` is a DAG around its call that publishes the body globally.
        const Json *book = templ(w, "book");
        QVERIFY(book && book->contains("dag"));
        QCOMPARE((*task(w, "book", "call"))["template"], Json("book-call"));
        QCOMPARE((*task(w, "book", "call"))["arguments"]["parameters"][0]["value"],
                 Json("{{inputs.parameters.p1}}"));
        QVERIFY(templ(w, "book-call") && templ(w, "book-call")->contains("http"));
        const Json &published = (*book)["outputs"]["parameters"][0];
        QCOMPARE(published["globalName"], Json("tutti-result-book"));
        QCOMPARE(published["valueFrom"]["parameter"], Json("{{tasks.call.outputs.result}}"));
        // The main DAG reads the wrapper's output; `pay`, whose undo reads nothing, stays plain.
        QCOMPARE((*task(w, "main", "pay"))["arguments"]["parameters"][0]["value"],
                 Json("{{=jsonpath(tasks['book'].outputs.parameters.result, '$.id')}}"));
        QVERIFY(templ(w, "pay")->contains("http"));
        QVERIFY(!templ(w, "pay-call"));
        // The undo of `book` gets the id from the global output; failures do not stop the next.
        const Json *undo = task(w, "tutti-compensate", "undo-book");
        QVERIFY(undo);
        QCOMPARE((*undo)["arguments"]["parameters"][0]["value"],
                 Json("{{=jsonpath(workflow.outputs.parameters['tutti-result-book'], '$.id')}}"));
        QCOMPARE((*undo)["continueOn"]["error"], Json(true));
        QCOMPARE((*undo)["dependencies"], Json::array({"undo-pay"}));
        for (const auto &warning : out.warnings)
            QVERIFY2(warning.message.find("exported as nil") == std::string::npos,
                     warning.message.c_str());
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
                     "    request: { method: GET, path: \"/x/{{ min([1, 2]) }}\", headers: { "
                     "Authorization: \"Bearer {{ secret.KEY }}\", X-Trace: abc } }\n"
                     "    expect: [200, 404]\n"
                     "    retry: { on: [http.503], retries: 1, backoff: 1.5 }\n",
                     dir);
        QVERIFY(f);
        const ArgoExport out = exportArgo(*f);
        QVERIFY(mentions(out.warnings, "js", "script step is not carried"));
        QVERIFY(mentions(out.warnings, "sub", "call step is not carried"));
        QVERIFY(mentions(out.warnings, "send", "header Authorization is not carried"));
        QVERIFY(mentions(out.warnings, "send", "min() is not carried"));
        QVERIFY(mentions(out.warnings, "send", "retry on [http.503] is not carried"));
        QVERIFY(mentions(out.warnings, "send", "backoff 1.5 rounded up to 2"));
        const Json &w = out.workflow;
        QVERIFY(!task(w, "main", "js"));
        QCOMPARE((*task(w, "main", "send")).contains("dependencies"), false);
        const Json &h = (*templ(w, "send"))["http"];
        QCOMPARE(h["headers"], Json::array({{{"name", "X-Trace"}, {"value", "abc"}}}));
        QCOMPARE(h["successCondition"],
                 Json("response.statusCode == 200 || response.statusCode == 404"));
        // No secret reaches the export (SPEC §9).
        QVERIFY(argoText(w).find("secret") == std::string::npos);
        for (const ExportWarning &e : out.warnings)
            QVERIFY(e.toString().find("warning: ") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestArgoExport)
#include "tst_argoexport.moc"
