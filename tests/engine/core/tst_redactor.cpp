// Tests for the secret redactor: texts (raw, JSON-escaped, percent-encoded, base64 at every
// alignment, truncated quotes), header maps, JSON documents (keys, depth), spans and run records.
// LABELS: unit
#include <engine/core/encoding.h>
#include <engine/core/redactor.h>

#include <QTest>

using namespace tutti::engine;

class TestRedactor : public QObject {
    Q_OBJECT

private slots:
    void redactText_data();
    void redactText();
    void headers_data();
    void headers();
    void repeatedHeadersAreJoined();
    void json();
    void keysThatBecomeEqualAreKeptApart();
    void deepDocumentsDoNotRecurse();
    void base64AtEveryAlignment_data();
    void base64AtEveryAlignment();
    void redactingTwiceChangesNothing();
    void spansAndRecordsCarryNoSecret();
    void noSecretsIsAFastPathThatChangesNothing();
    void duplicatesAndEmptyAreIgnored();
};

void TestRedactor::redactText_data()
{
    QTest::addColumn<QStringList>("secrets");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");

    const QStringList one{"s3cr3t-token"};
    QTest::newRow("no occurrence") << one << "hello world"
                                   << "hello world";
    QTest::newRow("whole value") << one << "s3cr3t-token"
                                 << "[REDACTED]";
    QTest::newRow("inside") << one << "Bearer s3cr3t-token!"
                            << "Bearer [REDACTED]!";
    QTest::newRow("every occurrence") << one << "s3cr3t-token,s3cr3t-token;s3cr3t-token"
                                      << "[REDACTED],[REDACTED];[REDACTED]";
    QTest::newRow("adjacent") << one << "s3cr3t-tokens3cr3t-token"
                              << "[REDACTED][REDACTED]";
    QTest::newRow("empty text") << one << ""
                                << "";
    QTest::newRow("prefix only") << one << "s3cr3t-tok"
                                 << "s3cr3t-tok";
    QTest::newRow("two secrets") << QStringList{"alpha-key", "beta-key"} << "a=alpha-key&b=beta-key"
                                 << "a=[REDACTED]&b=[REDACTED]";
    QTest::newRow("overlapping secrets") << QStringList{"abcdef", "defghi"} << "xxabcdefghiyy"
                                         << "xx[REDACTED]yy";
    QTest::newRow("nested secrets") << QStringList{"key1", "mykey1234"} << "id=mykey1234 key1"
                                    << "id=[REDACTED] [REDACTED]";
    QTest::newRow("short secret whole value") << QStringList{"abc"} << "abc"
                                              << "[REDACTED]";
    QTest::newRow("short secret not substituted inside") << QStringList{"abc"} << "abcdef"
                                                         << "abcdef";
    QTest::newRow("percent-encoded in a query")
        << QStringList{"p@ss w/rd"} << "https://x/y?key=p%40ss%20w%2Frd&z=1"
        << "https://x/y?key=[REDACTED]&z=1";
    QTest::newRow("form-encoded") << QStringList{"p@ss w/rd"} << "key=p%40ss+w%2Frd"
                                  << "key=[REDACTED]";
    QTest::newRow("json-escaped in a raw body")
        << QStringList{"he said \"hi\""} << R"({"k":"he said \"hi\""})"
        << R"({"k":"[REDACTED]"})";
    QTest::newRow("mask-like secret does not loop") << QStringList{"REDACTED"} << "x REDACTED y"
                                                    << "x [REDACTED] y";
    QTest::newRow("utf-8") << QStringList{"pässwörd"} << "pw=pässwörd"
                           << "pw=[REDACTED]";
    QTest::newRow("percent-encoded, lower-case hex")
        << QStringList{"p@ss w/rd"} << "key=p%40ss%20w%2frd"
        << "key=[REDACTED]";
    QTest::newRow("percent-encoded, only some characters") // e.g. '/' and '@' left as they are
        << QStringList{"p@ss w/rd!"} << "key=p@ss%20w/rd%21&z"
        << "key=[REDACTED]&z";
    QTest::newRow("json-escaped twice (JSON text inside a JSON string)")
        << QStringList{R"(a"b\c)"} << R"({"outer":"{\"k\":\"a\\\"b\\\\c\"}"})"
        << R"({"outer":"{\"k\":\"[REDACTED]\"}"})";
    QTest::newRow("json-escaped, then percent-encoded")
        << QStringList{R"(q"uote)"} << "g=%22q%5C%22uote%22"
        << "g=%22[REDACTED]%22";
    QTest::newRow("base64 whole value of a short secret")
        << QStringList{"abc"} << QString::fromStdString(base64Encode("abc")) << "[REDACTED]";
    QTest::newRow("base64url whole value")
        << QStringList{"s3cr3t?>?>"}
        << QString::fromStdString(base64Encode("s3cr3t?>?>", Base64Alphabet::Url, false))
        << "[REDACTED]";
    QTest::newRow("short secret: base64 not searched inside")
        << QStringList{"abcdefg"} << "x " + QString::fromStdString(base64Encode("u:abcdefg"))
        << "x " + QString::fromStdString(base64Encode("u:abcdefg"));
    QTest::newRow("truncated quote") << QStringList{"0123456789abcdefghijklmnopqrstuvwxyz-0123"}
                                     << "cannot convert string '0123456789abcdefghijklmnopqrstu...'"
                                     << "cannot convert string '[REDACTED]...'";
    QTest::newRow("truncated with an ellipsis")
        << QStringList{"0123456789abcdefghijklmnopqrstuvwxyz-0123"}
        << "value 0123456789abcdefghij\u2026 ok"
        << "value [REDACTED]\u2026 ok";
    QTest::newRow("a leading fragment without a truncation mark stays")
        << QStringList{"0123456789abcdefghijklmnopqrstuvwxyz-0123"}
        << "0123456789abcdefghijk and more"
        << "0123456789abcdefghijk and more";
    QTest::newRow("a fragment shorter than 16 bytes stays")
        << QStringList{"0123456789abcdefghijklmnopqrstuvwxyz-0123"} << "0123456789abcde..."
        << "0123456789abcde...";
}

