// Tests for Template and JsonTemplate: typed single expressions versus mixed text, escapes,
// error columns inside template strings, bare expressions, and JSON values with template leaves.
// LABELS: unit
#include "fakecontext.h"

#include <engine/core/jsonio.h>
#include <engine/expr/expression.h>

#include <QElapsedTimer>
#include <QTest>

using namespace tutti::engine;
using namespace tutti::engine::expr;

class TestTemplate : public QObject {
    Q_OBJECT

private slots:
    void evaluate_data();
    void evaluate();
    void syntaxError_data();
    void syntaxError();
    void evaluationErrorColumn();
    void multiLineLocation();
    void bareExpression_data();
    void bareExpression();
    void bareExpressionErrors();
    void evaluateString();
    void shape();
    void referencedSteps();
    void jsonTemplateNested();
    void jsonTemplateConstant();
    void jsonTemplateWholeValue();
    void jsonTemplateLocations();
    void jsonTemplateErrors();
    void jsonTemplateEscapes();
    void manyPartsLoadInLinearTime();
    void manyPartsKeepTheirLocations();
    void invalidUtf8FromExpressionsIsKept();
    void evaluateTextIsTheDumpOfEvaluate_data();
    void evaluateTextIsTheDumpOfEvaluate();
};

// Rows: template, expected JSON text, whether it is a single typed expression.
void TestTemplate::evaluate_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("single");

    QTest::newRow("plain text") << "hello"
                                << "\"hello\"" << false;
    QTest::newRow("empty") << ""
                           << "\"\"" << false;
    QTest::newRow("single keeps number") << "{{ input.qty }}"
                                         << "2" << true;
    QTest::newRow("single keeps object") << "{{ input.obj }}"
                                         << R"({"x":1,"y":2})" << true;
    QTest::newRow("single keeps null") << "{{ input.nope }}"
                                       << "null" << true;
    QTest::newRow("single keeps bool") << "{{input.flag}}"
                                       << "true" << true;
    QTest::newRow("single with spaces around") << "  {{ input.qty }} "
                                               << "2" << true;
    QTest::newRow("mixed renders number") << "qty={{ input.qty }}"
                                          << "\"qty=2\"" << false;
    QTest::newRow("mixed renders null empty") << "[{{ input.nope }}]"
                                              << "\"[]\"" << false;
    QTest::newRow("mixed renders object") << "o={{ input.obj }}"
                                          << R"("o={\"x\":1,\"y\":2}")" << false;
    QTest::newRow("mixed two parts") << "{{ input.sku }}-{{ input.qty }}"
                                     << "\"A1-2\"" << false;
    QTest::newRow("url path") << "/charges/{{ steps.charge.body.id }}/refund"
                              << "\"/charges/ch_9/refund\"" << false;
    QTest::newRow("bearer") << "Bearer {{ secret.PAYMENT_KEY }}"
                            << "\"Bearer sk_test\"" << false;
    QTest::newRow("idempotency") << "{{ run.id }}-charge"
                                 << "\"run-1-charge\"" << false;
    QTest::newRow("escaped braces") << "\\{{ not an expression }}"
                                    << "\"{{ not an expression }}\"" << false;
    QTest::newRow("escaped then real") << "\\{{x}} {{ input.qty }}"
                                       << "\"{{x}} 2\"" << false;
    QTest::newRow("escaped single stays text") << "\\{{ input.qty }}"
                                               << "\"{{ input.qty }}\"" << false;
    QTest::newRow("lone closing braces") << "a }} b"
                                         << "\"a }} b\"" << false;
    QTest::newRow("single brace") << "{ x }"
                                  << "\"{ x }\"" << false;
    QTest::newRow("braces in string literal") << "{{ '}}' + input.sku }}"
                                              << "\"}}A1\"" << true;
    QTest::newRow("object literal inside") << "{{ {a: {b: 1}} }}"
                                           << R"({"a":{"b":1}})" << true;
    QTest::newRow("object literal nested close") << "{{ {a: {b: 1}}}}"
                                                 << R"({"a":{"b":1}})" << true;
    QTest::newRow("single ternary typed") << "{{ input.qty > 1 ? input.tags : [] }}"
                                          << R"(["a","b","c"])" << true;
    QTest::newRow("adjacent") << "{{input.sku}}{{input.sku}}"
                              << "\"A1A1\"" << false;
    QTest::newRow("float rendered") << "amount: {{ input.amount }}"
                                    << "\"amount: 12.5\"" << false;
    QTest::newRow("mock body id") << "ch_{{ uuid() }}"
                                  << "\"ch_00000000-0000-4000-8000-000000000001\"" << false;
}

