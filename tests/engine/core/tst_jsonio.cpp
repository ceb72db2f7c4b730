// Tests for bounded JSON parsing and non-throwing dumping (engine/core/jsonio).
// LABELS: unit
#include <engine/core/jsonio.h>

#include <QTest>

using namespace tutti::engine;

class TestJsonIo : public QObject {
    Q_OBJECT

private slots:
    void parsesLikeNlohmann_data();
    void parsesLikeNlohmann();
    void syntaxErrorsAreLocated_data();
    void syntaxErrorsAreLocated();
    void numberOverflowIsASyntaxError();
    void depthIsBounded();
    void depthLimitIsConfigurable();
    void sizeIsBounded();
    void duplicateKeysLastWinsInFirstPlace();
    void largeObjectsLoadInLinearTime();
    void dumpMatchesNlohmann_data();
    void dumpMatchesNlohmann();
    void dumpReplacesInvalidUtf8();
    void dumpOfVeryDeepValueDoesNotRecurse();
    void depthOfValues();
    void utf8Checks_data();
    void utf8Checks();
    void objectBuilder();
};

void TestJsonIo::parsesLikeNlohmann_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("object") << R"({"b": 1, "a": [true, false, null], "c": {"d": "e"}})";
    QTest::newRow("scalars")
        << R"([1, -2, 3.5, 1e300, 18446744073709551615, "\u00e9\ud83d\ude00"])";
    QTest::newRow("empty containers") << R"({"a": {}, "b": [], "c": [[], {}]})";
    QTest::newRow("top-level scalar") << "42";
    QTest::newRow("string") << R"("x\ny")";
    QTest::newRow("big object") << [] {
        QString s = "{";
        for (int i = 0; i < 100; ++i)
            s += QString("\"k%1\": %1,").arg(i);
        return s + "\"last\": 0}";
    }();
}

void TestJsonIo::parsesLikeNlohmann()
{
    QFETCH(QString, text);
    const std::string t = text.toStdString();
    auto parsed = parseJson(t);
    QVERIFY2(parsed, parsed ? "" : parsed.error().toString().c_str());
    QCOMPARE(parsed->dump(), Json::parse(t).dump());
}

void TestJsonIo::syntaxErrorsAreLocated_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");
    QTest::newRow("bad literal") << QByteArray("[tru]") << 1 << 5 << "invalid literal";
    QTest::newRow("second line") << QByteArray("{\n  \"a\": ,\n}") << 2 << 8 << "unexpected ','";
    QTest::newRow("missing value at end")
        << QByteArray("{\"a\": ") << 1 << 7 << "unexpected end of input";
    QTest::newRow("trailing garbage") << QByteArray("{} x") << 1 << 4 << "expected end of input";
    QTest::newRow("invalid UTF-8 in a string")
        << QByteArray("[\"a\xff\"]") << 1 << 4 << "ill-formed UTF-8";
    QTest::newRow("empty") << QByteArray() << 1 << 1 << "unexpected end of input";
}

void TestJsonIo::syntaxErrorsAreLocated()
{
    QFETCH(QByteArray, text);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, message);
    auto parsed = parseJson(text.toStdString());
    QVERIFY(!parsed);
    QCOMPARE(parsed.error().code, ErrorCode::Syntax);
    QVERIFY2(QString::fromStdString(parsed.error().message).contains(message),
             parsed.error().message.c_str());
    QVERIFY2(!QString::fromStdString(parsed.error().message).contains("json.exception"),
             parsed.error().message.c_str());
    QCOMPARE(parsed.error().location.line, line);
    QCOMPARE(parsed.error().location.column, column);
}

void TestJsonIo::numberOverflowIsASyntaxError()
{
    auto parsed = parseJson("{\"a\":\n 1e999999}");
    QVERIFY(!parsed);
    QCOMPARE(parsed.error().code, ErrorCode::Syntax);
    QVERIFY2(QString::fromStdString(parsed.error().message).contains("1e999999"),
             parsed.error().message.c_str());
    QCOMPARE(parsed.error().location.line, 2);
    QCOMPARE(parsed.error().location.column, 2); // where the number starts
}

