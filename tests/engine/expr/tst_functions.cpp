// Tests for the built-in functions: every function's happy path and its argument errors.
// LABELS: unit
#include "fakecontext.h"

#include <engine/expr/expression.h>

#include <QTest>

using namespace tutti::engine;
using namespace tutti::engine::expr;

class TestFunctions : public QObject {
    Q_OBJECT

private slots:
    void call_data();
    void call();
    void error_data();
    void error();
    void functionNamesListsAll();
    void uuidFollowsContext();
};

// Rows: expression, expected JSON text (compared by dump: 3 and 3.0 differ).
void TestFunctions::call_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");

    QTest::newRow("len string") << "len('héllo')"
                                << "5";
    QTest::newRow("len array") << "len(input.tags)"
                               << "3";
    QTest::newRow("len object") << "len(input.obj)"
                                << "2";
    QTest::newRow("len null") << "len(input.nil)"
                              << "0";
    QTest::newRow("lower") << "lower('AbC')"
                           << "\"abc\"";
    QTest::newRow("upper") << "upper(input.sku + 'x')"
                           << "\"A1X\"";
    QTest::newRow("trim") << "trim(input.name)"
                          << "\"Bob\"";
    QTest::newRow("trim tabs newlines") << "trim('\\t a b \\n')"
                                        << "\"a b\"";
    QTest::newRow("contains string") << "contains('checkout', 'eck')"
                                     << "true";
    QTest::newRow("contains array") << "contains(input.tags, 'c')"
                                    << "true";
    QTest::newRow("contains array missing") << "contains(input.tags, 'z')"
                                            << "false";
    QTest::newRow("contains object") << "contains(input.obj, 'y')"
                                     << "true";
    QTest::newRow("contains null") << "contains(null, 'y')"
                                   << "false";
    QTest::newRow("startsWith") << "startsWith('/charges/1', '/charges')"
                                << "true";
    QTest::newRow("startsWith false") << "startsWith('abc', 'b')"
                                      << "false";
    QTest::newRow("endsWith") << "endsWith('file.json', '.json')"
                              << "true";
    QTest::newRow("endsWith false") << "endsWith('a', 'abc')"
                                    << "false";
    QTest::newRow("split") << "split(input.csv, ',')"
                           << R"(["a","b","","c"])";
    QTest::newRow("split multi-char") << "split('a::b', '::')"
                                      << R"(["a","b"])";
    QTest::newRow("split no match") << "split('abc', '-')"
                                    << R"(["abc"])";
    QTest::newRow("split empty separator") << "split('hé!', '')"
                                           << R"(["h","é","!"])";
    QTest::newRow("join") << "join(input.tags, '-')"
                          << "\"a-b-c\"";
    QTest::newRow("join default separator") << "join(input.tags)"
                                            << "\"abc\"";
    QTest::newRow("join renders values") << "join([1, null, true, 'x'], ',')"
                                         << "\"1,,true,x\"";
    QTest::newRow("keys") << "keys(input.obj)"
                          << R"(["x","y"])";
    QTest::newRow("values") << "values(input.obj)"
                            << "[1,2]";
    QTest::newRow("keys empty") << "keys({})"
                                << "[]";
    QTest::newRow("default null") << "default(input.nope, 'fallback')"
                                  << "\"fallback\"";
    QTest::newRow("default present") << "default(input.qty, 9)"
                                     << "2";
    QTest::newRow("default keeps falsy") << "default(input.zero, 9)"
                                         << "0";
    QTest::newRow("number from string") << "number('42')"
                                        << "42";
    QTest::newRow("number from float string") << "number(' 2.5 ')"
                                              << "2.5";
    QTest::newRow("number from negative") << "number('-3')"
                                          << "-3";
    QTest::newRow("number from number") << "number(7)"
                                        << "7";
    QTest::newRow("number from bool") << "number(true)"
                                      << "1";
    QTest::newRow("number exponent") << "number('1e2')"
                                     << "100.0";
    QTest::newRow("string of number") << "string(5)"
                                      << "\"5\"";
    QTest::newRow("string of null") << "string(null)"
                                    << "\"\"";
    QTest::newRow("string of object") << "string(input.obj)"
                                      << R"("{\"x\":1,\"y\":2}")";
    QTest::newRow("string of string") << "string('s')"
                                      << "\"s\"";
    QTest::newRow("json object") << "json('{\"a\": [1, 2]}')"
                                 << R"({"a":[1,2]})";
    QTest::newRow("json number") << "json('3')"
                                 << "3";
    QTest::newRow("json member") << "json('{\"a\": 5}').a"
                                 << "5";
    QTest::newRow("toJson") << "toJson(input.obj)"
                            << R"("{\"x\":1,\"y\":2}")";
    QTest::newRow("toJson string") << "toJson('a')"
                                   << R"("\"a\"")";
    QTest::newRow("toJson round trip") << "json(toJson(input.tags)) == input.tags"
                                       << "true";
    QTest::newRow("base64") << "base64('hello world')"
                            << "\"aGVsbG8gd29ybGQ=\"";
    QTest::newRow("base64 two bytes") << "base64('ab')"
                                      << "\"YWI=\"";
    QTest::newRow("base64 one byte") << "base64('a')"
                                     << "\"YQ==\"";
    QTest::newRow("base64 empty") << "base64('')"
                                  << "\"\"";
    QTest::newRow("unbase64") << "unbase64('aGVsbG8gd29ybGQ=')"
                              << "\"hello world\"";
    QTest::newRow("unbase64 unpadded") << "unbase64('YQ')"
                                       << "\"a\"";
    QTest::newRow("base64 round trip") << "unbase64(base64('user:pa ss')) "
                                       << "\"user:pa ss\"";
    QTest::newRow("uuid") << "uuid()"
                          << "\"00000000-0000-4000-8000-000000000001\"";
    QTest::newRow("now") << "now()"
                         << "\"2025-11-26T14:52:34.123Z\"";
    QTest::newRow("sum array") << "sum(input.nums)"
                               << "6";
    QTest::newRow("sum args") << "sum(1, 2, 3, 4, 5)"
                              << "15";
    QTest::newRow("sum mixed") << "sum(input.mixed)"
                               << "3.5";
    QTest::newRow("sum empty") << "sum([])"
                               << "0";
    QTest::newRow("sum overflow") << "sum(input.big, 1)"
                                  << "9.223372036854776e+18";
    QTest::newRow("min array") << "min(input.nums)"
                               << "1";
    QTest::newRow("min args") << "min(3, 1.5, 2)"
                              << "1.5";
    QTest::newRow("min empty") << "min([])"
                               << "null";
    QTest::newRow("max array") << "max(input.nums)"
                               << "3";
    QTest::newRow("max args") << "max(-1, -5)"
                              << "-1";
    QTest::newRow("round") << "round(2.5)"
                           << "3";
    QTest::newRow("round negative half") << "round(-2.5)"
                                         << "-3";
    QTest::newRow("round down") << "round(2.4)"
                                << "2";
    QTest::newRow("round digits") << "round(3.14159, 2)"
                                  << "3.14";
    QTest::newRow("round int") << "round(7)"
                               << "7";
    QTest::newRow("round negative digits") << "round(1234, -2)"
                                           << "1200";
    QTest::newRow("round amount") << "round(input.amount * 1.1, 1)"
                                  << "13.8";
    QTest::newRow("nested calls") << "upper(join(split('a-b', '-'), '+'))"
                                  << "\"A+B\"";
}

