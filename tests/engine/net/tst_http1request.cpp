// The incremental HTTP/1.1 request parser: complete requests in any split, pipelining, and the
// status every malformed or oversized head or body gets (fed garbage, never a crash or a hang).
// LABELS: unit
#include <engine/net/http1request.h>

#include <QRandomGenerator>
#include <QtTest>

using namespace tutti::engine;

class TestHttp1Request : public QObject {
    Q_OBJECT

private slots:
    void completeRequestInEverySplit()
    {
        const std::string raw = "POST /flows/a?x=1 HTTP/1.1\r\nHost: h\r\nContent-Length: 7\r\n"
                                "X-Api-Key:  k1 \r\n\r\n{\"a\":1}";
        for (std::size_t split = 0; split <= raw.size(); ++split) {
            Http1RequestParser parser;
            auto state = parser.feed(std::string_view(raw).substr(0, split));
            if (split < raw.size())
                QCOMPARE(state, Http1RequestParser::State::NeedMore);
            state = parser.feed(std::string_view(raw).substr(split));
            QCOMPARE(state, Http1RequestParser::State::Complete);
            const Http1Request r = parser.take();
            QCOMPARE(r.method, std::string("POST"));
            QCOMPARE(r.path(), std::string_view("/flows/a"));
            QCOMPARE(r.query(), std::string_view("x=1"));
            QCOMPARE(r.body, std::string("{\"a\":1}"));
            QCOMPARE(*r.header("x-api-key"), std::string_view("k1"));
            QVERIFY(r.keepAlive);
        }
    }

    void byteByByte()
    {
        const std::string raw = "GET / HTTP/1.0\nConnection: keep-alive\n\n";
        Http1RequestParser parser;
        for (std::size_t i = 0; i + 1 < raw.size(); ++i)
            QCOMPARE(parser.feed(raw.substr(i, 1)), Http1RequestParser::State::NeedMore);
        QCOMPARE(parser.feed(raw.substr(raw.size() - 1)), Http1RequestParser::State::Complete);
        QVERIFY(parser.take().keepAlive);
    }

    void pipelined()
    {
        Http1RequestParser parser;
        QCOMPARE(
            parser.feed("GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\nConnection: close\r\n\r\nGE"),
            Http1RequestParser::State::Complete);
        QCOMPARE(parser.take().target, std::string("/a"));
        QCOMPARE(parser.feed({}), Http1RequestParser::State::Complete);
        const auto b = parser.take();
        QCOMPARE(b.target, std::string("/b"));
        QVERIFY(!b.keepAlive);
        QCOMPARE(parser.feed({}), Http1RequestParser::State::NeedMore);
        QVERIFY(parser.hasPartialRequest());
    }

    void rejected_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<int>("status");
        QTest::newRow("no version") << QByteArray("GET /\r\n\r\n") << 400;
        QTest::newRow("double space") << QByteArray("GET  / HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("absolute target") << QByteArray("GET http://x/ HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("utf8 in target") << QByteArray("GET /\xc3\xa9 HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("bad utf8 in target") << QByteArray("GET /\xff HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("ctl in method") << QByteArray("G\x01T / HTTP/1.1\r\n\r\n") << 400;
        static const char nulInTarget[] = "GET /\0a HTTP/1.1\r\n\r\n";
        QTest::newRow("nul in target") << QByteArray(nulInTarget, sizeof nulInTarget - 1) << 400;
        QTest::newRow("http/2") << QByteArray("GET / HTTP/2.0\r\n\r\n") << 505;
        QTest::newRow("garbage version") << QByteArray("GET / HTTX/1.1\r\n\r\n") << 400;
        QTest::newRow("no colon") << QByteArray("GET / HTTP/1.1\r\nHost\r\n\r\n") << 400;
        QTest::newRow("space in name") << QByteArray("GET / HTTP/1.1\r\nHo st: x\r\n\r\n") << 400;
        QTest::newRow("non-ascii name")
            << QByteArray("GET / HTTP/1.1\r\nH\xc3\xa9: x\r\n\r\n") << 400;
        QTest::newRow("folded") << QByteArray("GET / HTTP/1.1\r\nA: b\r\n c\r\n\r\n") << 400;
        QTest::newRow("cr in value") << QByteArray("GET / HTTP/1.1\r\nA: b\rc\r\n\r\n") << 400;
        QTest::newRow("bad length")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1x\r\n\r\n") << 400;
        QTest::newRow("negative length")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n") << 400;
        QTest::newRow("huge length")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n")
            << 400;
        QTest::newRow("conflicting lengths")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n")
            << 400;
        QTest::newRow("te and cl") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n"
                                                 "Content-Length: 2\r\n\r\n")
                                   << 400;
        QTest::newRow("chunked") << QByteArray(
                                        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n")
                                 << 501;
        QTest::newRow("body too large")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1025\r\n\r\n") << 413;
        QTest::newRow("line too long") << QByteArray("GET /" + QByteArray(3000, 'a')) << 414;
        QTest::newRow("head too long")
            << QByteArray("GET / HTTP/1.1\r\nA: " + QByteArray(3000, 'a') + "\r\n") << 431;
        QByteArray many = "GET / HTTP/1.1\r\n";
        for (int i = 0; i < 11; ++i)
            many += "A" + QByteArray::number(i) + ": b\r\n";
        QTest::newRow("too many headers") << QByteArray(many + "\r\n") << 431;
    }
    void rejected()
    {
        QFETCH(QByteArray, raw);
        QFETCH(int, status);
        Http1RequestParser parser({2048, 10, 1024});
        QCOMPARE(parser.feed(std::string_view(raw.constData(), raw.size())),
                 Http1RequestParser::State::Error);
        QCOMPARE(parser.error().status, status);
        QVERIFY(!parser.error().message.empty());
        // An errored parser stays errored whatever follows.
        QCOMPARE(parser.feed("GET / HTTP/1.1\r\n\r\n"), Http1RequestParser::State::Error);
    }

    void randomGarbageNeverCrashes()
    {
        QRandomGenerator rng(7);
        const char alphabet[] = "GETPOST /:\r\n\t HTTP/1.1Content-Length0123456789\x00\xff\x80";
        for (int round = 0; round < 2000; ++round) {
            Http1RequestParser parser({512, 8, 256});
            std::string bytes;
            const int n = rng.bounded(600);
            for (int i = 0; i < n; ++i)
                bytes += alphabet[rng.bounded(int(sizeof alphabet - 1))];
            std::size_t pos = 0;
            while (pos < bytes.size()) {
                const std::size_t chunk = 1 + rng.bounded(40);
                auto state = parser.feed(std::string_view(bytes).substr(pos, chunk));
                pos += chunk;
                if (state == Http1RequestParser::State::Error)
                    break;
                while (state == Http1RequestParser::State::Complete) {
                    const auto r = parser.take();
                    QVERIFY(r.body.size() <= 256);
                    state = parser.feed({});
                }
                QVERIFY(parser.bufferedBytes() <= 512 + 256 + 40);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestHttp1Request)
#include "tst_http1request.moc"
