// Tests for the shared byte-string helpers (engine/core/text): case folding, trimming, UTF-8
// lengths, edit distance, closestMatch and UniqueNames.
// LABELS: unit
#include <engine/core/text.h>

#include <QTest>

using namespace tutti::engine;

class TestText : public QObject {
    Q_OBJECT

private slots:
    void caseFolding();
    void trimming_data();
    void trimming();
    void utf8Lengths_data();
    void utf8Lengths();
    void editDistances_data();
    void editDistances();
    void closest_data();
    void closest();
    void uniqueNames();
};

void TestText::caseFolding()
{
    QCOMPARE(asciiLower("Content-TYPE: Ä"), std::string("content-type: Ä")); // bytes > 0x7F kept
    QVERIFY(equalsNoCase("Keep-Alive", "keep-alive"));
    QVERIFY(!equalsNoCase("keep-alive", "keep-alivE "));
    QVERIFY(!equalsNoCase("a", "ab"));
    QVERIFY(equalsNoCase("", ""));
    QVERIFY(startsWithNoCase("HTTP/1.1 200 OK", "http/"));
    QVERIFY(!startsWithNoCase("HTT", "http/"));
    QVERIFY(startsWithNoCase("x", ""));
}

void TestText::trimming_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("whitespace");
    QTest::addColumn<QString>("expected");
    QTest::newRow("ows both ends") << " \tvalue \t"
                                   << " \t"
                                   << "value";
    QTest::newRow("inner kept") << "  a b  "
                                << " \t"
                                << "a b";
    QTest::newRow("only blanks") << " \t "
                                 << " \t"
                                 << "";
    QTest::newRow("empty") << ""
                           << " \t"
                           << "";
    QTest::newRow("cr is not ows") << "v\r"
                                   << " \t"
                                   << "v\r";
    QTest::newRow("cr when asked") << "v\r\n"
                                   << " \t\r\n"
                                   << "v";
}

void TestText::trimming()
{
    QFETCH(QString, text);
    QFETCH(QString, whitespace);
    QFETCH(QString, expected);
    const std::string t = text.toStdString(), w = whitespace.toStdString();
    QCOMPARE(std::string(trimmed(t, w)), expected.toStdString());
    if (w == " \t")
        QCOMPARE(std::string(trimmed(t)), expected.toStdString()); // the default
}

void TestText::utf8Lengths_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("length");
    QTest::newRow("empty") << QByteArray() << 0;
    QTest::newRow("ascii") << QByteArray("abc") << 3;
    QTest::newRow("two-byte") << QByteArray("caf\xc3\xa9") << 4;
    QTest::newRow("three-byte") << QByteArray("\xe2\x80\x93\xc3\x97") << 2; // "–×"
    QTest::newRow("four-byte") << QByteArray("\xf0\x9f\x98\x80!") << 2;
}

void TestText::utf8Lengths()
{
    QFETCH(QByteArray, text);
    QFETCH(int, length);
    QCOMPARE(utf8Length(std::string_view(text.constData(), text.size())),
             static_cast<std::size_t>(length));
}

void TestText::editDistances_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("ignoreCase");
    QTest::addColumn<int>("distance");
    QTest::newRow("same") << "retry"
                          << "retry" << false << 0;
    QTest::newRow("empty") << ""
                           << "abc" << false << 3;
    QTest::newRow("insert") << "typ"
                            << "type" << false << 1;
    QTest::newRow("substitute") << "kitten"
                                << "sitten" << false << 1;
    QTest::newRow("classic") << "kitten"
                             << "sitting" << false << 3;
    QTest::newRow("swap is one edit") << "inptu"
                                      << "input" << false << 1;
    QTest::newRow("two swaps") << "retyr"
                               << "retry" << false << 1;
    QTest::newRow("case counts") << "Len"
                                 << "len" << false << 1;
    QTest::newRow("case ignored") << "LENGHT"
                                  << "length" << true << 1;
    QTest::newRow("deletions") << "lenght"
                               << "len" << false << 3;
}

void TestText::editDistances()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, ignoreCase);
    QFETCH(int, distance);
    const std::string x = a.toStdString(), y = b.toStdString();
    QCOMPARE(editDistance(x, y, ignoreCase), static_cast<std::size_t>(distance));
    QCOMPARE(editDistance(y, x, ignoreCase), static_cast<std::size_t>(distance)); // symmetric
}

void TestText::closest_data()
{
    QTest::addColumn<QString>("word");
    QTest::addColumn<bool>("ignoreCase");
    QTest::addColumn<int>("charsPerEdit");
    QTest::addColumn<QString>("expected");
    // The flow readers' rule (the default): one edit per three letters.
    QTest::newRow("typ") << "typ" << false << 3 << "type";
    QTest::newRow("inptu") << "inptu" << false << 3 << "input";
    QTest::newRow("retyr") << "retyr" << false << 3 << "retry";
    QTest::newRow("nothing close") << "zzzzzz" << false << 3 << "";
    QTest::newRow("swap in length") << "lenght" << false << 3 << "length";
    QTest::newRow("two edits in five") << "inpXY" << false << 3 << "";
    // The expression language's rule for function names: case-insensitive, one per two.
    QTest::newRow("lenght") << "lenght" << true << 2 << "length";
    QTest::newRow("STEPS") << "STEPS" << true << 2 << "steps";
    QTest::newRow("two edits allowed") << "inpXY" << true << 2 << "input";
}

void TestText::closest()
{
    QFETCH(QString, word);
    QFETCH(bool, ignoreCase);
    QFETCH(int, charsPerEdit);
    QFETCH(QString, expected);
    const std::vector<std::string> candidates = {"type", "steps", "input", "retry", "length"};
    const Closeness rule{ignoreCase, static_cast<std::size_t>(charsPerEdit)};
    QCOMPARE(closestMatch(word.toStdString(), candidates, rule), expected.toStdString());
    if (!ignoreCase && charsPerEdit == 3)
        QCOMPARE(closestMatch(word.toStdString(), candidates), expected.toStdString());
}

// First-seen order, each name once, across lists added into one.
void TestText::uniqueNames()
{
    UniqueNames a;
    QVERIFY(a.add("b"));
    QVERIFY(a.add("a"));
    QVERIFY(!a.add("b"));
    UniqueNames b;
    b.add("c");
    b.add("a");
    a.add(b);
    QCOMPARE(a.names(), (std::vector<std::string>{"b", "a", "c"}));
    QCOMPARE(a.take(), (std::vector<std::string>{"b", "a", "c"}));
}

QTEST_GUILESS_MAIN(TestText)
#include "tst_text.moc"
