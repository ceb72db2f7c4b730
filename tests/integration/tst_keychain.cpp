// `tutti secret` and `{{ secret.NAME }}` through the real OS keychain: a private D-Bus session
// with gnome-keyring's Secret Service (HOME in a temporary folder, so no real keyring is
// touched): set from stdin, list, get, a run that uses the secret with the value redacted,
// delete; and, without a Secret Service, a message that says so and what to do.
// LABELS: integration
#include "clirunner.h"

#include <QStandardPaths>
#include <QTemporaryDir>

using namespace clitest;

namespace {

const QByteArray kValue = "kc-secret-Wq7Lm2Zx9Tb4Ns6Rd1";

} // namespace

class TestKeychain : public QObject {
    Q_OBJECT

private slots:
    void withoutASecretServiceTheMessageSaysWhatToDo()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/tutti-test-bus");
        QTemporaryDir dir;
        const Result r = tutti({"secret", "list", "--workspace", dir.path()}, dir.path(), env);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("Secret Service") && r.err.contains("TUTTI_SECRET_"),
                 r.err.constData());
        // Bad names and usage are usage errors, before the keychain is asked.
        QCOMPARE(tutti({"secret", "get", "bad-name"}, dir.path(), env).exitCode, 2);
        QCOMPARE(tutti({"secret", "frobnicate"}, dir.path(), env).exitCode, 2);
        QCOMPARE(tutti({"secret", "set"}, dir.path(), env).exitCode, 2);
    }

    void roundTripThroughGnomeKeyring()
    {
        const QString session = QStandardPaths::findExecutable("dbus-run-session");
        const QString daemon = QStandardPaths::findExecutable("gnome-keyring-daemon");
        if (session.isEmpty() || daemon.isEmpty())
            QSKIP("dbus-run-session or gnome-keyring-daemon missing (installer/setup-debian.sh "
                  "installs dbus and gnome-keyring)");
        QTemporaryDir home;
        QTemporaryDir ws;
        write(ws.filePath("tutti.yaml"), "tutti-workspace: 1\n");
        write(ws.filePath("mocks/echo.mock.yaml"),
              "tutti-mock: 1\nservice: echo\nroutes:\n  - match: { method: POST, path: /e }\n"
              "    respond: { status: 200, body: { got: \"{{ request.body.key }}\" } }\n");
        write(ws.filePath("s.flow.yaml"),
              "tutti: 1\nname: s\nservices:\n  echo: { mock: mocks/echo.mock.yaml }\nsteps:\n"
              "  - id: call\n    type: http\n    service: echo\n"
              "    request: { method: POST, path: /e, body: { key: \"{{ secret.API_KEY }}\" } }\n"
              "  - { id: done, type: respond, body: { echoed: \"{{ steps.call.body.got }}\" } }\n");
        // One shell in one private session: the keyring lives as long as the session.
        const QString script =
            "set -u; echo -n test | gnome-keyring-daemon --unlock --components=secrets "
            ">/dev/null || exit 90\n"
            "T=\"$1\"; W=\"$2\"\n"
            "printf '" +
            QString::fromLatin1(kValue) +
            "' | \"$T\" secret set API_KEY --workspace \"$W\" || exit 91\n"
            "echo '--list'; \"$T\" secret list --workspace \"$W\" || exit 92\n"
            "echo '--get'; \"$T\" secret get API_KEY --workspace \"$W\" || exit 93\n"
            "echo '--run'; (cd \"$W\" && \"$T\" run s.flow.yaml --json) || exit 94\n"
            "echo '--delete'; \"$T\" secret delete API_KEY --workspace \"$W\" || exit 95\n"
            "echo '--after'; \"$T\" secret get API_KEY --workspace \"$W\"; echo \"rc=$?\"\n";
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("HOME", home.path());
        env.insert("XDG_DATA_HOME", home.filePath("data"));
        env.insert("XDG_RUNTIME_DIR", home.path());
        env.remove("TUTTI_SECRET_API_KEY");
        p.setProcessEnvironment(env);
        p.start(session, {"--", "bash", "-c", script, "keychain-test", kTutti, ws.path()});
        QVERIFY(p.waitForFinished(120000));
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        const QByteArray err = p.readAllStandardError();
        const QString value = QString::fromLatin1(kValue);
        if (p.exitCode() == 90)
            QSKIP(qPrintable("gnome-keyring could not start here: " + err));
        QVERIFY2(p.exitCode() == 0, qPrintable(out + err));
        const QString list = out.section("--list\n", 1).section("--get", 0, 0);
        QCOMPARE(list, QStringLiteral("API_KEY\n"));
        QVERIFY(out.section("--get\n", 1).startsWith(value + "\n"));
        // The run used it (the mock echoed it) and redacted it everywhere it printed.
        const QString run = out.section("--run\n", 1).section("--delete", 0, 0);
        QVERIFY2(run.contains("succeeded"), qPrintable(run));
        QVERIFY2(!run.contains(value), qPrintable(run));
        QVERIFY2(run.contains("REDACTED"), qPrintable(run));
        QVERIFY2(out.section("--after\n", 1).contains("rc=1"), qPrintable(out));
        QVERIFY(!err.contains(kValue));
    }
};

QTEST_GUILESS_MAIN(TestKeychain)
#include "tst_keychain.moc"
