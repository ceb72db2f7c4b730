// URL text from a request's templates (requesturl.h): path and query values percent-encoded for
// where they land, literal text made sendable, control characters refused with the part named.
// LABELS: unit
#include <engine/runtime/requesturl.h>

#include <QTest>

using namespace tutti::engine;

namespace {

class Context final : public expr::EvalContext {
public:
    explicit Context(Json input)
        : m_input(std::move(input))
    {
    }
    const Json *root(std::string_view name) const override
    {
        return name == "input" ? &m_input : nullptr;
    }

private:
    Json m_input;
};

const char *kSmuggle = "a\r\nX-Evil: 1\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n";

} // namespace

class TestRequestUrl : public QObject {
    Q_OBJECT

private slots:
    void renderUrl_data()
    {
        QTest::addColumn<QString>("templ");
        QTest::addColumn<int>("start");
        QTest::addColumn<QString>("expected");
        const int p = int(UrlPart::Path), s = int(UrlPart::Start);
        QTest::newRow("segment") << "/items/{{ input.id }}" << p << "/items/a%20b%2Fc";
        QTest::newRow("segment then literal")
            << "/items/{{ input.id }}/refund" << p << "/items/a%20b%2Fc/refund";
        QTest::newRow("query value")
            << "/search?q={{ input.q }}&n=1" << p << "/search?q=x%26y%3D1%20%2Bz&n=1";
        QTest::newRow("dots cannot climb") << "/items/{{ input.dots }}" << p << "/items/%2E%2E";
        QTest::newRow("utf-8 value") << "/u/{{ input.name }}" << p << "/u/J%C3%BCrgen";
        QTest::newRow("literal kept") << "/a;b=1/%41,@:!" << p << "/a;b=1/%41,@:!";
        QTest::newRow("literal made sendable")
            << "/my files/ü/%zz" << p << "/my%20files/%C3%BC/%25zz";
        QTest::newRow("whole path from data")
            << "{{ input.next }}" << p << "/items?page=2&size=10%20x";
        QTest::newRow("full url value in path")
            << "https://api.example/v1/{{ input.id }}?q={{ input.q }}" << s
            << "https://api.example/v1/a%20b%2Fc?q=x%26y%3D1%20%2Bz";
        QTest::newRow("host part from env-like value")
            << "{{ input.base }}/items/{{ input.id }}" << s
            << "https://api.example/v1/items/a%20b%2Fc";
        QTest::newRow("number") << "/n/{{ input.n }}" << p << "/n/42";
    }
    void renderUrl()
    {
        QFETCH(QString, templ);
        QFETCH(int, start);
        QFETCH(QString, expected);
        auto t = expr::Template::parse(templ.toStdString());
        QVERIFY(t);
        Context context(Json{{"id", "a b/c"},
                             {"q", "x&y=1 +z"},
                             {"dots", ".."},
                             {"name", "Jürgen"},
                             {"next", "/items?page=2&size=10 x"},
                             {"base", "https://api.example/v1"},
                             {"n", 42}});
        auto u = tutti::engine::renderUrl(*t, context, static_cast<UrlPart>(start), "the path");
        QVERIFY(u);
        QVERIFY2(u->refused.empty(), u->refused.c_str());
        QCOMPARE(QString::fromStdString(u->text), expected);
    }

    void renderUrlRefusesControlCharacters_data()
    {
        QTest::addColumn<QString>("templ");
        QTest::addColumn<QString>("expected");
        QTest::newRow("value CRLF") << "/x/{{ input.bad }}"
                                    << "the path holds a line break (CR) from a {{ }} value";
        QTest::newRow("whole path") << "{{ input.bad }}"
                                    << "the path holds a line break (CR) (from '{{ input.bad }}')";
        QTest::newRow("value NUL") << "/x/{{ input.nul }}"
                                   << "the path holds a NUL byte";
        QTest::newRow("value tab") << "/x/{{ input.tab }}"
                                   << "a control character (0x09)";
        QTest::newRow("literal LF") << "/x\n/{{ input.ok }}"
                                    << "the path holds a line break (LF)";
    }
    void renderUrlRefusesControlCharacters()
    {
        QFETCH(QString, templ);
        QFETCH(QString, expected);
        auto t = expr::Template::parse(templ.toStdString());
        QVERIFY(t);
        Json input = {
            {"bad", kSmuggle}, {"nul", std::string("a\0b", 3)}, {"tab", "a\tb"}, {"ok", "fine"}};
        Context context(input);
        auto u = tutti::engine::renderUrl(*t, context, UrlPart::Path, "the path");
        QVERIFY(u);
        QVERIFY2(QString::fromStdString(u->refused).startsWith(expected) ||
                     QString::fromStdString(u->refused).contains(expected),
                 u->refused.c_str());
        QVERIFY(!QString::fromStdString(u->refused).contains("X-Evil"));
    }

    void queryParameters()
    {
        QCOMPARE(formEncode(Json{{"q", "a b&c=d+e"}, {"n", 1}, {"z", nullptr}}),
                 std::string("q=a%20b%26c%3Dd%2Be&n=1&z="));
        QCOMPARE(queryProblem(Json{{"q", "fine"}}), std::string());
        QCOMPARE(queryProblem(Json{{"q", "a\r\nb"}}),
                 std::string("query parameter 'q' holds a line break (CR)"));
        QCOMPARE(queryProblem(Json{{"a\nb", "v"}}),
                 std::string("the name of query parameter 'a\\nb' holds a line break (LF)"));
    }
};

QTEST_GUILESS_MAIN(TestRequestUrl)
#include "tst_requesturl.moc"
