// Format-preserving YAML edits (document/yamlpatch): each kind of change rewrites only its own
// lines, in the style of what is around it; what cannot be done in place is refused, and nothing
// returned ever reads back as anything but the new value.
// LABELS: unit
#include "documenttesting.h"

#include <document/yamlpatch.h>
#include <engine/core/jsonio.h>
#include <engine/model/yamldoc.h>

#include <QDirIterator>
#include <QFile>
#include <QtTest>

#include <functional>

using namespace tutti;
using namespace tutti::engine::test;
using engine::Json;
using engine::patchYaml;

namespace {

Json parsed(const std::string &text)
{
    auto doc = engine::parseYaml(text, "t.yaml");
    if (!doc)
        qFatal("test YAML does not parse: %s", doc.error().toString().c_str());
    return doc->root;
}

// `text` with `edit` made to its parse, patched; "" (and a failure message) when refused.
std::string patched(const std::string &text, const std::function<void(Json &)> &edit)
{
    const Json before = parsed(text);
    Json after = before;
    edit(after);
    auto out = patchYaml(text, before, after);
    if (!out) {
        qWarning("refused: %s", out.error().toString().c_str());
        return {};
    }
    return *out;
}

std::string readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return f.readAll().toStdString();
}

} // namespace

// Texts compared as QStrings, so a failure shows both.
#define SAME(actual, expected)                                                                     \
    QCOMPARE(QString::fromStdString(actual), QString::fromStdString(expected))

class TestYamlPatch : public QObject {
    Q_OBJECT

private slots:
    void unchangedValueKeepsTheText()
    {
        const std::string text = "# head\na:   1   # one\n\nb: { x: 2 }\n";
        SAME(patched(text, [](Json &) {}), text);
    }

    void scalarsChangeInPlace()
    {
        const std::string text = "# header\nname: old   # the name\n\ncount: 1\nlist: [a, b]\n";
        const std::string out = patched(text, [](Json &v) { v["name"] = "new"; });
        SAME(out, std::string("# header\nname: new   # the name\n\ncount: 1\nlist: [a, b]\n"));
        SAME(patched(text, [](Json &v) { v["count"] = 2.5; }),
             std::string("# header\nname: old   # the name\n\ncount: 2.5\nlist: [a, b]\n"));
        SAME(patched(text, [](Json &v) { v["list"][1] = "c"; }),
             std::string("# header\nname: old   # the name\n\ncount: 1\nlist: [a, c]\n"));
    }

    void quotingFollowsTheOldScalar()
    {
        const std::string text = "a: \"x\"\nb: 'y'\nc: z\nd: [p, \"q\"]\n";
        const std::string out = patched(text, [](Json &v) {
            v["a"] = "it's";
            v["b"] = "it's";
            v["c"] = "plain words";
            v["d"][0] = "a, b";
            v["d"][1] = "r";
        });
        SAME(out, std::string("a: \"it's\"\nb: 'it''s'\nc: plain words\nd: [\"a, b\", \"r\"]\n"));
        // A plain scalar that would read as something else is quoted.
        SAME(patched(text, [](Json &v) { v["c"] = "true"; }),
             std::string("a: \"x\"\nb: 'y'\nc: \"true\"\nd: [p, \"q\"]\n"));
        SAME(patched(text, [](Json &v) { v["c"] = "x: y # z"; }),
             std::string("a: \"x\"\nb: 'y'\nc: \"x: y # z\"\nd: [p, \"q\"]\n"));
        SAME(patched(text, [](Json &v) { v["a"] = 3; }),
             std::string("a: 3\nb: 'y'\nc: z\nd: [p, \"q\"]\n"));
    }

    void blockScalarsStayBlockScalars()
    {
        const std::string text = "code: |\n  let a = 1;\n  return a;\nnext: x\n";
        SAME(patched(text, [](Json &v) { v["code"] = "let b = 2;\nreturn b;\n"; }),
             std::string("code: |\n  let b = 2;\n  return b;\nnext: x\n"));
        SAME(patched(text, [](Json &v) { v["code"] = "one\n\ntwo"; }),
             std::string("code: |-\n  one\n\n  two\nnext: x\n"));
    }