void TestFunctions::call()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    test::FakeContext context;
    auto expression = Expression::parse(text.toStdString());
    QVERIFY2(expression.has_value(), expression ? "" : expression.error().toString().c_str());
    auto value = expression->evaluate(context);
    QVERIFY2(value.has_value(), value ? "" : value.error().toString().c_str());
    QCOMPARE(QString::fromStdString(value->dump()),
             QString::fromStdString(Json::parse(expected.toStdString()).dump()));
}

// Rows: expression, message fragment (the function's signature and what it expects).
void TestFunctions::error_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");

    QTest::newRow("len number") << "len(5)"
                                << "len(value): expects a string, array or object, got number 5";
    QTest::newRow("lower number") << "lower(1)"
                                  << "lower(text): expects a string, got number 1";
    QTest::newRow("upper null") << "upper(null)"
                                << "upper(text): expects a string, got null";
    QTest::newRow("trim array") << "trim([])"
                                << "trim(text): expects a string, got array";
    QTest::newRow("contains number")
        << "contains(5, 1)"
        << "contains(haystack, needle): expects a string, array or object";
    QTest::newRow("contains string number") << "contains('abc', 1)"
                                            << "cannot search a string for number 1";
    QTest::newRow("contains object key type") << "contains({}, 1)"
                                              << "object keys are strings";
    QTest::newRow("startsWith number") << "startsWith(1, 'a')"
                                       << "startsWith(text, prefix): expects a string";
    QTest::newRow("endsWith prefix number")
        << "endsWith('a', 1)"
        << "endsWith(text, suffix): expects a string, got number 1";
    QTest::newRow("split number") << "split(1, ',')"
                                  << "split(text, separator): expects a string";
    QTest::newRow("join string") << "join('abc', ',')"
                                 << "join(array[, separator]): expects an array, got string 'abc'";
    QTest::newRow("join separator") << "join([], 1)"
                                    << "expects a string separator";
    QTest::newRow("keys array") << "keys([1])"
                                << "keys(object): expects an object, got array";
    QTest::newRow("values string") << "values('x')"
                                   << "values(object): expects an object";
    QTest::newRow("number text") << "number('12abc')"
                                 << "number(value): cannot convert string '12abc' to a number";
    QTest::newRow("number empty") << "number('')"
                                  << "cannot convert string ''";
    QTest::newRow("number null") << "number(null)"
                                 << "number(value): expects a number, string or boolean, got null";
    QTest::newRow("json invalid") << "json('{oops')"
                                  << "json(text): the text is not valid JSON";
    QTest::newRow("json invalid says where")
        << "json('[1, 2,')"
        << "(line 1, column 7: syntax error while parsing value - unexpected end";
    // Bounded like every other way JSON comes in (this was a stack overflow when dumped).
    QTest::newRow("json too deep") << "json('" + QString(100000, '[') + "')"
                                   << "(line 1, column 257: JSON nested deeper than 256 levels)";
    QTest::newRow("json number overflow") << "json('1e999999')"
                                          << "number overflow parsing '1e999999'";
    QTest::newRow("json number") << "json(5)"
                                 << "json(text): expects a string of JSON text, got number 5";
    QTest::newRow("base64 number") << "base64(5)"
                                   << "base64(text): expects a string";
    QTest::newRow("unbase64 bad char")
        << "unbase64('ab$d')"
        << "unbase64(text): the text is not valid base64 (bad character at offset 2)";
    QTest::newRow("unbase64 bad length") << "unbase64('abcde')"
                                         << "not valid base64 (wrong length)";
    QTest::newRow("sum strings") << "sum(['a'])"
                                 << "sum(array | numbers...): expects numbers, got string 'a'";
    QTest::newRow("min null arg") << "min(1, null)"
                                  << "min(array | numbers...): expects numbers, got null";
    QTest::newRow("max nested array") << "max([[1]])"
                                      << "expects numbers, got array";
    QTest::newRow("round string") << "round('1.5')"
                                  << "round(number[, digits]): expects a number";
    QTest::newRow("round digits type") << "round(1.5, 'x')"
                                       << "expects an integer number of digits";
    QTest::newRow("round digits range") << "round(1.5, 99)"
                                        << "digits must be between";
}

