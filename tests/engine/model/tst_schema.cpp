// JSON Schema subset: validation messages with JSON pointers, and checks of schemas themselves.
// LABELS: unit
#include <engine/model/schema.h>

#include <QTest>

using namespace tutti::engine;

namespace {

Json j(const char *text)
{
    return Json::parse(text);
}

std::string joined(const Errors &errors)
{
    std::string out;
    for (const auto &e : errors)
        out += e.message + "\n";
    return out;
}

} // namespace

class TestSchema : public QObject {
    Q_OBJECT

private slots:
    void validate_data()
    {
        QTest::addColumn<QString>("schema");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QStringList>("messages"); // empty: valid
        const QString order = "{\"type\":\"object\",\"required\":[\"sku\",\"qty\"],"
                              "\"properties\":{\"sku\":{\"type\":\"string\",\"minLength\":2},"
                              "\"qty\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":10}}}";
        QTest::newRow("valid") << order << "{\"sku\":\"ab\",\"qty\":2}" << QStringList{};
        QTest::newRow("integral float is an integer")
            << order << "{\"sku\":\"ab\",\"qty\":2.0}" << QStringList{};
        QTest::newRow("wrong type") << order << "{\"sku\":\"ab\",\"qty\":\"2\"}"
                                    << QStringList{"/qty: expected integer, got string"};
        QTest::newRow("missing") << order << "{\"sku\":\"ab\"}"
                                 << QStringList{"(root): missing required property 'qty'"};
        QTest::newRow("several") << order << "{\"sku\":\"a\",\"qty\":11}"
                                 << QStringList{"/sku: must be at least 2 characters long, got 1",
                                                "/qty: must be at most 10, got 11"};
        QTest::newRow("root type")
            << order << "[1]" << QStringList{"(root): expected object, got array"};
        QTest::newRow("type list")
            << "{\"type\":[\"string\",\"null\"]}"
            << "3" << QStringList{"(root): expected string or null, got integer"};
        QTest::newRow("enum") << "{\"enum\":[\"a\",\"b\"]}"
                              << "\"c\""
                              << QStringList{"(root): must be one of \"a\", \"b\", got \"c\""};
        QTest::newRow("const") << "{\"const\":3}"
                               << "4" << QStringList{"(root): must be 3, got 4"};
        QTest::newRow("pattern") << "{\"pattern\":\"^[A-Z]+$\"}"
                                 << "\"abc\""
                                 << QStringList{
                                        "(root): must match the pattern ^[A-Z]+$, got \"abc\""};
        QTest::newRow("pattern searches") << "{\"pattern\":\"b\"}"
                                          << "\"abc\"" << QStringList{};
        QTest::newRow("items")
            << "{\"type\":\"array\",\"items\":{\"type\":\"number\"},\"maxItems\":3}"
            << "[1,\"x\",3,4]"
            << QStringList{"(root): must have at most 3 items, got 4",
                           "/1: expected number, got string"};
        QTest::newRow("minItems") << "{\"minItems\":1}"
                                  << "[]"
                                  << QStringList{"(root): must have at least 1 items, got 0"};
        QTest::newRow("additional false")
            << "{\"properties\":{\"a\":{}},\"additionalProperties\":false}"
            << "{\"a\":1,\"b\":2}" << QStringList{"/b: unexpected property 'b'"};
        QTest::newRow("additional schema")
            << "{\"additionalProperties\":{\"type\":\"string\"}}"
            << "{\"a\":\"x\",\"b\":2}" << QStringList{"/b: expected string, got integer"};
        QTest::newRow("nested pointer escaping")
            << "{\"properties\":{\"a/b\":{\"properties\":{\"c\":{\"type\":\"boolean\"}}}}}"
            << "{\"a/b\":{\"c\":1}}" << QStringList{"/a~1b/c: expected boolean, got integer"};
        QTest::newRow("unicode length") << "{\"maxLength\":2}"
                                        << "\"é☕\"" << QStringList{};
        QTest::newRow("false schema") << "false"
                                      << "1" << QStringList{"(root): no value is allowed here"};
        QTest::newRow("annotations ignored")
            << "{\"title\":\"t\",\"description\":\"d\",\"default\":1,\"format\":\"email\"}"
            << "\"not an email\"" << QStringList{};
    }

    void validate()
    {
        QFETCH(QString, schema);
        QFETCH(QString, value);
        QFETCH(QStringList, messages);
        const Errors errors =
            validateJson(Json::parse(value.toStdString()), Json::parse(schema.toStdString()));
        QStringList got;
        for (const auto &e : errors) {
            got << QString::fromStdString(e.message);
            QCOMPARE(e.code, ErrorCode::Validation);
            QVERIFY(QString::fromStdString(e.message).startsWith(
                e.path.empty() ? QString("(root)") : QString::fromStdString(e.path)));
        }
        QCOMPARE(got, messages);
    }

    void check_data()
    {
        QTest::addColumn<QString>("schema");
        QTest::addColumn<QString>("path"); // "" = valid
        QTest::addColumn<QString>("substring");
        QTest::newRow("valid") << "{\"type\":\"object\",\"required\":[\"a\"],\"properties\":{\"a\":"
                                  "{\"type\":\"integer\",\"minimum\":0}}}"
                               << ""
                               << "";
        QTest::newRow("null is no schema") << "null"
                                           << ""
                                           << "";
        QTest::newRow("unknown keyword") << "{\"typ\":\"object\"}"
                                         << "/typ"
                                         << "unknown schema keyword 'typ' (did you mean 'type'?)";
        QTest::newRow("unknown type") << "{\"properties\":{\"q\":{\"type\":\"intger\"}}}"
                                      << "/properties/q/type"
                                      << "did you mean 'integer'?";
        QTest::newRow("required not list") << "{\"required\":\"a\"}"
                                           << "/required"
                                           << "list of property names";
        QTest::newRow("bad pattern") << "{\"pattern\":\"(\"}"
                                     << "/pattern"
                                     << "not a valid regular expression";
        // RE2 syntax: what needs a backtracking engine is refused when the flow is loaded.
        QTest::newRow("backreference") << "{\"properties\":{\"c\":{\"pattern\":\"(a)\\\\1\"}}}"
                                       << "/properties/c/pattern"
                                       << "a backreference (\\1) is not supported";
        QTest::newRow("lookahead") << "{\"items\":{\"pattern\":\"^(?!x)\"}}"
                                   << "/items/pattern"
                                   << "lookahead ((?!) is not supported";
        QTest::newRow("negative length") << "{\"minLength\":-1}"
                                         << "/minLength"
                                         << "non-negative integer";
        QTest::newRow("minimum string") << "{\"minimum\":\"1\"}"
                                        << "/minimum"
                                        << "a number";
        QTest::newRow("nested items") << "{\"items\":{\"enum\":[]}}"
                                      << "/items/enum"
                                      << "non-empty list";
        QTest::newRow("not an object") << "[1]"
                                       << ""
                                       << "a schema must be an object";
    }

    void check()
    {
        QFETCH(QString, schema);
        QFETCH(QString, path);
        QFETCH(QString, substring);
        const Errors errors = checkSchema(Json::parse(schema.toStdString()));
        if (substring.isEmpty()) {
            QVERIFY2(errors.empty(), joined(errors).c_str());
            return;
        }
        QCOMPARE(errors.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(errors[0].path), path);
        QCOMPARE(errors[0].code, ErrorCode::Schema);
        QVERIFY2(QString::fromStdString(errors[0].message).contains(substring),
                 errors[0].message.c_str());
    }

    void patternsRunInLinearTime()
    {
        // std::regex backtracks: seconds per extra character here, and it recurses per
        // character, so long strings overflow the stack. Correctness is asserted, not time.
        const Json schema = j(R"({"properties":{"s":{"pattern":"^(a+)+$"}}})");
        const std::string as(50000, 'a');
        const Errors bad = validateJson(Json{{"s", as + "b"}}, schema);
        QCOMPARE(bad.size(), std::size_t(1));
        QCOMPARE(bad[0].path, std::string("/s"));
        QVERIFY(QString::fromStdString(bad[0].message).contains("must match the pattern ^(a+)+$"));
        QVERIFY(validateJson(Json{{"s", as}}, schema).empty());
    }

    void millionCharacterStringsDoNotOverflowTheStack()
    {
        std::string text;
        text.reserve(1'000'000);
        for (int i = 0; i < 500'000; ++i)
            text += "ab";
        const Json schema = j(R"({"items":{"pattern":"^(a|b)*$"}})");
        QVERIFY(validateJson(Json::array({text}), schema).empty());
        text.back() = 'c';
        QCOMPARE(validateJson(Json::array({text}), schema).size(), std::size_t(1));
        QVERIFY(validateJson(Json(text), j(R"({"pattern":"^(a|b)*c$"})")).empty());
    }

    void compiledSchemasAreSharedAndKeepTheirPatterns()
    {
        Schema copy;
        {
            const Schema original =
                Schema::compile(j(R"({"additionalProperties":{"type":"string","pattern":"^x"}})"));
            copy = original; // the original goes away; the copy's patterns stay valid
        }
        QVERIFY(copy.validate(Json{{"a", "xy"}}).empty());
        QCOMPARE(copy.validate(Json{{"a", "yx"}}).size(), std::size_t(1));
        QVERIFY(copy.json()["additionalProperties"]["pattern"] == Json("^x"));
        QVERIFY(Schema().validate(Json("anything")).empty());
        QVERIFY(Schema().json().is_null());
    }

    void badSchemaDoesNotThrowWhenValidating()
    {
        // validateJson may see a schema nobody checked; it must not throw on a bad pattern.
        QVERIFY(validateJson(Json("x"), j("{\"pattern\":\"(\"}")).empty());
    }

    // exampleFor: what the studio's panels and `tutti simulate` start a run with. Schemas and
    // values are JSON with ' for " (so the rows stay readable).
    void exampleFor_data()
    {
        QTest::addColumn<QString>("schema");
        QTest::addColumn<QString>("example");
        QTest::addColumn<bool>("valid"); // the example satisfies the schema
        const auto row = [](const char *name, const char *schema, const char *example,
                            bool valid = true) {
            QTest::newRow(name) << QString(schema) << QString(example) << valid;
        };
        // A value the schema names comes first, in this order.
        row("const", "{'const': 3, 'default': 4, 'type': 'integer'}", "3");
        row("default", "{'default': 'b', 'examples': ['c'], 'enum': ['a', 'b']}", "'b'");
        row("examples", "{'examples': [{'a': 1}, {'a': 2}], 'type': 'object'}", "{'a': 1}");
        row("enum", "{'enum': ['fast', 'slow']}", "'fast'");
        row("empty examples", "{'examples': [], 'enum': [2]}", "2");
        // Objects: required properties, and optional ones that name a value.
        row("required only",
            "{'type': 'object', 'required': ['sku', 'qty'], 'properties': {'sku': {'type': "
            "'string'}, 'note': {'type': 'string'}, 'qty': {'type': 'integer', 'minimum': 2}}}",
            "{'sku': 'sample', 'qty': 2}");
        row("optional with a value",
            "{'type': 'object', 'properties': {'gift': {'type': 'boolean', 'default': false}, "
            "'mode': {'enum': ['a']}, 'size': {'examples': ['M']}, 'kind': {'const': 'x'}}}",
            "{'gift': false, 'size': 'M', 'kind': 'x'}");
        row("nested",
            "{'required': ['a'], 'properties': {'a': {'required': ['b'], 'properties': "
            "{'b': {'type': 'number'}, 'c': {'type': 'string'}}}}}",
            "{'a': {'b': 1}}");
        row("required without a schema", "{'type': 'object', 'required': ['x']}", "{'x': null}");
        row("property order kept",
            "{'required': ['z', 'a'], 'properties': {'z': {'type': 'integer'}, 'a': {'type': "
            "'integer'}}}",
            "{'z': 1, 'a': 1}");
        // Plain values of a type, within its bounds.
        row("string", "{'type': 'string'}", "'sample'");
        row("minLength", "{'type': 'string', 'minLength': 9}", "'samplexxx'");
        row("maxLength", "{'type': 'string', 'maxLength': 3}", "'sam'");
        row("pattern is not followed", "{'type': 'string', 'pattern': '^[0-9]+$'}", "'sample'",
            false);
        row("integer", "{'type': 'integer'}", "1");
        row("integer minimum", "{'type': 'integer', 'minimum': 2.5}", "3");
        row("integer minimum below 1", "{'type': 'integer', 'minimum': -4}", "1");
        row("integer maximum", "{'type': 'integer', 'maximum': -2.5}", "-3");
        row("number", "{'type': 'number'}", "1");
        row("number minimum", "{'type': 'number', 'minimum': 2.5}", "2.5");
        row("number minimum 0", "{'type': 'number', 'minimum': 0}", "1");
        row("number maximum", "{'type': 'number', 'maximum': 0.5}", "0.5");
        row("boolean", "{'type': 'boolean'}", "false");
        row("null", "{'type': 'null'}", "null");
        row("type list", "{'type': ['null', 'string']}", "'sample'");
        row("array", "{'type': 'array', 'items': {'type': 'integer'}}", "[]");
        row("minItems", "{'type': 'array', 'minItems': 2, 'items': {'type': 'string'}}",
            "['sample', 'sample']");
        row("anything", "{}", "null");
        row("true schema", "true", "null");
        row("no schema", "null", "null");
    }
    void exampleFor()
    {
        QFETCH(QString, schema);
        QFETCH(QString, example);
        QFETCH(bool, valid);
        const auto json = [](QString text) {
            return Json::parse(text.replace('\'', '"').toStdString());
        };
        const Json s = json(schema);
        const Json got = tutti::engine::exampleFor(s);
        QCOMPARE(got.dump(), json(example).dump());
        QCOMPARE(validateJson(got, s).empty(), valid);
    }

    // exampleInput: a run's input is an object unless the schema's example is another value.
    void exampleInput_data()
    {
        QTest::addColumn<QString>("schema");
        QTest::addColumn<QString>("input");
        QTest::newRow("no schema") << "null"
                                   << "{}";
        QTest::newRow("anything") << "{}"
                                  << "{}";
        QTest::newRow("object") << "{\"required\":[\"a\"]}"
                                << "{\"a\":null}";
        QTest::newRow("examples") << "{\"examples\":[[1]]}"
                                  << "[1]";
    }
    void exampleInput()
    {
        QFETCH(QString, schema);
        QFETCH(QString, input);
        QCOMPARE(tutti::engine::exampleInput(j(qPrintable(schema))).dump(),
                 j(qPrintable(input)).dump());
    }
};

QTEST_GUILESS_MAIN(TestSchema)
#include "tst_schema.moc"
