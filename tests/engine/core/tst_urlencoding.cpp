// Percent-encoding helpers: components, decoding, URLs made sendable, and where a value lands.
// LABELS: unit
#include <engine/core/urlencoding.h>

#include <QTest>

using namespace tutti::engine;

class TestUrlEncoding : public QObject {
    Q_OBJECT

private slots:
    void components()
    {
        QCOMPARE(percentEncode("a b/c?d&e=f+g#h%"),
                 std::string("a%20b%2Fc%3Fd%26e%3Df%2Bg%23h%25"));
        QCOMPARE(percentEncode("a b", true), std::string("a+b"));
        QCOMPARE(percentEncode("AZaz09-._~"), std::string("AZaz09-._~"));
        QCOMPARE(percentEncode("\xc3\xa9\r\n"), std::string("%C3%A9%0D%0A"));
        QCOMPARE(percentDecode("a%20b%2Fc+d", false), std::string("a b/c+d"));
        QCOMPARE(percentDecode("a%20b%2Fc+d", true), std::string("a b/c d"));
        QCOMPARE(percentDecode("100%", true), std::string("100%"));
        QCOMPARE(percentDecode("%zz%4", false), std::string("%zz%4"));
        QCOMPARE(percentDecode("%41%62", false), std::string("Ab"));
        for (const std::string s : {"a b/c", "x&y=1 +z", "\xff\x00\x01 %25", "日本"})
            QCOMPARE(percentDecode(percentEncode(s), true), s);
    }

    void urlText()
    {
        QCOMPARE(encodeUrlText("/a b/%41/%zz/é?x=<1>&y={2}|`\"\\^"),
                 std::string("/a%20b/%41/%25zz/%C3%A9?x=%3C1%3E&y=%7B2%7D%7C%60%22%5C%5E"));
        QCOMPARE(encodeUrlText("http://h:1/p;q=1,2@x!$'()*+[]#f"),
                 std::string("http://h:1/p;q=1,2@x!$'()*+[]#f"));
        const std::string once = encodeUrlText("/a b/%/\x7f\t");
        QCOMPARE(encodeUrlText(once), once); // idempotent
    }

    void scanner_data()
    {
        QTest::addColumn<int>("start");
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("part");
        const int s = int(UrlPart::Start), p = int(UrlPart::Path), q = int(UrlPart::Query);
        QTest::newRow("scheme") << s << "https:" << s;
        QTest::newRow("slashes") << s << "https://" << s;
        QTest::newRow("host") << s << "https://api.example:8080" << s;
        QTest::newRow("path") << s << "https://api.example/" << p;
        QTest::newRow("deeper path") << s << "https://api.example/v1/items/" << p;
        QTest::newRow("query") << s << "https://api.example/x?q=" << q;
        QTest::newRow("query without path") << s << "https://api.example?q=" << q;
        QTest::newRow("fragment") << s << "https://h/x#" << q;
        QTest::newRow("mock") << s << "mock://svc/" << p;
        QTest::newRow("relative path") << p << "/items/" << p;
        QTest::newRow("relative query") << p << "/items?a=" << q;
        QTest::newRow("query stays") << q << "/x/y" << q;
    }
    void scanner()
    {
        QFETCH(int, start);
        QFETCH(QString, text);
        QFETCH(int, part);
        UrlScanner whole(static_cast<UrlPart>(start));
        whole.feed(text.toStdString());
        QCOMPARE(int(whole.part()), part);
        // Fed byte by byte, the answer is the same.
        UrlScanner bytes(static_cast<UrlPart>(start));
        for (const char c : text.toStdString())
            bytes.feed(std::string_view(&c, 1));
        QCOMPARE(int(bytes.part()), part);
    }

    void values()
    {
        QCOMPARE(encodeUrlValue("a b/c", UrlPart::Path), std::string("a%20b%2Fc"));
        QCOMPARE(encodeUrlValue("..", UrlPart::Path), std::string("%2E%2E"));
        QCOMPARE(encodeUrlValue(".", UrlPart::Path), std::string("%2E"));
        QCOMPARE(encodeUrlValue("a.b", UrlPart::Path), std::string("a.b"));
        QCOMPARE(encodeUrlValue("x&y=1 +z#", UrlPart::Query), std::string("x%26y%3D1%20%2Bz%23"));
        QCOMPARE(encodeUrlValue("https://h/a b", UrlPart::Start), std::string("https://h/a%20b"));
    }
};

QTEST_GUILESS_MAIN(TestUrlEncoding)
#include "tst_urlencoding.moc"
