// YAML loader: scalar typing (YAML 1.2 core schema), node and key locations, duplicate keys,
// limits and toYaml round trips (closestMatch and pointerToken: tests/engine/core).
// LABELS: unit
#include <engine/model/yamldoc.h>

#include <QElapsedTimer>
#include <QTest>

#include <limits>

using namespace tutti::engine;

Q_DECLARE_METATYPE(tutti::engine::Json)

namespace {

// "LINE:COL", as the location tests compare them.
QString lineColumn(const SourceLocation &location)
{
    return QString("%1:%2").arg(location.line).arg(location.column);
}

} // namespace

class TestYamlDoc : public QObject {
    Q_OBJECT

private slots:
    void scalars_data()
    {
        QTest::addColumn<QString>("yaml");
        QTest::addColumn<Json>("expected");
        QTest::newRow("int") << "v: 12" << Json(12);
        QTest::newRow("negative") << "v: -3" << Json(-3);
        QTest::newRow("float") << "v: 2.5" << Json(2.5);
        QTest::newRow("exponent") << "v: 1e3" << Json(1000.0);
        QTest::newRow("true") << "v: true" << Json(true);
        QTest::newRow("False") << "v: False" << Json(false);
        QTest::newRow("null") << "v: null" << Json(nullptr);
        QTest::newRow("tilde") << "v: ~" << Json(nullptr);
        QTest::newRow("empty") << "v:" << Json(nullptr);
        QTest::newRow("yes stays a string (1.2)") << "v: yes" << Json("yes");
        QTest::newRow("duration") << "v: 250ms" << Json("250ms");
        QTest::newRow("quoted int") << "v: \"12\"" << Json("12");
        QTest::newRow("single quoted true") << "v: 'true'" << Json("true");
        QTest::newRow("quoted null") << "v: \"null\"" << Json("null");
        QTest::newRow("version-like") << "v: 1.2.3" << Json("1.2.3");
        QTest::newRow("expression") << "v: \"{{ input.x }}\"" << Json("{{ input.x }}");
        QTest::newRow("block") << "v: |\n  a\n  b\n" << Json("a\nb\n");
        QTest::newRow("flow seq") << "v: [1, a, \"2\"]" << Json::array({1, "a", "2"});
        // The hand-written number checks that replaced std::regex, edge by edge.
        QTest::newRow("plus int") << "v: +7" << Json(7);
        QTest::newRow("leading dot") << "v: .5" << Json(0.5);
        QTest::newRow("trailing dot") << "v: 3." << Json(3.0);
        QTest::newRow("signed exponent") << "v: -1.5E-2" << Json(-0.015);
        QTest::newRow("lone sign") << "v: '-'" << Json("-");
        QTest::newRow("plain lone sign") << "v: -x" << Json("-x");
        QTest::newRow("lone dot") << "v: ." << Json(".");
        QTest::newRow("exponent without digits") << "v: 1e" << Json("1e");
        QTest::newRow("exponent only") << "v: e5" << Json("e5");
        QTest::newRow("dot exponent") << "v: .e5" << Json(".e5");
        QTest::newRow("int too big for 64 bits") << "v: 99999999999999999999" << Json(1e20);
        QTest::newRow("float overflow stays text") << "v: 1e999999" << Json("1e999999");
        QTest::newRow("long digit run")
            << "v: " + QString(5000, '1') + "x" << Json(std::string(5000, '1') + "x");
        QTest::newRow("inf") << "v: .inf" << Json(std::numeric_limits<double>::infinity());
    }

    void scalars()
    {
        QFETCH(QString, yaml);
        QFETCH(Json, expected);
        auto doc = parseYaml(yaml.toStdString(), "t.yaml");
        QVERIFY2(doc.has_value(), doc ? "" : doc.error().message.c_str());
        QVERIFY2(doc->root["v"] == expected, doc->root["v"].dump().c_str());
    }