    void nestedMappingsGetKeysAtTheirIndentation()
    {
        const std::string text = "top:\n  inner:\n    a: 1\n    b: 2\n  other: 3\nlast: 4\n";
        SAME(patched(text, [](Json &v) { v["top"]["inner"]["c"] = 3; }),
             std::string("top:\n  inner:\n    a: 1\n    b: 2\n    c: 3\n  other: 3\nlast: 4\n"));
        SAME(patched(text, [](Json &v) { v["top"]["inner"].erase("a"); }),
             std::string("top:\n  inner:\n    b: 2\n  other: 3\nlast: 4\n"));
        SAME(patched(text,
                     [](Json &v) {
                         v["top"]["new"] = Json::object(
                             {{"x", Json::array({1, 2, 3, 4})}, {"y", Json::object({{"z", 1}})}});
                     }),
             std::string("top:\n  inner:\n    a: 1\n    b: 2\n  other: 3\n  new:\n    x: [1, "
                         "2, 3, 4]\n    y: { z: 1 }\nlast: 4\n"));
        SAME(patched(text, [](Json &v) { v["top"]["inner"] = "gone"; }),
             std::string("top:\n  inner: gone\n  other: 3\nlast: 4\n"));
    }

    void flowMappingsStayFlowMappings()
    {
        const std::string text = "# compact\nsvc: { mock: m.yaml, circuit: { failures: 5 } }\n"
                                 "next: 1\n";
        SAME(patched(text, [](Json &v) { v["svc"]["circuit"]["failures"] = 9; }),
             std::string("# compact\nsvc: { mock: m.yaml, circuit: { failures: 9 } }\nnext: 1\n"));
        SAME(patched(text, [](Json &v) { v["svc"]["timeout"] = "2s"; }),
             std::string("# compact\nsvc: { mock: m.yaml, circuit: { failures: 5 }, timeout: "
                         "2s }\nnext: 1\n"));
        SAME(patched(text, [](Json &v) { v["svc"].erase("mock"); }),
             std::string("# compact\nsvc: { circuit: { failures: 5 } }\nnext: 1\n"));
        SAME(patched(text, [](Json &v) { v["svc"].erase("circuit"); }),
             std::string("# compact\nsvc: { mock: m.yaml }\nnext: 1\n"));
        SAME(patched(text,
                     [](Json &v) {
                         v["svc"]["circuit"] = Json::array({"a, b", 1});
                     }),
             std::string("# compact\nsvc: { mock: m.yaml, circuit: [\"a, b\", 1] }\nnext: 1\n"));
        // Emptied, it stays a flow mapping.
        SAME(patched(text, [](Json &v) { v["svc"] = Json::object(); }),
             std::string("# compact\nsvc: {}\nnext: 1\n"));
        // A flow mapping over two lines keeps its other line.
        const std::string two = "r: { method: POST,\n     body: { a: 1 } }\nz: 0\n";
        SAME(patched(two, [](Json &v) { v["r"]["method"] = "PUT"; }),
             std::string("r: { method: PUT,\n     body: { a: 1 } }\nz: 0\n"));
    }

    void commentsAndBlankLinesSurvive()
    {
        const std::string text = "# Header line one\n# line two\n\ntutti: 1   # version\n\n"
                                 "steps:\n  # the first\n  - id: a\n    type: t\n\n  - id: b\n"
                                 "    type: t # bee\n";
        const std::string out = patched(text, [](Json &v) { v["steps"][1]["type"] = "u"; });
        SAME(out, std::string("# Header line one\n# line two\n\ntutti: 1   # version\n\n"
                              "steps:\n  # the first\n  - id: a\n    type: t\n\n  - id: b\n"
                              "    type: u # bee\n"));
    }

