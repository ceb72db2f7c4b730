// Tests for Expression: literals, precedence, every operator, paths and null propagation,
// evaluation and syntax errors with their columns and paths, referenced steps and roots.
// LABELS: unit
#include "fakecontext.h"

#include <engine/expr/ast.h>
#include <engine/expr/expression.h>

#include <QTest>

using namespace tutti::engine;
using namespace tutti::engine::expr;

class TestExpression : public QObject {
    Q_OBJECT

private slots:
    void evaluate_data();
    void evaluate();
    void evaluationError_data();
    void evaluationError();
    void syntaxError_data();
    void syntaxError();
    void referenced_data();
    void referenced();
    void isPath_data();
    void isPath();
    void lineZeroLocation();
    void copiesShareTheTree();
    void defaultExpressionIsNull();
    void shortCircuitSkipsErrors();
    void garbageNeverCrashes();
    void depthIsBounded_data();
    void depthIsBounded();
    void depthAtTheLimitEvaluates();
    void truthiness_data();
    void truthiness();
};

// Rows: expression text, expected value as JSON text (compared by dump, so 3 and 3.0 differ).
void TestExpression::evaluate_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");

    // literals
    QTest::newRow("int") << "42"
                         << "42";
    QTest::newRow("negative int") << "-7"
                                  << "-7";
    QTest::newRow("float") << "2.5"
                           << "2.5";
    QTest::newRow("exponent") << "1e3"
                              << "1000.0";
    QTest::newRow("single quoted") << "'hi'"
                                   << "\"hi\"";
    QTest::newRow("double quoted") << "\"hi\""
                                   << "\"hi\"";
    QTest::newRow("escapes") << R"('a\'b\n\t\\')"
                             << R"("a'b\n\t\\")";
    QTest::newRow("double escape") << R"("say \"x\"")"
                                   << R"("say \"x\"")";
    QTest::newRow("unicode escape") << R"('\u00e9')"
                                    << "\"\u00e9\"";
    QTest::newRow("surrogate pair") << R"('\ud83d\ude00')"
                                    << "\"\xF0\x9F\x98\x80\"";
    QTest::newRow("true") << "true"
                          << "true";
    QTest::newRow("false") << "false"
                           << "false";
    QTest::newRow("null") << "null"
                          << "null";
    QTest::newRow("array") << "[1, 'a', null]"
                           << R"([1,"a",null])";
    QTest::newRow("empty array") << "[]"
                                 << "[]";
    QTest::newRow("array trailing comma") << "[1, 2,]"
                                          << "[1,2]";
    QTest::newRow("array with paths") << "[input.qty, vars.count]"
                                      << "[2,3]";
    QTest::newRow("object") << "{a: 1, 'b c': [true]}"
                            << R"({"a":1,"b c":[true]})";
    QTest::newRow("object with paths") << "{q: input.qty * 2}"
                                       << R"({"q":4})";
    QTest::newRow("empty object") << "{}"
                                  << "{}";

    // paths
    QTest::newRow("root") << "index"
                          << "2";
    QTest::newRow("member") << "input.sku"
                            << "\"A1\"";
    QTest::newRow("deep member") << "input.nested.k.v"
                                 << "1";
    QTest::newRow("index") << "input.tags[0]"
                           << "\"a\"";
    QTest::newRow("negative index") << "input.tags[-1]"
                                    << "\"c\"";
    QTest::newRow("negative index -3") << "input.tags[-3]"
                                       << "\"a\"";
    QTest::newRow("index out of range") << "input.tags[3]"
                                        << "null";
    QTest::newRow("negative out of range") << "input.tags[-4]"
                                           << "null";
    QTest::newRow("string key") << "input['weird key']"
                                << "\"w\"";
    QTest::newRow("expression index") << "input.tags[index - 1]"
                                      << "\"b\"";
    QTest::newRow("expression key") << "input.obj['x']"
                                    << "1";
    QTest::newRow("float integral index") << "input.tags[1.0]"
                                          << "\"b\"";
    QTest::newRow("missing key") << "input.nope"
                                 << "null";
    QTest::newRow("null propagation") << "input.nope.deeper.still"
                                      << "null";
    QTest::newRow("index of null") << "input.nil[0]"
                                   << "null";
    QTest::newRow("member of null") << "input.nil.x"
                                    << "null";
    QTest::newRow("keyword member") << "{in: 1, true: 2}.true"
                                    << "2";
    QTest::newRow("step") << "steps.reserve.body.id"
                          << "\"r_1\"";
    QTest::newRow("step bracket") << "steps['charge'].body.id"
                                  << "\"ch_9\"";
    QTest::newRow("step status") << "steps.reserve.status"
                                 << "201";
    QTest::newRow("step list") << "steps.reserve.body.list[1]"
                               << "20";
    QTest::newRow("secret") << "secret.PAYMENT_KEY"
                            << "\"sk_test\"";
    QTest::newRow("map step item") << "steps.fanout[1].body.id"
                                   << "2";
    QTest::newRow("map step last") << "steps.fanout[-1].body.id"
                                   << "2";
    QTest::newRow("map step len") << "len(steps.fanout)"
                                  << "2";
    QTest::newRow("parallel branch") << "steps.ship_and_notify.ship.body.id"
                                     << "\"sh_1\"";
    QTest::newRow("literal index") << "[10, 20][1]"
                                   << "20";
    QTest::newRow("call index") << "keys(input.obj)[1]"
                                << "\"y\"";
    QTest::newRow("paren member") << "(input.obj).y"
                                  << "2";
    QTest::newRow("whole root") << "item"
                                << R"({"id":7})";

    // unary
    QTest::newRow("not true") << "!true"
                              << "false";
    QTest::newRow("not null") << "!input.nil"
                              << "true";
    QTest::newRow("not not") << "!!input.sku"
                             << "true";
    QTest::newRow("not empty string") << "!input.empty"
                                      << "true";
    QTest::newRow("not zero") << "!input.zero"
                              << "true";
    QTest::newRow("not empty array") << "![]"
                                     << "true";
    QTest::newRow("not empty object") << "!{}"
                                      << "true";
    QTest::newRow("not non-empty array") << "!input.tags"
                                         << "false";
    QTest::newRow("negate path") << "-input.qty"
                                 << "-2";
    QTest::newRow("negate float") << "-input.amount"
                                  << "-12.5";
    QTest::newRow("double negate") << "--3"
                                   << "3";

    // arithmetic
    QTest::newRow("add ints") << "1 + 2"
                              << "3";
    QTest::newRow("add mixed") << "1 + 0.5"
                               << "1.5";
    QTest::newRow("sub") << "10 - 4"
                         << "6";
    QTest::newRow("mul") << "6 * 7"
                         << "42";
    QTest::newRow("mul floats") << "1.5 * 2"
                                << "3.0";
    QTest::newRow("div exact") << "6 / 2"
                               << "3";
    QTest::newRow("div inexact") << "7 / 2"
                                 << "3.5";
    QTest::newRow("div negative exact") << "-9 / 3"
                                        << "-3";
    QTest::newRow("div float") << "1.0 / 4"
                               << "0.25";
    QTest::newRow("mod") << "7 % 3"
                         << "1";
    QTest::newRow("mod negative") << "-7 % 3"
                                  << "-1";
    QTest::newRow("mod float") << "7.5 % 2"
                               << "1.5";
    QTest::newRow("int overflow to double") << "input.big + 1"
                                            << "9.223372036854776e+18";
    QTest::newRow("concat") << "'a' + 'b'"
                            << "\"ab\"";
    QTest::newRow("concat number") << "'n=' + 5"
                                   << "\"n=5\"";
    QTest::newRow("concat number left") << "5 + 'x'"
                                        << "\"5x\"";
    QTest::newRow("concat null") << "'x' + null"
                                 << "\"x\"";
    QTest::newRow("concat bool") << "'x' + true"
                                 << "\"xtrue\"";
    QTest::newRow("concat array") << "'x' + [1]"
                                  << "\"x[1]\"";
    QTest::newRow("concat object") << "'x' + {a: 1}"
                                   << R"("x{\"a\":1}")";
    QTest::newRow("concat chain") << "input.sku + '-' + input.qty"
                                  << "\"A1-2\"";
    QTest::newRow("array concat") << "[1] + [2, 3]"
                                  << "[1,2,3]";
    QTest::newRow("array concat path") << "input.tags + ['d']"
                                       << R"(["a","b","c","d"])";
    QTest::newRow("object merge") << "input.obj + {y: 5, z: 6}"
                                  << R"({"x":1,"y":5,"z":6})";

    // precedence and associativity
    QTest::newRow("mul before add") << "1 + 2 * 3"
                                    << "7";
    QTest::newRow("parens") << "(1 + 2) * 3"
                            << "9";
    QTest::newRow("left assoc sub") << "10 - 3 - 2"
                                    << "5";
    QTest::newRow("left assoc div") << "100 / 10 / 5"
                                    << "2";
    QTest::newRow("unary binds tighter") << "-2 * 3"
                                         << "-6";
    QTest::newRow("not binds tighter than and") << "!false && false"
                                                << "false";
    QTest::newRow("and before or") << "true || false && false"
                                   << "true";
    QTest::newRow("comparison before and") << "1 < 2 && 3 > 2"
                                           << "true";
    QTest::newRow("equality after relational") << "1 < 2 == true"
                                               << "true";
    QTest::newRow("add before compare") << "1 + 1 == 2"
                                        << "true";
    QTest::newRow("ternary lowest") << "1 + 1 == 2 ? 'y' : 'n'"
                                    << "\"y\"";
    QTest::newRow("ternary right assoc") << "false ? 1 : true ? 2 : 3"
                                         << "2";
    QTest::newRow("ternary nested then") << "true ? false ? 1 : 2 : 3"
                                         << "2";
    QTest::newRow("in with add") << "'a' + 'b' in 'xaby'"
                                 << "true";

    // comparison
    QTest::newRow("lt") << "1 < 2"
                        << "true";
    QTest::newRow("lt false") << "2 < 1"
                              << "false";
    QTest::newRow("le equal") << "2 <= 2"
                              << "true";
    QTest::newRow("gt") << "3 > 2.5"
                        << "true";
    QTest::newRow("ge") << "2 >= 3"
                        << "false";
    QTest::newRow("string lt") << "'abc' < 'abd'"
                               << "true";
    QTest::newRow("string ge") << "'b' >= 'a'"
                               << "true";
    QTest::newRow("eq int float") << "1 == 1.0"
                                  << "true";
    QTest::newRow("eq strings") << "input.sku == 'A1'"
                                << "true";
    QTest::newRow("ne") << "input.sku != 'A1'"
                        << "false";
    QTest::newRow("eq null") << "input.nope == null"
                             << "true";
    QTest::newRow("eq different types") << "1 == '1'"
                                        << "false";
    QTest::newRow("eq deep array") << "[1, [2]] == [1.0, [2]]"
                                   << "true";
    QTest::newRow("eq object order ignored") << "{a: 1, b: 2} == {b: 2, a: 1}"
                                             << "true";
    QTest::newRow("ne objects") << "input.obj != {x: 1}"
                                << "true";

    // in
    QTest::newRow("in array") << "'b' in input.tags"
                              << "true";
    QTest::newRow("not in array") << "'z' in input.tags"
                                  << "false";
    QTest::newRow("in array numeric") << "2.0 in [1, 2]"
                                      << "true";
    QTest::newRow("in object") << "'x' in input.obj"
                               << "true";
    QTest::newRow("not in object") << "'q' in input.obj"
                                   << "false";
    QTest::newRow("in string") << "'ob' in 'Bob'"
                               << "true";
    QTest::newRow("in null") << "'a' in input.nil"
                             << "false";

    // logic
    QTest::newRow("and") << "true && 1"
                         << "true";
    QTest::newRow("and false") << "input.sku && input.empty"
                               << "false";
    QTest::newRow("or") << "input.nil || 'x'"
                        << "true";
    QTest::newRow("or false") << "0 || ''"
                              << "false";
    QTest::newRow("ternary true") << "input.flag ? 'on' : 'off'"
                                  << "\"on\"";
    QTest::newRow("ternary falsy") << "input.empty ? 'on' : 'off'"
                                   << "\"off\"";
    QTest::newRow("ternary keeps type") << "true ? input.obj : null"
                                        << R"({"x":1,"y":2})";
    QTest::newRow("whitespace everywhere") << " \n input . sku \t"
                                           << "\"A1\"";
}

