// The pieces of `tutti serve`'s protection that need no socket: API keys (loading, matching,
// the headers they come in) and the per-key token bucket.
// LABELS: unit
#include <server/apikeys.h>
#include <server/ratelimiter.h>
#include <server/router.h>

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace tutti::server;
using tutti::engine::Http1Request;
using tutti::engine::kSecond;

class TestServeLimits : public QObject {
    Q_OBJECT

private slots:
    void keysFromList()
    {
        auto keys = ApiKeys::fromList(" alpha, beta ,,gamma");
        QVERIFY(keys);
        QCOMPARE(keys->size(), std::size_t(3));
        QCOMPARE(keys->match("beta"), std::optional<std::size_t>(1));
        QVERIFY(!keys->match("bet"));
        QVERIFY(!keys->match("betaa"));
        QVERIFY(!keys->match(""));
        QVERIFY(!ApiKeys::fromList("a b"));   // spaces cannot travel in a header
        QVERIFY(!ApiKeys::fromList("k\x01")); // nor control characters
        QVERIFY(ApiKeys::fromList("")->empty());
    }

    void keysFromFile()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("keys").toStdString();
        std::ofstream(path) << "# comment\n\none\r\n  two  \n";
        auto keys = ApiKeys::fromFile(path);
        QVERIFY(keys);
        QCOMPARE(keys->size(), std::size_t(2));
        QVERIFY(keys->match("two"));
        QVERIFY(!ApiKeys::fromFile(path + ".missing"));
    }

    void presentedKey()
    {
        Http1Request r;
        QVERIFY(!ApiKeys::presented(r));
        r.headers = {{"x-api-key", "k1"}};
        QCOMPARE(*ApiKeys::presented(r), std::string_view("k1"));
        r.headers = {{"Authorization", "Bearer k2"}, {"X-Api-Key", "k1"}};
        QCOMPARE(*ApiKeys::presented(r), std::string_view("k2"));
        r.headers = {{"Authorization", "Basic abc"}};
        QVERIFY(!ApiKeys::presented(r));
    }

    void tokenBucket()
    {
        RateLimiter limiter(2, 3, 2); // 2/s, bursts of 3, two keys
        int retry = 0;
        for (int i = 0; i < 3; ++i)
            QVERIFY(limiter.allow(0, 0, retry));
        QVERIFY(!limiter.allow(0, 0, retry));
        QCOMPARE(retry, 1);
        QVERIFY(limiter.allow(1, 0, retry));           // its own bucket
        QVERIFY(limiter.allow(0, kSecond / 2, retry)); // one token back after 0.5 s
        QVERIFY(!limiter.allow(0, kSecond / 2, retry));
        QVERIFY(limiter.allow(0, 100 * kSecond, retry)); // refills, capped at the burst
        QVERIFY(limiter.allow(0, 100 * kSecond, retry));
        QVERIFY(limiter.allow(0, 100 * kSecond, retry));
        QVERIFY(!limiter.allow(0, 100 * kSecond, retry));
        RateLimiter off(0, 0, 1);
        QVERIFY(!off.enabled());
        QVERIFY(off.allow(0, 0, retry));
    }

    void routes()
    {
        Router router;
        QVERIFY(router.add("POST", "/flows/a", 0, "a"));
        QVERIFY(router.add("GET", "/a", 1, "a"));
        QVERIFY(router.add("PUT", "/a", 2, "b"));
        QVERIFY(!router.add("GET", "/a", 3, "c"));
        QCOMPARE(router.find("GET", "/a").kind, Router::Match::Found);
        QCOMPARE(router.find("GET", "/a").flow, std::size_t(1));
        const auto wrong = router.find("DELETE", "/a");
        QCOMPARE(wrong.kind, Router::Match::WrongMethod);
        QCOMPARE(wrong.allow, std::string("GET, PUT"));
        QCOMPARE(router.find("get", "/a").kind,
                 Router::Match::WrongMethod); // methods are case-sensitive
        QCOMPARE(router.find("GET", "/b").kind, Router::Match::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestServeLimits)
#include "tst_servelimits.moc"