void TestRedactor::redactText()
{
    QFETCH(QStringList, secrets);
    QFETCH(QString, input);
    QFETCH(QString, expected);
    Redactor r;
    for (const QString &s : secrets)
        r.addSecret(s.toStdString());
    QCOMPARE(QString::fromStdString(r.redactText(input.toStdString())), expected);
    std::string inPlace = input.toStdString();
    QCOMPARE(r.redactInPlace(inPlace), input != expected);
    QCOMPARE(QString::fromStdString(inPlace), expected);
}

void TestRedactor::headers_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");

    QTest::newRow("authorization") << "Authorization"
                                   << "Basic dXNlcjpwYXNz"
                                   << "[REDACTED]";
    QTest::newRow("lower case") << "authorization"
                                << "Bearer x"
                                << "[REDACTED]";
    QTest::newRow("proxy-authorization") << "Proxy-Authorization"
                                         << "x"
                                         << "[REDACTED]";
    QTest::newRow("cookie") << "Cookie"
                            << "sid=1"
                            << "[REDACTED]";
    QTest::newRow("set-cookie") << "SET-COOKIE"
                                << "sid=1; HttpOnly"
                                << "[REDACTED]";
    QTest::newRow("x-api-key") << "X-Api-Key"
                               << "k"
                               << "[REDACTED]";
    QTest::newRow("plain") << "Content-Type"
                           << "application/json"
                           << "application/json";
    QTest::newRow("secret inside custom header") << "X-Signature"
                                                 << "v1=topsecret99"
                                                 << "v1=[REDACTED]";
    QTest::newRow("empty value") << "Accept"
                                 << ""
                                 << "";
}

