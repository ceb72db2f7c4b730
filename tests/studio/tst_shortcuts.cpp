// The main window's shortcuts: no key is bound twice where both bindings are active at once
// (Qt then reports "Ambiguous shortcut overload" and runs neither, as Redo's Ctrl+Shift+Z did),
// checked over every action of the window, its menus, docks and open flows; Redo works on
// Ctrl+Shift+Z and Ctrl+Y; the canvas edit keys reach the canvas and leave the YAML view alone.
// The standard keys differ by platform (offscreen: Redo is Ctrl+Y first; xcb: Ctrl+Shift+Z only,
// and Delete holds Ctrl+D): also run it as `QT_QPA_PLATFORM=xcb xvfb-run -a tests/tst_shortcuts`.
// LABELS: unit
#include "studiotesting.h"

#include <mainwindow.h>

#include <editor/floweditor.h>
#include <editor/flowscene.h>
#include <editor/flowview.h>
#include <editor/yamleditor.h>

#include <document/flowdocument.h>

#include <QMenu>
#include <QUndoStack>
#include <QtTest>

using namespace tutti;

namespace {

// Where an action's shortcut is active: the widgets whose focus (with or without their
// children) makes it fire. Actions added to no widget have no active shortcut.
struct Region {
    QList<QWidget *> roots;
    bool withChildren = true;
};

Region regionOf(QAction *a, QWidget *window)
{
    Region r;
    QList<QWidget *> widgets;
    for (QObject *o : a->associatedObjects())
        if (auto *w = qobject_cast<QWidget *>(o))
            widgets << w;
    if (widgets.isEmpty())
        return r;
    switch (a->shortcutContext()) {
    case Qt::WindowShortcut:
    case Qt::ApplicationShortcut:
        r.roots = {window};
        break;
    case Qt::WidgetWithChildrenShortcut:
        r.roots = widgets;
        break;
    case Qt::WidgetShortcut:
        r.roots = widgets;
        r.withChildren = false;
        break;
    }
    return r;
}

bool covers(const Region &r, QWidget *w)
{
    for (QWidget *root : r.roots)
        if (root == w || (r.withChildren && root->isAncestorOf(w)))
            return true;
    return false;
}

bool overlap(const Region &a, const Region &b)
{
    for (QWidget *w : a.roots)
        if (covers(b, w))
            return true;
    for (QWidget *w : b.roots)
        if (covers(a, w))
            return true;
    return false;
}

QString describe(QAction *a)
{
    return QStringLiteral("'%1'").arg(a->text().remove(QLatin1Char('&')));
}

} // namespace

class TestShortcuts : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_flow;

private slots:
    void initTestCase()
    {
        studiotest::isolateSettings();
        m_flow = studiotest::copyExample(m_dir, QStringLiteral("checkout"));
        QVERIFY(!m_flow.isEmpty());
    }

    void noShortcutIsBoundTwice()
    {
        studio::MainWindow window;
        window.setInteractive(false);
        QVERIFY(window.openFlow(m_flow));
        // Two flows: what each editor adds to its own widgets must not clash across tabs.
        const QString second = m_dir.filePath(QStringLiteral("second.flow.yaml"));
        QVERIFY(QFile::copy(m_flow, second));
        QVERIFY(window.openFlow(second));
        const QList<QAction *> actions = studiotest::allActions(window);
        QVERIFY(actions.size() > 30); // the walk finds the menus' actions

        QStringList clashes;
        int bound = 0;
        for (int i = 0; i < actions.size(); ++i) {
            const QList<QKeySequence> keys = actions[i]->shortcuts();
            const Region ri = regionOf(actions[i], &window);
            if (ri.roots.isEmpty())
                continue;
            bound += static_cast<int>(keys.size());
            for (int k = 0; k < keys.size(); ++k)
                for (int l = k + 1; l < keys.size(); ++l)
                    if (keys[k] == keys[l])
                        clashes << QStringLiteral("%1 lists %2 twice")
                                       .arg(describe(actions[i]), keys[k].toString());
            for (int j = i + 1; j < actions.size(); ++j) {
                const Region rj = regionOf(actions[j], &window);
                if (rj.roots.isEmpty() || !overlap(ri, rj))
                    continue;
                for (const QKeySequence &key : keys)
                    if (actions[j]->shortcuts().contains(key))
                        clashes << QStringLiteral("%1 and %2 both on %3")
                                       .arg(describe(actions[i]), describe(actions[j]),
                                            key.toString());
            }
        }
        QVERIFY(bound > 20);
        QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(u"\n")));
    }

    void redoOnCtrlShiftZAndCtrlY()
    {
        QTest::failOnWarning(QRegularExpression(QStringLiteral("Ambiguous shortcut")));
        studio::MainWindow window;
        window.setInteractive(false);
        QVERIFY(window.openFlow(m_flow));
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        editor::FlowEditor *e = window.currentEditor();
        QVERIFY(e);
        e->view()->setFocus();
        QVERIFY(e->view()->hasFocus());

        QVERIFY(!e->addStep(QStringLiteral("wait")).isEmpty());
        QTest::keyClick(e->view(), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(!e->document()->hasStep("wait"));
        QTest::keyClick(e->view(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(e->document()->hasStep("wait"));
        QTest::keyClick(e->view(), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(!e->document()->hasStep("wait"));
        QTest::keyClick(e->view(), Qt::Key_Y, Qt::ControlModifier);
        QVERIFY(e->document()->hasStep("wait"));
    }

    void canvasKeysReachTheCanvasOnly()
    {
        QTest::failOnWarning(QRegularExpression(QStringLiteral("Ambiguous shortcut")));
        studio::MainWindow window;
        window.setInteractive(false);
        QVERIFY(window.openFlow(m_flow));
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        editor::FlowEditor *e = window.currentEditor();
        e->scene()->selectSteps({QStringLiteral("out_of_stock")});
        e->view()->setFocus();
        QTest::keyClick(e->view(), Qt::Key_Delete);
        QVERIFY(!e->document()->hasStep("out_of_stock"));
        e->undoStack()->undo();
        QVERIFY(e->document()->hasStep("out_of_stock"));
        // In the YAML view, Delete edits the text, not the selected step.
        e->setYamlVisible(true);
        e->scene()->selectSteps({QStringLiteral("out_of_stock")});
        QWidget *yaml =
            e->yamlEditor()->focusProxy() ? e->yamlEditor()->focusProxy() : e->yamlEditor();
        yaml->setFocus();
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Delete);
        QVERIFY(e->document()->hasStep("out_of_stock"));
    }
};

QTEST_MAIN(TestShortcuts)
#include "tst_shortcuts.moc"
