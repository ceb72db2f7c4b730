// SpecDocument (document/specdocument.h): text kept as typed, problems from the injected
// validator, dirty state against the saved bytes, structured edits as line patches, atomic save.
// LABELS: unit
#include <document/specdocument.h>

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace tutti;
using engine::Json;
using engine::SpecDocument;

namespace {

const char *kText = "# a comment\n"
                    "tutti-mock: 1\n"
                    "service: pay\n"
                    "routes:\n"
                    "  - match: { method: GET, path: /a }\n"
                    "    respond: { status: 200 }\n";

// A stand-in for the mock loader: one problem when the service is "bad".
engine::Errors validator(std::string_view text, const std::string &file)
{
    engine::Errors out;
    if (text.find("service: bad") != std::string_view::npos)
        out.push_back(engine::Error{engine::ErrorCode::Schema, "bad service", {file, 3, 10}, {}});
    return out;
}

QString write(const QTemporaryDir &dir, const char *text)
{
    const QString path = dir.filePath(QStringLiteral("x.mock.yaml"));
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(text);
    return path;
}

std::string readAll(const QString &path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return f.readAll().toStdString();
}

} // namespace

class TestSpecDocument : public QObject {
    Q_OBJECT
private slots:
    void loadsAndValidates()
    {
        QTemporaryDir dir;
        SpecDocument doc(validator);
        QVERIFY(doc.load(write(dir, kText).toStdString()));
        QCOMPARE(doc.text(), std::string(kText));
        QVERIFY(doc.parses());
        QVERIFY(doc.problems().empty());
        QVERIFY(!doc.isModified());
        QCOMPARE(doc.json()["service"].get<std::string>(), "pay");
        QSignalSpy problems(&doc, &SpecDocument::problemsChanged);
        QSignalSpy modified(&doc, &SpecDocument::modificationChanged);
        std::string bad = kText;
        bad.replace(bad.find("pay"), 3, "bad");
        doc.setText(bad);
        QCOMPARE(doc.problems().size(), 1u);
        QCOMPARE(doc.problems().front().location.line, 3);
        QCOMPARE(modified.count(), 1);
        QVERIFY(doc.isModified());
        doc.setText(kText); // back to the saved bytes: clean again
        QVERIFY(!doc.isModified());
        QCOMPARE(modified.count(), 2);
        QVERIFY(problems.count() >= 2);
        QVERIFY(!doc.load(dir.filePath(QStringLiteral("missing.yaml")).toStdString()));
    }

    void unparseableTextIsKept()
    {
        QTemporaryDir dir;
        const QString path = write(dir, kText);
        SpecDocument doc(validator);
        QVERIFY(doc.load(path.toStdString()));
        const std::string broken = std::string(kText) + "  - [unclosed\n";
        doc.setText(broken);
        QVERIFY(!doc.parses());
        QCOMPARE(doc.problems().size(), 1u);
        QVERIFY(doc.parseError()->location.line >= 7);
        QCOMPARE(doc.json()["service"].get<std::string>(), "pay"); // the last that parsed
        QVERIFY(!doc.textFor(Json::object())); // no structured edit on broken text
        QVERIFY(doc.save());
        QCOMPARE(readAll(path), broken); // saved as typed
        QVERIFY(!doc.isModified());
    }

    void structuredEditsPatchLines()
    {
        QTemporaryDir dir;
        SpecDocument doc(validator);
        QVERIFY(doc.load(write(dir, kText).toStdString()));
        const Json after =
            SpecDocument::withValue(doc.json(), "/routes/0/respond/status", Json(201));
        auto text = doc.textFor(after);
        QVERIFY(text);
        QCOMPARE(*text, std::string(kText).replace(std::string(kText).find("200"), 3, "201"));
        doc.setText(*text);
        QCOMPARE(doc.json(), after);
    }

    void withValue()
    {
        const Json base = {{"a", {{"b", 1}}}, {"list", {1, 2, 3}}};
        QCOMPARE(SpecDocument::withValue(base, "/a/b", Json(2))["a"]["b"], Json(2));
        QCOMPARE(SpecDocument::withValue(base, "/a/c/d", Json(3))["a"]["c"]["d"], Json(3));
        QVERIFY(!SpecDocument::withValue(base, "/a/b", std::nullopt)["a"].contains("b"));
        QCOMPARE(SpecDocument::withValue(base, "/list/1", std::nullopt)["list"], (Json{1, 3}));
        QCOMPARE(SpecDocument::withValue(base, "/list/3", Json(4))["list"], (Json{1, 2, 3, 4}));
        QCOMPARE(SpecDocument::withValue(base, "/missing", std::nullopt), base);
        QCOMPARE(SpecDocument::withValue(Json("scalar"), "/x", Json(1)), (Json{{"x", 1}}));
    }
};

QTEST_MAIN(TestSpecDocument)
#include "tst_specdocument.moc"
