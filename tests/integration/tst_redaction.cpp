// Secret canaries through the real `tutti` binary (SPEC §9): distinct secrets planted in an error
// message (number(secret.X)), a JSON key, JSON nested twice, a request header, the query, bodies
// (JSON, text, form), a mock's echo, base64 and URL-encoded forms and the console step lines; then
// every byte `tutti` writes — run (human and --json) stdout/stderr, trace show/list, the OTLP and
// Chrome exports, and the database files (traces.db, -wal, -shm) — is searched for each secret in
// every form it could take there.
// LABELS: integration
#include "clirunner.h"

#include <engine/trace/tracestore.h>

#include <QJsonArray>
#include <QTemporaryDir>
#include <QUrl>

#include <map>

using namespace clitest;

namespace {

// Each canary has alphanumeric runs of 10+ characters (a leak of any part of it is found in any
// escaping) and, where the place allows, characters that JSON-escaping, percent-encoding or
// base64 alignment change: '"', '\', ' ', '/', '&', '=', '+'.
const std::map<QString, QByteArray> kCanaries = {
    {"KEYC", "keyc7Hq2Lm9Xw4Rt6Vb1 a/b-KEYtail3Np8Zs"}, // a JSON key: no '"' or '\'
    {"NEST", "nest5Gk8Pw2Yd7Qm3Jx\"mid4Tf9Kc2Ls\\tail6Hb3Rz"},
    {"HDR", "hdrv3Ws8Nq1Ez6Lp4Ka\"x mid8Yr2Dg5Uj"},
    {"QRY", "qryv2Mc7Tb4Xs9Fh1Ln &=+/x?endx9Jt4Wq2Ky"},
    {"BODY", "bdyv6Rp1Zh8Cw3Nx5Gs\"q\\ x/endc7Mk2Vt9Lb"},
    {"B64", "b64v4Qn9Lr2Wz7Kd1Hs?>~endb8Pc3Xm6Tf"},
    {"FORM", "frmv9Ts4Kb7Yq2Dn6Wc a&b=c/endf3Hr8Lz1Gx"},
    {"APIQ", "apiv1Xd6Mr3Pk8Vn2Js;endp5Wq7Ct4Lh"},
    // Longer than 40 bytes: number()'s message quotes only its first 37 bytes.
    {"ERRC", "errv8Lk3Qz6Wm1Tn4Fb9Hs2Yd7Rc5Xp3Jv\"endq4Ks7Nm2Gt"},
    {"FAILC", "flmv7Zc2Wn5Qr8Ld3Kh\"x\\y endr6Tb9Mp1Fs"},
};

const char *kMock = R"(tutti-mock: 1
service: echo
routes:
  - match: { method: POST, path: /echo }
    respond:
      status: 200
      headers: { X-Echo: "{{ request.query.q }}" }
      body: { got: "{{ request.body }}", query: "{{ request.query }}", headers: "{{ request.headers }}" }
  - match: { method: POST, path: /text }
    respond: { status: 200, headers: { Content-Type: text/plain }, body_text: "echo {{ request.body }}" }
  - match: { method: POST, path: /form }
    respond: { status: 200, headers: { Content-Type: text/plain }, body_text: "echo {{ request.body }}" }
)";

const char *kFlow = R"(tutti: 1
name: canary
services:
  echo: { mock: mocks/echo.mock.yaml }
steps:
  - id: prep
    type: transform
    set:
      keyed: |-
        {{ json('{"' + secret.KEYC + '": {"deep": ["' + secret.KEYC + '"]}}') }}
      twice: "{{ toJson(toJson({ k: secret.NEST, arr: [secret.NEST] })) }}"
  - id: send
    type: http
    service: echo
    request:
      method: POST
      path: /echo
      query: { q: "{{ secret.QRY }}" }
      headers: { X-Canary: "{{ secret.HDR }}", X-Basic: "Basic {{ base64('u:' + secret.B64) }}" }
      body:
        wrap: { keyed: "{{ vars.keyed }}" }
        twice: "{{ vars.twice }}"
        text: "pre {{ secret.BODY }} post"
    auth: { type: api_key, query: key, value: "{{ secret.APIQ }}" }
  - id: sendtext
    type: http
    service: echo
    request:
      method: POST
      path: /text
      body: "a {{ base64(secret.B64) }} b {{ base64('x' + secret.B64) }} c {{ base64('u:' + secret.B64) }} d {{ vars.twice }}"
  - id: sendform
    type: http
    service: echo
    request:
      method: POST
      path: /form
      form: { f: "{{ secret.FORM }}", g: "{{ vars.twice }}" }
  - id: numbers
    type: map
    items: "[1]"
    tolerate: { count: 1 }
    steps:
      - id: ping
        type: http
        service: echo
        request: { method: POST, path: /text, body: ping }
      - id: bad
        type: transform
        set: { n: "{{ number(secret.ERRC) }}" }
  - id: route
    type: choice
    cases: [ { when: "input.fail", next: boom } ]
  - id: done
    type: respond
    body: { prep: "{{ steps.prep }}", send: "{{ steps.send }}", text: "{{ steps.sendtext }}", form: "{{ steps.sendform }}", numbers: "{{ steps.numbers }}" }
  - id: boom
    type: fail
    error: canary
    message: "gave up on {{ secret.FAILC }}"
)";