void TestExpression::evaluate()
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

// Rows: a JSON value, whether it is true. truthy() is what a choice's `when:` and the operators
// share, so both are checked.
void TestExpression::truthiness_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<bool>("expected");
    QTest::newRow("null") << "null" << false;
    QTest::newRow("false") << "false" << false;
    QTest::newRow("true") << "true" << true;
    QTest::newRow("zero") << "0" << false;
    QTest::newRow("negative zero") << "-0.0" << false;
    QTest::newRow("float zero") << "0.0" << false;
    QTest::newRow("one") << "1" << true;
    QTest::newRow("negative") << "-1" << true;
    QTest::newRow("fraction") << "0.001" << true;
    QTest::newRow("huge unsigned") << "18446744073709551615" << true;
    QTest::newRow("empty string") << "\"\"" << false;
    QTest::newRow("string") << "\"0\"" << true;
    QTest::newRow("string false") << "\"false\"" << true;
    QTest::newRow("empty array") << "[]" << false;
    QTest::newRow("array") << "[0]" << true;
    QTest::newRow("empty object") << "{}" << false;
    QTest::newRow("object") << "{\"a\": null}" << true;
}

void TestExpression::truthiness()
{
    QFETCH(QString, json);
    QFETCH(bool, expected);
    QCOMPARE(truthy(Json::parse(json.toStdString())), expected);
    test::FakeContext context;
    auto expression = Expression::parse("!!(" + json.toStdString() + ")");
    QVERIFY2(expression.has_value(), expression ? "" : expression.error().toString().c_str());
    auto value = expression->evaluate(context);
    QVERIFY2(value.has_value(), value ? "" : value.error().toString().c_str());
    QVERIFY2(*value == Json(expected), value->dump().c_str());
}

