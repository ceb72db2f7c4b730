// Mock and profile files: errors carry FILE:LINE:COL, expected keys and did-you-mean; profiles
// overlay latency and faults in order.
// LABELS: unit
#include <mocks/mockparser.h>
#include <mocks/mockregistry.h>
#include <mocks/mocktransportprovider.h>
#include <mocks/profile.h>

#include <engine/model/flowparser.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace tutti;

namespace {
const char *kHead = "tutti-mock: 1\nservice: s\nroutes:\n";
}

class tst_MockParser : public QObject {
    Q_OBJECT

private slots:
    void errors_data()
    {
        QTest::addColumn<QString>("routes");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown match key")
            << "  - match: { methd: GET }\n    respond: { status: 200 }\n"
            << "m.mock.yaml:4:14"
            << "did you mean 'method'?";
        QTest::newRow("unknown route key")
            << "  - match: { path: /x }\n    respnd: { status: 200 }\n"
            << "m.mock.yaml:5:5"
            << "did you mean 'respond'?";
        QTest::newRow("no respond") << "  - match: { path: /x }\n"
                                    << "m.mock.yaml:4:5"
                                    << "needs 'respond' or 'sequence'";
        QTest::newRow("bad status") << "  - match: { path: /x }\n    respond: { status: 999 }\n"
                                    << "m.mock.yaml:5:24"
                                    << "HTTP status code";
        QTest::newRow("bad latency dist") << "  - match: { path: /x }\n    respond: {}\n    "
                                             "latency: { dist: lognorm, median: 1ms, p99: 2ms }\n"
                                          << "m.mock.yaml:6:22"
                                          << "did you mean 'lognormal'?";
        QTest::newRow("bad duration")
            << "  - match: { path: /x }\n    respond: {}\n    latency: fast\n"
            << "m.mock.yaml:6:14"
            << "expected a duration";
        QTest::newRow("fault kind") << "  - match: { path: /x }\n    respond: {}\n    faults: [ { "
                                       "rate: 0.1, kind: hng } ]\n"
                                    << "m.mock.yaml:6:34"
                                    << "did you mean 'hang'?";
        QTest::newRow("rates over 1") << "  - match: { path: /x }\n    respond: {}\n    faults: [ "
                                         "{ rate: 0.7, kind: hang }, { rate: 0.7, kind: reset } ]\n"
                                      << "m.mock.yaml:6:13"
                                      << "add up to more than 1";
        QTest::newRow("bad regex")
            << "  - match: { body: { a: { regex: '(' } } }\n    respond: {}\n"
            << "m.mock.yaml:4:34"
            << "invalid regular expression '('";
        QTest::newRow("template syntax")
            << "  - match: { path: /x }\n    respond: { body: { a: '{{ 1 + }}' } }\n"
            << "m.mock.yaml:5:"
            << "";
    }
    void errors()
    {
        QFETCH(QString, routes);
        QFETCH(QString, where);
        QFETCH(QString, message);
        auto load = mocks::parseMock(std::string(kHead) + routes.toStdString(), "m.mock.yaml");
        QVERIFY(!load.ok());
        QVERIFY(!load.errors.empty());
        QString all;
        bool found = false;
        for (const auto &e : load.errors) {
            const QString text = QString::fromStdString(e.toString());
            all += text + '\n';
            found = found || (text.startsWith(where) && text.contains(message));
        }
        QVERIFY2(found, qPrintable(all));
    }

    void versionAndTopLevel()
    {
        auto load = mocks::parseMock("tutti-mock: 2\nservice: s\nroutes: []\n", "v.mock.yaml");
        QVERIFY(!load.ok());
        QCOMPARE(load.errors.front().code, engine::ErrorCode::Version);
        load = mocks::parseMock("tutti-mock: 1\nservce: s\nroutes: []\n", "t.mock.yaml");
        QVERIFY(!load.ok());
        bool found = false;
        for (const auto &e : load.errors)
            found = found || QString::fromStdString(e.toString())
                                 .startsWith("t.mock.yaml:2:1: error: unknown key 'servce'");
        QVERIFY(found);
    }

