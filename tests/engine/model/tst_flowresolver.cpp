// Parse apart from resolve: parseFlow reads no file (what a flow names outside itself is only
// recorded), FlowResolver finds the workspace, mocks and sub-flows with the same located errors
// loadFlowFile gives, and its cache reads an unchanged file once and a changed one again.
// LABELS: unit
#include "errortext.h"

#include <engine/model/flowparser.h>
#include <engine/model/flowresolver.h>

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace tutti::engine;
using tutti::engine::test::messages;

namespace {

bool write(const QString &path, const QByteArray &text)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return false;
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return f.write(text) == text.size();
}

const Step *findStep(const Flow &flow, const std::string &id)
{
    for (const Step *s : allSteps(flow))
        if (s->id == id)
            return s;
    return nullptr;
}

// Names a declared mock, a service nobody provides and a sub-flow; none of the files exist.
const std::string kOutside = "tutti: 1\n"
                             "name: outside\n"
                             "services:\n"
                             "  pay: { mock: mocks/pay.mock.yaml }\n"
                             "steps:\n"
                             "  - id: charge\n"
                             "    type: http\n"
                             "    service: pay\n"
                             "    request: { method: POST, path: /charges }\n"
                             "  - id: ask\n"
                             "    type: http\n"
                             "    service: ghost\n"
                             "    request: { method: GET, path: /x }\n"
                             "  - id: sub\n"
                             "    type: call\n"
                             "    flow: sub.flow.yaml\n";

} // namespace

class TestFlowResolver : public QObject {
    Q_OBJECT

private slots:
    void parseReadsNoFile()
    {
        // A folder that does not exist: had parsing looked at the disk, every file would be
        // missing; it reports nothing and still computes every path.
        const QString dir =
            QDir::tempPath() + "/tutti-nowhere-" + QUuid::createUuid().toString(QUuid::Id128);
        QVERIFY(!QFileInfo::exists(dir));
        const std::string file = (dir + "/deep/outside.flow.yaml").toStdString();
        const FlowLoad parsed = parseFlow(kOutside, file);
        QVERIFY2(parsed.ok(), messages(parsed.errors).c_str());
        const std::string folder = (dir + "/deep").toStdString();
        QCOMPARE(parsed.flow->filePath, file);
        QCOMPARE(parsed.flow->workspaceDir, folder);
        QCOMPARE(parsed.flow->services.at("pay").mockFile, folder + "/mocks/pay.mock.yaml");
        QCOMPARE(findStep(*parsed.flow, "sub")->as<CallSpec>().flowPath, folder + "/sub.flow.yaml");
        QCOMPARE(parsed.flow->external.fileName, file);
        QCOMPARE(parsed.flow->external.mocks.size(), std::size_t(1));
        QCOMPARE(parsed.flow->external.subFlows.size(), std::size_t(1));
        QCOMPARE(parsed.flow->external.subFlows[0].owner, std::string("/steps/2"));
        QCOMPARE(parsed.flow->external.services.size(), std::size_t(2));
        QVERIFY(!QFileInfo::exists(dir)); // and nothing was created

        // Resolving finds the three, located, in file order.
        FlowResolver resolver;
        const Errors problems = resolver.problems(parsed);
        const std::string text = messages(problems);
        QCOMPARE(problems.size(), std::size_t(3));
        QCOMPARE(problems[0].code, ErrorCode::Io);
        QCOMPARE(problems[0].message, "mock file not found: " + folder + "/mocks/pay.mock.yaml");
        QCOMPARE(problems[0].location.line, 4);
        QCOMPARE(problems[0].location.column, 16);
        QCOMPARE(problems[0].location.file, file);
        QCOMPARE(problems[0].path, std::string("/services/pay/mock"));
        QVERIFY2(problems[1].message.starts_with("unknown service 'ghost'"), text.c_str());
        QCOMPARE(problems[1].location.line, 12);
        QCOMPARE(problems[1].path, std::string("/steps/1/service"));
        QCOMPARE(problems[2].message, "sub-flow file not found: " + folder + "/sub.flow.yaml");
        QCOMPARE(problems[2].location.line, 16);
        QCOMPARE(problems[2].location.column, 11);
        // The same as parse + resolve in one go, and as the parsed flow resolved.
        QCOMPARE(messages(loadFlowText(kOutside, file).errors), text);
        QCOMPARE(messages(resolver.loadText(kOutside, file).errors), text);
        QCOMPARE(resolver.reads().flows, 0);
    }