// Rows: expression, a fragment of the message, expected column (where = f:1:1), expected path.
void TestExpression::evaluationError_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("path");

    QTest::newRow("member of number")
        << "steps.reserve.body.n.id"
        << "cannot read 'id' of number 5" << 1 << "steps.reserve.body.n.id";
    QTest::newRow("member of string") << "input.sku.x"
                                      << "cannot read 'x' of string 'A1'" << 1 << "input.sku.x";
    QTest::newRow("member of bool") << "input.flag.x"
                                    << "of boolean true" << 1 << "input.flag.x";
    QTest::newRow("member of array") << "input.tags.x"
                                     << "cannot read 'x' of array" << 1 << "input.tags.x";
    QTest::newRow("index string") << "input.sku[0]"
                                  << "cannot index string 'A1'" << 1 << "input.sku[0]";
    QTest::newRow("array index type") << "input.tags['a']"
                                      << "array index must be an integer" << 1 << "input.tags['a']";
    QTest::newRow("array fractional index") << "input.tags[0.5]"
                                            << "must be an integer" << 1 << "input.tags[0.5]";
    QTest::newRow("object key type") << "input.obj[1]"
                                     << "object keys are strings" << 1 << "input.obj[1]";
    QTest::newRow("unknown root") << "1 + bogus.x"
                                  << "unknown name 'bogus'" << 5 << "bogus";
    QTest::newRow("unknown step") << "steps.nope.body"
                                  << "unknown step 'nope'" << 1 << "steps.nope";
    QTest::newRow("unset secret") << "'Bearer ' + secret.MISSING"
                                  << "secret 'MISSING' is not set (set TUTTI_SECRET_MISSING" << 13
                                  << "secret.MISSING";
    QTest::newRow("division by zero") << "input.qty / 0"
                                      << "division by zero" << 1 << "input.qty / 0";
    QTest::newRow("float division by zero") << "1.5 / 0"
                                            << "division by zero" << 1 << "1.5 / 0";
    QTest::newRow("modulo by zero") << "5 % input.zero"
                                    << "modulo by zero" << 1 << "5 % input.zero";
    QTest::newRow("sub strings") << "'a' - 1"
                                 << "cannot apply '-' to string 'a' and number 1" << 1 << "'a' - 1";
    QTest::newRow("mul null") << "2 * (input.nil)"
                              << "cannot apply '*'" << 1 << "2 * (input.nil)";
    QTest::newRow("add bool number") << "true + 1"
                                     << "cannot apply '+'" << 1 << "true + 1";
    QTest::newRow("compare mixed") << "1 < 'a'"
                                   << "cannot compare number 1 and string 'a'" << 1 << "1 < 'a'";
    QTest::newRow("compare null") << "input.nil >= 1"
                                  << "cannot compare null" << 1 << "input.nil >= 1";
    QTest::newRow("negate string") << "-input.sku"
                                   << "cannot negate string" << 1 << "-input.sku";
    QTest::newRow("in number") << "1 in 5"
                               << "'in' needs an array, object or string" << 1 << "1 in 5";
    QTest::newRow("in string needs string") << "1 in 'abc'"
                                            << "needs a string on the left" << 1 << "1 in 'abc'";
    QTest::newRow("nested sub-expression column")
        << "input.qty + (steps.reserve.body.id * 2)"
        << "cannot apply '*'" << 13 << "(steps.reserve.body.id * 2)";
    QTest::newRow("error in ternary branch") << "true ? input.sku.x : 1"
                                             << "cannot read 'x'" << 8 << "input.sku.x";
    QTest::newRow("function error") << "x + upper(input.qty)"
                                    << "unknown name 'x'" << 1 << "x";
    QTest::newRow("function type error")
        << "1 + upper(input.qty)"
        << "upper(text): expects a string, got number 2" << 5 << "upper(input.qty)";
}