void TestFunctions::error()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    test::FakeContext context;
    const std::string source = "x: {{ " + text.toStdString() + " }}";
    auto t = Template::parse(source, SourceLocation{"f.flow.yaml", 2, 5});
    QVERIFY2(t.has_value(), t ? "" : t.error().toString().c_str());
    auto value = t->evaluate(context);
    QVERIFY(!value.has_value());
    QVERIFY2(QString::fromStdString(value.error().message).contains(message),
             value.error().message.c_str());
    QCOMPARE(value.error().code, ErrorCode::Validation);
    // The call starts after "x: {{ " (6 characters) in a string starting at column 5.
    QCOMPARE(value.error().location.column, 11);
    QCOMPARE(QString::fromStdString(value.error().path), text);
}

void TestFunctions::functionNamesListsAll()
{
    const QStringList expected = {"len",      "lower",  "upper", "trim",   "contains", "startsWith",
                                  "endsWith", "split",  "join",  "keys",   "values",   "default",
                                  "number",   "string", "json",  "toJson", "base64",   "unbase64",
                                  "uuid",     "now",    "sum",   "min",    "max",      "round"};
    QStringList got;
    for (const std::string &name : functionNames())
        got << QString::fromStdString(name);
    QCOMPARE(got, expected);
}

void TestFunctions::uuidFollowsContext()
{
    test::FakeContext context;
    auto t = Template::parse("{{ uuid() }}/{{ uuid() }}");
    QVERIFY(t.has_value());
    QCOMPARE(*t->evaluateString(context), std::string("00000000-0000-4000-8000-000000000001/"
                                                      "00000000-0000-4000-8000-000000000002"));
}

QTEST_GUILESS_MAIN(TestFunctions)
#include "tst_functions.moc"