void TestTemplate::evaluate()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QFETCH(bool, single);
    test::FakeContext context;
    auto t = Template::parse(text.toStdString());
    QVERIFY2(t.has_value(), t ? "" : t.error().toString().c_str());
    QCOMPARE(t->isSingleExpression(), single);
    QCOMPARE(t->source(), text.toStdString());
    auto value = t->evaluate(context);
    QVERIFY2(value.has_value(), value ? "" : value.error().toString().c_str());
    QCOMPARE(QString::fromStdString(value->dump()),
             QString::fromStdString(Json::parse(expected.toStdString()).dump()));
}

// Rows: template, message fragment, column (the template starts at line 4, column 12).
void TestTemplate::syntaxError_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("column");

    QTest::newRow("bad member") << "id: {{ input.  + }}"
                                << "expected a name after '.'" << 27;
    QTest::newRow("unclosed") << "abc {{ input.x"
                              << "'{{' without a closing '}}'" << 16;
    QTest::newRow("unclosed second") << "{{ a }} and {{ b"
                                     << "without a closing" << 24;
    QTest::newRow("unclosed in string") << "{{ 'abc }}"
                                        << "without a closing" << 12;
    QTest::newRow("empty braces") << "x {{ }}"
                                  << "empty '{{ }}'" << 14;
    QTest::newRow("error in second part") << "{{ a }}/{{ b + }}"
                                          << "unexpected end" << 26;
    QTest::newRow("unknown function") << "v={{  lenght(x) }}"
                                      << "did you mean 'len'" << 18;
}

void TestTemplate::syntaxError()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    QFETCH(int, column);
    auto t = Template::parse(text.toStdString(), SourceLocation{"f.flow.yaml", 4, 12});
    QVERIFY(!t.has_value());
    QVERIFY2(QString::fromStdString(t.error().message).contains(message),
             t.error().message.c_str());
    QCOMPARE(t.error().code, ErrorCode::Syntax);
    QCOMPARE(t.error().location.file, std::string("f.flow.yaml"));
    QCOMPARE(t.error().location.line, 4);
    QCOMPARE(t.error().location.column, column);
}

void TestTemplate::evaluationErrorColumn()
{
    test::FakeContext context;
    // "/x/{{ steps.reserve.body.n.id }}": the path starts at offset 6.
    auto t = Template::parse("/x/{{ steps.reserve.body.n.id }}", SourceLocation{"f", 7, 20});
    QVERIFY(t.has_value());
    auto value = t->evaluateString(context);
    QVERIFY(!value.has_value());
    QCOMPARE(value.error().location.line, 7);
    QCOMPARE(value.error().location.column, 26);
    QCOMPARE(value.error().path, std::string("steps.reserve.body.n.id"));
    QCOMPARE(value.error().message, std::string("cannot read 'id' of number 5"));
    QCOMPARE(value.error().toString(), std::string("f:7:26: error: cannot read 'id' of number 5"));
}

void TestTemplate::multiLineLocation()
{
    auto t = Template::parse("line one\n  and {{ a + }}", SourceLocation{"f", 3, 9});
    QVERIFY(!t.has_value());
    QCOMPARE(t.error().location.line, 4);
    // The end of "a +" is column 13 of the second line ("  and {{ a +" is 12 characters).
    QCOMPARE(t.error().location.column, 13);
}

void TestTemplate::bareExpression_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("bare") << "input.qty > 1"
                          << "true";
    QTest::newRow("braced") << "{{ input.qty > 1 }}"
                            << "true";
    QTest::newRow("braced with spaces") << "  {{ input.tags }}  "
                                        << R"(["a","b","c"])";
    QTest::newRow("bare with spaces") << "  input.tags  "
                                      << R"(["a","b","c"])";
    QTest::newRow("bare string literal") << "'x'"
                                         << "\"x\"";
}

void TestTemplate::bareExpression()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    test::FakeContext context;
    auto t = Template::parseBareExpression(text.toStdString());
    QVERIFY2(t.has_value(), t ? "" : t.error().toString().c_str());
    QVERIFY(t->isSingleExpression());
    QVERIFY(!t->isConstant());
    auto value = t->evaluate(context);
    QVERIFY(value.has_value());
    QCOMPARE(QString::fromStdString(value->dump()),
             QString::fromStdString(Json::parse(expected.toStdString()).dump()));
}