void TestExpression::evaluationError()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    QFETCH(int, column);
    QFETCH(QString, path);
    test::FakeContext context;
    auto expression = Expression::parse(text.toStdString(), SourceLocation{"f.flow.yaml", 1, 1});
    QVERIFY2(expression.has_value(), expression ? "" : expression.error().toString().c_str());
    auto value = expression->evaluate(context);
    QVERIFY(!value.has_value());
    const Error &error = value.error();
    QVERIFY2(QString::fromStdString(error.message).contains(message), error.message.c_str());
    QCOMPARE(error.code, ErrorCode::Validation);
    QCOMPARE(error.location.file, std::string("f.flow.yaml"));
    QCOMPARE(error.location.line, 1);
    QCOMPARE(error.location.column, column);
    QCOMPARE(QString::fromStdString(error.path), path);
}

// Rows: expression, message fragment, column (where = f:3:10).
void TestExpression::syntaxError_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("column");

    QTest::newRow("empty") << ""
                           << "empty expression" << 10;
    QTest::newRow("blank") << "   "
                           << "empty expression" << 10;
    QTest::newRow("dangling operator") << "1 +"
                                       << "unexpected end of expression" << 13;
    QTest::newRow("member after dot") << "input.  +"
                                      << "expected a name after '.'" << 18;
    QTest::newRow("unclosed paren") << "(1 + 2"
                                    << "expected ')'" << 16;
    QTest::newRow("unclosed bracket") << "a[1"
                                      << "expected ']'" << 13;
    QTest::newRow("unterminated string") << "'abc"
                                         << "unterminated string" << 10;
    QTest::newRow("unknown escape") << "'a\\qb'"
                                    << "unknown escape '\\q'" << 12;
    QTest::newRow("bad unicode") << "'\\u12'"
                                 << "four hex digits" << 11;
    QTest::newRow("single equals") << "a = 1"
                                   << "use == to compare" << 12;
    QTest::newRow("single amp") << "a & b"
                                << "use &&" << 12;
    QTest::newRow("single pipe") << "a | b"
                                 << "use ||" << 12;
    QTest::newRow("bad char") << "a # b"
                              << "unexpected character '#'" << 12;
    QTest::newRow("trailing token") << "a b"
                                    << "unexpected 'b'" << 12;
    QTest::newRow("missing colon") << "a ? 1"
                                   << "expected ':'" << 15;
    QTest::newRow("unknown function") << "lenght(x)"
                                      << "unknown function 'lenght' (did you mean 'len'?)" << 10;
    QTest::newRow("unknown function case") << "1 + startswith('a', 'b')"
                                           << "did you mean 'startsWith'?" << 14;
    QTest::newRow("unknown function no hint") << "frobnicate()"
                                              << "unknown function 'frobnicate'" << 10;
    QTest::newRow("arity too many") << "len(1, 2)"
                                    << "len(value) takes 1 argument, got 2" << 10;
    QTest::newRow("arity too few") << "x + round()"
                                   << "round(number[, digits]) takes 1 or 2 arguments, got 0" << 14;
    QTest::newRow("arity none") << "uuid(1)"
                                << "uuid() takes 0 arguments, got 1" << 10;
    QTest::newRow("arity at least") << "sum()"
                                    << "takes at least 1 arguments" << 10;
    QTest::newRow("steps alone") << "steps"
                                 << "'steps' must be followed by .ID" << 15;
    QTest::newRow("steps dot number") << "steps.1"
                                      << "expected a step id" << 16;
    QTest::newRow("secret alone") << "secret + 1"
                                  << "'secret' must be followed by .NAME" << 17;
    QTest::newRow("call on value") << "a.b(1)"
                                   << "only named functions can be called" << 13;
    QTest::newRow("number then ident") << "12abc"
                                       << "after a number" << 12;
    QTest::newRow("array missing comma") << "[1 2]"
                                         << "expected ',' or ']'" << 13;
    QTest::newRow("object missing colon") << "{a 1}"
                                          << "expected ':' after an object key" << 13;
    QTest::newRow("object bad key") << "{1: 2}"
                                    << "expected a key" << 11;
    QTest::newRow("call missing comma") << "len(a b)"
                                        << "expected ',' or ')'" << 16;
    QTest::newRow("lone in") << "in"
                             << "unexpected 'in'" << 10;
    QTest::newRow("unexpected close") << ")"
                                      << "unexpected ')'" << 10;
}