    void parseIgnoresTheWorkspace()
    {
        // A workspace whose tutti.yaml and mock are broken: parsing a flow in it reads neither.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(write(dir.filePath("tutti.yaml"), "tutti-workspace: 1\nenvironmnets: {}\n"));
        QVERIFY(write(dir.filePath("mocks/api.mock.yaml"), "just text\n"));
        const QByteArray flow = "tutti: 1\nname: w\nsteps:\n  - id: a\n    type: http\n"
                                "    service: api\n    request: { method: GET, path: /x }\n";
        QVERIFY(write(dir.filePath("w.flow.yaml"), flow));
        const std::string file = dir.filePath("w.flow.yaml").toStdString();
        const FlowLoad parsed = parseFlow(flow.toStdString(), file);
        QVERIFY2(parsed.ok(), messages(parsed.errors).c_str());

        const FlowLoad loaded = loadFlowFile(file);
        QVERIFY(!loaded.ok());
        // tutti.yaml's error (another file: first), then the service no mock could provide.
        QCOMPARE(loaded.errors.size(), std::size_t(2));
        QVERIFY(loaded.errors[1].message.starts_with("unknown service 'api'"));
        QVERIFY2(loaded.errors[0].location.file.ends_with("tutti.yaml"),
                 messages(loaded.errors).c_str());
        QVERIFY(loaded.errors[0].message.find("did you mean 'environments'?") != std::string::npos);
        FlowResolver resolver;
        QCOMPARE(messages(resolver.problems(parsed)), messages(loaded.errors));
    }

    void resolveMatchesLoadOnTheCorpus_data()
    {
        QTest::addColumn<QString>("path");
        QStringList files;
        for (const QString &root :
             {QStringLiteral(TUTTI_TEST_DATA "/flows"), QStringLiteral(TUTTI_EXAMPLES)}) {
            QDirIterator it(root, {"*.flow.yaml"}, QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext())
                files << it.next();
        }
        files.sort();
        QVERIFY(files.size() > 30);
        for (const QString &f : files)
            QTest::newRow(qPrintable(f)) << f;
    }

    void resolveMatchesLoadOnTheCorpus()
    {
        // The studio's verdict (parse on the GUI thread, then problems() on a worker) is the
        // verdict of `tutti validate` (loadFlowFile), error for error.
        QFETCH(QString, path);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const std::string text = f.readAll().toStdString();
        const FlowLoad loaded = loadFlowFile(path.toStdString());
        FlowResolver resolver;
        const FlowLoad parsed = parseFlow(text, path.toStdString());
        QCOMPARE(messages(resolver.problems(parsed)), messages(loaded.errors));
        QCOMPARE(messages(resolver.loadFile(path.toStdString()).errors), messages(loaded.errors));
    }

    void linkedFolderResolvesToTheRealOne()
    {
        // As before the split: a flow reached through a symlinked folder is its real file, and
        // the files it names are next to the real one.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString real = dir.filePath("real");
        QVERIFY(write(real + "/m.mock.yaml", "tutti-mock: 1\nservice: m\nroutes: []\n"));
        QVERIFY(write(real + "/sub.flow.yaml",
                      "tutti: 1\nname: sub\nsteps: [ { id: r, type: respond } ]\n"));
        const QByteArray main = "tutti: 1\nname: main\nservices: { m: { mock: m.mock.yaml } }\n"
                                "steps:\n  - { id: c, type: call, flow: sub.flow.yaml }\n"
                                "  - { id: me, type: call, flow: ../link/main.flow.yaml }\n";
        QVERIFY(write(real + "/main.flow.yaml", main));
        QVERIFY(QFile::link(real, dir.filePath("link")));
        const std::string viaLink = dir.filePath("link/main.flow.yaml").toStdString();
        const std::string realDir = QFileInfo(real).canonicalFilePath().toStdString();

        const FlowLoad parsed = parseFlow(main.toStdString(), viaLink);
        QVERIFY2(parsed.ok(), messages(parsed.errors).c_str());
        QCOMPARE(parsed.flow->filePath, viaLink); // lexical: no disk

        const FlowLoad loaded = loadFlowFile(viaLink);
        QCOMPARE(loaded.flow->filePath, realDir + "/main.flow.yaml");
        QCOMPARE(loaded.flow->workspaceDir, realDir);
        QCOMPARE(loaded.flow->services.at("m").mockFile, realDir + "/m.mock.yaml");
        QCOMPARE(findStep(*loaded.flow, "c")->as<CallSpec>().flowPath, realDir + "/sub.flow.yaml");
        // Calling itself by another path is still calling itself.
        QCOMPARE(loaded.errors.size(), std::size_t(1));
        QCOMPARE(loaded.errors[0].message, std::string("a flow cannot call itself"));
        QCOMPARE(loaded.errors[0].location.line, 6);
    }

    void cacheReadsAnUnchangedFileOnce()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(write(dir.filePath("tutti.yaml"), "tutti-workspace: 1\n"));
        QVERIFY(write(dir.filePath("mocks/api.mock.yaml"),
                      "tutti-mock: 1\nservice: api\nroutes: []\n"));
        const QByteArray sub = "tutti: 1\nname: sub\nsteps:\n  - id: a\n    type: http\n"
                               "    service: api\n    request: { method: GET, path: /x }\n";
        QVERIFY(write(dir.filePath("sub.flow.yaml"), sub));
        QVERIFY(write(dir.filePath("main.flow.yaml"),
                      "tutti: 1\nname: main\nsteps: [ { id: c, type: call, flow: sub.flow.yaml } "
                      "]\n"));
        const std::string subPath = dir.filePath("sub.flow.yaml").toStdString();
        const std::string mainPath = dir.filePath("main.flow.yaml").toStdString();