void TestTemplate::bareExpressionErrors()
{
    auto empty = Template::parseBareExpression("  ", SourceLocation{"f", 1, 5});
    QVERIFY(!empty.has_value());
    QCOMPARE(empty.error().code, ErrorCode::Syntax);

    auto mixed = Template::parseBareExpression("{{ a }} and {{ b }}", SourceLocation{"f", 1, 5});
    QVERIFY(!mixed.has_value());
    QVERIFY(mixed.error().message.find("one expression") != std::string::npos);

    // Columns of a bare expression count from its first non-blank character.
    auto bad = Template::parseBareExpression("  a +", SourceLocation{"f", 2, 7});
    QVERIFY(!bad.has_value());
    QCOMPARE(bad.error().location.column, 12);

    test::FakeContext context;
    auto failing = Template::parseBareExpression("  input.sku.x", SourceLocation{"f", 2, 7});
    QVERIFY(failing.has_value());
    auto value = failing->evaluate(context);
    QVERIFY(!value.has_value());
    QCOMPARE(value.error().location.column, 9);
    QCOMPARE(value.error().path, std::string("input.sku.x"));
}

void TestTemplate::evaluateString()
{
    test::FakeContext context;
    auto single = Template::parse("{{ input.obj }}");
    QCOMPARE(*single->evaluateString(context), std::string(R"({"x":1,"y":2})"));
    auto text = Template::parse("{{ input.sku }}");
    QCOMPARE(*text->evaluateString(context), std::string("A1"));
    auto null = Template::parse("{{ input.nope }}");
    QCOMPARE(*null->evaluateString(context), std::string());
    auto constant = Template::parse("plain");
    QCOMPARE(*constant->evaluateString(context), std::string("plain"));
}

void TestTemplate::shape()
{
    auto constant = Template::parse("no expressions");
    QVERIFY(constant->isConstant());
    QCOMPARE(constant->parts().size(), std::size_t(1));
    auto empty = Template::parse("");
    QVERIFY(empty->isConstant());
    QVERIFY(empty->parts().empty());
    auto escaped = Template::parse("\\{{ x }}");
    QVERIFY(escaped->isConstant());
    auto mixed = Template::parse("a {{ b }} c");
    QVERIFY(!mixed->isConstant());
    QCOMPARE(mixed->parts().size(), std::size_t(3));
    QCOMPARE(mixed->parts()[0].literal, std::string("a "));
    QCOMPARE(mixed->parts()[1].expression->text(), std::string("b"));
    QCOMPARE(mixed->parts()[2].literal, std::string(" c"));
    auto located = Template::parse("a {{  b }}", SourceLocation{"f", 2, 3});
    QCOMPARE(located->parts()[1].expression->location().column, 9);
}

void TestTemplate::referencedSteps()
{
    auto t = Template::parse("{{ steps.a.body.id }}/{{ steps.b.x + steps.a.y }}/{{ input.z }}");
    QVERIFY(t.has_value());
    QCOMPARE(t->referencedSteps(), (std::vector<std::string>{"a", "b"}));
    QCOMPARE(t->referencedRoots(), (std::vector<std::string>{"steps", "input"}));
}

void TestTemplate::jsonTemplateNested()
{
    const Json source = Json::parse(R"({
        "sku": "{{ input.sku }}", "qty": "{{ input.qty }}", "fixed": 5,
        "meta": {"region": "{{ env.region }}", "label": "order {{ input.sku }}",
                 "tags": ["x", "{{ input.tags[0] }}", {"deep": "{{ steps.reserve.body.list }}"}]},
        "a/b": {"~c": "{{ item.id }}"}
    })");
    auto t = JsonTemplate::compile(source);
    QVERIFY2(t.has_value(), t ? "" : t.error().toString().c_str());
    QVERIFY(!t->isConstant());
    QCOMPARE(t->referencedSteps(), std::vector<std::string>{"reserve"});
    test::FakeContext context;
    auto value = t->evaluate(context);
    QVERIFY2(value.has_value(), value ? "" : value.error().toString().c_str());
    const Json expected = Json::parse(R"({
        "sku": "A1", "qty": 2, "fixed": 5,
        "meta": {"region": "eu-west", "label": "order A1",
                 "tags": ["x", "a", {"deep": [10, 20, 30]}]},
        "a/b": {"~c": 7}
    })");
    QCOMPARE(value->dump(), expected.dump());
    // The compiled source is untouched by evaluation.
    QCOMPARE(t->source().dump(), source.dump());
}

