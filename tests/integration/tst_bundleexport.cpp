// `tutti export --to bundle` (issue 13 item 4): exports the checkout example and checks the
// folder — the flow, its mocks and tutti.yaml; the generated files against golden files; the
// Kubernetes manifests against the API schemas (npm kubernetes-models, installed into the build
// folder by tests/export/setup-bundle-tools.sh; skipped only when npm cannot install it); the
// Dockerfile's packages against the libraries `ldd` shows tutti links; refusing a non-empty folder.
#include "clirunner.h"

#include <engine/export/bundleexport.h>

#include <QDir>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace clitest;

namespace {

const QString kSource = QStringLiteral(TUTTI_TEST_DATA "/../..");
const QString kTools = QStringLiteral(TUTTI_BINARY_DIR "/bundle-tools");
const QString kGolden = QStringLiteral(TUTTI_TEST_DATA "/export/golden/bundle");

QString readText(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

QString run(const QString &program, const QStringList &args, int *code = nullptr)
{
    QProcess p;
    p.start(program, args);
    p.waitForFinished(60000);
    if (code)
        *code = p.exitCode();
    return QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
}

} // namespace

class TestBundleExport : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_dir;

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_dir = m_tmp.path() + "/bundle";
        const Result r = clitest::tutti({"export", kExamples + "/checkout/checkout.flow.yaml",
                                         "--to", "bundle", "-o", m_dir, "--env", "staging"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

    void filesTheFlowNeeds()
    {
        for (const char *f :
             {"flows/checkout.flow.yaml", "flows/tutti.yaml", "flows/mocks/inventory.mock.yaml",
              "flows/mocks/payment.mock.yaml", "flows/mocks/shipping.mock.yaml",
              "flows/mocks/notify.mock.yaml", "Dockerfile", "kubernetes/deployment.yaml",
              "kubernetes/service.yaml", "systemd/checkout.service", "README.md", "bin/tutti"})
            QVERIFY2(QFileInfo::exists(m_dir + "/" + f), f);
        QCOMPARE(readText(m_dir + "/flows/checkout.flow.yaml"),
                 readText(kExamples + "/checkout/checkout.flow.yaml"));
        // Profiles are not needed by serve; traces are never copied.
        QVERIFY(!QFileInfo::exists(m_dir + "/flows/profiles"));
        QVERIFY(!QFileInfo::exists(m_dir + "/flows/.tutti"));
        // The bundled flow still validates where it was written.
        const Result v = clitest::tutti({"validate", m_dir + "/flows/checkout.flow.yaml"});
        QVERIFY2(v.exitCode == 0, v.err.constData());
    }

    void generatedFilesMatchGolden_data()
    {
        QTest::addColumn<QString>("file");
        for (const char *f : {"Dockerfile", "kubernetes/deployment.yaml", "kubernetes/service.yaml",
                              "systemd/checkout.service", "README.md"})
            QTest::newRow(f) << QString::fromLatin1(f);
    }
    void generatedFilesMatchGolden()
    {
        QFETCH(QString, file);
        const QString text = readText(m_dir + "/" + file);
        const QString golden = kGolden + "/" + QString(file).replace('/', '_');
        if (qEnvironmentVariableIntValue("TUTTI_UPDATE_GOLDEN") == 1) {
            QDir().mkpath(kGolden);
            QFile g(golden);
            QVERIFY(g.open(QIODevice::WriteOnly | QIODevice::Truncate));
            g.write(text.toUtf8());
            return;
        }
        QVERIFY2(
            QFileInfo::exists(golden),
            qPrintable(golden + " missing: TUTTI_UPDATE_GOLDEN=1 build/tests/tst_bundleexport"));
        QCOMPARE(text, readText(golden));
    }

    void servesWithKeysFromTheSecretAndProbes()
    {
        const QString deployment = readText(m_dir + "/kubernetes/deployment.yaml");
        QVERIFY(deployment.contains("\"--bind\", \"0.0.0.0\""));
        QVERIFY(deployment.contains("\"--env\", \"staging\""));
        QVERIFY(deployment.contains("name: TUTTI_SERVE_KEYS"));
        QVERIFY(deployment.contains("secretKeyRef: {name: checkout-keys, key: keys}"));
        QVERIFY(deployment.contains("path: /readyz"));
        QVERIFY(deployment.contains("path: /healthz"));
        QVERIFY(deployment.contains("resources:"));
        QVERIFY(readText(m_dir + "/Dockerfile").contains("FROM debian:12"));
    }

    void noSecretIsWritten()
    {
        // A secret in the environment of the exporting process never reaches the bundle.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("TUTTI_SERVE_KEYS", "sekrit-serve-key");
        env.insert("TUTTI_SECRET_PAYMENT_TOKEN", "sekrit-token");
        const QString dir = m_tmp.path() + "/secrets";
        const Result r = clitest::tutti(
            {"export", kExamples + "/checkout/checkout.flow.yaml", "--to", "bundle", "-o", dir}, {},
            env);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString f = it.next();
            if (f.endsWith("/bin/tutti"))
                continue;
            const QString text = readText(f);
            QVERIFY2(!text.contains("sekrit"), qPrintable(f));
        }
    }

    void subFlowsAreCopiedNotServed()
    {
        // everything.flow.yaml calls sub.flow.yaml: the resolver's sub-flow goes into the
        // bundle, but only the flows named on the command line become routes.
        const QString dir = m_tmp.path() + "/sub";
        const Result r =
            clitest::tutti({"export", TUTTI_TEST_DATA "/flows/good/everything.flow.yaml", "--to",
                            "bundle", "-o", dir});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(QFileInfo::exists(dir + "/flows/sub.flow.yaml"));
        QVERIFY(QFileInfo::exists(dir + "/flows/everything.flow.yaml"));
        const QString deployment = readText(dir + "/kubernetes/deployment.yaml");
        QVERIFY(deployment.contains("/srv/tutti/flows/everything.flow.yaml"));
        QVERIFY(!deployment.contains("sub.flow.yaml"));
        QVERIFY(r.err.contains("--env mock")); // the default says what it means
    }

    void refusesNonEmptyFolderUnlessForce()
    {
        const QString flow = kExamples + "/checkout/checkout.flow.yaml";
        Result r = clitest::tutti({"export", flow, "--to", "bundle", "-o", m_dir});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("not empty"), r.err.constData());
        r = clitest::tutti(
            {"export", flow, "--to", "bundle", "-o", m_dir, "--env", "staging", "--force"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = clitest::tutti({"export", flow, "--to", "bundle"});
        QCOMPARE(r.exitCode, 2); // -o is required
    }

    void kubernetesManifestsValidate()
    {
        if (QStandardPaths::findExecutable("node").isEmpty())
            QSKIP("node is not installed (apt-get install nodejs npm): manifests not validated");
        if (!QFileInfo::exists(kTools + "/node_modules/kubernetes-models/package.json")) {
            int code = 0;
            const QString out = run(
                "bash", {kSource + "/tests/export/setup-bundle-tools.sh", TUTTI_BINARY_DIR}, &code);
            if (code != 0)
                QSKIP(qPrintable(
                    "kubernetes-models could not be installed from npm (unreachable?): " + out));
        }
        const QString script = kSource + "/tests/export/validatek8s.mjs";
        int code = -1;
        QString out = run("node",
                          {script, kTools, m_dir + "/kubernetes/deployment.yaml",
                           m_dir + "/kubernetes/service.yaml"},
                          &code);
        QVERIFY2(code == 0, qPrintable(out));
        QVERIFY2(out.contains("ok Deployment checkout") && out.contains("ok Service checkout"),
                 qPrintable(out));
        // The validator does reject a wrong manifest (a probe port that is neither a number
        // nor a name of the right shape, replicas as text).
        const QString broken = m_tmp.path() + "/broken.yaml";
        write(broken, readText(m_dir + "/kubernetes/deployment.yaml")
                          .replace("replicas: 2", "replicas: two")
                          .toUtf8());
        out = run("node", {script, kTools, broken}, &code);
        QVERIFY2(code != 0, qPrintable(out));
    }

    void dockerfileCoversLinkedLibraries()
    {
        if (QStandardPaths::findExecutable("ldd").isEmpty() ||
            QStandardPaths::findExecutable("dpkg").isEmpty())
            QSKIP("ldd or dpkg missing: not a Debian system");
        const QString dockerfile = readText(m_dir + "/Dockerfile");
        QStringList installed;
        for (const std::string &p : tutti::engine::bundleRuntimePackages()) {
            installed << QString::fromStdString(p);
            QVERIFY2(dockerfile.contains(QString::fromStdString(p)), p.c_str());
        }
        const QString ldd = run("ldd", {kTutti});
        static const QRegularExpression line("=>\\s+(\\S+)\\s+\\(");
        int libraries = 0;
        for (auto m = line.globalMatch(ldd); m.hasNext();) {
            const QString lib = m.next().captured(1);
            // dpkg knows a file by the path its package installed (merged /usr: /lib or /usr/lib).
            QString owner;
            const QString real = QFileInfo(lib).canonicalFilePath();
            for (const QString &candidate :
                 {lib, real, QString(real).remove(QRegularExpression("^/usr")), "/usr" + lib}) {
                int code = -1;
                owner = run("dpkg", {"-S", candidate}, &code);
                if (code == 0)
                    break;
                owner.clear();
            }
            const QString package = owner.section(':', 0, 0).trimmed();
            if (package == "libc6") // in every Debian base image
                continue;
            ++libraries;
            QVERIFY2(installed.contains(package),
                     qPrintable(lib + " belongs to " + package +
                                ", which bundleRuntimePackages() (engine/export/bundleexport.cpp) "
                                "lacks"));
        }
        QVERIFY(libraries > 3);
    }
};

QTEST_GUILESS_MAIN(TestBundleExport)
#include "tst_bundleexport.moc"