    void locations()
    {
        const std::string text = "name: x\n"
                                 "steps:\n"
                                 "  - id: a\n"
                                 "    request: { method: POST, body: { sku: \"s1\" } }\n";
        auto doc = parseYaml(text, "f.yaml");
        QVERIFY(doc);
        const auto at = [&](const std::string &p) { return lineColumn(doc->locate(p)); };
        const auto atKey = [&](const std::string &p) { return lineColumn(doc->locateKey(p)); };
        QCOMPARE(at("/name"), QString("1:7"));
        QCOMPARE(atKey("/name"), QString("1:1"));
        QCOMPARE(at("/steps/0"), QString("3:5"));
        QCOMPARE(at("/steps/0/id"), QString("3:9"));
        QCOMPARE(atKey("/steps/0/request"), QString("4:5"));
        QCOMPARE(at("/steps/0/request/method"), QString("4:24"));
        QCOMPARE(at("/steps/0/request/body/sku"), QString("4:43"));
        // Unknown pointers fall back to the nearest known ancestor.
        QCOMPARE(at("/steps/0/request/nope/deeper"), QString("4:14"));
        QCOMPARE(doc->locate("/name").file, std::string("f.yaml"));
    }

    void errors_data()
    {
        QTest::addColumn<QString>("yaml");
        QTest::addColumn<int>("code");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("substring");
        QTest::newRow("duplicate key") << "a: 1\nb: 2\na: 3\n"
                                       << int(ErrorCode::Syntax) << 3 << "duplicate key 'a'";
        QTest::newRow("syntax") << "a: [1, 2\n" << int(ErrorCode::Syntax) << 2 << "";
        QTest::newRow("non-scalar key") << "? [a, b]\n: 1\n"
                                        << int(ErrorCode::Syntax) << 1 << "mapping keys";
        QTest::newRow("deep") << QString("v: ") + QString(80, '[') + QString(80, ']')
                              << int(ErrorCode::Limit) << 1 << "nesting deeper than 64";
        // Past yaml-cpp's own recursion guard (it throws DeepRecursion, "bad file").
        QTest::newRow("very deep") << QString("v: ") + QString(100000, '[') + QString(100000, ']')
                                   << int(ErrorCode::Limit) << 1 << "nesting deeper than 64";
        const auto blockSequences = [](int levels) {
            QString s;
            for (int i = 0; i < levels; ++i)
                s += QString(i, ' ') + "- \n";
            return s;
        };
        QTest::newRow("deep block")
            << blockSequences(200) << int(ErrorCode::Limit) << 66 << "nesting deeper than 64";
        // yaml-cpp gives up first here, where its own guard trips.
        QTest::newRow("very deep block")
            << blockSequences(1500) << int(ErrorCode::Limit) << 500 << "nesting deeper than 64";
        // An anchor whose node holds an alias of itself: a cycle, not a tree (this recursed
        // until the stack overflowed).
        QTest::newRow("self-referencing sequence") << "a: 1\nx: &a [ 1, *a ]\n"
                                                   << int(ErrorCode::Limit) << 2 << "endless cycle";
        QTest::newRow("self-referencing mapping") << "x: &m { k: 1, again: *m }\n"
                                                  << int(ErrorCode::Limit) << 1 << "endless cycle";
        QTest::newRow("cycle through two anchors") << "x: &a\n  - &b\n    - *a\n"
                                                   << int(ErrorCode::Limit) << 1 << "endless cycle";
        QTest::newRow("self-referencing block mapping")
            << "steps:\n  - &s\n    id: a\n    next: *s\n"
            << int(ErrorCode::Limit) << 2 << "endless cycle";
    }

    void errors()
    {
        QFETCH(QString, yaml);
        QFETCH(int, code);
        QFETCH(int, line);
        QFETCH(QString, substring);
        auto doc = parseYaml(yaml.toStdString(), "e.yaml");
        QVERIFY(!doc);
        QCOMPARE(int(doc.error().code), code);
        QCOMPARE(doc.error().location.line, line);
        QVERIFY2(QString::fromStdString(doc.error().message).contains(substring),
                 doc.error().message.c_str());
    }