void TestTemplate::jsonTemplateConstant()
{
    const Json source = Json::parse(R"({"a": [1, "two", {"b": null}]})");
    auto t = JsonTemplate::compile(source);
    QVERIFY(t.has_value());
    QVERIFY(t->isConstant());
    test::FakeContext context;
    QCOMPARE(t->evaluate(context)->dump(), source.dump());
    QVERIFY(t->referencedSteps().empty());
}

void TestTemplate::jsonTemplateWholeValue()
{
    auto t = JsonTemplate::compile(Json("{{ steps.charge.body }}"));
    QVERIFY(t.has_value());
    test::FakeContext context;
    QCOMPARE(t->evaluate(context)->dump(), std::string(R"({"id":"ch_9"})"));
}

void TestTemplate::jsonTemplateLocations()
{
    std::vector<std::string> asked;
    const LocationLookup locate = [&asked](const std::string &pointer) {
        asked.push_back(pointer);
        return SourceLocation{"flow.yaml", 10 + static_cast<int>(asked.size()), 8};
    };
    const Json source = Json::parse(R"({"ok": "{{ input.sku }}", "list": ["{{ input.sku.x }}"]})");
    auto t = JsonTemplate::compile(source, locate);
    QVERIFY(t.has_value());
    QCOMPARE(asked, (std::vector<std::string>{"/ok", "/list/0"}));
    test::FakeContext context;
    auto value = t->evaluate(context);
    QVERIFY(!value.has_value());
    QCOMPARE(value.error().location.file, std::string("flow.yaml"));
    QCOMPARE(value.error().location.line, 12);
    QCOMPARE(value.error().location.column, 11);
    QCOMPARE(value.error().path, std::string("input.sku.x"));
}

