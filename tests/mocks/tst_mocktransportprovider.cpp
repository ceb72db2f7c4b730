// The one rule that finds a service's mock (MockTransportProvider::loadMocks, docs/mocks.md): the
// file `mock:` names, else the workspace mock of that service; the sub-flows' services too; a
// mock of another service, a service without a mock (in `mock`) and a bad profile are located
// errors. The provider answers `mock` in-process (each transport with its own mock state) and
// hands every other environment to the provider it falls back to.
// LABELS: unit
#include <mocks/mockregistry.h>
#include <mocks/mocktransportprovider.h>

#include <engine/core/clock.h>
#include <engine/session/runplan.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

using namespace tutti;
using engine::Errors;

namespace {

const char *kPayMock = "tutti-mock: 1\nservice: pay\nroutes:\n"
                       "  - match: { method: POST, path: /charges }\n"
                       "    respond: { status: 201, body: { id: c-1 } }\n";
const char *kStockMock = "tutti-mock: 1\nservice: stock\nroutes:\n"
                         "  - match: { method: GET, path: /items }\n"
                         "    respond: { status: 200 }\n";

// Remembers that it was asked, and answers with nothing it could send.
class OtherProvider final : public engine::TransportProvider {
public:
    std::expected<std::unique_ptr<engine::HttpTransport>, Errors>
    transport(const engine::TransportRequest &request) override
    {
        asked = request.environment.name;
        return std::unexpected(Errors{{engine::ErrorCode::Internal, "other", {}, {}}});
    }
    std::string asked;
};

} // namespace