    void limits()
    {
        YamlLimits small;
        small.maxBytes = 10;
        auto big = parseYaml("a: 12345678901234567890", "b.yaml", small);
        QVERIFY(!big);
        QCOMPARE(big.error().code, ErrorCode::Limit);

        std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
        const char *names = "abcdefgh";
        for (int i = 1; i < 8; ++i) {
            bomb += std::string(1, names[i]) + ": &" + names[i] + " [";
            for (int k = 0; k < 10; ++k)
                bomb += std::string(k ? ", *" : "*") + names[i - 1];
            bomb += "]\n";
        }
        auto expanded = parseYaml(bomb, "bomb.yaml");
        QVERIFY(!expanded);
        QCOMPARE(expanded.error().code, ErrorCode::Limit);
        // Aliases within the limit are fine and expand to copies.
        auto ok = parseYaml("a: &x { k: 1 }\nb: *x\n", "ok.yaml");
        QVERIFY(ok);
        QVERIFY(ok->root["b"] == ok->root["a"]);
        // The same anchor used twice on one path is a DAG, not a cycle.
        auto twice = parseYaml("a: &x [1]\nb: [*x, [*x]]\n", "twice.yaml");
        QVERIFY2(twice, twice ? "" : twice.error().message.c_str());
        QVERIFY(twice->root["b"] == Json::parse("[[1], [[1]]]"));
    }

    void aliasesReadAsTheirAnchors()
    {
        // An alias is a copy of its anchor's value; an error inside the copy points at the
        // anchor's text (where the value is written), under the alias's own pointer.
        const std::string text = "base: &b\n"
                                 "  retry: { retries: 2, on: [timeout] }\n"
                                 "  name: &n shared\n"
                                 "first: *b\n"
                                 "second: { nested: *b }\n"
                                 "*n : key from an alias\n";
        auto doc = parseYaml(text, "a.yaml");
        QVERIFY2(doc, doc ? "" : doc.error().message.c_str());
        QVERIFY(doc->root["first"] == doc->root["base"]);
        QVERIFY(doc->root["second"]["nested"] == doc->root["base"]);
        QVERIFY(doc->root["shared"] == Json("key from an alias"));
        const auto at = [&](const std::string &p) { return lineColumn(doc->locate(p)); };
        QCOMPARE(at("/base/retry/on/0"), QString("2:29"));
        QCOMPARE(at("/first/retry/on/0"), QString("2:29"));
        QCOMPARE(at("/second/nested/retry/retries"), QString("2:21"));
        QCOMPARE(at("/second/nested/name"), QString("3:9"));
        QCOMPARE(doc->locateKey("/first/retry").line, 2);
        QCOMPARE(doc->locateKey("/shared").line, 3);
        // An alias of a mapping cannot be a key (cycles through aliases: errors_data).
        auto mapKey = parseYaml("m: &m { a: 1 }\n*m : 2\n", "k.yaml");
        QVERIFY(!mapKey);
        QVERIFY2(mapKey.error().message.find("mapping keys") != std::string::npos,
                 mapKey.error().message.c_str());
        // A syntax error further on wins over a problem found before it (the file is broken).
        auto both = parseYaml("a: 1\na: 2\nb: [1, 2\n", "s.yaml");
        QVERIFY(!both);
        QCOMPARE(both.error().code, ErrorCode::Syntax);
        QVERIFY2(both.error().message.find("duplicate") == std::string::npos,
                 both.error().message.c_str());
    }

    void garbageNeverCrashes()
    {
        // Bytes that are not UTF-8, stray indicators, unbalanced brackets and aliases in every
        // position: each is a document or a located error.
        const char *pieces[] = {"&a ", "*a", "[",        "]",  "{", "}", ": ",     "\n", "- ", "? ",
                                "'",   "\"", "\xff\xfe", "  ", ",", "#", "!!str ", "~",  "x"};
        std::uint32_t state = 12345;
        const auto next = [&state] { return state = state * 1664525u + 1013904223u; };
        for (int round = 0; round < 3000; ++round) {
            std::string text;
            const int count = int(next() % 24);
            for (int i = 0; i < count; ++i)
                text += pieces[next() % std::size(pieces)];
            auto doc = parseYaml(text, "g.yaml");
            if (!doc)
                QVERIFY2(!doc.error().message.empty() && doc.error().location.file == "g.yaml",
                         text.c_str());
        }
    }

