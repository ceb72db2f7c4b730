// What may be sent through the HTTP seam (SPEC §9): tokens for methods and header names, no
// CR/LF/NUL in header values, a URL of printable ASCII; messages name the part, not the value.
// LABELS: unit
#include <engine/core/httptransport.h>

#include <QTest>

using namespace tutti::engine;

class TestHttpTransport : public QObject {
    Q_OBJECT

    static HttpRequest good()
    {
        HttpRequest r;
        r.method = "POST";
        r.url = "http://127.0.0.1:1/a%20b?q=1";
        r.headers = {{"X-Trace", "t-1\tok"}, {"Content-Type", "application/json"}};
        return r;
    }

private slots:
    void tokens()
    {
        QVERIFY(isHttpToken("GET"));
        QVERIFY(isHttpToken("X-Custom_1.!#$%&'*+^`|~"));
        QVERIFY(!isHttpToken(""));
        QVERIFY(!isHttpToken("X Trace"));
        QVERIFY(!isHttpToken("X-Trace:"));
        QVERIFY(!isHttpToken("X-\r\nEvil"));
        QVERIFY(!isHttpToken("(x)"));
        QVERIFY(!isHttpToken("\xc3\xa9"));
    }

    void controlCharacters()
    {
        QCOMPARE(controlCharacterIn("plain value"), std::string());
        QCOMPARE(controlCharacterIn("tab\tok"), std::string());
        QCOMPARE(controlCharacterIn("tab\tnot", false), std::string("a control character (0x09)"));
        QCOMPARE(controlCharacterIn("a\rb"), std::string("a line break (CR)"));
        QCOMPARE(controlCharacterIn("a\nb"), std::string("a line break (LF)"));
        QCOMPARE(controlCharacterIn(std::string_view("a\0b", 3)), std::string("a NUL byte"));
        QCOMPARE(controlCharacterIn("a\x7f"), std::string("a control character (0x7F)"));
        QCOMPARE(printableName("X-\r\nEvil\x01"), std::string("X-\\r\\nEvil\\x01"));
        QCOMPARE(printableName(std::string(100, 'h')).size(), std::size_t(63));
    }

    void requestProblems_data()
    {
        QTest::addColumn<QString>("part");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QString>("expected"); // "" = sendable
        QTest::newRow("good") << "" << QByteArray() << "";
        QTest::newRow("header CRLF") << "header" << QByteArray("a\r\nX-Evil: 1")
                                     << "the value of header 'X-Trace' holds a line break (CR)";
        QTest::newRow("header LF") << "header" << QByteArray("a\nb")
                                   << "the value of header 'X-Trace' holds a line break (LF)";
        QTest::newRow("header NUL") << "header" << QByteArray("a\0b", 3)
                                    << "the value of header 'X-Trace' holds a NUL byte";
        QTest::newRow("header name space")
            << "name" << QByteArray("X Trace") << "the header name 'X Trace' is not an HTTP token";
        QTest::newRow("header name CRLF") << "name" << QByteArray("X-A\r\nX-B")
                                          << "the header name 'X-A\\r\\nX-B' is not an HTTP token";
        QTest::newRow("empty header name")
            << "name" << QByteArray() << "the header name '' is not an HTTP token";
        QTest::newRow("method") << "method" << QByteArray("GET /x HTTP/1.1\r\n")
                                << "the method 'GET /x HTTP/1.1\\r\\n' is not an HTTP token";
        QTest::newRow("url space")
            << "url" << QByteArray("http://h/a b") << "the URL holds a space";
        QTest::newRow("url LF") << "url" << QByteArray("http://h/a\nb")
                                << "the URL holds a line break (LF)";
        QTest::newRow("url utf-8")
            << "url" << QByteArray("http://h/\xc3\xa9") << "the URL holds a byte that is not ASCII";
    }
    void requestProblems()
    {
        QFETCH(QString, part);
        QFETCH(QByteArray, value);
        QFETCH(QString, expected);
        HttpRequest r = good();
        const std::string v(value.constData(), static_cast<std::size_t>(value.size()));
        if (part == "header")
            r.headers[0].second = v;
        else if (part == "name")
            r.headers[0].first = v;
        else if (part == "method")
            r.method = v;
        else if (part == "url")
            r.url = v;
        const QString problem = QString::fromStdString(requestProblem(r));
        if (expected.isEmpty()) {
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
            return;
        }
        QVERIFY2(problem.startsWith(expected), qPrintable(problem));
        // The value itself is never in the message (it may hold a secret).
        if (part == "header")
            QVERIFY(!problem.contains("X-Evil"));
    }
};

QTEST_GUILESS_MAIN(TestHttpTransport)
#include "tst_httptransport.moc"