    void profileOverlay()
    {
        auto mock = mocks::parseMock(R"(tutti-mock: 1
service: payment
routes:
  - match: { method: POST, path: /charges }
    respond: { status: 201 }
    latency: 80ms
    faults: [ { rate: 0.01, kind: reset } ]
  - match: { method: GET, path: "/charges/{id}" }
    respond: { status: 200 }
)",
                                     "payment.mock.yaml");
        QVERIFY(mock.ok());
        mocks::MockRegistry registry;
        QVERIFY(registry.add(mock.spec));
        auto first = mocks::parseProfile(R"(tutti-profile: 1
services:
  payment:
    latency: 200ms
    faults: [ { rate: 0.3, kind: status, status: 503 } ]
)",
                                         "a.profile.yaml");
        auto second = mocks::parseProfile(R"(tutti-profile: 1
services:
  payment:
    routes:
      - match: { method: GET, path: "/charges/{id}" }
        latency: 5ms
        faults: []
)",
                                          "b.profile.yaml");
        QVERIFY(first.ok());
        QVERIFY(second.ok());
        QVERIFY(registry.applyProfile(*first.profile));
        QVERIFY(registry.applyProfile(*second.profile));
        const auto *s = registry.service("payment");
        QCOMPARE(s->routeLatency(0)->fixed, engine::Micros(200000));
        QCOMPARE(s->routeFaults(0).size(), std::size_t(1));
        QCOMPARE(s->routeFaults(0)[0].status, 503);
        QCOMPARE(s->routeLatency(1)->fixed, engine::Micros(5000));
        QVERIFY(s->routeFaults(1).empty());
        registry.clearProfiles();
        QCOMPARE(s->routeLatency(0)->fixed, engine::Micros(80000));
        QCOMPARE(s->routeFaults(0)[0].kind, mocks::FaultKind::Reset);

        auto unknown = mocks::parseProfile(
            "tutti-profile: 1\nservices:\n  paymnt: { latency: 1ms }\n", "u.profile.yaml");
        QVERIFY(unknown.ok());
        auto applied = registry.applyProfile(*unknown.profile);
        QVERIFY(!applied);
        QVERIFY2(
            QString::fromStdString(applied.error().toString()).startsWith("u.profile.yaml:3:3"),
            applied.error().toString().c_str());
        QVERIFY(applied.error().message.find("did you mean 'payment'?") != std::string::npos);
        auto badRoute = mocks::parseProfile("tutti-profile: 1\nservices:\n  payment:\n    routes: "
                                            "[ { match: { path: /charge }, latency: 1ms } ]\n",
                                            "r.profile.yaml");
        QVERIFY(badRoute.ok());
        QVERIFY(!registry.applyProfile(*badRoute.profile));
    }
    void selfReferencingAnchorsAreLocatedErrors()
    {
        // A stack overflow in the loaders before; now a Limit error where the anchor is.
        auto mock = mocks::parseMock("tutti-mock: 1\nservice: s\nroutes:\n  - &r\n"
                                     "    match: { path: /x }\n    respond: { body: *r }\n",
                                     "s.mock.yaml");
        QVERIFY(!mock.ok());
        QCOMPARE(mock.errors.front().code, engine::ErrorCode::Limit);
        QCOMPARE(mock.errors.front().location.line, 4); // where the anchor is
        QVERIFY(mock.errors.front().message.find("endless cycle") != std::string::npos);
        auto profile =
            mocks::parseProfile("tutti-profile: 1\nservices: &s\n  a: *s\n", "p.profile.yaml");
        QVERIFY(!profile.ok());
        QCOMPARE(profile.errors.front().code, engine::ErrorCode::Limit);
        QVERIFY2(QString::fromStdString(profile.errors.front().toString())
                     .startsWith("p.profile.yaml:2:11: error: a YAML alias"),
                 profile.errors.front().toString().c_str());
    }

    void loadMocksReadsOnlyTheFlowsMocks()
    {
        // One bad mock file only affects flows that use its service: the registry of a flow
        // loads that flow's mocks, not every file beside them.
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
        write("mocks/bad.mock.yaml", "tutti-mock: 1\nservice: bad\nroutes: &r [ *r ]\n");
        write("a.flow.yaml", "tutti: 1\nname: a\nsteps:\n  - id: a\n    type: http\n"
                             "    service: good\n    request: { method: GET, path: /x }\n");
        write("b.flow.yaml", "tutti: 1\nname: b\nservices:\n  bad: { mock: mocks/bad.mock.yaml }\n"
                             "steps:\n  - id: a\n    type: http\n"
                             "    service: bad\n    request: { method: GET, path: /x }\n");
        engine::FlowLoad a = engine::loadFlowFile(dir.filePath("a.flow.yaml").toStdString());
        QVERIFY(a.ok());
        using mocks::MockTransportProvider;
        mocks::MockRegistry registry;
        QVERIFY(MockTransportProvider::loadMocks(registry, {a.flow}, {}, mocks::MissingMock::Error)
                    .empty());
        QCOMPARE(registry.serviceNames(), std::vector<std::string>{"good"});
        engine::FlowLoad b = engine::loadFlowFile(dir.filePath("b.flow.yaml").toStdString());
        QVERIFY(b.ok()); // the file it names is only read when its mocks are loaded
        mocks::MockRegistry other;
        const engine::Errors errors =
            MockTransportProvider::loadMocks(other, {b.flow}, {}, mocks::MissingMock::Error);
        QCOMPARE(errors.size(), std::size_t(1));
        QVERIFY(errors[0].location.file.ends_with("mocks/bad.mock.yaml"));
        QCOMPARE(errors[0].code, engine::ErrorCode::Limit);
    }
};

QTEST_GUILESS_MAIN(tst_MockParser)
#include "tst_mockparser.moc"
