// The editing basics in the real main window: File → New Flow opens the valid template, not
// modified, "✓ valid", with the canvas hint while the flow is nearly empty (it goes once the flow
// has three steps and comes back on undo); emptying the flow shows it invalid; Ctrl+F opens the
// find bar over the canvas; a palette double-click inserts after the selection; a click on a
// problem shows its YAML line and the inspector. With TUTTI_SHOTS_DIR set it saves screenshots
// of these states there.
// LABELS: unit
#include "studiotesting.h"
#include <tests/widgetshots.h>

#include <mainwindow.h>
#include <studiopanels.h>

#include <editor/findbar.h>
#include <editor/floweditor.h>
#include <editor/flowscene.h>
#include <editor/flowview.h>
#include <editor/palette.h>
#include <editor/problemspanel.h>

#include <document/flowdocument.h>
#include <document/newflow.h>

#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QStatusBar>
#include <QUndoStack>
#include <QtTest>

using namespace tutti;

namespace {

// The status bar's "✓ valid" / "⚠ n problem(s)" label.
QString verdictLabel(QMainWindow &window)
{
    for (QLabel *l : window.statusBar()->findChildren<QLabel *>())
        if (l->text().contains(u'✓') || l->text().contains(u'⚠'))
            return l->text();
    return {};
}

void showWindow(studio::MainWindow &window)
{
    window.resize(1400, 860);
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
}

} // namespace