void TestExpression::syntaxError()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    QFETCH(int, column);
    auto expression = Expression::parse(text.toStdString(), SourceLocation{"f.flow.yaml", 3, 10});
    QVERIFY(!expression.has_value());
    const Error &error = expression.error();
    QVERIFY2(QString::fromStdString(error.message).contains(message), error.message.c_str());
    QCOMPARE(error.code, ErrorCode::Syntax);
    QCOMPARE(error.location.line, 3);
    QCOMPARE(error.location.column, column);
}

void TestExpression::referenced_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("steps");
    QTest::addColumn<QStringList>("roots");

    QTest::newRow("none") << "1 + 2" << QStringList{} << QStringList{};
    QTest::newRow("one step") << "steps.reserve.body.id" << QStringList{"reserve"}
                              << QStringList{"steps"};
    QTest::newRow("two steps deduplicated")
        << "steps.a.x + steps.b['y'] + steps.a.z" << QStringList{"a", "b"} << QStringList{"steps"};
    QTest::newRow("roots") << "input.x && vars.y || secret.K ? item : input.z" << QStringList{}
                           << QStringList{"input", "vars", "secret", "item"};
    QTest::newRow("inside calls and literals")
        << "len([steps.s1.body, {k: env.region}]) > index" << QStringList{"s1"}
        << QStringList{"steps", "env", "index"};
    QTest::newRow("index expression")
        << "input.list[steps.pick.body.i]" << QStringList{"pick"} << QStringList{"input", "steps"};
}