    void blockListInsertsAndRemoves()
    {
        const std::string text = "steps:\n  - id: a\n    type: t\n  - id: b\n    type: t\n  - id: "
                                 "c\n    type: t\nend: 1\n";
        // Appended after the last item, at the list's indentation.
        SAME(patched(text,
                     [](Json &v) {
                         v["steps"].push_back(Json::object({{"id", "d"}, {"type", "u"}}));
                     }),
             std::string("steps:\n  - id: a\n    type: t\n  - id: b\n    type: t\n  - id: "
                         "c\n    type: t\n  - id: d\n    type: u\nend: 1\n"));
        // Inserted first and in the middle.
        SAME(patched(text,
                     [](Json &v) {
                         v["steps"].insert(v["steps"].begin(),
                                           Json::object({{"id", "z"}, {"type", "u"}}));
                         v["steps"].insert(v["steps"].begin() + 2,
                                           Json::object({{"id", "m"}, {"type", "u"}}));
                     }),
             std::string("steps:\n  - id: z\n    type: u\n  - id: a\n    type: t\n  - id: "
                         "m\n    type: u\n  - id: b\n    type: t\n  - id: c\n    type: "
                         "t\nend: 1\n"));
        // Removed with their lines.
        SAME(patched(text, [](Json &v) { v["steps"].erase(v["steps"].begin() + 1); }),
             std::string("steps:\n  - id: a\n    type: t\n  - id: c\n    type: t\nend: 1\n"));
        SAME(patched(text, [](Json &v) { v["steps"].erase(v["steps"].begin() + 2); }),
             std::string("steps:\n  - id: a\n    type: t\n  - id: b\n    type: t\nend: 1\n"));
        // A key of an item: the first key's removal pulls the next one up to the dash.
        SAME(patched(text, [](Json &v) { v["steps"][0].erase("id"); }),
             std::string("steps:\n  - type: t\n  - id: b\n    type: t\n  - id: c\n    type: "
                         "t\nend: 1\n"));
        SAME(patched(text, [](Json &v) { v["steps"][0]["next"] = "c"; }),
             std::string("steps:\n  - id: a\n    type: t\n    next: c\n  - id: b\n    type: "
                         "t\n  - id: c\n    type: t\nend: 1\n"));
        // Lists at their key's column keep that style.
        const std::string flat = "steps:\n- id: a\n  type: t\nend: 1\n";
        SAME(patched(flat,
                     [](Json &v) {
                         v["more"] = Json::array(
                             {Json::object({{"id", "x"}, {"k", Json::array({1, 2, 3, 4, 5, 6})}})});
                     }),
             std::string("steps:\n- id: a\n  type: t\nend: 1\nmore:\n- id: x\n  k:\n  - 1\n  "
                         "- 2\n  - 3\n  - 4\n  - 5\n  - 6\n"));
    }

    void flowListInsertsAndRemoves()
    {
        const std::string text =
            "on: [timeout, connection, http.5xx]\nx: [ { id: a }, { id: b } ]\n";
        SAME(patched(text, [](Json &v) { v["on"].push_back("http.409"); }),
             std::string("on: [timeout, connection, http.5xx, http.409]\nx: [ { id: a }, { "
                         "id: b } ]\n"));
        SAME(patched(text, [](Json &v) { v["on"].erase(v["on"].begin()); }),
             std::string("on: [connection, http.5xx]\nx: [ { id: a }, { id: b } ]\n"));
        SAME(patched(text, [](Json &v) { v["on"].erase(v["on"].begin() + 2); }),
             std::string("on: [timeout, connection]\nx: [ { id: a }, { id: b } ]\n"));
        SAME(patched(text,
                     [](Json &v) {
                         v["x"].insert(v["x"].begin() + 1,
                                       Json::object({{"id", "n"}, {"type", "transform"}}));
                     }),
             std::string("on: [timeout, connection, http.5xx]\nx: [ { id: a }, { id: n, "
                         "type: transform }, { id: b } ]\n"));
        SAME(patched(text, [](Json &v) { v["on"] = Json::array(); }),
             std::string("on: []\nx: [ { id: a }, { id: b } ]\n"));
        SAME(patched("on: []\n", [](Json &v) { v["on"].push_back("a"); }),
             std::string("on: [a]\n"));
    }

    void itemsWithIdsAreMatchedById()
    {
        const std::string text = "steps:\n  - id: a   # first\n    type: t\n  - id: b\n    "
                                 "request: { method: GET }\n  - id: c\n    type: t\n";
        // Moving b to the end moves its own text, comment and compact mapping included.
        SAME(patched(text,
                     [](Json &v) {
                         Json b = v["steps"][1];
                         v["steps"].erase(v["steps"].begin() + 1);
                         v["steps"].push_back(b);
                     }),
             std::string("steps:\n  - id: a   # first\n    type: t\n  - id: c\n    type: "
                         "t\n  - id: b\n    request: { method: GET }\n"));
        // Moving a (the first) after b keeps a's comment with it.
        SAME(patched(text,
                     [](Json &v) {
                         Json a = v["steps"][0];
                         v["steps"].erase(v["steps"].begin());
                         v["steps"].insert(v["steps"].begin() + 1, a);
                     }),
             std::string("steps:\n  - id: b\n    request: { method: GET }\n  - id: a   # "
                         "first\n    type: t\n  - id: c\n    type: t\n"));
        // A renamed item is edited in place, not removed and added again.
        SAME(patched(text, [](Json &v) { v["steps"][1]["id"] = "bee"; }),
             std::string("steps:\n  - id: a   # first\n    type: t\n  - id: bee\n    "
                         "request: { method: GET }\n  - id: c\n    type: t\n"));
    }

