// The bundled examples stay valid: every mock and profile parses, profiles apply to their
// workspace's mocks, and every flow passes the flow validator with every service mocked.
// LABELS: unit
#include <mocks/mockparser.h>
#include <mocks/mockregistry.h>
#include <mocks/profile.h>

#include <engine/model/flowparser.h>

#include <QDirIterator>
#include <QTest>

using namespace tutti;

class tst_Examples : public QObject {
    Q_OBJECT

private:
    static QStringList files(const QString &pattern)
    {
        QStringList out;
        QDirIterator it(QStringLiteral(TUTTI_EXAMPLES), {pattern}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext())
            out << it.next();
        out.sort();
        return out;
    }
    static QString joined(const engine::Errors &errors)
    {
        QString out;
        for (const auto &e : errors)
            out += QString::fromStdString(e.toString()) + '\n';
        return out;
    }

private slots:
    void mocksParse_data()
    {
        QTest::addColumn<QString>("path");
        for (const QString &f : files("*.mock.yaml"))
            QTest::newRow(qPrintable(QDir(TUTTI_EXAMPLES).relativeFilePath(f))) << f;
    }
    void mocksParse()
    {
        QFETCH(QString, path);
        auto load = mocks::loadMockFile(path.toStdString());
        QVERIFY2(load.ok(), qPrintable(joined(load.errors)));
    }

    void profilesApply_data()
    {
        QTest::addColumn<QString>("path");
        for (const QString &f : files("*.profile.yaml"))
            QTest::newRow(qPrintable(QDir(TUTTI_EXAMPLES).relativeFilePath(f))) << f;
    }
    void profilesApply()
    {
        QFETCH(QString, path);
        auto load = mocks::loadProfileFile(path.toStdString());
        QVERIFY2(load.ok(), qPrintable(joined(load.errors)));
        QDir workspace = QFileInfo(path).dir();
        workspace.cdUp();
        mocks::MockRegistry registry;
        std::vector<std::string> mockFiles;
        for (const QFileInfo &fi :
             QDir(workspace.filePath("mocks")).entryInfoList({"*.mock.yaml"}, QDir::Files))
            mockFiles.push_back(fi.filePath().toStdString());
        QVERIFY(registry.loadFiles(mockFiles).empty());
        auto applied = registry.applyProfile(*load.profile);
        QVERIFY2(applied, applied ? "" : applied.error().toString().c_str());
    }

    void flowsValidate_data()
    {
        QTest::addColumn<QString>("path");
        for (const QString &f : files("*.flow.yaml"))
            QTest::newRow(qPrintable(QDir(TUTTI_EXAMPLES).relativeFilePath(f))) << f;
    }
    void flowsValidate()
    {
        QFETCH(QString, path);
        auto load = engine::loadFlowFile(path.toStdString());
        QVERIFY2(load.ok(), qPrintable(joined(load.errors)));
        for (const auto &[name, service] : load.flow->services) {
            QVERIFY2(!service.mockFile.empty(), name.c_str());
            QVERIFY2(QFileInfo::exists(QString::fromStdString(service.mockFile)),
                     service.mockFile.c_str());
            auto mock = mocks::loadMockFile(service.mockFile);
            QVERIFY(mock.ok());
            QCOMPARE(QString::fromStdString(mock.spec->service), QString::fromStdString(name));
        }
    }

    void checkoutDegradedProfileIs30Percent503()
    {
        const std::string dir = std::string(TUTTI_EXAMPLES) + "/checkout/";
        auto load = mocks::loadProfileFile(dir + "profiles/payment-degraded.profile.yaml");
        QVERIFY(load.ok());
        mocks::MockRegistry registry;
        QVERIFY(registry.loadFiles({dir + "mocks/payment.mock.yaml"}).empty());
        QVERIFY(registry.applyProfile(*load.profile));
        const auto *payment = registry.service("payment");
        for (std::size_t i = 0; i < payment->spec().routes.size(); ++i) {
            const auto &faults = payment->routeFaults(i);
            QCOMPARE(faults.size(), std::size_t(1));
            QCOMPARE(faults[0].kind, mocks::FaultKind::Status);
            QCOMPARE(faults[0].status, 503);
            QCOMPARE(faults[0].rate, 0.30);
        }
    }

    void inventoryRefusesADeepBody()
    {
        // The bundled inventory mock matches on request.body.qty: a 100,000-deep body was a
        // stack overflow; now it is a 400 and the mock goes on answering.
        const std::string dir = std::string(TUTTI_EXAMPLES) + "/checkout/";
        mocks::MockRegistry registry;
        QVERIFY(registry.loadFiles({dir + "mocks/inventory.mock.yaml"}).empty());
        mocks::MockService *inventory = registry.service("inventory");
        QVERIFY(inventory);
        const engine::Headers headers{{"Content-Type", "application/json"}};
        const std::string deep = "{\"sku\": \"A-1\", \"qty\": " + std::string(100000, '[') +
                                 std::string(100000, ']') + "}";
        engine::Rng rng(1);
        auto refused = inventory->handle({"POST", "/reservations", "", &headers, deep}, rng, 0);
        QCOMPARE(refused.response.status, 400);
        QVERIFY2(refused.response.body.find("nested deeper than 256") != std::string::npos,
                 refused.response.body.c_str());
        auto ok = inventory->handle(
            {"POST", "/reservations", "", &headers, R"({"sku": "A-1", "qty": 2})"}, rng, 0);
        QCOMPARE(ok.response.status, 201);
    }
};

QTEST_GUILESS_MAIN(tst_Examples)
#include "tst_examples.moc"