class TestStudioBasics : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void initTestCase() { studiotest::isolateSettings(); }

    void newFlowStartsFromTheTemplateWithAHint()
    {
        studio::MainWindow window;
        window.setInteractive(false);
        showWindow(window);
        QTest::keySequence(&window, QKeySequence::New);
        editor::FlowEditor *e = window.currentEditor();
        QVERIFY(e);
        QCOMPARE(e->document()->yamlText(), std::string(engine::newFlowTemplate()));
        QCOMPARE(e->document()->steps().size(), std::size_t(2));
        QVERIFY(!e->isModified());
        QTRY_VERIFY(!e->document()->validationPending());
        QVERIFY(e->document()->problems().empty());
        QCOMPARE(verdictLabel(window), QStringLiteral("✓ valid"));
        QGraphicsItem *hint = e->scene()->hintItem();
        QVERIFY(hint && hint->isVisible());
        // Below the steps, inside what Fit shows.
        const QRectF steps = e->scene()->node(QStringLiteral("reply"))->sceneBoundingRect();
        QVERIFY(hint->sceneBoundingRect().top() > steps.bottom());
        QVERIFY(e->scene()->contentRect().contains(hint->sceneBoundingRect()));
        e->view()->fitAll();
        QTest::qWait(0);
        QVERIFY(widgetshots::saveShot(window, QStringLiteral("new-flow-template-hint")));

        // A third step: no longer nearly empty; undo brings the hint back.
        e->scene()->selectSteps({QStringLiteral("greet")});
        QVERIFY(!e->addStep(QStringLiteral("http")).isEmpty());
        QVERIFY(!e->scene()->hintItem());
        e->undoStack()->undo();
        QVERIFY(e->scene()->hintItem());

        // Everything deleted: `steps: []` is invalid, as `tutti validate` says (tst_verdict).
        e->scene()->selectSteps({QStringLiteral("greet"), QStringLiteral("reply")});
        e->scene()->deleteSelection();
        QTRY_VERIFY(!e->document()->validationPending());
        QTRY_VERIFY(verdictLabel(window).startsWith(u'⚠'));
        QVERIFY(e->scene()->hintItem()->isVisible());
    }

    void findBarAndInsertInTheWindow()
    {
        const QString flow = studiotest::copyExample(m_dir, QStringLiteral("checkout"));
        studio::MainWindow window;
        window.setInteractive(false);
        QVERIFY(window.openFlow(flow));
        showWindow(window);
        editor::FlowEditor *e = window.currentEditor();
        e->view()->fitAll();

        // A palette double-click with `charge` selected: after it, at the top level.
        e->scene()->selectSteps({QStringLiteral("charge")});
        auto *palette = window.findChild<editor::Palette *>();
        QVERIFY(palette);
        QListWidget *list = palette->list();
        QListWidgetItem *transform = nullptr;
        for (int i = 0; i < list->count(); ++i)
            if (list->item(i)->data(Qt::UserRole).toString() == u"transform")
                transform = list->item(i);
        QVERIFY(transform);
        list->scrollToItem(transform);
        const QPoint at = list->visualItemRect(transform).center();
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseDClick(list->viewport(), Qt::LeftButton, {}, at);
        QVERIFY(e->document()->hasStep("transform"));
        QCOMPARE(e->document()->stepInfo("transform")->listPointer, std::string("/steps"));
        QCOMPARE(e->document()->stepInfo("transform")->index, 2);
        e->view()->fitAll();
        QTest::qWait(0);
        QVERIFY(widgetshots::saveShot(window, QStringLiteral("inserted-after-charge")));

        // Ctrl+F from the canvas.
        e->view()->setFocus();
        QTest::keySequence(&window, QKeySequence::Find);
        editor::FindBar *bar = e->findBar();
        QVERIFY(bar->isVisible());
        QVERIFY(bar->field()->hasFocus());
        QTest::keyClicks(bar->field(), QStringLiteral("/charges"));
        QCOMPARE(bar->currentStep(), QStringLiteral("charge"));
        QTest::keyClick(bar->field(), Qt::Key_F3); // through the window's Find Next action
        QCOMPARE(bar->currentStep(), QStringLiteral("charge")); // the only match
        bar->field()->selectAll();
        QTest::keyClicks(bar->field(), QStringLiteral("http"));
        QTest::keyClick(bar->field(), Qt::Key_F3);
        QCOMPARE(bar->currentStep(), QStringLiteral("charge"));
        QCOMPARE(bar->countLabel()->text(), QStringLiteral("2 of 4"));
        QVERIFY(widgetshots::saveShot(window, QStringLiteral("find-bar")));
        // The bar floats on the canvas, whose edit keys must not act while typing in it.
        QTest::keyClick(bar->field(), Qt::Key_Backspace);
        QCOMPARE(bar->field()->text(), QStringLiteral("htt"));
        bar->field()->setCursorPosition(0);
        QTest::keyClick(bar->field(), Qt::Key_Delete);
        QCOMPARE(bar->field()->text(), QStringLiteral("tt"));
        QTest::keyClick(bar->field(), Qt::Key_A, Qt::ControlModifier);
        QCOMPARE(bar->field()->selectedText(), QStringLiteral("tt"));
        QVERIFY(e->document()->hasStep("charge"));
        QCOMPARE(e->scene()->selectedStepIds().size(), 1);
        QTest::keyClick(bar->field(), Qt::Key_Escape);
        QVERIFY(!bar->isVisible());
    }

    void problemClickShowsTheLineAndTheInspector()
    {
        const QString path = m_dir.filePath(QStringLiteral("broken.flow.yaml"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("tutti: 1\nname: broken\nsteps:\n"
                   "  - id: a\n    type: transform\n    set: {x: 1}\n    end: maybe\n");
        file.close();
        studio::MainWindow window;
        window.setInteractive(false);
        QVERIFY(window.openFlow(path));
        showWindow(window);
        editor::FlowEditor *e = window.currentEditor();
        QTRY_VERIFY(!e->document()->validationPending());
        e->setYamlVisible(false);
        editor::ProblemsPanel *problems = window.panels()->problems();
        QVERIFY(problems && problems->count() > 0);
        problems->activate(0);
        QVERIFY(e->isYamlVisible());
        QCOMPARE(e->scene()->selectedStepIds(), QStringList{QStringLiteral("a")});
        auto *inspector = window.findChild<QDockWidget *>(QStringLiteral("inspectorDock"));
        QVERIFY(inspector && inspector->isVisible());
    }

    // The window shows the desktop icon (packaging/io.github.tutti.Studio.svg), rendered at
    // every hicolor size into the studio's resources.
    void windowIconIsTheDesktopIcon()
    {
        studio::MainWindow window;
        const QList<QSize> sizes = window.windowIcon().availableSizes();
        for (int size : {16, 32, 48, 256})
            QVERIFY2(sizes.contains(QSize(size, size)), qPrintable(QString::number(size)));
    }
};

QTEST_MAIN(TestStudioBasics)
#include "tst_studiobasics.moc"
