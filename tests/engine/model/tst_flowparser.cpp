// Flow parser: the malformed-file corpus (first error, location, message), good files and the
// typed model they build, limits, error collection, and the bundled examples.
// LABELS: unit
#include "errortext.h"

#include <engine/model/flowparser.h>

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace tutti::engine;
using tutti::engine::test::messages;

namespace {

QString dataDir(const QString &sub)
{
    return QStringLiteral(TUTTI_TEST_DATA "/flows/") + sub;
}

const Step *findStep(const Flow &flow, const std::string &id)
{
    for (const Step *s : allSteps(flow))
        if (s->id == id)
            return s;
    return nullptr;
}

// Template text with no context: good enough for constant templates.
std::string constantText(const expr::Template &t)
{
    return t.source();
}

} // namespace

class TestFlowParser : public QObject {
    Q_OBJECT

private slots:
    void badFiles_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("substring");
        const QDir dir(dataDir("bad"));
        const auto files = dir.entryList({"*.flow.yaml"}, QDir::Files, QDir::Name);
        QVERIFY2(files.size() >= 30, "the malformed-file corpus must hold at least 30 files");
        static const QRegularExpression expectRe(R"(^# expect: (\d+):(\d+): (.*)$)");
        for (const auto &name : files) {
            QFile file(dir.filePath(name));
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QString first = QString::fromUtf8(file.readLine()).trimmed();
            const auto match = expectRe.match(first);
            QVERIFY2(match.hasMatch(), qPrintable(name + ": first line must be '# expect: ...'"));
            QTest::newRow(qPrintable(name)) << dir.filePath(name) << match.captured(1).toInt()
                                            << match.captured(2).toInt() << match.captured(3);
        }
    }

    void badFiles()
    {
        QFETCH(QString, path);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, substring);
        const FlowLoad load = loadFlowFile(path.toStdString());
        QVERIFY2(!load.errors.empty(), "a malformed file must be reported");
        QVERIFY(!load.ok());
        const Error &first = load.errors.front();
        const QString message = QString::fromStdString(first.message);
        QVERIFY2(message.contains(substring),
                 qPrintable("got: " + QString::fromStdString(messages(load.errors))));
        QCOMPARE(first.location.line, line);
        QCOMPARE(first.location.column, column);
        QCOMPARE(QString::fromStdString(first.location.file), path);
        // Errors come in file order.
        for (std::size_t i = 1; i < load.errors.size(); ++i) {
            const auto &a = load.errors[i - 1].location, &b = load.errors[i].location;
            if (a.file == b.file)
                QVERIFY(a.line < b.line || (a.line == b.line && a.column <= b.column));
        }
    }

    void oversizedFileIsRefused()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath("huge.flow.yaml");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QByteArray text = "tutti: 1\nname: huge\ndescription: \"";
        text += QByteArray(5 << 20, 'x');
        text += "\"\nsteps: [ { id: a, type: respond } ]\n";
        file.write(text);
        file.close();
        const FlowLoad load = loadFlowFile(path.toStdString());
        QCOMPARE(load.errors.size(), std::size_t(1));
        QCOMPARE(load.errors[0].code, ErrorCode::Limit);
        QVERIFY(load.errors[0].message.find("limit is 4194304") != std::string::npos);
        QVERIFY(!load.flow);
        // The same from text.
        const FlowLoad fromText = parseFlow(text.toStdString(), "huge.flow.yaml");
        QCOMPARE(fromText.errors.size(), std::size_t(1));
        QCOMPARE(fromText.errors[0].code, ErrorCode::Limit);
    }

    void brokenMockOnlyAffectsFlowsUsingIt()
    {
        // The parser reads every mocks/*.mock.yaml of the workspace to find the services they
        // provide. One self-referencing file overflowed the stack for every flow beside it; now
        // only a flow that needs its service hears about it.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto write = [&](const QString &name, const QByteArray &text) {
            QFile f(dir.filePath(name));
            QVERIFY(QDir().mkpath(QFileInfo(f).absolutePath()));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(text);
        };
        write("mocks/good.mock.yaml", "tutti-mock: 1\nservice: good\nroutes:\n"
                                      "  - match: { method: GET, path: /x }\n"
                                      "    respond: { status: 200 }\n");
        write("mocks/ledger.mock.yaml", "tutti-mock: 1\nservice: ledger\nstate: &s { again: *s }\n"
                                        "routes: []\n");
        write("mocks/scalar.mock.yaml", "just text\n");
        const QByteArray step = "steps:\n  - id: a\n    type: http\n    service: %1\n"
                                "    request: { method: GET, path: /x }\n"
                                "  - id: b\n    type: http\n    service: %1\n"
                                "    request: { method: GET, path: /x }\n";
        write("uses_good.flow.yaml", "tutti: 1\nname: g\n" + QString(step).arg("good").toUtf8());
        write("uses_ledger.flow.yaml",
              "tutti: 1\nname: l\n" + QString(step).arg("ledger").toUtf8());
        write("uses_scalar.flow.yaml",
              "tutti: 1\nname: s\n" + QString(step).arg("scalar").toUtf8());

        const FlowLoad good = loadFlowFile(dir.filePath("uses_good.flow.yaml").toStdString());
        QVERIFY2(good.ok(), messages(good.errors).c_str());
        QVERIFY(good.flow->services.at("good").mockFile.ends_with("good.mock.yaml"));

        const FlowLoad ledger = loadFlowFile(dir.filePath("uses_ledger.flow.yaml").toStdString());
        QVERIFY(!ledger.ok());
        const std::string text = messages(ledger.errors);
        // The mock's own error once (first: it is in another file), then each use of it.
        QCOMPARE(ledger.errors.size(), std::size_t(3));
        QVERIFY2(ledger.errors[0].location.file.ends_with("mocks/ledger.mock.yaml"), text.c_str());
        QCOMPARE(ledger.errors[0].location.line, 3);
        QCOMPARE(ledger.errors[0].code, ErrorCode::Limit);
        QVERIFY2(ledger.errors[0].message.find("endless cycle") != std::string::npos, text.c_str());
        QVERIFY2(ledger.errors[1].message.find("unknown service 'ledger': its mock") !=
                     std::string::npos,
                 text.c_str());
        QCOMPARE(ledger.errors[1].location.line, 6);

        const FlowLoad scalar = loadFlowFile(dir.filePath("uses_scalar.flow.yaml").toStdString());
        QVERIFY(!scalar.ok());
        QVERIFY2(messages(scalar.errors).find("must be a mapping") != std::string::npos,
                 messages(scalar.errors).c_str());
    }

    void collectsEveryError()
    {
        const std::string text = "tutti: 1\n"
                                 "name: many\n"
                                 "steps:\n"
                                 "  - id: a\n"
                                 "    type: http\n"
                                 "    url: https://example.com/\n"
                                 "    timeout: soon\n"
                                 "    retyr: { retries: 1 }\n"
                                 "  - id: b\n"
                                 "    type: transform\n"
                                 "    set: { x: \"{{ steps.nope.body }}\" }\n"
                                 "    next: nowhere\n";
        const FlowLoad load = parseFlow(text, "many.flow.yaml");
        QVERIFY(load.flow);
        QCOMPARE(load.errors.size(), std::size_t(4));
        QCOMPARE(load.errors[0].location.line, 7);
        QCOMPARE(load.errors[0].path, std::string("/steps/0/timeout"));
        QCOMPARE(load.errors[1].location.line, 8);
        QVERIFY(load.errors[1].message.find("did you mean 'retry'?") != std::string::npos);
        QCOMPARE(load.errors[1].location.column, 5);
        QCOMPARE(load.errors[2].location.line, 11);
        QCOMPARE(load.errors[2].location.column, 19); // at "steps.nope", inside the quotes
        QCOMPARE(load.errors[3].location.line, 12);
        QCOMPARE(load.errors[3].code, ErrorCode::Validation);
        QCOMPARE(load.errors[3].location.file, std::string("many.flow.yaml"));
    }

    void goodFiles_data()
    {
        QTest::addColumn<QString>("path");
        const QDir dir(dataDir("good"));
        for (const auto &name : dir.entryList({"*.flow.yaml"}, QDir::Files, QDir::Name))
            QTest::newRow(qPrintable(name)) << dir.filePath(name);
    }

    void goodFiles()
    {
        QFETCH(QString, path);
        const FlowLoad load = loadFlowFile(path.toStdString());
        QVERIFY2(load.errors.empty(), messages(load.errors).c_str());
        QVERIFY(load.ok());
        QCOMPARE(load.flow->workspaceDir, QDir(dataDir("good")).absolutePath().toStdString());
        QVERIFY(load.flow->document.is_object());
    }

    void checkoutModel()
    {
        const FlowLoad load = loadFlowFile(dataDir("good/checkout.flow.yaml").toStdString());
        QVERIFY2(load.ok(), messages(load.errors).c_str());
        const Flow &flow = *load.flow;
        QCOMPARE(flow.name, std::string("checkout"));
        QCOMPARE(flow.version, 1);
        QCOMPARE(flow.inputSchema["required"].size(), std::size_t(3));
        QCOMPARE(flow.defaultTimeout, 5 * kSecond);
        QVERIFY(flow.defaultRetry);
        QCOMPARE(flow.defaultRetry->retries, 2);
        QCOMPARE(flow.defaultRetry->interval, 200 * kMillisecond);
        QCOMPARE(flow.defaultRetry->maxDelay, 2 * kSecond);
        QCOMPARE(flow.defaultRetry->backoff, 2.0);
        QVERIFY(flow.defaultRetry->jitter == Jitter::Full);
        QCOMPARE(flow.defaultRetry->on,
                 (std::vector<std::string>{"timeout", "connection", "http.5xx"}));

        // Declared services, and shipping/notify supplied by the workspace's mocks.
        QCOMPARE(flow.services.size(), std::size_t(4));
        const QString mocks = QDir(dataDir("good/mocks")).absolutePath();
        QCOMPARE(flow.services.at("inventory").mockFile,
                 (mocks + "/inventory.mock.yaml").toStdString());
        QCOMPARE(flow.services.at("shipping").mockFile,
                 (mocks + "/shipping.mock.yaml").toStdString());
        QVERIFY(flow.services.at("payment").circuit);
        QCOMPARE(flow.services.at("payment").circuit->failures, 5);
        QCOMPARE(flow.services.at("payment").circuit->window, 30 * kSecond);
        QCOMPARE(flow.services.at("payment").circuit->openFor, 10 * kSecond);
        QVERIFY(!flow.services.at("inventory").circuit);

        QCOMPARE(flow.steps.size(), std::size_t(5));
        const Step &reserve = flow.steps[0];
        QCOMPARE(reserve.id, std::string("reserve"));
        QVERIFY(reserve.type == StepType::Http);
        QCOMPARE(reserve.as<HttpSpec>().service, std::string("inventory"));
        QCOMPARE(reserve.as<HttpSpec>().request.method, std::string("POST"));
        QVERIFY(reserve.as<HttpSpec>().request.path);
        QCOMPARE(constantText(*reserve.as<HttpSpec>().request.path), std::string("/reservations"));
        QVERIFY(reserve.as<HttpSpec>().request.body);
        QVERIFY(reserve.as<HttpSpec>().request.body->source()["sku"] == Json("{{ input.sku }}"));
        QVERIFY(reserve.as<HttpSpec>().compensate);
        QCOMPARE(reserve.as<HttpSpec>().compensate->method, std::string("DELETE"));
        QCOMPARE(reserve.catches.size(), std::size_t(1));
        QCOMPARE(reserve.catches[0].on, std::vector<std::string>{"http.409"});
        QCOMPARE(reserve.catches[0].next, std::string("out_of_stock"));
        QCOMPARE(reserve.pointer, std::string("/steps/0"));
        QCOMPARE(reserve.location.line, 15);
        QVERIFY(!reserve.retry); // defaults.retry applies

        const Step &par = flow.steps[2];
        QVERIFY(par.type == StepType::Parallel);
        QCOMPARE(par.as<ParallelSpec>().branches.size(), std::size_t(2));
        QCOMPARE(par.as<ParallelSpec>().branches[1].name, std::string("notify"));
        QCOMPARE(par.as<ParallelSpec>().branches[1].steps[0].id, std::string("email"));
        QVERIFY(par.as<ParallelSpec>().failFast);

        const Step &done = flow.steps[3];
        QVERIFY(done.type == StepType::Respond);
        QCOMPARE(done.as<RespondSpec>().status, 201);
        QVERIFY(done.as<RespondSpec>().body);

        const auto ids = allSteps(flow);
        QStringList order;
        for (const Step *s : ids)
            order << QString::fromStdString(s->id);
        QCOMPARE(order.join(','),
                 QStringLiteral("reserve,charge,ship_and_notify,book,email,done,out_of_stock"));
    }

    void everythingModel()
    {
        const FlowLoad load = loadFlowFile(dataDir("good/everything.flow.yaml").toStdString());
        QVERIFY2(load.ok(), messages(load.errors).c_str());
        const Flow &flow = *load.flow;
        QCOMPARE(flow.description, std::string("All step types and options."));
        QCOMPARE(flow.flowTimeout, 60 * kSecond);
        QCOMPARE(flow.defaultTimeout, 3 * kSecond);
        QCOMPARE(flow.triggerMethod.value_or(""), std::string("POST"));
        QCOMPARE(flow.triggerPath.value_or(""), std::string("/orders"));
        QVERIFY(flow.defaultRetry->respectRetryAfter);
        QCOMPARE(flow.defaultRetry->backoff, 1.5);
        QCOMPARE(flow.filePath,
                 QDir(dataDir("good")).absoluteFilePath("everything.flow.yaml").toStdString());

        const ServiceSpec &payment = flow.services.at("payment");
        QCOMPARE(payment.baseUrl.value_or(""), std::string("https://pay.example.com/v2"));
        QCOMPARE(payment.circuit->failures, 3);
        QVERIFY(payment.auth && payment.auth->type == AuthSpec::Type::Bearer);
        QVERIFY(payment.auth->fields.contains("token"));
        QVERIFY(!flow.services.at("inventory").mockFile.empty()); // found in mocks/

        const Step &charge = *findStep(flow, "charge");
        QCOMPARE(charge.description, std::string("Charge the card."));
        QCOMPARE(charge.as<HttpSpec>().request.method, std::string("POST"));
        QCOMPARE(charge.timeout.value_or(0), 250 * kMillisecond);
        QVERIFY(charge.retry);
        // A step's retry replaces defaults.retry wholesale: unset fields take built-in defaults.
        QCOMPARE(charge.retry->retries, 4);
        QCOMPARE(charge.retry->on, (std::vector<std::string>{"timeout", "connection", "http.5xx"}));
        QVERIFY(charge.retry->jitter == Jitter::None);
        QCOMPARE(charge.as<HttpSpec>().expect.size(), std::size_t(3));
        QCOMPARE(charge.as<HttpSpec>().expect[0].low, 200);
        QCOMPARE(charge.as<HttpSpec>().expect[0].high, 200);
        QCOMPARE(charge.as<HttpSpec>().expect[1].low, 300);
        QCOMPARE(charge.as<HttpSpec>().expect[1].high, 399);
        QCOMPARE(charge.as<HttpSpec>().expect[2].low, 400);
        QCOMPARE(charge.as<HttpSpec>().expect[2].high, 404);
        QVERIFY(charge.as<HttpSpec>().output);
        QVERIFY(charge.as<HttpSpec>().auth &&
                charge.as<HttpSpec>().auth->type == AuthSpec::Type::ApiKey);
        QCOMPARE(charge.as<HttpSpec>().auth->apiKeyHeader, std::string("X-Api-Key"));
        QCOMPARE(charge.as<HttpSpec>().maxBody, std::size_t(32) << 20);
        QVERIFY(charge.as<HttpSpec>().request.query && charge.as<HttpSpec>().request.headers &&
                charge.as<HttpSpec>().request.body);
        QCOMPARE(charge.as<HttpSpec>().compensate->method, std::string("DELETE"));
        QCOMPARE(charge.catches[0].on, (std::vector<std::string>{"http.4xx", "timeout"}));

        const Step &lookup = *findStep(flow, "lookup");
        QVERIFY(lookup.as<HttpSpec>().request.url);
        QCOMPARE(lookup.as<HttpSpec>().request.method, std::string("GET"));
        QVERIFY(lookup.as<HttpSpec>().auth->type == AuthSpec::Type::OAuth2ClientCredentials);
        QCOMPARE(lookup.as<HttpSpec>().auth->fields.size(), std::size_t(4));

        const Step &external = *findStep(flow, "external");
        QVERIFY(external.as<HttpSpec>().allowDynamicHost);
        QVERIFY(external.as<HttpSpec>().auth->type == AuthSpec::Type::Basic);

        QVERIFY(findStep(flow, "form_post")->as<HttpSpec>().request.form);

        const Step &prepare = *findStep(flow, "prepare");
        QCOMPARE(prepare.as<TransformSpec>().set.size(), std::size_t(3));
        QCOMPARE(prepare.as<TransformSpec>().set[0].first, std::string("total"));
        QCOMPARE(prepare.as<TransformSpec>().set[1].first, std::string("label"));
        QCOMPARE(prepare.as<TransformSpec>().set[2].first, std::string("fixed"));
        QVERIFY(prepare.as<TransformSpec>().set[2].second.isConstant());

        const Step &score = *findStep(flow, "score");
        QVERIFY(score.as<ScriptSpec>().code.find("return { score") == 0);
        QCOMPARE(score.as<ScriptSpec>().codeLocation.line, 64);
        QCOMPARE(score.as<ScriptSpec>().codeLocation.column, 7);
        QCOMPARE(score.timeout.value_or(0), kSecond); // script default

        const Step &route = *findStep(flow, "route");
        QCOMPARE(route.as<ChoiceSpec>().cases.size(), std::size_t(2));
        QCOMPARE(route.as<ChoiceSpec>().cases[0].next, std::string("big"));
        QCOMPARE(route.as<ChoiceSpec>().cases[1].next, std::string("wait_a_bit"));
        QCOMPARE(route.as<ChoiceSpec>().defaultNext, std::string("each"));

        const Step &big = *findStep(flow, "big");
        QVERIFY(!big.as<ParallelSpec>().failFast);
        QCOMPARE(big.next, std::string("each"));
        QCOMPARE(big.timeout.value_or(0), 10 * kSecond);

        QVERIFY(findStep(flow, "wait_a_bit")->as<WaitSpec>().until);
        QCOMPARE(findStep(flow, "r1")->as<WaitSpec>().duration.value_or(0), 10 * kMillisecond);

        const Step &each = *findStep(flow, "each");
        QVERIFY(each.as<MapSpec>().items);
        QCOMPARE(each.as<MapSpec>().as, std::string("order"));
        QCOMPARE(each.as<MapSpec>().concurrency, 4);
        QCOMPARE(each.as<MapSpec>().toleratePercent.value_or(0), 12.5);
        QVERIFY(!each.as<MapSpec>().tolerateCount);
        QCOMPARE(each.as<MapSpec>().body.size(), std::size_t(1));
        QCOMPARE(each.as<MapSpec>().body[0].pointer, std::string("/steps/9/steps/0"));

        const Step &sub = *findStep(flow, "sub");
        QCOMPARE(sub.as<CallSpec>().flowPath,
                 QDir(dataDir("good")).absoluteFilePath("sub.flow.yaml").toStdString());
        QVERIFY(sub.as<CallSpec>().input);
        QCOMPARE(sub.catches[0].on, std::vector<std::string>{"out_of_stock"});

        QCOMPARE(findStep(flow, "ok")->as<RespondSpec>().status, 201);
        const Step &failed = *findStep(flow, "failed");
        QCOMPARE(failed.as<FailSpec>().errorName, std::string("payment_failed"));
        QVERIFY(failed.as<FailSpec>().message);
    }

    void textWithoutFile()
    {
        const FlowLoad load =
            parseFlow("tutti: 1\nname: t\nsteps: [ { id: a, type: respond } ]\n", "");
        QVERIFY2(load.ok(), messages(load.errors).c_str());
        QVERIFY(load.flow->filePath.empty());
        QVERIFY(!load.flow->workspaceDir.empty());
    }

    void rules_data()
    {
        QTest::addColumn<QString>("steps");
        QTest::addColumn<QString>("error"); // "" = valid
        QTest::newRow("ssrf env host ok")
            << "[ { id: a, type: http, url: \"https://{{ env.host }}/x\" } ]"
            << "";
        QTest::newRow("ssrf input in path after host ok")
            << "[ { id: a, type: http, url: \"https://api.example.com/{{ input.p }}\" } ]"
            << "";
        QTest::newRow("ssrf steps in host")
            << "[ { id: a, type: http, url: \"{{ steps.a.body.next }}\" } ]"
            << "would come from run data";
        QTest::newRow("ssrf opt-in")
            << "[ { id: a, type: http, url: \"{{ input.u }}\", allow_dynamic_host: true } ]"
            << "";
        QTest::newRow("ssrf compensate")
            << "[ { id: a, type: http, url: \"https://x.example.com/\", compensate: { url: "
               "\"https://{{ input.h }}/undo\" } } ]"
            << "would come from run data";
        QTest::newRow("self loop") << "[ { id: a, type: transform, set: { x: 1 }, next: a } ]"
                                   << "form a cycle";
        QTest::newRow("self loop with wait") << "[ { id: a, type: wait, duration: 1s, next: a } ]"
                                             << "";
        QTest::newRow("choice without default falls through")
            << "[ { id: c, type: choice, cases: [ { when: 'input.x', next: b } ] }, { id: a, "
               "type: respond }, { id: b, type: respond } ]"
            << "";
        QTest::newRow("end makes next unreachable")
            << "[ { id: a, type: transform, set: { x: 1 }, end: true }, { id: b, type: respond } ]"
            << "can never run";
        QTest::newRow("fail in map body")
            << "[ { id: m, type: map, items: input.l, steps: [ { id: f, type: fail } ] } ]"
            << "ends the whole run";
        QTest::newRow("map item in body ok")
            << "[ { id: m, type: map, items: input.l, steps: [ { id: f, type: transform, set: { "
               "v: '{{ item.x + index }}' } } ] } ]"
            << "";
        QTest::newRow("map as shadows item")
            << "[ { id: m, type: map, items: input.l, as: row, steps: [ { id: f, type: "
               "transform, set: { v: '{{ item.x }}' } } ] } ]"
            << "unknown name 'item'";
        QTest::newRow("branch result path ok")
            << "[ { id: p, type: parallel, branches: [ { name: one, steps: [ { id: o, type: "
               "transform, set: { v: 1 } } ] } ] }, { id: r, type: respond, body: '{{ "
               "steps.p.one }}' } ]"
            << "";
        QTest::newRow("duplicate branch")
            << "[ { id: p, type: parallel, branches: [ { name: one, steps: [ { id: o, type: "
               "wait, duration: 1s } ] }, { name: one, steps: [ { id: t, type: wait, duration: 1s "
               "} ] } ] } ]"
            << "duplicate branch name 'one'";
        QTest::newRow("catch target missing")
            << "[ { id: a, type: http, url: 'https://x.example.com', catch: [ { on: [any], next: "
               "b } ] } ]"
            << "catch 'next' 'b'";
        QTest::newRow("url and service")
            << "[ { id: a, type: http, service: s, url: 'https://x.example.com' } ]"
            << "not both";
        QTest::newRow("next and end")
            << "[ { id: a, type: wait, duration: 1s, next: a, end: true } ]"
            << "not both";
        QTest::newRow("http status code error names")
            << "[ { id: a, type: http, url: 'https://x.example.com', retry: { on: [http.429, "
               "http.503, circuit_open] } } ]"
            << "";
        QTest::newRow("custom error name only on call")
            << "[ { id: a, type: http, url: 'https://x.example.com', retry: { on: [out_of_stock] "
               "} } ]"
            << "unknown error name";
        QTest::newRow("wait needs something") << "[ { id: a, type: wait } ]"
                                              << "needs 'duration'";
        QTest::newRow("transform set") << "[ { id: a, type: transform } ]"
                                       << "needs 'set";
        QTest::newRow("bad api key")
            << "[ { id: a, type: http, url: 'https://x.example.com', auth: { type: api_key, "
               "value: v } } ]"
            << "needs 'header: NAME'";
        QTest::newRow("tolerate count") << "[ { id: m, type: map, items: '[1,2]', tolerate: { "
                                           "count: 1 }, steps: [ { id: w, type: wait, duration: "
                                           "1ms } ] } ]"
                                        << "";
        QTest::newRow("bare number duration ms") << "[ { id: a, type: wait, duration: 250 } ]"
                                                 << "";
    }

    void rules()
    {
        QFETCH(QString, steps);
        QFETCH(QString, error);
        const std::string text = "tutti: 1\nname: rules\nservices: { s: { base_url: "
                                 "'https://s.example.com' } }\nsteps: " +
                                 steps.toStdString() + "\n";
        const FlowLoad load = parseFlow(text, "");
        if (error.isEmpty()) {
            QVERIFY2(load.errors.empty(), messages(load.errors).c_str());
        } else {
            QVERIFY2(!load.errors.empty(), "expected an error");
            QVERIFY2(messages(load.errors).find(error.toStdString()) != std::string::npos,
                     messages(load.errors).c_str());
        }
    }

    void scriptMemory()
    {
        const auto parse = [](const std::string &step) {
            return parseFlow("tutti: 1\nname: m\nsteps: [ " + step + " ]\n", "");
        };
        FlowLoad load = parse("{ id: s, type: script, code: 'return 1' }");
        QVERIFY(load.ok());
        QCOMPARE(load.flow->steps[0].as<ScriptSpec>().memory, std::size_t(256) << 20); // default
        load = parse("{ id: s, type: script, code: 'return 1', memory: 64MiB }");
        QVERIFY2(load.ok(), messages(load.errors).c_str());
        QCOMPARE(load.flow->steps[0].as<ScriptSpec>().memory, std::size_t(64) << 20);
        load = parse("{ id: s, type: script, code: 'return 1', memory: 1GiB }");
        QVERIFY(load.ok());
        QCOMPARE(load.flow->steps[0].as<ScriptSpec>().memory, std::size_t(1) << 30);
        for (const char *bad : {"lots", "512KiB", "0", "-5"}) {
            load = parse(std::string("{ id: s, type: script, code: 'return 1', memory: ") + bad +
                         " }");
            QVERIFY2(!load.ok(), bad);
            QVERIFY2(messages(load.errors).find("'memory' must be a size like 32MiB") !=
                         std::string::npos,
                     messages(load.errors).c_str());
        }
        // Only script steps have it.
        load = parse("{ id: w, type: wait, duration: 1s, memory: 64MiB }");
        QVERIFY(!load.ok());
    }

    void durations()
    {
        const FlowLoad load =
            parseFlow("tutti: 1\nname: d\nsteps: [ { id: w, type: wait, duration: 1.5s } ]\n", "");
        QVERIFY(load.ok());
        QCOMPARE(load.flow->steps[0].as<WaitSpec>().duration.value_or(0), 1500 * kMillisecond);
    }

    void examples_data()
    {
        QTest::addColumn<QString>("path");
        const QString root = QStringLiteral(TUTTI_EXAMPLES);
        QDirIterator it(root, {"*.flow.yaml"}, QDir::Files, QDirIterator::Subdirectories);
        QStringList files;
        while (it.hasNext())
            files << it.next();
        files.sort();
        if (files.isEmpty())
            QSKIP("no resources/examples/**/*.flow.yaml yet");
        for (const auto &f : files)
            QTest::newRow(qPrintable(QDir(root).relativeFilePath(f))) << f;
    }

    void examples()
    {
        QFETCH(QString, path);
        const FlowLoad load = loadFlowFile(path.toStdString());
        QVERIFY2(load.errors.empty(), messages(load.errors).c_str());
        QVERIFY(load.ok());
    }
};

QTEST_GUILESS_MAIN(TestFlowParser)
#include "tst_flowparser.moc"
