// Clicking a problem: the YAML view opens if it was hidden and scrolls to the problem's line
// (the cursor on it), and when the problem is in a step, that step is selected on the canvas
// and centred; a flow-level problem (no step) only shows its line.
// LABELS: unit
#include <editor/floweditor.h>
#include <editor/flowscene.h>
#include <editor/flowview.h>
#include <editor/problemspanel.h>
#include <editor/yamleditor.h>

#include <document/flowdocument.h>

#include <QTemporaryDir>
#include <QTreeWidget>
#include <Qsci/qsciscintilla.h>
#include <QtTest>

using namespace tutti;

namespace {

QString writeFlow(const QTemporaryDir &dir, const QByteArray &text)
{
    const QString path = dir.filePath(QStringLiteral("p.flow.yaml"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(text);
    return path;
}

int cursorLine(editor::FlowEditor &e) // 1-based
{
    int line = 0, column = 0;
    e.yamlEditor()->editor()->getCursorPosition(&line, &column);
    return line + 1;
}

} // namespace

class TestProblemsPanel : public QObject {
    Q_OBJECT

private slots:
    void clickShowsTheLineAndSelectsTheStep()
    {
        // A wrong value far down the file (below the first screen), in step `done`.
        QByteArray text;
        for (int i = 0; i < 80; ++i)
            text += "# a long header comment, line " + QByteArray::number(i) + "\n";
        text += "tutti: 1\nname: p\nsteps:\n"
                "  - id: a\n    type: transform\n    set: {x: 1}\n"
                "  - id: done\n    type: transform\n    set: {y: 1}\n    end: maybe\n";
        QTemporaryDir dir;
        const QString path = writeFlow(dir, text);
        editor::FlowEditor e;
        QVERIFY(e.openFile(path));
        e.resize(1200, 800);
        e.setYamlVisible(false);
        e.show();
        QVERIFY(QTest::qWaitForWindowExposed(&e));
        QTRY_VERIFY(!e.document()->validationPending());
        QVERIFY(!e.document()->problems().empty());

        editor::ProblemsPanel panel(e.document());
        panel.setEditor(&e);
        QCOMPARE(panel.count(), static_cast<int>(e.document()->problems().size()));
        const int row = 0;
        const engine::Error &problem = e.document()->problems().front();
        const auto where = editor::ProblemsPanel::locate(*e.document(), problem);
        QVERIFY2(where.stepId == u"done",
                 qPrintable(where.stepId + ": " + QString::fromStdString(problem.message)));
        const int line = text.left(text.indexOf("    end: maybe")).count('\n') + 1;
        QCOMPARE(problem.location.line, line);

        // A real click on the row, as the user does.
        QTreeWidgetItem *item = panel.list()->topLevelItem(row);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QTest::mouseClick(panel.list()->viewport(), Qt::LeftButton, {},
                          panel.list()->visualItemRect(item).center());
        QVERIFY(e.isYamlVisible());
        QCOMPARE(cursorLine(e), line);
        const int first = e.yamlEditor()->editor()->firstVisibleLine() + 1;
        QVERIFY(first <= line && line < first + e.yamlEditor()->editor()->SendScintilla(
                                                    QsciScintillaBase::SCI_LINESONSCREEN));
        QCOMPARE(e.scene()->selectedStepIds(), QStringList{QStringLiteral("done")});
        const QRectF visible = e.view()->mapToScene(e.view()->viewport()->rect()).boundingRect();
        QVERIFY(visible.contains(e.scene()->node(QStringLiteral("done"))->pos()));
    }

    void aFlowLevelProblemShowsItsLine()
    {
        QTemporaryDir dir;
        const QString path = writeFlow(dir, "tutti: 1\nname: empty\nsteps: []\n");
        editor::FlowEditor e;
        QVERIFY(e.openFile(path));
        e.setYamlVisible(false);
        e.show();
        QVERIFY(QTest::qWaitForWindowExposed(&e));
        QTRY_VERIFY(!e.document()->validationPending());
        editor::ProblemsPanel panel(e.document());
        panel.setEditor(&e);
        QCOMPARE(panel.count(), 1);
        panel.activate(0);
        QVERIFY(e.isYamlVisible());
        QCOMPARE(cursorLine(e), 3);
        QVERIFY(e.scene()->selectedStepIds().isEmpty());
    }
};

QTEST_MAIN(TestProblemsPanel)
#include "tst_problemspanel.moc"
