// The studio and `tutti validate` give the same verdict: every flow of the malformed corpus
// (tests/data/flows), the fuzz seeds of the flow parser (tests/fuzz/corpus/flowparser), the
// other test flows and the shipped examples is checked by both — the studio as FlowDocument
// (its default validator, what the problems panel and the "✓ valid" label show) and the real
// `tutti validate` binary — and both must say valid or invalid alike, with the same first error
// (line, column, message). A new flow made in the studio is checked the same way, saved as is:
// the File → New Flow template (valid) and a flow whose steps are all gone (`steps: []`, invalid).
// LABELS: integration
#include "clirunner.h"

#include <document/flowdocument.h>
#include <document/newflow.h>
#include <engine/model/yamldoc.h>

#include <QDirIterator>
#include <QTemporaryDir>
#include <QtTest>

namespace {

using tutti::engine::Error;
using tutti::engine::FlowDocument;

// What one checker says about a flow: no first error means valid.
struct Verdict {
    bool valid = true;
    QString firstError; // "LINE:COL: error: MESSAGE" without the file (the paths differ)
};

QString withoutFile(const QString &line, const QString &file)
{
    return line.startsWith(file + ':') ? line.mid(file.size() + 1) : line;
}

// The studio: the document as the editor opens it; a file it cannot read at all is shown as an
// error when opening, which is the studio's "invalid".
Verdict studioVerdict(FlowDocument &doc, const QString &path)
{
    if (!path.isEmpty()) {
        if (auto loaded = doc.load(path.toStdString()); !loaded)
            return {false, withoutFile(QString::fromStdString(loaded.error().toString()), path)};
    }
    // Parse problems are there at once; what only resolving finds (files, services) comes from
    // the validator's worker thread a moment later.
    QElapsedTimer timer;
    timer.start();
    while (doc.validationPending() && timer.elapsed() < 10000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    if (doc.problems().empty())
        return {};
    // An unsaved document is validated as "untitled.flow.yaml": the file part is dropped anyway.
    const Error &first = doc.problems().front();
    return {false, withoutFile(QString::fromStdString(first.toString()),
                               QString::fromStdString(first.location.file))};
}

Verdict cliVerdict(const QString &path)
{
    const clitest::Result r = clitest::tutti({QStringLiteral("validate"), path});
    if (r.exitCode == 0)
        return {};
    if (r.exitCode != 1)
        return {false, QStringLiteral("exit code %1: %2").arg(r.exitCode).arg(r.err)};
    const QString first = QString::fromUtf8(r.err).section(u'\n', 0, 0);
    return {false, withoutFile(first, path)};
}

void addFlows(const QString &dir, const QString &rowPrefix, const QStringList &patterns)
{
    QDirIterator it(dir, patterns, QDir::Files, QDirIterator::Subdirectories);
    QStringList files;
    while (it.hasNext())
        files << it.next();
    files.sort();
    QVERIFY2(!files.isEmpty(), qPrintable("no flows in " + dir));
    for (const QString &file : files)
        QTest::newRow(qPrintable(rowPrefix + QDir(dir).relativeFilePath(file))) << file;
}

} // namespace

class TestVerdict : public QObject {
    Q_OBJECT

    static void compare(const Verdict &studio, const Verdict &cli)
    {
        QVERIFY2(studio.valid == cli.valid,
                 qPrintable(QStringLiteral("studio says %1, tutti validate says %2")
                                .arg(studio.valid ? "valid" : "invalid: " + studio.firstError,
                                     cli.valid ? "valid" : "invalid: " + cli.firstError)));
        QCOMPARE(studio.firstError, cli.firstError);
    }

private slots:
    void sameVerdictOnEveryFlow_data()
    {
        QTest::addColumn<QString>("path");
        const QString data = QStringLiteral(TUTTI_TEST_DATA);
        addFlows(data + "/flows/bad", "bad/", {"*.flow.yaml"});
        addFlows(data + "/flows/good", "good/", {"*.flow.yaml"});
        addFlows(data + "/simulation", "simulation/", {"*.flow.yaml"});
        addFlows(data + "/serve", "serve/", {"*.flow.yaml"});
        addFlows(data + "/editor", "editor/", {"*.flow.yaml"});
        addFlows(QStringLiteral(TUTTI_EXAMPLES), "examples/", {"*.flow.yaml"});
        // The fuzz seeds: copies of the corpus above plus the flows the tests write, some
        // malformed in ways no hand-written file is.
        addFlows(data + "/../fuzz/corpus/flowparser", "fuzz/", {"*"});
    }

