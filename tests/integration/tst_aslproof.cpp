// Proof by execution of `tutti export --to asl` (issue 13, docs/export.md): every case of
// tests/export/cases.json (bundled examples and a corpus of retry, catch, choice, map, parallel
// and compensation flows) is run with `tutti run` and, exported, validated by asl-validator and
// run on aws-local-stepfunctions against the same loopback mocks; the final status, the output
// and the HTTP calls must be the same (tests/export/aslproof.mjs does one case). The npm tools
// are installed into the build folder by tests/export/setup-asl-tools.sh (installer/test.sh runs
// it; this test runs it too when they are missing); only when npm cannot install them is the
// test skipped, saying so.
// LABELS: asl
#include "clirunner.h"

#include <QJsonArray>

namespace {
const QString kSource = QStringLiteral(TUTTI_TEST_DATA "/../..");
const QString kTools = QStringLiteral(TUTTI_BINARY_DIR "/asl-tools");
} // namespace

class TestAslProof : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable("node").isEmpty())
            QSKIP("node is not installed (apt-get install nodejs npm): the ASL proof cannot run");
        if (!QFileInfo::exists(kTools + "/node_modules/aws-local-stepfunctions/package.json") ||
            !QFileInfo::exists(kTools + "/node_modules/asl-validator/package.json")) {
            QProcess setup;
            setup.start("bash", {kSource + "/tests/export/setup-asl-tools.sh", TUTTI_BINARY_DIR});
            setup.waitForFinished(300000);
            if (setup.exitCode() != 0)
                QSKIP(qPrintable("asl-validator and aws-local-stepfunctions could not be installed "
                                 "from npm (unreachable?): " +
                                 QString::fromUtf8(setup.readAllStandardError())));
        }
    }

    void sameResults_data()
    {
        QTest::addColumn<QJsonObject>("kase");
        QFile f(kSource + "/tests/export/cases.json");
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonArray cases = QJsonDocument::fromJson(f.readAll()).object()["cases"].toArray();
        QVERIFY(cases.size() >= 10);
        for (const QJsonValue &c : cases)
            QTest::newRow(qPrintable(c[u"name"].toString())) << c.toObject();
    }
    void sameResults()
    {
        QFETCH(QJsonObject, kase);
        QStringList args = {
            kSource + "/tests/export/aslproof.mjs",
            "--tutti",
            clitest::kTutti,
            "--tools",
            kTools,
            "--flow",
            kSource + "/" + kase[u"flow"].toString(),
            "--input",
            QString::fromUtf8(
                QJsonDocument(kase[u"input"].toObject()).toJson(QJsonDocument::Compact)),
            "--seed",
            QString::number(kase[u"seed"].toInt(7))};
        if (kase.contains(u"expect"))
            args << "--expect" << kase[u"expect"].toString();
        QProcess node;
        node.start("node", args);
        QVERIFY(node.waitForFinished(180000));
        const QString out = QString::fromUtf8(node.readAllStandardOutput());
        const QString err = QString::fromUtf8(node.readAllStandardError());
        qInfo().noquote() << out.trimmed();
        QVERIFY2(node.exitCode() == 0, qPrintable(out + err));
        QVERIFY2(out.contains("same results") || out.contains("JSONata, valid=true"),
                 qPrintable(out));
    }
};

QTEST_GUILESS_MAIN(TestAslProof)
#include "tst_aslproof.moc"
