// Workspaces: finding tutti.yaml above a flow, environments, rejected keys with locations, and
// the sorted lists of mocks, profiles and flows.
// LABELS: unit
#include <engine/model/workspace.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace tutti::engine;

namespace {

void write(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

} // namespace

class TestWorkspace : public QObject {
    Q_OBJECT

private slots:
    void nearestTuttiYaml()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString root = QDir(tmp.path()).canonicalPath();
        write(root + "/ws/tutti.yaml",
              "tutti-workspace: 1\n"
              "environments:\n"
              "  staging:\n"
              "    services: { inventory: \"https://inventory.staging.example.com\", payment: "
              "\"https://pay.example.com/v2\" }\n"
              "    vars: { region: eu }\n"
              "  prod:\n");
        write(root + "/ws/flows/deep/a.flow.yaml", "tutti: 1\n");
        auto ws = workspaceForFlow((root + "/ws/flows/deep/a.flow.yaml").toStdString());
        QVERIFY2(ws.has_value(), ws ? "" : ws.error().toString().c_str());
        QCOMPARE(QString::fromStdString(ws->dir), root + "/ws");
        QCOMPARE(ws->environments.size(), std::size_t(2));
        const Environment &staging = ws->environments.at("staging");
        QCOMPARE(staging.name, std::string("staging"));
        QCOMPARE(staging.serviceUrls.at("payment"), std::string("https://pay.example.com/v2"));
        QVERIFY(staging.vars["region"] == Json("eu"));
        QVERIFY(ws->environments.at("prod").serviceUrls.empty());
        QCOMPARE(QString::fromStdString(ws->dataDir()), root + "/ws/.tutti");
        QCOMPARE(QString::fromStdString(ws->traceDbPath()), root + "/ws/.tutti/traces.db");
    }

    void flowFolderWithoutTuttiYaml()
    {
        QTemporaryDir tmp;
        const QString root = QDir(tmp.path()).canonicalPath();
        write(root + "/solo/x.flow.yaml", "tutti: 1\n");
        auto ws = workspaceForFlow((root + "/solo/x.flow.yaml").toStdString());
        QVERIFY(ws);
        QCOMPARE(QString::fromStdString(ws->dir), root + "/solo");
        QVERIFY(ws->environments.empty());
        // A relative path works too.
        const QString old = QDir::currentPath();
        QDir::setCurrent(root);
        auto rel = workspaceForFlow("solo/x.flow.yaml");
        QDir::setCurrent(old);
        QVERIFY(rel);
        QCOMPARE(QString::fromStdString(rel->dir), root + "/solo");
    }

    void fileLists()
    {
        QTemporaryDir tmp;
        const QString root = QDir(tmp.path()).canonicalPath();
        write(root + "/b.flow.yaml", "");
        write(root + "/a.flow.yaml", "");
        write(root + "/notes.yaml", "");
        write(root + "/sub/c.flow.yaml", ""); // only the top level counts
        write(root + "/mocks/payment.mock.yaml", "");
        write(root + "/mocks/inventory.mock.yaml", "");
        write(root + "/mocks/readme.md", "");
        write(root + "/profiles/slow.profile.yaml", "");
        auto ws = loadWorkspace(root.toStdString());
        QVERIFY(ws);
        const auto s = [](const std::vector<std::string> &v) {
            QStringList out;
            for (const auto &p : v)
                out << QFileInfo(QString::fromStdString(p)).fileName();
            return out.join(',');
        };
        QCOMPARE(s(ws->flowFiles()), QString("a.flow.yaml,b.flow.yaml"));
        QCOMPARE(s(ws->mockFiles()), QString("inventory.mock.yaml,payment.mock.yaml"));
        QCOMPARE(s(ws->profileFiles()), QString("slow.profile.yaml"));
        QVERIFY(QFileInfo(QString::fromStdString(ws->mockFiles()[0])).isAbsolute());
        // Missing folders are simply empty.
        QTemporaryDir empty;
        auto none = loadWorkspace(empty.path().toStdString());
        QVERIFY(none && none->mockFiles().empty() && none->profileFiles().empty());
    }

    void badTuttiYaml_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("substring");
        QTest::newRow("unknown top key")
            << QByteArray("tutti-workspace: 1\nenviroments: {}\n") << 2 << 1
            << "unknown key 'enviroments' in tutti.yaml (did you mean 'environments'?)";
        QTest::newRow("unknown env key")
            << QByteArray("tutti-workspace: 1\nenvironments:\n  staging:\n    servics: {}\n") << 4
            << 5 << "unknown key 'servics' in environment 'staging' (did you mean 'services'?)";
        QTest::newRow("missing version")
            << QByteArray("environments: {}\n") << 1 << 1 << "needs 'tutti-workspace: 1'";
        QTest::newRow("newer version") << QByteArray("tutti-workspace: 3\n") << 1 << 18
                                       << "this file is format 3; this build reads up to 1";
        QTest::newRow("bad url")
            << QByteArray("tutti-workspace: 1\nenvironments:\n  s:\n    services: { a: ftp://x }\n")
            << 4 << 20 << "must start with http:// or https://";
        QTest::newRow("mock is built in")
            << QByteArray("tutti-workspace: 1\nenvironments:\n  mock: {}\n") << 3 << 3
            << "built in";
        QTest::newRow("vars not a mapping")
            << QByteArray("tutti-workspace: 1\nenvironments:\n  s: { vars: [1] }\n") << 3 << 14
            << "'vars' must be a mapping";
        // Recursed until the stack overflowed (every flow of the workspace reads tutti.yaml).
        QTest::newRow("self-referencing anchor")
            << QByteArray("tutti-workspace: 1\nenvironments:\n  s: { vars: &v { again: *v } }\n")
            << 3 << 14 << "endless cycle";
    }

    void badTuttiYaml()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, substring);
        QTemporaryDir tmp;
        write(tmp.filePath("tutti.yaml"), text);
        auto ws = loadWorkspace(tmp.path().toStdString());
        QVERIFY(!ws);
        QVERIFY2(QString::fromStdString(ws.error().message).contains(substring),
                 ws.error().message.c_str());
        QCOMPARE(ws.error().location.line, line);
        QCOMPARE(ws.error().location.column, column);
        QVERIFY(QString::fromStdString(ws.error().location.file).endsWith("tutti.yaml"));
    }
};

QTEST_GUILESS_MAIN(TestWorkspace)
#include "tst_workspace.moc"