void TestRedactor::headers()
{
    QFETCH(QString, name);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    Redactor r;
    r.addSecret("topsecret99");
    const Json out = r.redactHeaders({{name.toStdString(), value.toStdString()}});
    QVERIFY(out.is_object());
    QCOMPARE(out.size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(out.at(name.toStdString()).get<std::string>()), expected);
}

void TestRedactor::repeatedHeadersAreJoined()
{
    Redactor r;
    const Json out = r.redactHeaders(
        {{"Accept", "a/b"}, {"Set-Cookie", "x=1"}, {"accept", "c/d"}, {"set-cookie", "y=2"}});
    QCOMPARE(QString::fromStdString(out.dump()),
             QStringLiteral(R"({"Accept":"a/b, c/d","Set-Cookie":"[REDACTED]"})"));
}

void TestRedactor::json()
{
    Redactor r;
    r.addSecret("hunter22");
    r.addSecret("xyz");
    const Json in = Json::parse(R"({"hunter22": "hunter22", "n": 5, "list": ["a hunter22 b", "xyz",
                                     {"deep": "xyzzy", "ok": true, "nil": null}], "s": "plain"})");
    const Json out = r.redactJson(in);
    // Keys too (SPEC §9): a secret used as a key is as visible as one used as a value.
    QCOMPARE(QString::fromStdString(out.dump()),
             QStringLiteral(R"({"[REDACTED]":"[REDACTED]","n":5,"list":["a [REDACTED] b",)"
                            R"("[REDACTED]",{"deep":"xyzzy","ok":true,"nil":null}],"s":"plain"})"));
}