    void sameVerdictOnEveryFlow()
    {
        QFETCH(QString, path);
        FlowDocument doc;
        compare(studioVerdict(doc, path), cliVerdict(path));
    }

    void sameVerdictOnTheCorpusAsAWhole()
    {
        // The corpus is meant to hold both kinds: a checker that said "valid" (or "invalid") to
        // everything would pass the rows above only if both did.
        int valid = 0, invalid = 0;
        QDirIterator it(QStringLiteral(TUTTI_TEST_DATA "/flows"), {"*.flow.yaml"}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext())
            (cliVerdict(it.next()).valid ? valid : invalid) += 1;
        QVERIFY2(valid >= 3 && invalid >= 30,
                 qPrintable(QStringLiteral("%1 valid, %2 invalid").arg(valid).arg(invalid)));
    }

    void newFlowHasTheVerdictOfItsFile()
    {
        // File → New Flow: what the studio shows before the first edit, and what `tutti validate`
        // says of that same document saved as it is.
        FlowDocument doc;
        const Verdict studio = studioVerdict(doc, {});
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("untitled.flow.yaml"));
        QVERIFY(doc.saveCopy(path.toStdString(), FlowDocument::layoutPathFor(path.toStdString())));
        const Verdict cli = cliVerdict(path);
        QVERIFY2(!cli.valid, "an empty flow is not valid"); // SPEC: steps holds at least one
        compare(studio, cli);
    }

    void newFlowTemplateIsValidForBoth()
    {
        // File → New Flow starts from this text; the studio shows it as the document does.
        const std::string text(tutti::engine::newFlowTemplate());
        auto yaml = tutti::engine::parseYaml(text, "untitled.flow.yaml");
        QVERIFY(yaml);
        FlowDocument doc;
        doc.replaceDocument(yaml->root, text);
        doc.validateNow();
        const Verdict studio = studioVerdict(doc, {});
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("untitled.flow.yaml"));
        QVERIFY(doc.saveCopy(path.toStdString(), FlowDocument::layoutPathFor(path.toStdString())));
        QFile saved(path);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(saved.readAll().toStdString(), text); // saved as written, comment included
        const Verdict cli = cliVerdict(path);
        QVERIFY2(cli.valid, qPrintable(cli.firstError));
        compare(studio, cli);
    }

    void emptyStepsIsInvalidForBoth_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("steps: []") << QByteArray("tutti: 1\nname: empty\nsteps: []\n");
        QTest::newRow("steps: with nothing") << QByteArray("tutti: 1\nname: empty\nsteps:\n");
        QTest::newRow("no steps") << QByteArray("tutti: 1\nname: empty\n");
    }
    void emptyStepsIsInvalidForBoth()
    {
        QFETCH(QByteArray, text);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("empty.flow.yaml"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(text);
        file.close();
        // Opened from disk, as the studio opens a file.
        FlowDocument opened;
        const Verdict studio = studioVerdict(opened, path);
        const Verdict cli = cliVerdict(path);
        QVERIFY2(!cli.valid, "a flow without steps is not valid");
        compare(studio, cli);
        // Reached by editing: the template with both of its steps deleted.
        const std::string start(tutti::engine::newFlowTemplate());
        FlowDocument edited;
        edited.replaceDocument(tutti::engine::parseYaml(start, "untitled.flow.yaml")->root, start);
        QVERIFY(edited.removeStep("greet"));
        QVERIFY(edited.removeStep("reply"));
        edited.validateNow();
        const Verdict afterEdits = studioVerdict(edited, {});
        QVERIFY2(!afterEdits.valid, "the studio shows an emptied flow as valid");
        const QString emptied = dir.filePath(QStringLiteral("emptied.flow.yaml"));
        QVERIFY(edited.saveCopy(emptied.toStdString(),
                                FlowDocument::layoutPathFor(emptied.toStdString())));
        compare(afterEdits, cliVerdict(emptied));
    }
};

QTEST_GUILESS_MAIN(TestVerdict)
#include "tst_verdict.moc"