void TestExpression::referenced()
{
    QFETCH(QString, text);
    QFETCH(QStringList, steps);
    QFETCH(QStringList, roots);
    auto expression = Expression::parse(text.toStdString());
    QVERIFY(expression.has_value());
    QStringList gotSteps, gotRoots;
    for (const auto &s : expression->referencedSteps())
        gotSteps << QString::fromStdString(s);
    for (const auto &r : expression->referencedRoots())
        gotRoots << QString::fromStdString(r);
    QCOMPARE(gotSteps, steps);
    QCOMPARE(gotRoots, roots);
}

void TestExpression::isPath_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("path");
    QTest::newRow("root") << "input" << true;
    QTest::newRow("members") << "input.a.b" << true;
    QTest::newRow("indexes") << "steps.x.body.items[0]['k']" << true;
    QTest::newRow("negative index") << "input.a[-1]" << true;
    QTest::newRow("secret") << "secret.KEY" << true;
    QTest::newRow("computed index") << "input.a[index]" << false;
    QTest::newRow("operator") << "input.a + 1" << false;
    QTest::newRow("call") << "len(input.a)" << false;
    QTest::newRow("literal") << "'x'" << false;
}

void TestExpression::isPath()
{
    QFETCH(QString, text);
    QFETCH(bool, path);
    auto expression = Expression::parse(text.toStdString());
    QVERIFY(expression.has_value());
    QCOMPARE(expression->isPath(), path);
}

