// Tests for the secret redactor: texts, header maps and JSON documents.
// LABELS: unit
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
    QCOMPARE(QString::fromStdString(out.dump()),
             QStringLiteral(R"({"hunter22":"[REDACTED]","n":5,"list":["a [REDACTED] b",)"
                            R"("[REDACTED]",{"deep":"xyzzy","ok":true,"nil":null}],"s":"plain"})"));
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
