// Schema validation of `tutti export --to argo` (issue 13 item 3, docs/export.md): every bundled
// example and every flow of the export corpus is exported through the CLI and validated by
// tests/export/argovalidate.mjs against Argo's published Workflow schema (the ajv validators of
// @kubernetes-models/argo-workflows), plus the references the schema cannot check. The npm tools
// are installed into the build folder by tests/export/setup-argo-tools.sh (installer/test.sh runs
// it; this test runs it too when they are missing); only when npm cannot install them is the test
// skipped, saying so. Also: --strict fails on what is not carried, --to argo -o writes the file.
// LABELS: argo
#include "clirunner.h"

#include <QTemporaryDir>

namespace {
const QString kSource = QStringLiteral(TUTTI_TEST_DATA "/../..");
const QString kTools = QStringLiteral(TUTTI_BINARY_DIR "/argo-tools");

QStringList flowsToExport()
{
    QStringList flows;
    for (const QString &e : QDir(clitest::kExamples).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        for (const QString &f :
             QDir(clitest::kExamples + "/" + e).entryList({"*.flow.yaml"}, QDir::Files))
            flows << clitest::kExamples + "/" + e + "/" + f;
    const QString corpus = kSource + "/tests/data/export/flows";
    for (const QString &f : QDir(corpus).entryList({"*.flow.yaml"}, QDir::Files, QDir::Name))
        flows << corpus + "/" + f;
    return flows;
}
} // namespace

class TestArgoSchema : public QObject {
    Q_OBJECT

private slots:
    void everyExportIsAValidWorkflow()
    {
        if (QStandardPaths::findExecutable("node").isEmpty())
            QSKIP("node is not installed (apt-get install nodejs npm): the Argo schema check "
                  "cannot run");
        if (!QFileInfo::exists(kTools +
                               "/node_modules/@kubernetes-models/argo-workflows/package.json") ||
            !QFileInfo::exists(kTools + "/node_modules/yaml/package.json")) {
            QProcess setup;
            setup.start("bash", {kSource + "/tests/export/setup-argo-tools.sh", TUTTI_BINARY_DIR});
            setup.waitForFinished(300000);
            if (setup.exitCode() != 0)
                QSKIP(qPrintable("the Argo schema validators could not be installed from npm "
                                 "(unreachable?): " +
                                 QString::fromUtf8(setup.readAllStandardError())));
        }
        QTemporaryDir dir;
        QStringList files;
        const QStringList flows = flowsToExport();
        QVERIFY(flows.size() >= 10);
        for (const QString &flow : flows) {
            const QString out = dir.filePath(QFileInfo(flow).dir().dirName() + "-" +
                                             QFileInfo(flow).fileName() + ".argo.yaml");
            const auto r = clitest::tutti({"export", flow, "--to", "argo", "-o", out});
            QVERIFY2(r.exitCode == 0, qPrintable(flow + ": " + QString::fromUtf8(r.err)));
            QVERIFY2(QFileInfo::exists(out), qPrintable(out));
            files << out;
        }
        QProcess node;
        node.start("node",
                   QStringList{kSource + "/tests/export/argovalidate.mjs", "--tools", kTools} +
                       files);
        QVERIFY(node.waitForFinished(120000));
        const QString out = QString::fromUtf8(node.readAllStandardOutput());
        qInfo().noquote() << out.trimmed();
        QVERIFY2(node.exitCode() == 0,
                 qPrintable(out + QString::fromUtf8(node.readAllStandardError())));
        QCOMPARE(out.count(": valid"), files.size());
    }

    void strictFailsOnWhatIsNotCarried()
    {
        const QString flow = clitest::kExamples + "/saga/saga.flow.yaml";
        const auto loose = clitest::tutti({"export", flow, "--to", "argo"});
        QCOMPARE(loose.exitCode, 0);
        QVERIFY(loose.out.startsWith("apiVersion: argoproj.io/v1alpha1\n"));
        QVERIFY(loose.err.contains("warning: "));
        const auto strict = clitest::tutti({"export", flow, "--to", "argo", "--strict"});
        QCOMPARE(strict.exitCode, 1);
        QVERIFY(strict.out.isEmpty());
        QVERIFY(strict.err.contains("--strict"));
        const auto lang =
            clitest::tutti({"export", flow, "--to", "argo", "--query-language", "jsonata"});
        QCOMPARE(lang.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestArgoSchema)
#include "tst_argoschema.moc"