    void otherListsAreMatchedByValue()
    {
        const std::string text = "catch:\n  - { on: [http.409], next: x }\n  - { on: [timeout], "
                                 "next: y }\n  - { next: z }\n";
        SAME(patched(text, [](Json &v) { v["catch"][1]["next"] = "w"; }),
             std::string("catch:\n  - { on: [http.409], next: x }\n  - { on: [timeout], "
                         "next: w }\n  - { next: z }\n"));
        SAME(patched(text, [](Json &v) { v["catch"].erase(v["catch"].begin()); }),
             std::string("catch:\n  - { on: [timeout], next: y }\n  - { next: z }\n"));
    }

    void typeChangesRewriteOnlyTheirEntry()
    {
        const std::string text = "a: 1\nb: { x: 1 }\nc:\n  d: 2\ne: 5\n";
        SAME(patched(text,
                     [](Json &v) {
                         v["a"] = Json::object({{"k", 1}, {"l", 2}});
                     }),
             std::string("a: { k: 1, l: 2 }\nb: { x: 1 }\nc:\n  d: 2\ne: 5\n"));
        SAME(patched(text,
                     [](Json &v) {
                         v["b"] = Json::array({1, 2});
                     }),
             std::string("a: 1\nb: [1, 2]\nc:\n  d: 2\ne: 5\n"));
        SAME(patched(text, [](Json &v) { v["c"] = 7; }),
             std::string("a: 1\nb: { x: 1 }\nc: 7\ne: 5\n"));
        SAME(patched("a:\nb: 1\n", [](Json &v) { v["a"] = "x"; }), std::string("a: x\nb: 1\n"));
    }

    void windowsLineBreaksStay()
    {
        const std::string text = "# h\r\na: 1\r\nb:\r\n  - x\r\n";
        SAME(patched(text, [](Json &v) { v["b"].push_back("y"); }),
             std::string("# h\r\na: 1\r\nb:\r\n  - x\r\n  - y\r\n"));
    }

