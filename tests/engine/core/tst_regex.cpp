// The Regex seam (RE2): search semantics, linear time on patterns that make backtracking engines
// explode, no recursion on long texts, and clear errors for what RE2 does not support.
// LABELS: unit
#include <engine/core/regex.h>

#include <QTest>

using namespace tutti::engine;

class TestRegex : public QObject {
    Q_OBJECT

private slots:
    void search_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("found");
        QTest::newRow("unanchored") << "b+"
                                    << "abbbc" << true;
        QTest::newRow("anchored miss") << "^b"
                                       << "abc" << false;
        QTest::newRow("anchored hit") << "^[A-Z]{3}-\\d+$"
                                      << "SKU-42" << true;
        QTest::newRow("anchored tail") << "^[A-Z]{3}-\\d+$"
                                       << "SKU-42x" << false;
        QTest::newRow("escaped slash") << "a\\/b"
                                       << "a/b" << true;
        QTest::newRow("non-capturing") << "^(?:ab)+$"
                                       << "ababab" << true;
        QTest::newRow("utf-8 dot is one code point") << "^.{2}$"
                                                     << "é€" << true;
        QTest::newRow("empty pattern") << ""
                                       << "anything" << true;
        QTest::newRow("escaped backslash then digit") << "\\\\1"
                                                      << "a\\1" << true;
    }
    void search()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, text);
        QFETCH(bool, found);
        auto re = Regex::compile(pattern.toStdString());
        QVERIFY2(re, re ? "" : re.error().message.c_str());
        QCOMPARE(re->search(text.toStdString()), found);
        QCOMPARE(QString::fromStdString(re->pattern()), pattern);
    }

    void catastrophicPatternsRunInLinearTime()
    {
        // Backtracking engines take time exponential in the text for these; RE2 is linear.
        // Correctness is asserted, not time: a backtracking engine would not finish.
        auto nested = Regex::compile("^(a+)+$");
        QVERIFY(nested);
        const std::string as(50000, 'a');
        QVERIFY(!nested->search(as + "b"));
        QVERIFY(nested->search(as));
        // A backtracking engine with a step budget gives up on the first alternative and then
        // wrongly reports "no match"; the second alternative matches.
        auto alternatives = Regex::compile("^(a+)+c|^a*b");
        QVERIFY(alternatives);
        QVERIFY(alternatives->search(std::string(40, 'a') + "b"));
        auto dots = Regex::compile("(x+x+)+y");
        QVERIFY(dots);
        QVERIFY(!dots->search(std::string(20000, 'x')));
    }

    void millionCharacterTextsDoNotRecurse()
    {
        // std::regex recurses once per character here and overflows the stack.
        std::string text;
        text.reserve(1'000'001);
        for (int i = 0; i < 500'000; ++i)
            text += "ab";
        text += 'c';
        auto re = Regex::compile("^(a|b)*c$");
        QVERIFY(re);
        QVERIFY(re->search(text));
        text.back() = 'd';
        QVERIFY(!re->search(text));
    }

    void unsupportedConstructsAreNamed_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("expected");
        QTest::newRow("backreference") << "(a)\\1"
                                       << "a backreference (\\1) is not supported";
        QTest::newRow("lookahead") << "a(?=b)"
                                   << "lookahead ((?=) is not supported";
        QTest::newRow("negative lookahead") << "a(?!b)"
                                            << "lookahead ((?!) is not supported";
        QTest::newRow("lookbehind") << "(?<=a)b"
                                    << "lookbehind ((?<=) is not supported";
        QTest::newRow("unbalanced") << "("
                                    << "missing )";
        QTest::newRow("bad repetition") << "a**"
                                        << "bad repetition operator";
        QTest::newRow("huge repetition") << "(a{1000}){1000}"
                                         << "invalid repetition size";
    }
    void unsupportedConstructsAreNamed()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, expected);
        auto re = Regex::compile(pattern.toStdString());
        QVERIFY(!re);
        QCOMPARE(re.error().code, ErrorCode::Schema);
        const QString message = QString::fromStdString(re.error().message);
        QVERIFY2(message.startsWith("invalid regular expression '" + pattern + "'"),
                 qPrintable(message));
        QVERIFY2(message.contains(expected), qPrintable(message));
    }

    void hostilePatternsAndTextsAreErrorsOrAnswers()
    {
        // Deep nesting in the pattern: RE2's parser bounds it; no crash either way.
        const std::string deep = std::string(100000, '(') + "a" + std::string(100000, ')');
        auto nested = Regex::compile(deep);
        if (nested)
            QVERIFY(nested->search("a"));
        else
            QVERIFY(!nested.error().message.empty());
        // Text that is not UTF-8 is searched, never fatal.
        auto any = Regex::compile("^a.b$");
        QVERIFY(any);
        (void)any->search(std::string("a\xff"
                                      "b"));
        QVERIFY(any->search("a-b"));
        // A default-constructed Regex matches nothing.
        QVERIFY(!Regex().search("x"));
    }

    void copiesShareTheCompiledPattern()
    {
        auto re = Regex::compile("^x+$");
        QVERIFY(re);
        const Regex copy = *re;
        Regex moved = std::move(*re);
        QVERIFY(copy.search("xxx"));
        QVERIFY(moved.search("xxx"));
        QCOMPARE(copy.pattern(), std::string("^x+$"));
    }
};

QTEST_GUILESS_MAIN(TestRegex)
#include "tst_regex.moc"
