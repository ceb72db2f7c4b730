// OAuth2 client credentials through the real `tutti` binary against loopback servers (this
// process's MockServers): the token endpoint is asked once for every call of a run, the service
// sees the bearer token, a token the service refuses is replaced once, a failing token endpoint
// is the step's `auth` error (exit 3), and neither the client secret nor a token reaches stdout,
// stderr or the trace database.
// LABELS: integration
#include "clirunner.h"

#include <mocks/mockparser.h>
#include <mocks/mockregistry.h>
#include <mocks/mockserver.h>
#include <mocks/mockservice.h>

#include <QTemporaryDir>

#include <memory>

using namespace clitest;

namespace {

const QByteArray kSecret = "client-secret-Zq8Wm3Lp7Kx2Tn9Vb4";

// Issues tok-1, tok-2, … ; refuses a client without the right secret.
const char *kAuthMock = R"(tutti-mock: 1
service: auth
state: { issued: 0 }
routes:
  - match: { method: POST, path: /token, headers: { Content-Type: { regex: "form-urlencoded" } } }
    respond:
      status: 200
      body: { access_token: "tok-{{ state.issued + 1 }}", token_type: Bearer, expires_in: 3600 }
    set_state: { issued: "{{ state.issued + 1 }}" }
  - match: { method: POST, path: /broken }
    respond: { status: 503, body: { error: temporarily_unavailable } }
)";

// Accepts tok-2 only when `picky` says so (a revoked first token), else any tok-N.
const char *kApiMock = R"(tutti-mock: 1
service: api
routes:
  - match: { method: GET, path: /picky, headers: { Authorization: "Bearer tok-2" } }
    respond: { status: 200, body: { ok: true } }
  - match: { method: GET, path: /picky }
    respond: { status: 401, body: { error: revoked } }
  - match: { method: GET, path: /items, headers: { Authorization: { regex: "^Bearer tok-[0-9]+$" } } }
    respond: { status: 200, body: { seen: "{{ request.headers.authorization }}" } }
  - match: { method: GET, path: /items }
    respond: { status: 401, body: { error: no_token } }
)";

QByteArray flowText(const QByteArray &tokenPath, const QByteArray &path)
{
    return "tutti: 1\nname: oauth\nservices:\n  api:\n    auth:\n"
           "      type: oauth2_client_credentials\n"
           "      token_url: \"{{ env.auth }}" +
           tokenPath +
           "\"\n"
           "      client_id: app-1\n"
           "      client_secret: \"{{ secret.CLIENT }}\"\n"
           "steps:\n"
           "  - { id: a, type: http, service: api, request: { method: GET, path: " +
           path +
           " } }\n"
           "  - { id: b, type: http, service: api, request: { method: GET, path: " +
           path +
           " } }\n"
           "  - { id: c, type: http, service: api, request: { method: GET, path: " +
           path + " } }\n";
}

} // namespace

class TestOAuth2Cli : public QObject {
    Q_OBJECT

    tutti::mocks::MockRegistry m_registry;
    std::unique_ptr<tutti::mocks::MockServer> m_auth, m_api;
    QTemporaryDir m_dir;

    // Runs `tutti run FILE --env local --json` while this process's event loop serves the
    // mocks.
    Result runFlow(const QByteArray &flow)
    {
        write(m_dir.filePath("oauth.flow.yaml"), flow);
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("TUTTI_SECRET_CLIENT", QString::fromLatin1(kSecret));
        p.setProcessEnvironment(env);
        p.setWorkingDirectory(m_dir.path());
        p.start(kTutti, {"run", "oauth.flow.yaml", "--env", "local", "--json"});
        if (!p.waitForStarted(10000))
            return {};
        QElapsedTimer t;
        t.start();
        while (p.state() != QProcess::NotRunning && t.elapsed() < 60000)
            QTest::qWait(5);
        if (p.state() != QProcess::NotRunning) {
            p.kill();
            p.waitForFinished();
        }
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
                p.readAllStandardOutput(), p.readAllStandardError()};
    }
    int issued() { return m_registry.service("auth")->state().value("issued", -1); }

    // Nothing `tutti` wrote (output, trace database) holds the secret or a token.
    void checkNothingLeaks(const Result &r)
    {
        QByteArray written = r.out + r.err;
        for (const QString &f : QDir(m_dir.filePath(".tutti")).entryList(QDir::Files)) {
            QFile file(m_dir.filePath(".tutti/" + f));
            QVERIFY(file.open(QIODevice::ReadOnly));
            written += file.readAll();
        }
        const Result show = clitest::tutti({"trace", "list", "--json"}, m_dir.path());
        written += show.out + show.err;
        QVERIFY2(!written.contains(kSecret), "the client secret leaked");
        QVERIFY2(!written.contains("tok-1") && !written.contains("tok-2"), "a token leaked");
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        for (const char *text : {kAuthMock, kApiMock}) {
            auto load = tutti::mocks::parseMock(text, "x.mock.yaml");
            QVERIFY(load.ok());
            QVERIFY(m_registry.add(load.spec));
        }
        m_auth = std::make_unique<tutti::mocks::MockServer>(m_registry, "auth", 1);
        m_api = std::make_unique<tutti::mocks::MockServer>(m_registry, "api", 1);
        QVERIFY(m_auth->listen(0));
        QVERIFY(m_api->listen(0));
        write(m_dir.filePath("tutti.yaml"),
              "tutti-workspace: 1\nenvironments:\n  local:\n    services:\n      api: "
              "\"http://127.0.0.1:" +
                  QByteArray::number(m_api->port()) + "\"\n    vars: { auth: \"http://127.0.0.1:" +
                  QByteArray::number(m_auth->port()) + "\" }\n");
    }
    void init() { m_registry.reset(); }

    void oneTokenForTheRun()
    {
        const Result r = runFlow(flowText("/token", "/items"));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(issued(), 1);
        QCOMPARE(m_registry.service("api")->requestCount(), 3u);
        checkNothingLeaks(r);
    }

    void aRefusedTokenIsReplacedOnce()
    {
        const Result r = runFlow(flowText("/token", "/picky"));
        QVERIFY2(r.exitCode == 0, r.out.constData());
        QCOMPARE(issued(), 2); // tok-1 refused once, tok-2 used for the rest
        checkNothingLeaks(r);
    }

    void aFailingTokenEndpointIsTheAuthError()
    {
        const Result r = runFlow(flowText("/broken", "/items"));
        QCOMPARE(r.exitCode, 3);
        const QJsonObject error = r.json()["error"].toObject();
        QCOMPARE(error["type"].toString(), QStringLiteral("auth"));
        QVERIFY2(error["message"].toString().contains("503"), r.out.constData());
        QCOMPARE(m_registry.service("api")->requestCount(), 0u);
        checkNothingLeaks(r);
    }
};

QTEST_GUILESS_MAIN(TestOAuth2Cli)
#include "tst_oauth2cli.moc"