void TestTemplate::jsonTemplateErrors()
{
    const LocationLookup locate = [](const std::string &) {
        return SourceLocation{"flow.yaml", 5, 20};
    };
    auto t = JsonTemplate::compile(Json::parse(R"({"body": {"x": "v={{ a + }}"}})"), locate);
    QVERIFY(!t.has_value());
    QCOMPARE(t.error().code, ErrorCode::Syntax);
    QCOMPARE(t.error().location.line, 5);
    QCOMPARE(t.error().location.column, 28);

    auto unclosed = JsonTemplate::compile(Json::parse(R"({"body": ["{{ a"]})"));
    QVERIFY(!unclosed.has_value());
    QCOMPARE(unclosed.error().path, std::string("/body/0"));
}

void TestTemplate::jsonTemplateEscapes()
{
    auto t = JsonTemplate::compile(Json::parse(R"({"doc": "write \\{{ name }} here"})"));
    QVERIFY(t.has_value());
    QVERIFY(t->isConstant());
    test::FakeContext context;
    QCOMPARE(t->evaluate(context)->dump(), std::string(R"({"doc":"write {{ name }} here"})"));
}

void TestTemplate::manyPartsLoadInLinearTime()
{
    // 100,000 `{{ }}` parts on several lines: each part's location was found by scanning the
    // text from its start (quadratic, over 20 s); the benchmark bench_load prints the figures.
    std::string text;
    for (int i = 0; i < 100000; ++i)
        text += "v" + std::to_string(i) + "={{ steps.s" + std::to_string(i % 1000) + ".x }}" +
                (i % 100 == 99 ? "\n" : ",");
    QElapsedTimer timer;
    timer.start();
    auto t = Template::parse(text, SourceLocation{"f.flow.yaml", 10, 7});
    QVERIFY2(t, t ? "" : t.error().toString().c_str());
    QCOMPARE(t->parts().size(), std::size_t(200001)); // and the last newline
    QCOMPARE(t->referencedSteps().size(), std::size_t(1000));
    QCOMPARE(t->referencedSteps().front(), std::string("s0"));
    // A JSON value with 100,000 template leaves compiles in linear time as well.
    Json body = Json::object();
    auto &members = body.get_ref<Json::object_t &>(); // operator[] would make this test quadratic
    for (int i = 0; i < 100000; ++i)
        members.emplace_back("k" + std::to_string(i), "{{ steps.s" + std::to_string(i) + ".x }}");
    auto compiled = JsonTemplate::compile(body);
    QVERIFY(compiled);
    QCOMPARE(compiled->referencedSteps().size(), std::size_t(100000));
    QVERIFY2(timer.elapsed() < 15000, qPrintable(QString::number(timer.elapsed())));
}

void TestTemplate::manyPartsKeepTheirLocations()
{
    // The one-pass locator gives the same positions as before, part after part.
    std::string text;
    for (int i = 0; i < 300; ++i)
        text += std::string(i % 7, ' ') + "{{ a" + std::to_string(i) + " }}" + (i % 3 ? "" : "\n");
    auto t = Template::parse(text + "\n{{ 1 + }}", SourceLocation{"f", 4, 9});
    QVERIFY(!t);
    QCOMPARE(t.error().location.line, 4 + 101);
    QCOMPARE(t.error().location.column, 7); // after "{{ 1 +" at the start of the last line
    auto first = Template::parse("{{ x }} {{ ) }}", SourceLocation{"f", 2, 5});
    QVERIFY(!first);
    QCOMPARE(first.error().location.column, 5 + 11);
}

void TestTemplate::invalidUtf8FromExpressionsIsKept()
{
    // unbase64() makes bytes that are not UTF-8; a text template keeps them as they are (a body
    // can be bytes), and every later dump of the value replaces them instead of throwing.
    test::FakeContext context;
    auto t = Template::parse("x{{ unbase64('/w==') }}y");
    QVERIFY(t);
    auto value = t->evaluate(context);
    QVERIFY(value);
    QCOMPARE(value->get<std::string>(), std::string("x\xffy"));
    auto whole = Template::parse("{{ [unbase64('/w=='), string(unbase64('/w=='))] }}");
    QVERIFY(whole);
    auto array = whole->evaluate(context);
    QVERIFY(array);
    auto rendered = Template::parse("{{ toJson([unbase64('/w==')]) }} {{ [unbase64('/w==')] }}");
    QVERIFY(rendered);
    auto text = rendered->evaluateString(context);
    QVERIFY2(text, text ? "" : text.error().message.c_str());
    QCOMPARE(*text, std::string("[\"\xEF\xBF\xBD\"] [\"\xEF\xBF\xBD\"]"));
}

void TestTemplate::evaluateTextIsTheDumpOfEvaluate_data()
{
    QTest::addColumn<QString>("source");
    QTest::newRow("nested") << R"({"sku": "{{ input.sku }}", "qty": "{{ input.qty }}", "fixed": 5,
        "meta": {"region": "{{ env.region }}", "label": "order {{ input.sku }}",
                 "tags": ["x", "{{ input.tags[0] }}", {"deep": "{{ steps.reserve.body.list }}"}]},
        "a/b": {"~c": "{{ item.id }}"}})";
    QTest::newRow("whole value") << R"("{{ steps.charge.body }}")";
    QTest::newRow("constant") << R"({"a": [1, "two", {"b": null}], "f": 1.5, "e": {}, "l": []})";
    QTest::newRow("keys and text to escape")
        << R"({"q\"uo\\te": "line\nbreak {{ input.sku }}", "tab\t": ["\u00e9", "{{ input.qty }}"]})";
    QTest::newRow("escaped braces")
        << R"({"doc": "write \\{{ name }} here", "n": "{{ input.qty }}"})";
    QTest::newRow("slot first and last") << R"(["{{ input.sku }}", 1, "{{ input.qty }}"])";
    QTest::newRow("typed values") << R"({"t": "{{ true }}", "n": "{{ null }}", "d": "{{ 2.5 }}",
        "o": "{{ {'k': [1, 'v']} }}"})";
}

void TestTemplate::evaluateTextIsTheDumpOfEvaluate()
{
    QFETCH(QString, source);
    auto t = JsonTemplate::compile(Json::parse(source.toStdString()));
    QVERIFY2(t.has_value(), t ? "" : t.error().toString().c_str());
    test::FakeContext context;
    auto value = t->evaluate(context);
    QVERIFY2(value.has_value(), value ? "" : value.error().toString().c_str());
    auto text = t->evaluateText(context);
    QVERIFY2(text.has_value(), text ? "" : text.error().toString().c_str());
    QCOMPARE(*text, dumpJson(*value));
    // An evaluation error is the same error either way.
    auto failing = JsonTemplate::compile(Json::parse(R"({"a": 1, "b": "{{ nosuch.x }}"})"));
    QVERIFY(failing);
    auto bad = failing->evaluate(context);
    auto badText = failing->evaluateText(context);
    QVERIFY(!bad && !badText);
    QCOMPARE(badText.error().message, bad.error().message);
}

QTEST_GUILESS_MAIN(TestTemplate)
#include "tst_template.moc"