    void refusesWhatItCannotDoInPlace_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("anchor and alias") << "a: &x { k: 1 }\nb: *x\nc: 1\n";
        QTest::newRow("tag") << "a: !!str 1\nc: 1\n";
        QTest::newRow("several documents") << "a: 1\nc: 1\n---\nb: 2\n";
        QTest::newRow("complex key") << "? a\n: 1\nc: 1\n";
        QTest::newRow("merge key") << "<<: { k: 1 }\nc: 1\n";
    }

    void refusesWhatItCannotDoInPlace()
    {
        QFETCH(QString, text);
        const std::string t = text.toStdString();
        auto doc = engine::parseYaml(t, "t.yaml");
        if (!doc)
            return; // yaml-cpp refuses it too: nothing to patch
        Json after = doc->root;
        after["c"] = 2;
        auto out = patchYaml(t, doc->root, after);
        QVERIFY(!out);
        QVERIFY(out.error().message.find("cannot edit") != std::string::npos);
    }

    void refusesTextThatDoesNotHoldBefore()
    {
        auto out = patchYaml("a: 1\n", Json::object({{"b", 1}}), Json::object({{"b", 2}}));
        QVERIFY(!out);
    }

    // Every bundled example and test file: random edits of every kind, each result read back
    // as exactly the edited value (or refused), and unchanged lines far away kept.
    void roundTripsAreExact()
    {
        std::uint32_t state = 7;
        const auto random = [&state](std::uint32_t n) {
            state = state * 1664525u + 1013904223u;
            return (state >> 8) % n;
        };
        int files = 0, edits = 0, refused = 0;
        for (const QString &root :
             {QStringLiteral(TUTTI_EXAMPLES), QStringLiteral(TUTTI_TEST_DATA)}) {
            QDirIterator it(root, {"*.yaml"}, QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const std::string text = readFile(it.next());
                auto doc = engine::parseYaml(text, "t.yaml");
                if (!doc || !doc->root.is_object())
                    continue;
                ++files;
                for (int round = 0; round < 12; ++round) {
                    Json after = doc->root;
                    // Walk down to a random container and change something there.
                    Json *at = &after;
                    for (int d = 0; d < 6 && at->is_structured() && !at->empty(); ++d) {
                        const std::size_t k = random(static_cast<std::uint32_t>(at->size()));
                        Json *child = at->is_object()
                                          ? &std::next(at->begin(), static_cast<long>(k)).value()
                                          : &(*at)[k];
                        if (!child->is_structured() || random(3) == 0)
                            break;
                        at = child;
                    }
                    const Json samples[] = {Json("new value"),       Json(42),
                                            Json("a, b: {c}"),       Json::object({{"k", "v"}}),
                                            Json::array({1, "two"}), Json(nullptr),
                                            Json("multi\nline\n")};
                    const Json sample = samples[random(std::size(samples))];
                    if (at->is_object()) {
                        const std::size_t k =
                            at->empty() ? 0 : random(static_cast<std::uint32_t>(at->size()));
                        switch (random(3)) {
                        case 0:
                            (*at)["added_" + std::to_string(round)] = sample;
                            break;
                        case 1:
                            if (!at->empty())
                                at->erase(std::next(at->begin(), static_cast<long>(k)).key());
                            break;
                        default:
                            if (!at->empty())
                                std::next(at->begin(), static_cast<long>(k)).value() = sample;
                        }
                    } else if (at->is_array()) {
                        const std::size_t k =
                            at->empty() ? 0 : random(static_cast<std::uint32_t>(at->size()));
                        switch (random(4)) {
                        case 0:
                            at->insert(at->begin() + static_cast<long>(k), sample);
                            break;
                        case 1:
                            if (!at->empty())
                                at->erase(at->begin() + static_cast<long>(k));
                            break;
                        case 2:
                            if (at->size() > 1) { // a move
                                Json moved = (*at)[k];
                                at->erase(at->begin() + static_cast<long>(k));
                                at->insert(at->begin() +
                                               static_cast<long>(random(
                                                   static_cast<std::uint32_t>(at->size() + 1))),
                                           moved);
                            }
                            break;
                        default:
                            if (!at->empty())
                                (*at)[k] = sample;
                        }
                    }
                    ++edits;
                    auto out = patchYaml(text, doc->root, after);
                    if (!out) {
                        ++refused;
                        continue;
                    }
                    auto back = engine::parseYaml(*out, "t.yaml");
                    QVERIFY2(back, out->c_str());
                    QVERIFY2(back->root == after, out->c_str());
                    // The header comment (when there is one) is always kept.
                    if (text.starts_with("#"))
                        QVERIFY2(out->substr(0, out->find('\n')) == text.substr(0, text.find('\n')),
                                 out->c_str());
                }
            }
        }
        QVERIFY(files > 10);
        qInfo("%d files, %d edits, %d refused", files, edits, refused);
        QVERIFY2(refused * 20 < edits, "almost every edit is made in place");
    }

    // Bytes, cut and mutated YAML, nonsense values: an error or a correct result, never a crash.
    void garbageNeverCrashes()
    {
        std::uint32_t state = 99;
        const auto random = [&state](std::uint32_t n) {
            state = state * 1664525u + 1013904223u;
            return (state >> 8) % n;
        };
        const std::string seed = readFile(checkoutPath());
        static const char *pieces[] = {"- ", ": ", "{",     "}",  "[",  "]",   ",",  "\n",
                                       "  ", "#",  "\"",    "'",  "|",  ">",   "&a", "*a",
                                       "!t", "? ", "---\n", "\t", "\r", "key", "~",  "\\"};
        int ok = 0;
        for (int i = 0; i < 3000; ++i) {
            std::string text;
            if (i % 3 == 0) {
                for (int k = 0; k < 1 + static_cast<int>(random(40)); ++k)
                    text += pieces[random(std::size(pieces))];
            } else {
                text = seed;
                for (int k = 0; k < 1 + static_cast<int>(random(4)); ++k) {
                    const std::size_t at = random(static_cast<std::uint32_t>(text.size()));
                    if (random(2))
                        text.insert(at, pieces[random(std::size(pieces))]);
                    else
                        text.erase(at, 1 + random(20));
                }
            }
            auto doc = engine::parseYaml(text, "g.yaml");
            const Json before = doc ? doc->root : Json(nullptr);
            Json after = before.is_object() ? before : Json::object();
            after["touched"] = Json::array({i, "x"});
            // Lying about `before` must be as safe as telling the truth.
            for (const Json &claimed : {before, Json::object({{"x", 1}})}) {
                auto out = patchYaml(text, claimed, after);
                if (!out)
                    continue;
                ++ok;
                auto back = engine::parseYaml(*out, "g.yaml");
                QVERIFY2(back && back->root == after, out->c_str());
            }
        }
        QVERIFY(ok > 300);
        // Deep and huge input is refused within the limits.
        std::string deep;
        for (int d = 0; d < 200; ++d)
            deep += std::string(static_cast<std::size_t>(d) * 2, ' ') + "k:\n";
        QVERIFY(!patchYaml(deep, Json(), Json::object({{"x", 1}})));
        std::string wide = "a: [" + std::string(200000, '[') + "\n";
        QVERIFY(!patchYaml(wide, Json(), Json::object({{"x", 1}})));
        const std::string huge(5u << 20, 'a');
        QVERIFY(!patchYaml(huge, Json("x"), Json("y")));
    }
};

QTEST_GUILESS_MAIN(TestYamlPatch)
#include "tst_yamlpatch.moc"