class tst_MockTransportProvider : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    std::string path(const QString &name) const { return m_dir.filePath(name).toStdString(); }
    void write(const QString &name, const char *text)
    {
        QFile f(m_dir.filePath(name));
        QVERIFY(QDir().mkpath(QFileInfo(f).absolutePath()));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(text);
    }
    engine::RunPlan plan(const char *flow, const std::string &env = "mock")
    {
        auto loaded = engine::RunPlan::load({path(flow), {}, {}}, env);
        if (!loaded)
            qFatal("%s", loaded.error().text().c_str());
        return std::move(*loaded);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        write("tutti.yaml", "tutti-workspace: 1\nenvironments:\n"
                            "  staging: { services: { pay: \"https://pay.example.com\" } }\n");
        write("mocks/pay.mock.yaml", kPayMock);
        write("elsewhere/stock.mock.yaml", kStockMock);
        // `pay` from the workspace's mocks/, `stock` from the file it names; the sub-flow's
        // service counts too.
        write("order.flow.yaml", "tutti: 1\nname: order\n"
                                 "services:\n  stock: { mock: elsewhere/stock.mock.yaml }\n"
                                 "steps:\n"
                                 "  - id: charge\n    type: http\n    service: pay\n"
                                 "    request: { method: POST, path: /charges }\n"
                                 "  - id: nested\n    type: call\n    flow: sub.flow.yaml\n");
        write("sub.flow.yaml", "tutti: 1\nname: sub\n"
                               "services:\n  stock: { mock: elsewhere/stock.mock.yaml }\n"
                               "steps:\n"
                               "  - id: items\n    type: http\n    service: stock\n"
                               "    request: { method: GET, path: /items }\n");
        write("wrong.flow.yaml", "tutti: 1\nname: wrong\n"
                                 "services:\n  stock: { mock: mocks/pay.mock.yaml }\n"
                                 "steps:\n"
                                 "  - id: items\n    type: http\n    service: stock\n"
                                 "    request: { method: GET, path: /items }\n");
        write("bare.flow.yaml", "tutti: 1\nname: bare\n"
                                "services:\n  ledger: {}\n"
                                "steps:\n"
                                "  - id: book\n    type: http\n    service: ledger\n"
                                "    request: { method: POST, path: /entries }\n");
        write("profiles/bad.profile.yaml",
              "tutti-profile: 1\nservices:\n  paay: { latency: 10ms }\n");
    }

    void declaredWorkspaceAndSubFlowMocks()
    {
        const engine::RunPlan order = plan("order.flow.yaml");
        mocks::MockRegistry registry;
        const Errors errors = mocks::MockTransportProvider::loadMocks(registry, order.flows(), {},
                                                                      mocks::MissingMock::Error);
        QVERIFY(errors.empty());
        auto names = registry.serviceNames();
        std::sort(names.begin(), names.end());
        QCOMPARE(names, (std::vector<std::string>{"pay", "stock"}));
        QVERIFY(registry.service("stock")->spec().file.ends_with("elsewhere/stock.mock.yaml"));
    }

    void aMockOfAnotherServiceIsLocated()
    {
        mocks::MockRegistry registry;
        const Errors errors = mocks::MockTransportProvider::loadMocks(
            registry, plan("wrong.flow.yaml").flows(), {}, mocks::MissingMock::Error);
        QCOMPARE(errors.size(), std::size_t(1));
        QVERIFY2(errors[0].message.find("which mocks 'pay'") != std::string::npos,
                 errors[0].message.c_str());
        QVERIFY(errors[0].location.file.ends_with("wrong.flow.yaml"));
        QCOMPARE(errors[0].location.line, 4);
    }

    void aServiceWithoutAMock()
    {
        const engine::RunPlan bare = plan("bare.flow.yaml");
        mocks::MockRegistry registry;
        const Errors errors = mocks::MockTransportProvider::loadMocks(registry, bare.flows(), {},
                                                                      mocks::MissingMock::Error);
        QCOMPARE(errors.size(), std::size_t(1));
        QVERIFY(errors[0].message.starts_with("service 'ledger' has no mock"));
        QCOMPARE(errors[0].location.line, 4);
        // Outside `mock` only mock:// URLs reach the mocks: nothing is missing then.
        mocks::MockRegistry other;
        QVERIFY(mocks::MockTransportProvider::loadMocks(other, bare.flows(), {},
                                                        mocks::MissingMock::Allowed)
                    .empty());
    }

    void aBadProfileIsLocated()
    {
        mocks::MockRegistry registry;
        const Errors errors = mocks::MockTransportProvider::loadMocks(
            registry, plan("order.flow.yaml").flows(), {path("profiles/bad.profile.yaml")},
            mocks::MissingMock::Error);
        QCOMPARE(errors.size(), std::size_t(1));
        QVERIFY(errors[0].location.file.ends_with("bad.profile.yaml"));
        QCOMPARE(errors[0].location.line, 3);
        QVERIFY2(errors[0].message.find("did you mean 'pay'") != std::string::npos,
                 errors[0].message.c_str());
    }

    void mockTransportsHaveTheirOwnState()
    {
        const engine::RunPlan order = plan("order.flow.yaml");
        engine::VirtualClock clock;
        mocks::MockTransportProvider provider;
        const std::vector<std::string> profiles;
        auto a = provider.transport(order.transportRequest(profiles, clock));
        auto b = provider.transport(order.transportRequest(profiles, clock));
        QVERIFY(a.has_value() && b.has_value());
        int answered = 0;
        engine::HttpRequest request;
        request.method = "POST";
        request.url = "mock://pay/charges";
        (*a)->send(request, [&](engine::TransportResult r) {
            QCOMPARE(r.response.status, 201);
            ++answered;
        });
        clock.runUntilIdle();
        QCOMPARE(answered, 1);

        // Errors come back from the transport request, every one.
        auto refused =
            provider.transport(order.transportRequest({path("profiles/bad.profile.yaml")}, clock));
        QVERIFY(!refused.has_value());
        QCOMPARE(refused.error().size(), std::size_t(1));
    }

    void otherEnvironmentsGoToTheFallback()
    {
        const engine::RunPlan staging = plan("order.flow.yaml", "staging");
        engine::VirtualClock clock;
        const std::vector<std::string> profiles;
        OtherProvider other;
        mocks::MockTransportProvider provider(&other);
        auto t = provider.transport(staging.transportRequest(profiles, clock));
        QVERIFY(!t.has_value());
        QCOMPARE(other.asked, std::string("staging"));
        QCOMPARE(t.error().front().message, std::string("other"));

        mocks::MockTransportProvider alone;
        auto none = alone.transport(staging.transportRequest(profiles, clock));
        QVERIFY(!none.has_value());
        QVERIFY(none.error().front().message.find("staging") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(tst_MockTransportProvider)
#include "tst_mocktransportprovider.moc"