void TestJsonIo::depthIsBounded()
{
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    auto parsed = parseJson(deep);
    QVERIFY(!parsed);
    QCOMPARE(parsed.error().code, ErrorCode::Limit);
    QVERIFY2(parsed.error().message.find("deeper than 256") != std::string::npos,
             parsed.error().message.c_str());
    QCOMPARE(parsed.error().location.line, 1);
    QCOMPARE(parsed.error().location.column, 257);

    // Exactly at the limit is fine, objects count like arrays, strings do not.
    std::string ok;
    for (int i = 0; i < 128; ++i)
        ok += "{\"[{\":[";
    ok += "1";
    for (int i = 0; i < 128; ++i)
        ok += "]}";
    auto atLimit = parseJson(ok);
    QVERIFY2(atLimit, atLimit ? "" : atLimit.error().toString().c_str());
    QCOMPARE(jsonDepth(*atLimit), 256);
    auto over = parseJson("[" + ok + "]");
    QVERIFY(!over);
    QCOMPARE(over.error().code, ErrorCode::Limit);
}

void TestJsonIo::depthLimitIsConfigurable()
{
    JsonLimits limits;
    limits.maxDepth = 2;
    QVERIFY(parseJson("[[1]]", limits));
    auto over = parseJson("{\"a\": [{}]}", limits);
    QVERIFY(!over);
    QCOMPARE(over.error().location.column, 8); // the third opening bracket
}

void TestJsonIo::sizeIsBounded()
{
    JsonLimits limits;
    limits.maxBytes = 10;
    QVERIFY(parseJson("[1,2,3,4]", limits));
    auto over = parseJson("[1,2,3,4,5]", limits);
    QVERIFY(!over);
    QCOMPARE(over.error().code, ErrorCode::Limit);
    QVERIFY(over.error().message.find("limit is 10") != std::string::npos);
}

void TestJsonIo::duplicateKeysLastWinsInFirstPlace()
{
    auto small = parseJson(R"({"a": 1, "b": 2, "a": 3})");
    QVERIFY(small);
    QCOMPARE(small->dump(), std::string(R"({"a":3,"b":2})"));
    // Past the size where the builder switches to a hash index.
    std::string text = "{";
    for (int i = 0; i < 40; ++i)
        text += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + ",";
    text += "\"k3\": \"again\"}";
    auto large = parseJson(text);
    QVERIFY(large);
    QCOMPARE(large->size(), std::size_t(40));
    QCOMPARE(large->begin().key(), std::string("k0"));
    QVERIFY((*large)["k3"] == Json("again"));
    QCOMPARE(large->dump(), Json::parse(text).dump());
}

void TestJsonIo::largeObjectsLoadInLinearTime()
{
    // 100,000 keys took seconds through ordered_json's linear key search; now well under one.
    std::string text = "{";
    for (int i = 0; i < 100000; ++i)
        text += "\"key" + std::to_string(i) + "\":" + std::to_string(i) + ",";
    text.back() = '}';
    QElapsedTimer timer;
    timer.start();
    auto parsed = parseJson(text);
    QVERIFY(parsed);
    QCOMPARE(parsed->size(), std::size_t(100000));
    QVERIFY((*parsed)["key99999"] == Json(99999));
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
}

void TestJsonIo::dumpMatchesNlohmann_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("indent");
    const char *docs[] = {
        R"({"b": 1, "a": [true, false, null, 1.5, -3, "s\"\n\u0001"], "c": {"d": {}, "e": []}})",
        R"([[1, [2, [3, {"x": [4]}]]], {}])",
        R"("just a string")",
        "null",
        "[]",
        "{}"};
    int row = 0;
    for (const char *doc : docs) {
        for (int indent : {-1, 0, 2, 4})
            QTest::newRow(qPrintable(QString("%1 indent %2").arg(row).arg(indent)))
                << QString(doc) << indent;
        ++row;
    }
}

void TestJsonIo::dumpMatchesNlohmann()
{
    QFETCH(QString, text);
    QFETCH(int, indent);
    const Json value = Json::parse(text.toStdString());
    QCOMPARE(dumpJson(value, indent), value.dump(indent));
}

void TestJsonIo::dumpReplacesInvalidUtf8()
{
    Json value = Json::object();
    value["k\xff"] = "v\xfe\xff";
    // nlohmann's own dump throws type_error.316 on this value.
    QVERIFY_THROWS_EXCEPTION(Json::type_error, (void)value.dump());
    const std::string out = dumpJson(value);
    QVERIFY(isValidUtf8(out));
    QVERIFY(out.find("\xEF\xBF\xBD") != std::string::npos);
    QCOMPARE(dumpJson(Json("\xc3\x28"), 2), std::string("\"\xEF\xBF\xBD(\""));
}