void TestExpression::lineZeroLocation()
{
    // No known position: line stays 0 but the column still counts from 1.
    auto expression = Expression::parse("a +");
    QVERIFY(!expression.has_value());
    QCOMPARE(expression.error().location.line, 0);
    QCOMPARE(expression.error().location.column, 4);
}

void TestExpression::copiesShareTheTree()
{
    auto expression = Expression::parse("input.qty * 2");
    QVERIFY(expression.has_value());
    const Expression copy = *expression;
    QCOMPARE(&copy.ast(), &expression->ast());
    QCOMPARE(copy.ast().kind, internal::NodeKind::Binary);
    QCOMPARE(copy.ast().op, internal::Op::Mul);
    test::FakeContext context;
    QCOMPARE(copy.evaluate(context)->dump(), std::string("4"));
}

void TestExpression::defaultExpressionIsNull()
{
    const Expression expression;
    test::FakeContext context;
    auto value = expression.evaluate(context);
    QVERIFY(value.has_value());
    QVERIFY(value->is_null());
    QVERIFY(expression.referencedSteps().empty());
}

void TestExpression::shortCircuitSkipsErrors()
{
    test::FakeContext context;
    for (const char *text : {"false && steps.missing.x", "true || 1 / 0", "true ? 1 : bogus",
                             "default(input.sku, steps.missing)"}) {
        auto expression = Expression::parse(text);
        QVERIFY(expression.has_value());
        auto value = expression->evaluate(context);
        QVERIFY2(value.has_value(), text);
    }
}

void TestExpression::garbageNeverCrashes()
{
    // Random token soup (fixed seed): every input must give a value or an error, and every
    // error must point inside the text.
    static const char *pieces[] = {"input", "steps",   "secret", ".",    "[",   "]",  "(",
                                   ")",     "{",       "}",      "'a'",  "\"b", "1",  "-",
                                   "2.5",   "+",       "*",      "/",    "%",   "==", "<",
                                   "&&",    "||",      "!",      "?",    ":",   ",",  "in",
                                   "len",   "default", "null",   "tags", "x",   " ",  "\\",
                                   "'",     "0"};
    std::uint32_t state = 12345;
    auto nextRandom = [&state] {
        state = state * 1664525u + 1013904223u;
        return state >> 8;
    };
    test::FakeContext context;
    int parsed = 0;
    for (int i = 0; i < 3000; ++i) {
        std::string text;
        const int count = 1 + static_cast<int>(nextRandom() % 8);
        for (int k = 0; k < count; ++k)
            text += pieces[nextRandom() % std::size(pieces)];
        auto expression = Expression::parse(text, SourceLocation{"f", 1, 1});
        if (!expression) {
            QVERIFY2(expression.error().location.column >= 1 &&
                         expression.error().location.column <= static_cast<int>(text.size()) + 1,
                     text.c_str());
            continue;
        }
        ++parsed;
        auto value = expression->evaluate(context);
        if (!value)
            QVERIFY2(!value.error().message.empty(), text.c_str());
    }
    QVERIFY(parsed > 100);
}

