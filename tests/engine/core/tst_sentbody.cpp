// Tests for SentBody (engine/core/sentbody.h): the value is found for the request being sent and
// only while it is published; another body, or the same one after the send, finds nothing.
// LABELS: unit
#include <engine/core/sentbody.h>

#include <QTest>

#include <utility>

using namespace tutti::engine;

class TestSentBody : public QObject {
    Q_OBJECT

private slots:
    void foundOnlyWhilePublished();
    void followsAMovedLongBody();
    void otherBodiesFindNothing();
    void nestedPublicationsRestore();
};

void TestSentBody::foundOnlyWhilePublished()
{
    const Json value = {{"n", 1}};
    const std::string body = value.dump();
    QVERIFY(!SentBody::valueFor(body));
    {
        const SentBody published(value, body);
        QCOMPARE(SentBody::valueFor(body), &value);
    }
    QVERIFY(!SentBody::valueFor(body));
}

void TestSentBody::followsAMovedLongBody()
{
    // A long body is matched by its buffer, which a move (as send() does) hands over.
    Json value = Json::object();
    value["text"] = std::string(200, 'x');
    std::string body = value.dump();
    const SentBody published(value, body);
    const std::string moved = std::move(body);
    QCOMPARE(SentBody::valueFor(moved), &value);
    // The same text in another buffer is another request.
    const std::string copy = moved;
    QVERIFY(!SentBody::valueFor(copy));
}

void TestSentBody::otherBodiesFindNothing()
{
    const Json value = {{"n", 1}};
    const std::string body = value.dump();
    const SentBody published(value, body);
    QVERIFY(!SentBody::valueFor("{\"n\":2}"));
    QVERIFY(!SentBody::valueFor(""));
    QVERIFY(!SentBody::valueFor(body + " "));
}

void TestSentBody::nestedPublicationsRestore()
{
    const Json outer = {{"a", 1}}, inner = {{"b", 2}};
    const std::string outerBody = outer.dump(), innerBody = inner.dump();
    const SentBody first(outer, outerBody);
    {
        const SentBody second(inner, innerBody);
        QCOMPARE(SentBody::valueFor(innerBody), &inner);
        QVERIFY(!SentBody::valueFor(outerBody));
    }
    QCOMPARE(SentBody::valueFor(outerBody), &outer);
}

QTEST_APPLESS_MAIN(TestSentBody)
#include "tst_sentbody.moc"