    void largeMappingLoadsInLinearTime()
    {
        // 100,000 keys took well over 20 s (ordered_json's contains() and operator[] search the
        // keys linearly); the benchmark bench_load prints the figures.
        std::string text = "m:\n";
        for (int i = 0; i < 100000; ++i)
            text += "  key" + std::to_string(i) + ": " + std::to_string(i) + "\n";
        text += "  key17: again\n";
        QElapsedTimer timer;
        timer.start();
        auto dup = parseYaml(text, "big.yaml");
        QVERIFY(!dup);
        QVERIFY2(dup.error().message.find("duplicate key 'key17'") != std::string::npos,
                 dup.error().message.c_str());
        QCOMPARE(dup.error().location.line, 100002);
        text.resize(text.rfind("  key17"));
        auto doc = parseYaml(text, "big.yaml");
        QVERIFY(doc);
        QCOMPARE(doc->root["m"].size(), std::size_t(100000));
        QVERIFY(doc->root["m"].begin().key() == "key0");
        QVERIFY(doc->root["m"]["key99999"] == Json(99999));
        // Generous for a loaded machine; the quadratic version takes many times this.
        QVERIFY2(timer.elapsed() < 15000, qPrintable(QString::number(timer.elapsed())));
    }

    void roundTrip_data()
    {
        QTest::addColumn<Json>("value");
        QTest::newRow("flow-ish") << Json::parse(
            "{\"tutti\":1,\"name\":\"checkout\",\"steps\":[{\"id\":\"reserve\",\"type\":\"http\","
            "\"request\":{\"method\":\"POST\",\"path\":\"/r\",\"body\":{\"sku\":\"{{ input.sku "
            "}}\",\"qty\":\"{{ input.qty "
            "}}\"}}},{\"id\":\"done\",\"type\":\"respond\",\"status\":201,\"body\":{\"ok\":true}}]"
            "}");
        QTest::newRow("tricky strings") << Json::parse(
            "{\"a\":\"true\",\"b\":\"12\",\"c\":\"null\",\"d\":\"\",\"e\":\"x: y\",\"f\":\"- "
            "item\",\"g\":\"# not a comment\",\"h\":\"line\\nbreak\",\"i\":\" padded \",\"j\":\"{{ "
            "x }}\",\"k\":\"'quoted'\",\"l\":\"\\\"dq\\\"\",\"m\":\"a "
            "#b\",\"n\":\"ends:\",\"o\":\"1.5\",\"p\":\"~\",\"q\":\"@at\",\"r\":\"*star\",\"s\":\"&"
            "amp\",\"t\":\"!bang\",\"u\":\"%pct\",\"v\":\"tab\\there\",\"w\":\"yes\"}");
        QTest::newRow("nesting") << Json::parse(
            "{\"a\":[[1,2],[3,[4,{\"x\":[]}]]],\"b\":{},\"c\":[],\"d\":[{\"k\":{\"deep\":{"
            "\"deeper\":[1,2,3,4,5,6]}}},{\"k2\":null}],\"e\":-1.25,\"f\":1e20}");
        QTest::newRow("top array") << Json::parse("[1,\"two\",{\"three\":3},[4]]");
        QTest::newRow("scalar") << Json("just text");
        QTest::newRow("unicode") << Json::parse(
            "{\"name\":\"caf\u00e9 \u2615\",\"key with "
            "space\":\"v\",\"key:colon\":\"w\",\"-dash\":\"z\",\"\":\"empty key\"}");
    }

    void roundTrip()
    {
        QFETCH(Json, value);
        const std::string yaml = toYaml(value);
        auto doc = parseYaml(yaml, "rt.yaml");
        QVERIFY2(doc.has_value(), (yaml + (doc ? "" : doc.error().message)).c_str());
        QVERIFY2(doc->root == value, (yaml + "\n!=\n" + doc->root.dump()).c_str());
    }
};

QTEST_GUILESS_MAIN(TestYamlDoc)
#include "tst_yamldoc.moc"