void TestExpression::depthIsBounded_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("column"); // the token that made the tree too deep
    const auto repeat = [](const QString &piece, int n) {
        QString s;
        s.reserve(piece.size() * n);
        for (int i = 0; i < n; ++i)
            s += piece;
        return s;
    };
    // Chains are loops in the parser, so only the tree's depth can stop them: these overflowed
    // the stack when evaluated (and when validated, and when the tree was destroyed).
    QTest::newRow("10,000 additions") << "1" + repeat("+1", 10000) << 1 + 2 * 256;
    QTest::newRow("20,000 members") << "input" + repeat(".a", 20000) << 6 + 2 * 255 + 1;
    QTest::newRow("indexes") << "input" + repeat("[0]", 5000) << 6 + 3 * 255 + 2;
    QTest::newRow("comparisons") << "1" + repeat(" == 1", 3000) << 0;
    QTest::newRow("and chain") << "true" + repeat(" && true", 3000) << 0;
    QTest::newRow("mixed chain") << "input.a" + repeat(" + input.a", 3000) << 0;
    // Recursion in the parser itself was already bounded; same limit and message now.
    QTest::newRow("parentheses") << repeat("(", 5000) + "1" + repeat(")", 5000) << 0;
    QTest::newRow("negations") << repeat("!", 5000) + "true" << 0;
    QTest::newRow("arrays") << repeat("[", 5000) + repeat("]", 5000) << 0;
    QTest::newRow("ternaries") << repeat("true ? 1 : ", 5000) + "2" << 0;
    QTest::newRow("calls") << repeat("len(", 5000) + "1" + repeat(")", 5000) << 0;
}

void TestExpression::depthIsBounded()
{
    QFETCH(QString, text);
    QFETCH(int, column);
    auto expression = Expression::parse(text.toStdString(), SourceLocation{"f.flow.yaml", 3, 1});
    QVERIFY(!expression);
    const Error &error = expression.error();
    QCOMPARE(error.code, ErrorCode::Limit);
    QVERIFY2(error.message == "expression nested deeper than 256 levels", error.message.c_str());
    QCOMPARE(error.location.file, std::string("f.flow.yaml"));
    QCOMPARE(error.location.line, 3);
    if (column > 0)
        QCOMPARE(error.location.column, column);
    else
        QVERIFY(error.location.column >= 1 && error.location.column <= text.size());
}

void TestExpression::depthAtTheLimitEvaluates()
{
    test::FakeContext context;
    std::string sum = "1";
    for (int i = 0; i < 255; ++i)
        sum += "+1";
    auto expression = Expression::parse(sum); // 255 binary nodes over a leaf: 256 levels
    QVERIFY2(expression, expression ? "" : expression.error().message.c_str());
    auto value = expression->evaluate(context);
    QVERIFY(value);
    QVERIFY(*value == Json(256));
    QVERIFY(!Expression::parse(sum + "+1"));

    std::string path = "input.nested";
    for (int i = 0; i < 254; ++i)
        path += ".k";
    auto member = Expression::parse(path);
    QVERIFY(member);
    auto missing = member->evaluate(context);
    QVERIFY(missing && missing->is_null()); // input.nested.k.k is null, and null propagates
}

QTEST_GUILESS_MAIN(TestExpression)
#include "tst_expression.moc"
