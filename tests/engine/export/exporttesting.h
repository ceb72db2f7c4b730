// What the exporter tests (tst_aslexport, tst_argoexport) share: loading a flow from a file or
// text, finding a warning, golden files (rewritten with TUTTI_UPDATE_GOLDEN=1) and the step table
// of docs/export.md (rewritten with TUTTI_UPDATE_DOCS=1).
#pragma once

#include <engine/export/exportcommon.h>
#include <engine/model/flowparser.h>
#include <engine/model/steps/registry.h>

#include <QDir>

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>
#include <string>
#include <vector>

namespace exporttesting {

using namespace tutti::engine;

inline const QString kGolden = QStringLiteral(TUTTI_TEST_DATA "/export/golden");
inline const QString kCorpus = QStringLiteral(TUTTI_TEST_DATA "/export/flows");
inline const QString kDocs = QStringLiteral(TUTTI_TEST_DATA "/../../docs/export.md");

inline std::shared_ptr<const Flow> load(const QString &path)
{
    FlowLoad l = loadFlowFile(path.toStdString());
    if (!l.ok()) {
        for (const Error &e : l.errors)
            qWarning("%s", e.toString().c_str());
        return nullptr;
    }
    return l.flow;
}

inline std::shared_ptr<const Flow> loadText(const QByteArray &text, QTemporaryDir &dir)
{
    const QString path = dir.filePath("t.flow.yaml");
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return nullptr;
    f.write(text);
    f.close();
    return load(path);
}

inline bool mentions(const std::vector<ExportWarning> &warnings, const std::string &step,
                     const std::string &text)
{
    for (const ExportWarning &w : warnings)
        if (w.step == step && w.message.find(text) != std::string::npos)
            return true;
    return false;
}

// One warning per line, file names without their folders (golden files do not depend on where
// the checkout is).
inline QString warningsText(const std::vector<ExportWarning> &warnings)
{
    QString out;
    for (const ExportWarning &w : warnings) {
        ExportWarning relative = w;
        relative.location.file =
            QFileInfo(QString::fromStdString(w.location.file)).fileName().toStdString();
        out += QString::fromStdString(relative.toString()) + "\n";
    }
    return out;
}

// Compares `text` with the golden file, or rewrites it with TUTTI_UPDATE_GOLDEN=1; `test` names
// the test binary for the hint.
inline void compareGolden(const QString &golden, const QString &text, const QString &test)
{
    QFile g(golden);
    if (qEnvironmentVariableIntValue("TUTTI_UPDATE_GOLDEN") == 1) {
        QVERIFY(g.open(QIODevice::WriteOnly | QIODevice::Truncate));
        g.write(text.toUtf8());
        return;
    }
    const QString accept = "TUTTI_UPDATE_GOLDEN=1 build/tests/" + test;
    QVERIFY2(g.open(QIODevice::ReadOnly), qPrintable(golden + " is missing: " + accept));
    const QString want = QString::fromUtf8(g.readAll());
    if (want == text)
        return;
    const QStringList a = want.split('\n'), b = text.split('\n');
    for (qsizetype i = 0; i < std::min(a.size(), b.size()); ++i)
        if (a[i] != b[i])
            QFAIL(qPrintable(QString("%1:%2: golden `%3`, now `%4` (%5 to accept)")
                                 .arg(golden)
                                 .arg(i + 1)
                                 .arg(a[i], b[i], accept)));
    QFAIL(qPrintable(golden + ": the number of lines differs"));
}

// docs/export.md holds `markdown` between "<!-- MARKER:begin -->" and "<!-- MARKER:end -->", or
// is rewritten so with TUTTI_UPDATE_DOCS=1.
inline void compareDocsTable(const QString &marker, const std::string &markdown,
                             const QString &test)
{
    QFile f(kDocs);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(f.readAll());
    f.close();
    const QString begin = "<!-- " + marker + ":begin -->\n", end = "<!-- " + marker + ":end -->";
    const qsizetype from = text.indexOf(begin) + begin.size(), to = text.indexOf(end);
    QVERIFY(from >= begin.size() && to > from);
    const QString wanted = QString::fromStdString(markdown);
    if (text.mid(from, to - from) == wanted)
        return;
    if (qEnvironmentVariableIntValue("TUTTI_UPDATE_DOCS") == 1) {
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write((text.left(from) + wanted + text.mid(to)).toUtf8());
        return;
    }
    QFAIL(qPrintable("docs/export.md's " + marker + " is stale: TUTTI_UPDATE_DOCS=1 build/tests/" +
                     test + " docsTable"));
}

// One data row per registered step type (column "name").
inline void addStepTypeRows()
{
    QTest::addColumn<QString>("name");
    for (const std::string &name : stepTypeNames())
        QTest::newRow(name.c_str()) << QString::fromStdString(name);
}

// The row's step type has a mapping in `target`'s table that either maps or says why not.
inline void checkStepMapping(const ExportStepMapping *(*mappingOf)(StepType), const QString &target,
                             const QString &source)
{
    QFETCH(QString, name);
    const StepType type = *parseStepType(name.toStdString());
    const ExportStepMapping *m = mappingOf(type);
    QVERIFY2(m, qPrintable("no " + target + " mapping for step type " + name + " (" + source +
                           ", table())"));
    QCOMPARE(m->type, type);
    QVERIFY2(m->becomes.empty() != m->notCarried.empty(),
             "a type either maps or says why it is not carried");
}

// The flows golden files exist for (column "flow"): the bundled examples and the corpus.
inline void addGoldenRows()
{
    QTest::addColumn<QString>("flow");
    for (const char *e : {"checkout", "map", "parallel", "retry", "saga"})
        QTest::newRow(e) << QStringLiteral(TUTTI_EXAMPLES "/%1/%1.flow.yaml").arg(e);
    for (const QString &f : QDir(kCorpus).entryList({"*.flow.yaml"}, QDir::Files, QDir::Name))
        QTest::newRow(qPrintable("corpus-" + f.section('.', 0, 0))) << kCorpus + "/" + f;
}

} // namespace exporttesting
