// The secret-store seam (engine/core/secretstore.h): the in-memory store, secret names, and how
// RunEnvironment::fromWorkspace reads the installed store — once, TUTTI_SECRET_NAME winning, a
// store that cannot be reached reported and not fatal.
// LABELS: unit
#include <engine/core/secretstore.h>
#include <engine/runtime/executor.h>

#include <QtTest>

using namespace tutti::engine;

namespace {

// Counts reads; fails every call when `broken`.
class CountingStore final : public SecretStore {
public:
    MemorySecretStore inner;
    bool broken = false;
    int reads = 0;
    Result<std::map<std::string, std::string>> all(const std::string &ws) override
    {
        ++reads;
        if (broken)
            return fail(ErrorCode::Io, "no Secret Service is running (test)");
        return inner.all(ws);
    }
    Result<std::vector<std::string>> names(const std::string &ws) override
    {
        return inner.names(ws);
    }
    Result<std::optional<std::string>> get(const std::string &ws, const std::string &n) override
    {
        return inner.get(ws, n);
    }
    Result<void> set(const std::string &ws, const std::string &n, const std::string &v) override
    {
        return inner.set(ws, n, v);
    }
    Result<bool> remove(const std::string &ws, const std::string &n) override
    {
        return inner.remove(ws, n);
    }
};

} // namespace

class TestSecretStore : public QObject {
    Q_OBJECT

private slots:
    void cleanup() { installSecretStore(nullptr); }

    void memoryStoreKeepsWorkspacesApart()
    {
        MemorySecretStore s;
        QVERIFY(s.set("/w1", "API_KEY", "one"));
        QVERIFY(s.set("/w2", "API_KEY", "two"));
        QVERIFY(s.set("/w1", "OTHER", "x"));
        QCOMPARE(**s.get("/w1", "API_KEY"), std::string("one"));
        QCOMPARE(**s.get("/w2", "API_KEY"), std::string("two"));
        QVERIFY(!*s.get("/w3", "API_KEY"));
        QCOMPARE(*s.names("/w1"), (std::vector<std::string>{"API_KEY", "OTHER"}));
        QVERIFY(*s.remove("/w1", "OTHER"));
        QVERIFY(!*s.remove("/w1", "OTHER"));
        QCOMPARE(s.all("/w1")->size(), std::size_t(1));
        // Names are what {{ secret.NAME }} can write.
        QVERIFY(!s.set("/w1", "bad name", "x"));
        QVERIFY(!s.set("/w1", "", "x"));
    }

    void names_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("valid");
        QTest::newRow("plain") << "API_KEY" << true;
        QTest::newRow("lower") << "stripe_key2" << true;
        QTest::newRow("empty") << "" << false;
        QTest::newRow("digit first") << "1KEY" << false;
        QTest::newRow("dash") << "API-KEY" << false;
        QTest::newRow("dot") << "a.b" << false;
        QTest::newRow("newline") << "A\nB" << false;
        QTest::newRow("non-ascii") << QString::fromUtf8("CLÉ") << false;
        QTest::newRow("too long") << QString(129, 'A') << false;
    }
    void names()
    {
        QFETCH(QString, name);
        QFETCH(bool, valid);
        QCOMPARE(secretNameProblem(name.toStdString()).empty(), valid);
    }

    void environmentReadsTheInstalledStoreOnce()
    {
        auto store = std::make_shared<CountingStore>();
        QVERIFY(store->set("/ws", "API_KEY", "from-keychain"));
        QVERIFY(store->set("/ws", "OVERRIDDEN", "from-keychain"));
        installSecretStore(store);
        qputenv("TUTTI_SECRET_OVERRIDDEN", "from-variable");
        Workspace ws;
        ws.dir = "/ws";
        auto env = RunEnvironment::fromWorkspace(ws, "mock");
        QVERIFY(env);
        QCOMPARE(store->reads, 1);
        QCOMPARE(*env->secret("API_KEY"), std::string("from-keychain"));
        QCOMPARE(*env->secret("OVERRIDDEN"), std::string("from-variable"));
        QVERIFY(!env->secret("MISSING"));
        QCOMPARE(store->reads, 1); // lookups during a run never wait on the keychain
        QVERIFY(env->secretStoreProblem.empty());
        qunsetenv("TUTTI_SECRET_OVERRIDDEN");
        // Another workspace sees none of them.
        ws.dir = "/elsewhere";
        QVERIFY(!RunEnvironment::fromWorkspace(ws, "mock")->secret("API_KEY"));
    }

    void anUnreachableStoreIsReportedNotFatal()
    {
        auto store = std::make_shared<CountingStore>();
        store->broken = true;
        installSecretStore(store);
        qputenv("TUTTI_SECRET_API_KEY", "from-variable");
        Workspace ws;
        ws.dir = "/ws";
        auto env = RunEnvironment::fromWorkspace(ws, "mock");
        QVERIFY(env);
        QCOMPARE(*env->secret("API_KEY"), std::string("from-variable"));
        QVERIFY(env->secretStoreProblem.find("Secret Service") != std::string::npos);
        qunsetenv("TUTTI_SECRET_API_KEY");
    }

    void noStoreMeansVariablesOnly()
    {
        Workspace ws;
        ws.dir = "/ws";
        auto env = RunEnvironment::fromWorkspace(ws, "mock");
        QVERIFY(env);
        QVERIFY(!env->secret("API_KEY"));
        QVERIFY(env->secretStoreProblem.empty());
    }
};

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