QByteArray jsonEscaped(const QByteArray &text)
{
    QByteArray out;
    for (char c : text) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    return out;
}

// The characters of base64(secret) that do not depend on the bytes around it, when it starts
// `align` bytes into a 3-byte group (what secret scanners search for inside larger base64 text).
QByteArray base64Core(const QByteArray &secret, int align, QByteArray::Base64Options options)
{
    const QByteArray encoded =
        (QByteArray(align, '\0') + secret).toBase64(options | QByteArray::OmitTrailingEquals);
    const int from = (8 * align + 5) / 6;
    const int to = 8 * (align + static_cast<int>(secret.size())) / 6;
    return encoded.mid(from, to - from);
}

// Every form of a canary that would show that it leaked: raw, each long alphanumeric run, JSON
// escaped once and twice, base64 and base64url at the three alignments, percent-encoded (upper and
// lower hex) and form-encoded.
std::vector<std::pair<QString, QByteArray>> needles(const QByteArray &secret)
{
    std::vector<std::pair<QString, QByteArray>> out;
    out.emplace_back("raw", secret);
    QByteArray run;
    for (int i = 0; i <= secret.size(); ++i) {
        const char c = i < secret.size() ? secret[i] : '\0';
        if (std::isalnum(static_cast<unsigned char>(c))) {
            run += c;
            continue;
        }
        if (run.size() >= 10)
            out.emplace_back("fragment", run);
        run.clear();
    }
    out.emplace_back("json", jsonEscaped(secret));
    out.emplace_back("json twice", jsonEscaped(jsonEscaped(secret)));
    for (int align = 0; align < 3; ++align) {
        out.emplace_back(QString("base64 +%1").arg(align),
                         base64Core(secret, align, QByteArray::Base64Encoding));
        out.emplace_back(QString("base64url +%1").arg(align),
                         base64Core(secret, align, QByteArray::Base64UrlEncoding));
    }
    const QByteArray percent = QUrl::toPercentEncoding(QString::fromUtf8(secret));
    out.emplace_back("percent", percent);
    QByteArray lower = percent;
    for (int i = 0; i + 2 < lower.size(); ++i)
        if (lower[i] == '%') {
            lower[i + 1] =
                static_cast<char>(std::tolower(static_cast<unsigned char>(lower[i + 1])));
            lower[i + 2] =
                static_cast<char>(std::tolower(static_cast<unsigned char>(lower[i + 2])));
        }
    out.emplace_back("percent lower", lower);
    out.emplace_back("form",
                     QUrl::toPercentEncoding(QString::fromUtf8(secret), " ").replace(' ', '+'));
    return out;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestRedaction : public QObject {
    Q_OBJECT

private slots:
    void canariesNeverReachAnyOutput()
    {
        QTemporaryDir ws;
        write(ws.path() + "/mocks/echo.mock.yaml", kMock);
        const QString flow = ws.path() + "/canary.flow.yaml";
        write(flow, kFlow);
        const QString db = ws.path() + "/traces.db";
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const auto &[name, value] : kCanaries)
            env.insert("TUTTI_SECRET_" + name, QString::fromUtf8(value));

        // Keep a connection open so the runs' closing connections do not checkpoint the WAL away:
        // its frames are searched too.
        tutti::engine::TraceStore holder;
        QVERIFY(holder.open(db.toStdString()));

        std::vector<std::pair<QString, QByteArray>> outputs; // (where, bytes)
        QStringList runIds;
        const auto run = [&](const QString &input, bool json) {
            QStringList args{"run", flow, "--input", input, "--seed", "5", "--trace-db", db};
            if (json)
                args << "--json";
            Result r = clitest::tutti(args, ws.path(), env);
            const QString what = "run " + input + (json ? " --json" : "");
            outputs.emplace_back(what + " stdout", r.out);
            outputs.emplace_back(what + " stderr", r.err);
            if (json)
                runIds << r.json()["run"].toString();
            return r;
        };
        const Result ok = run(R"({"fail": false})", true);
        QVERIFY2(ok.exitCode == 0, ok.err.constData());
        const Result failed = run(R"({"fail": true})", true);
        QVERIFY2(failed.exitCode == 3, failed.err.constData());
        const Result okHuman = run(R"({"fail": false})", false);
        QVERIFY2(okHuman.exitCode == 0, okHuman.err.constData());
        const Result failedHuman = run(R"({"fail": true})", false);
        QVERIFY2(failedHuman.exitCode == 3, failedHuman.err.constData());

        for (const QString &id : runIds) {
            for (const QStringList &args :
                 {QStringList{"trace", "show", id, "--json"}, QStringList{"trace", "show", id},
                  QStringList{"trace", "export", id, "--format", "otlp"},
                  QStringList{"trace", "export", id, "--format", "chrome"}}) {
                const Result r =
                    clitest::tutti(args + QStringList{"--trace-db", db}, ws.path(), env);
                QVERIFY2(r.exitCode == 0, qPrintable(args.join(' ') + ": " + r.err));
                outputs.emplace_back(args.join(' ') + " stdout", r.out);
                outputs.emplace_back(args.join(' ') + " stderr", r.err);
            }
        }
        const Result list =
            clitest::tutti({"trace", "list", "--json", "--trace-db", db}, ws.path(), env);
        QCOMPARE(list.json()["runs"].toArray().size(), 4);
        outputs.emplace_back("trace list", list.out + list.err);

        const QByteArray wal = readAll(db + "-wal");
        QVERIFY2(!wal.isEmpty(), "the WAL was checkpointed away: nothing of it to search");
        outputs.emplace_back("traces.db", readAll(db));
        outputs.emplace_back("traces.db-wal", wal);
        outputs.emplace_back("traces.db-shm", readAll(db + "-shm"));

        QStringList leaks;
        for (const auto &[name, secret] : kCanaries)
            for (const auto &[form, needle] : needles(secret))
                for (const auto &[where, bytes] : outputs)
                    if (bytes.contains(needle))
                        leaks << where + ": " + name + " (" + form + ")";
        for (const QString &leak : leaks) // QTest cuts long messages: one line per leak
            qWarning("leak: %s", qPrintable(leak));
        QVERIFY2(leaks.isEmpty(), qPrintable(QString::number(leaks.size()) + " leaks"));

        // The canaries were really planted where they were meant to be (so the search above was
        // not vacuous), and what stands in their place is the mask.
        const auto at = [](QJsonValue v, const QStringList &path) {
            for (const QString &key : path)
                v = v.isArray() ? v.toArray().at(key.toInt()) : v.toObject().value(key);
            return v;
        };
        const QJsonValue output = ok.json().value("output");
        const QByteArray shown = QJsonDocument(output.toObject()).toJson();
        QVERIFY2(at(output, {"send", "body", "query", "q"}) == "[REDACTED]", shown.constData());
        QVERIFY2(at(output, {"send", "body", "got", "text"}) == "pre [REDACTED] post",
                 shown.constData());
        QVERIFY2(at(output, {"prep", "keyed"}).toObject().contains("[REDACTED]"),
                 shown.constData());
        QVERIFY2(at(output, {"numbers", "0", "error", "type"}) == "validation", shown.constData());
        QVERIFY2(at(output, {"numbers", "0", "error", "message"}).toString().contains("[REDACTED]"),
                 shown.constData());
        QCOMPARE(at(failed.json(), {"error", "message"}).toString(),
                 QString("gave up on [REDACTED]"));
        QVERIFY2(failedHuman.err.contains("✗ bad"), failedHuman.err.constData());
    }

    void aSecretSeenBeforeItIsReadIsMasked()
    {
        // The secret comes in through --input and goes out and back through an earlier step
        // than the one that reads secret.EARLY: the spans written before must be masked too.
        const QByteArray secret = "early9Kd2Wq7Lm4Zx1Rv";
        QTemporaryDir ws;
        write(ws.path() + "/mocks/echo.mock.yaml", kMock);
        const QString flow = ws.path() + "/early.flow.yaml";
        write(flow, R"(tutti: 1
name: early
services:
  echo: { mock: mocks/echo.mock.yaml }
steps:
  - id: send
    type: http
    service: echo
    request: { method: POST, path: /echo, body: { v: "{{ input.v }}" } }
  - id: read
    type: transform
    set: { k: "{{ secret.EARLY }}" }
)");
        const QString db = ws.path() + "/traces.db";
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("TUTTI_SECRET_EARLY", QString::fromUtf8(secret));
        const QString input = "{\"v\": \"" + QString::fromUtf8(secret) + "\"}";
        const Result r = clitest::tutti({"run", flow, "--input", input, "--json", "--trace-db", db},
                                        ws.path(), env);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString id = r.json()["run"].toString();
        const Result show =
            clitest::tutti({"trace", "show", id, "--json", "--trace-db", db}, ws.path(), env);
        QVERIFY2(show.exitCode == 0, show.err.constData());
        QVERIFY2(show.out.contains("[REDACTED]"), show.out.constData());
        for (const QByteArray &bytes :
             {r.out, r.err, show.out, show.err, readAll(db), readAll(db + "-wal")})
            QVERIFY2(!bytes.contains(secret), bytes.constData());
    }
};

QTEST_GUILESS_MAIN(TestRedaction)
#include "tst_redaction.moc"