void TestJsonIo::dumpOfVeryDeepValueDoesNotRecurse()
{
    // Built at run time, not parsed: deeper than nlohmann's recursive dump can take.
    Json deep = Json::array();
    Json *at = &deep;
    const int depth = 200000;
    for (int i = 1; i < depth; ++i) {
        at->push_back(Json::array());
        at = &(*at)[0];
    }
    at->push_back("\xff");
    QCOMPARE(jsonDepth(deep), depth);
    const std::string compact = dumpJson(deep);
    QCOMPARE(compact.size(), std::size_t(2 * depth + 5)); // "\"\xEF\xBF\xBD\"" is 5 bytes
    QVERIFY(compact.starts_with("[[[[") && compact.ends_with("]]]]"));
    // Past the depth where dumpJson stops using nlohmann's recursive dump, the bytes are still
    // the same (1500 levels is still safe for nlohmann itself, so it can be compared).
    Json shallow = Json::parse(R"({"a": [1, {"b": [true, "x", 2.5]}], "c": {}, "d": []})");
    Json wrapped = Json::array();
    at = &wrapped;
    for (int i = 1; i < 1500; ++i) {
        at->push_back(i % 2 ? Json::array() : Json::object({{"k", Json::array()}}));
        Json &child = at->back();
        at = child.is_array() ? &child : &child["k"];
    }
    at->push_back(shallow);
    at->push_back(3);
    QVERIFY(jsonDepth(wrapped) > 1500);
    for (int indent : {-1, 0, 2})
        QCOMPARE(dumpJson(wrapped, indent), wrapped.dump(indent));
}

void TestJsonIo::depthOfValues()
{
    QCOMPARE(jsonDepth(Json(1)), 0);
    QCOMPARE(jsonDepth(Json::array()), 1);
    QCOMPARE(jsonDepth(Json::parse(R"({"a": [1, {"b": []}], "c": 2})")), 4);
    QCOMPARE(jsonDepth(Json::parse("[[[[[]]]]]"), 2), 3); // stops counting past stopAt
}

void TestJsonIo::utf8Checks_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QByteArray>("fixed");
    QTest::newRow("ascii") << QByteArray("abc") << true << QByteArray("abc");
    QTest::newRow("two-byte") << QByteArray("\xc3\xa9") << true << QByteArray("\xc3\xa9");
    QTest::newRow("emoji") << QByteArray("\xf0\x9f\x98\x80") << true
                           << QByteArray("\xf0\x9f\x98\x80");
    QTest::newRow("0xFF") << QByteArray("a\xff"
                                        "b")
                          << false
                          << QByteArray("a\xEF\xBF\xBD"
                                        "b");
    QTest::newRow("truncated") << QByteArray("\xe2\x82") << false
                               << QByteArray("\xEF\xBF\xBD\xEF\xBF\xBD");
    QTest::newRow("overlong") << QByteArray("\xc0\xaf") << false
                              << QByteArray("\xEF\xBF\xBD\xEF\xBF\xBD");
    QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << false
                               << QByteArray("\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    QTest::newRow("nul is valid") << QByteArray("a\0b", 3) << true << QByteArray("a\0b", 3);
}

void TestJsonIo::utf8Checks()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, valid);
    QFETCH(QByteArray, fixed);
    const std::string_view text(bytes.constData(), static_cast<std::size_t>(bytes.size()));
    QCOMPARE(isValidUtf8(text), valid);
    const std::string out = toValidUtf8(text);
    QCOMPARE(QByteArray(out.data(), static_cast<qsizetype>(out.size())), fixed);
    QVERIFY(isValidUtf8(out));
}

void TestJsonIo::objectBuilder()
{
    Json object;
    JsonObjectBuilder builder(object);
    for (int i = 0; i < 1000; ++i) {
        auto [slot, inserted] = builder.insert("k" + std::to_string(i % 500));
        QCOMPARE(inserted, i < 500);
        *slot = i;
    }
    QCOMPARE(object.size(), std::size_t(500));
    QVERIFY(object["k0"] == Json(500));
    QCOMPARE(object.begin().key(), std::string("k0"));
}

QTEST_GUILESS_MAIN(TestJsonIo)
#include "tst_jsonio.moc"