        FlowResolver resolver;
        const FlowLoad first = resolver.loadFile(subPath);
        QVERIFY2(first.ok(), messages(first.errors).c_str());
        QVERIFY(first.flow->services.at("api").mockFile.ends_with("mocks/api.mock.yaml"));
        QCOMPARE(resolver.reads().flows, 1);
        QCOMPARE(resolver.reads().mocks, 1);
        QCOMPARE(resolver.reads().workspaces, 1);

        // Unchanged: the same flow, nothing read.
        const FlowLoad again = resolver.loadFile(subPath);
        QCOMPARE(again.flow.get(), first.flow.get());
        QCOMPARE(resolver.reads().flows, 1);
        QCOMPARE(resolver.reads().mocks, 1);

        // Another flow of the workspace reads only itself: tutti.yaml and the mock are cached.
        QVERIFY(resolver.loadFile(mainPath).ok());
        QCOMPARE(resolver.reads().flows, 2);
        QCOMPARE(resolver.reads().mocks, 1);
        QCOMPARE(resolver.reads().workspaces, 1);

        // The sub-flow changes: read again.
        QVERIFY(write(dir.filePath("sub.flow.yaml"),
                      QByteArray(sub).replace("name: sub", "name: sub2")));
        const FlowLoad changed = resolver.loadFile(subPath);
        QCOMPARE(resolver.reads().flows, 3);
        QCOMPARE(changed.flow->name, std::string("sub2"));
        QCOMPARE(resolver.reads().mocks, 1);

        // What it depends on changes (the mock now mocks another service): resolved again, the
        // mock read again, the flow's own text not.
        QVERIFY(write(dir.filePath("mocks/api.mock.yaml"),
                      "tutti-mock: 1\nservice: other\nroutes: []\n"));
        const FlowLoad orphaned = resolver.loadFile(subPath);
        QCOMPARE(resolver.reads().mocks, 2);
        QVERIFY(!orphaned.ok());
        QVERIFY2(messages(orphaned.errors).find("unknown service 'api'") != std::string::npos,
                 messages(orphaned.errors).c_str());
        QCOMPARE(messages(orphaned.errors), messages(loadFlowFile(subPath).errors));

        // A mock added to mocks/ is seen.
        QVERIFY(write(dir.filePath("mocks/api2.mock.yaml"),
                      "tutti-mock: 1\nservice: api\nroutes: [ ]\n"));
        const FlowLoad provided = resolver.loadFile(subPath);
        QVERIFY2(provided.ok(), messages(provided.errors).c_str());
        QVERIFY(provided.flow->services.at("api").mockFile.ends_with("mocks/api2.mock.yaml"));

        // A sub-flow file that appears makes the caller valid (its existence was a dependency).
        QVERIFY(write(dir.filePath("caller.flow.yaml"),
                      "tutti: 1\nname: caller\nsteps: [ { id: c, type: call, flow: "
                      "late.flow.yaml } ]\n"));
        const std::string callerPath = dir.filePath("caller.flow.yaml").toStdString();
        QVERIFY(!resolver.loadFile(callerPath).ok());
        QVERIFY(write(dir.filePath("late.flow.yaml"),
                      "tutti: 1\nname: late\nsteps: [ { id: r, type: respond } ]\n"));
        QVERIFY(resolver.loadFile(callerPath).ok());
    }

    void workspaceIsCachedToo()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(write(dir.filePath("tutti.yaml"),
                      "tutti-workspace: 1\nenvironments:\n  dev: { vars: { a: 1 } }\n"));
        const std::string flow = dir.filePath("f.flow.yaml").toStdString();
        FlowResolver resolver;
        auto ws = resolver.workspaceFor(flow);
        QVERIFY(ws);
        QVERIFY(ws->environments.contains("dev"));
        QVERIFY(resolver.workspaceFor(flow));
        QCOMPARE(resolver.reads().workspaces, 1);
        QCOMPARE(ws->dir, workspaceForFlow(flow)->dir);
        QVERIFY(write(dir.filePath("tutti.yaml"),
                      "tutti-workspace: 1\nenvironments:\n  prod: { vars: { a: 2 } }\n"));
        ws = resolver.workspaceFor(flow);
        QCOMPARE(resolver.reads().workspaces, 2);
        QVERIFY(ws->environments.contains("prod"));
    }
};

QTEST_GUILESS_MAIN(TestFlowResolver)
#include "tst_flowresolver.moc"