void TestRedactor::keysThatBecomeEqualAreKeptApart()
{
    Redactor r;
    r.addSecret("alpha-key");
    r.addSecret("beta-key");
    const Json in = Json::parse(R"({"first": 1, "alpha-key": {"beta-key": [{"alpha-key": 2}]},
                                     "beta-key": 3, "[REDACTED]#2": 4})");
    QCOMPARE(QString::fromStdString(r.redactJson(in).dump()),
             QStringLiteral(R"({"first":1,"[REDACTED]":{"[REDACTED]":[{"[REDACTED]":2}]},)"
                            R"("[REDACTED]#3":3,"[REDACTED]#2":4})"));
}

void TestRedactor::deepDocumentsDoNotRecurse()
{
    // Deeper than any stack would allow for a recursive walk.
    Redactor r;
    r.addSecret("deep-secret");
    Json doc = "the deep-secret";
    for (int i = 0; i < 200000; ++i) {
        Json outer = Json::object();
        outer[i % 2 ? "deep-secret" : "k"] = std::move(doc);
        doc = std::move(outer);
    }
    r.redactJsonInPlace(doc);
    const Json *node = &doc;
    for (int i = 199999; i >= 0; --i) {
        QVERIFY(node->is_object() && node->size() == 1);
        QCOMPARE(QString::fromStdString(node->begin().key()), QString(i % 2 ? "[REDACTED]" : "k"));
        node = &node->begin().value();
    }
    QCOMPARE(QString::fromStdString(node->get<std::string>()), QString("the [REDACTED]"));
}

void TestRedactor::base64AtEveryAlignment_data()
{
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<int>("alphabet");
    for (const char *prefix : {"", "u", "u:", "user:", "us:"})
        for (int alphabet : {0, 1})
            QTest::addRow("%s after '%s'", alphabet ? "base64url" : "base64", prefix)
                << prefix << alphabet;
}

void TestRedactor::base64AtEveryAlignment()
{
    // As in "Basic base64(user:secret)": the secret sits at any offset inside the encoded bytes.
    QFETCH(QString, prefix);
    QFETCH(int, alphabet);
    const std::string secret = "s3cr3t>?~value";
    const auto abc = alphabet ? Base64Alphabet::Url : Base64Alphabet::Standard;
    Redactor r;
    r.addSecret(secret);
    for (const std::string suffix : {"", "!", "!!", "!!!"}) {
        const std::string encoded = base64Encode(prefix.toStdString() + secret + suffix, abc);
        const std::string text = "Basic " + encoded;
        const std::string out = r.redactText(text);
        QVERIFY2(out.find("[REDACTED]") != std::string::npos, (text + " -> " + out).c_str());
        // Every character that depends on the secret's bytes alone is gone (the one or two at
        // each end mix in neighbouring bytes).
        const std::size_t align = static_cast<std::size_t>(prefix.size()) % 3;
        const std::size_t core = 8 * (align + secret.size()) / 6 - (8 * align + 5) / 6;
        QVERIFY2(text.size() - (out.size() - Redactor::kMask.size()) >= core,
                 (text + " -> " + out).c_str());
    }
}

void TestRedactor::redactingTwiceChangesNothing()
{
    Redactor r;
    for (const char *s : {"REDACTED", "DACT", "[REDACTED]", "CTED] x", "s3cr3t-token"})
        r.addSecret(s);
    for (const char *text : {"a REDACTED b", "[REDACTED]", "x [REDACTED] x s3cr3t-token",
                             "DACTED] x and [REDACTED] x"}) {
        const std::string once = r.redactText(text);
        QCOMPARE(QString::fromStdString(r.redactText(once)), QString::fromStdString(once));
    }
}

void TestRedactor::spansAndRecordsCarryNoSecret()
{
    Redactor r;
    r.addSecret("span-secret");
    Span span;
    span.name = "item span-secret";
    span.error = {{"type", "validation"}, {"message", "bad span-secret"}};
    span.request = {{"url", "http://x/?k=span-secret"}, {"body", {{"span-secret", "v"}}}};
    span.response = {{"body", "echo span-secret"}};
    r.redactSpan(span);
    RunRecord record;
    record.input = {{"k", "span-secret"}};
    record.output = {{"span-secret", 1}};
    record.error = {{"message", "span-secret"}};
    record.steps.push_back({"a", StepStatus::Failed, 1, 0, {{"message", "x span-secret"}}});
    r.redactRecord(record);
    std::string all = span.name + span.error.dump() + span.request.dump() + span.response.dump() +
                      record.input.dump() + record.output.dump() + record.error.dump();
    for (const StepSummary &s : record.steps)
        all += s.error.dump();
    QVERIFY2(all.find("span-secret") == std::string::npos, all.c_str());
    QCOMPARE(QString::fromStdString(span.name), QString("item [REDACTED]"));
}

void TestRedactor::noSecretsIsAFastPathThatChangesNothing()
{
    Redactor r;
    QVERIFY(!r.hasSecrets());
    const Json doc = Json::parse(R"({"a": "[REDACTED] text", "b": [1, "x"]})");
    QVERIFY(r.redactJson(doc) == doc);
    std::string text = "anything at all";
    QVERIFY(!r.redactInPlace(text));
    QCOMPARE(QString::fromStdString(r.redactText("abc")), QStringLiteral("abc"));
    // Credential headers are redacted even with no secret registered.
    QVERIFY(r.redactHeaders({{"Cookie", "a=b"}}).at("Cookie") == Json("[REDACTED]"));
}

void TestRedactor::duplicatesAndEmptyAreIgnored()
{
    Redactor r;
    r.addSecret("");
    QVERIFY(!r.hasSecrets());
    r.addSecret("same-secret");
    r.addSecret("same-secret");
    QCOMPARE(QString::fromStdString(r.redactText("same-secret")), QStringLiteral("[REDACTED]"));
    r.clear();
    QVERIFY(!r.hasSecrets());
    QCOMPARE(QString::fromStdString(r.redactText("same-secret")), QStringLiteral("same-secret"));
}

QTEST_GUILESS_MAIN(TestRedactor)
#include "tst_redactor.moc"
