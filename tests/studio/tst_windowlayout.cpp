// The studio window's layout, built offscreen as the studio builds it: by default the canvas gets
// most of the window (compact docks, the YAML view readable beside it); View > Reset Layout
// restores that after docks were moved; the layout is remembered with a version, so a stale
// state gives the default; the minimap setting is remembered; View > YAML View follows the
// current tab; the toolbar does not shift when Undo/Redo say what they undo; a flow restored
// from an autosave at start-up is fitted at the window's real size.
// LABELS: unit
#include <app/studio/mainwindow.h>
#include <tests/testfiles.h>

#include <editor/floweditor.h>
#include <editor/flowscene.h>
#include <editor/flowview.h>

#include <document/flowdocument.h>

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDirIterator>
#include <QDockWidget>
#include <QFile>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>

using namespace tutti;
using studio::MainWindow;

namespace {

double area(const QWidget *w)
{
    return static_cast<double>(w->width()) * w->height();
}

QAction *menuAction(QWidget *window, const QString &text)
{
    for (QAction *a : window->findChildren<QAction *>())
        if (a->text().remove('&') == text)
            return a;
    return nullptr;
}

// The shares of the window the flow tab (canvas + YAML view) and the canvas alone cover.
struct Shares {
    double tab = 0, canvas = 0;
    int yamlWidth = 0, bottomHeight = 0;
};

Shares sharesOf(MainWindow &w)
{
    editor::FlowEditor *e = w.currentEditor();
    Shares s;
    s.tab = area(e) / area(&w);
    s.canvas = area(e->view()) / area(&w);
    s.yamlWidth = e->isYamlVisible() ? e->splitter()->sizes().value(1) : 0;
    if (auto *run = w.findChild<QDockWidget *>("runDock"); run && run->isVisible())
        s.bottomHeight = run->height();
    return s;
}

} // namespace

class tst_WindowLayout : public QObject {
    Q_OBJECT

    QTemporaryDir m_settings;
    QTemporaryDir m_work;

    QString workspace() const { return m_work.path() + "/checkout"; }
    QString flowPath() const { return workspace() + "/checkout.flow.yaml"; }

    static void settle(MainWindow &w)
    {
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        // Dock sizes and the editors' split land with the next layout passes.
        QTest::qWait(50);
        QApplication::processEvents();
    }

    // A window as the studio opens one at 1400 x 900 (a first start: no saved state).
    static void open(MainWindow &w, const QString &path)
    {
        w.setInteractive(false);
        w.resize(1400, 900);
        QVERIFY(w.openPath(path));
        w.show();
        settle(w);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_settings.isValid() && m_work.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settings.path());
        QCoreApplication::setOrganizationName("TuttiTest");
        QCoreApplication::setApplicationName("tst_windowlayout");
        QVERIFY(testfiles::copyTree(TUTTI_EXAMPLES "/checkout", workspace()));
    }
    void init() { QSettings().clear(); }

    void defaultLayoutGivesTheCanvasMostOfTheWindow()
    {
        MainWindow w;
        open(w, workspace());
        const Shares s = sharesOf(w);
        qInfo("flow tab %.0f %%, canvas %.0f %%, YAML %d px, bottom panel %d px", s.tab * 100,
              s.canvas * 100, s.yamlWidth, s.bottomHeight);
        QVERIFY2(s.tab >= 0.5, "the flow tab (canvas + YAML view) covers most of the window");
        // The canvas is the largest single thing in the window.
        for (QDockWidget *d : w.findChildren<QDockWidget *>())
            if (d->isVisible())
                QVERIFY2(area(w.currentEditor()->view()) > area(d), qPrintable(d->objectName()));
        QVERIFY(s.canvas >= 0.28);
        QVERIFY2(s.yamlWidth >= 320, "the YAML view is wide enough to read");
        QVERIFY2(s.bottomHeight <= w.height() / 4, "the bottom panel is compact");
        QVERIFY(s.bottomHeight > 0);
        // Compact does not mean cut off: no panel needs scrolling in the default layout.
        for (const char *name : {"runDock", "inspectorDock"}) {
            auto *dock = w.findChild<QDockWidget *>(name);
            QVERIFY(dock);
            QWidget *content = dock->widget();
            QVERIFY2(content->height() >= content->minimumSizeHint().height(), name);
        }
        // Every panel is reachable: docks that share a place are tabbed, none is closed.
        for (const char *name : {"workspaceDock", "paletteDock", "inspectorDock", "runDock",
                                 "simulationDock", "problemsDock"}) {
            auto *dock = w.findChild<QDockWidget *>(name);
            QVERIFY2(dock && !dock->isHidden() && !dock->isFloating(), name);
        }
        // The whole checkout flow is in view, so the minimap keeps out of the way.
        QVERIFY(!w.currentEditor()->view()->isMiniMapShown());
        QVERIFY(w.currentEditor()->view()->zoom() > 0.6);
    }

    void resetLayoutRestoresTheDefault()
    {
        MainWindow w;
        open(w, workspace());
        const Shares before = sharesOf(w);
        auto *run = w.findChild<QDockWidget *>("runDock");
        auto *inspector = w.findChild<QDockWidget *>("inspectorDock");
        auto *workspaceDock = w.findChild<QDockWidget *>("workspaceDock");
        w.resizeDocks({run}, {500}, Qt::Vertical);
        w.resizeDocks({workspaceDock}, {500}, Qt::Horizontal);
        inspector->setFloating(true);
        w.findChild<QDockWidget *>("problemsDock")->hide();
        w.currentEditor()->setYamlVisible(false);
        settle(w);
        QVERIFY(sharesOf(w).tab < before.tab - 0.1);

        QAction *reset = menuAction(&w, "Reset Layout");
        QVERIFY(reset);
        reset->trigger();
        settle(w);
        const Shares after = sharesOf(w);
        QVERIFY(!inspector->isFloating());
        QVERIFY(w.findChild<QDockWidget *>("problemsDock")->isVisibleTo(&w));
        QVERIFY(w.currentEditor()->isYamlVisible());
        QVERIFY2(std::abs(after.tab - before.tab) < 0.02,
                 qPrintable(QString("%1 vs %2").arg(after.tab).arg(before.tab)));
        QVERIFY(std::abs(after.canvas - before.canvas) < 0.03);
        QVERIFY(std::abs(after.bottomHeight - before.bottomHeight) <= 8);
    }

    void layoutIsRememberedWithAVersion()
    {
        int runHeight = 0;
        {
            MainWindow w;
            open(w, workspace());
            w.resizeDocks({w.findChild<QDockWidget *>("runDock")}, {330}, Qt::Vertical);
            settle(w);
            runHeight = w.findChild<QDockWidget *>("runDock")->height();
            QVERIFY(runHeight > 300);
            w.saveWindowState(); // what closing the window does
        }
        {
            MainWindow w;
            w.setInteractive(false);
            QVERIFY(w.openPath(workspace()));
            w.show();
            settle(w);
            QVERIFY(std::abs(w.findChild<QDockWidget *>("runDock")->height() - runHeight) <= 4);
        }
        // A state saved by another layout version (here: the unversioned one of before) is
        // not applied half-way: the window starts with the default layout.
        {
            MainWindow old;
            old.resize(1400, 900);
            old.show();
            settle(old);
            old.resizeDocks({old.findChild<QDockWidget *>("runDock")}, {600}, Qt::Vertical);
            settle(old);
            QSettings().setValue("window/state", old.saveState());
        }
        MainWindow w;
        w.setInteractive(false);
        QVERIFY(w.openPath(workspace()));
        w.show();
        settle(w);
        QVERIFY(w.findChild<QDockWidget *>("runDock")->height() <= w.height() / 4);
    }

    void miniMapSettingIsRemembered()
    {
        {
            MainWindow w;
            open(w, workspace());
            QAction *mini = menuAction(&w, "Minimap");
            QVERIFY(mini && mini->isChecked());
            mini->trigger();
            QVERIFY(!w.currentEditor()->view()->isMiniMapEnabled());
        }
        MainWindow w;
        open(w, workspace());
        QVERIFY(!menuAction(&w, "Minimap")->isChecked());
        QVERIFY(!w.currentEditor()->view()->isMiniMapEnabled());
        menuAction(&w, "Minimap")->trigger();
        QVERIFY(w.currentEditor()->view()->isMiniMapEnabled());
    }

    void yamlActionFollowsTheCurrentTab()
    {
        QVERIFY(QFile::copy(flowPath(), workspace() + "/second.flow.yaml"));
        MainWindow w;
        w.setInteractive(false);
        w.resize(1400, 900);
        QVERIFY(w.openPath(flowPath()));
        QAction *yaml = menuAction(&w, "YAML View");
        QVERIFY(yaml);
        QVERIFY2(yaml->isChecked(), "checked before the window is shown, as the view will be");
        w.show();
        settle(w);
        QVERIFY(yaml->isChecked());
        editor::FlowEditor *first = w.currentEditor();

        yaml->trigger(); // F4
        QVERIFY(!first->isYamlVisible());
        QVERIFY(!yaml->isChecked());

        QVERIFY(w.openFlow(workspace() + "/second.flow.yaml"));
        settle(w);
        editor::FlowEditor *second = w.currentEditor();
        QVERIFY(second != first && second->isYamlVisible());
        QVERIFY(yaml->isChecked());

        // Dragging the splitter shut hides the view too: the action says so.
        QSplitter *split = second->splitter();
        QWidget *handle = split->handle(1);
        const QPoint grab = handle->rect().center();
        QTest::mousePress(handle, Qt::LeftButton, {}, grab);
        QTest::mouseMove(handle, grab + QPoint(split->width(), 0));
        QTest::mouseRelease(handle, Qt::LeftButton, {}, grab + QPoint(split->width(), 0));
        QTRY_VERIFY(!second->isYamlVisible());
        QVERIFY(!yaml->isChecked());
        yaml->trigger(); // shows it again, at a readable width
        QVERIFY(second->isYamlVisible());
        QVERIFY(split->sizes().value(1) >= 320);
        QVERIFY(yaml->isChecked());

        w.findChild<QTabWidget *>()->setCurrentWidget(first);
        QVERIFY(!yaml->isChecked());
        QVERIFY(QFile::remove(workspace() + "/second.flow.yaml"));
    }

    void toolbarDoesNotShiftWhenUndoSaysWhatItUndoes()
    {
        MainWindow w;
        open(w, flowPath());
        auto *bar = w.findChild<QToolBar *>("mainToolBar");
        QVERIFY(bar);
        QList<QRect> before;
        for (QAction *a : bar->actions())
            before << bar->actionGeometry(a);
        editor::FlowEditor *e = w.currentEditor();
        e->scene()->selectSteps({"charge"});
        QVERIFY(!e->addStep("transform").isEmpty());
        QApplication::processEvents();
        QAction *undoTool = w.findChild<QAction *>("undoTool");
        QVERIFY(undoTool && undoTool->isEnabled());
        QVERIFY2(undoTool->toolTip().size() > QString("Undo").size(), "the tooltip says what");
        QCOMPARE(undoTool->text(), QString("Undo"));
        QList<QRect> after;
        for (QAction *a : bar->actions())
            after << bar->actionGeometry(a);
        QCOMPARE(after, before);
        undoTool->trigger();
        QVERIFY(!e->isModified());
    }

    void crashRecoveryFitsAtTheRealSize()
    {
        // An autosave newer than the file, found when the studio opens the flow at start-up:
        // before the window is shown, with the "Recover?" question in front of it.
        MainWindow w;
        w.setWorkspace(workspace());
        QDir().mkpath(w.autosaveDir());
        QFile original(flowPath());
        QVERIFY(original.open(QIODevice::ReadOnly));
        QByteArray text = original.readAll();
        original.close();
        text.replace("description: Reserve stock", "description: Restored reserve stock");
        QFile autosave(w.autosavePathFor(flowPath()));
        QVERIFY(autosave.open(QIODevice::WriteOnly));
        autosave.write(text);
        QVERIFY(autosave.setFileTime(QDateTime::currentDateTime().addSecs(60),
                                     QFileDevice::FileModificationTime));
        autosave.close();
        bool answered = false;
        QTimer answer;
        answer.setInterval(10);
        connect(&answer, &QTimer::timeout, &w, [&answered, &answer] {
            for (QWidget *top : QApplication::topLevelWidgets())
                if (auto *box = qobject_cast<QMessageBox *>(top); box && box->isVisible()) {
                    if (QAbstractButton *yes = box->button(QMessageBox::Yes)) {
                        yes->click();
                        answered = true;
                    } else {
                        box->reject();
                    }
                }
        });
        answer.start();
        w.resize(1400, 900);
        QVERIFY(w.openPath(flowPath())); // interactive: the question is asked
        QVERIFY(answered);
        editor::FlowEditor *e = w.currentEditor();
        QVERIFY(e->isModified());
        QVERIFY(e->document()->yamlText().find("Restored") != std::string::npos);
        w.show();
        settle(w);
        qInfo("zoom after recovery: %.0f %%", e->view()->zoom() * 100);
        QVERIFY(e->view()->zoom() > 0.6);
        QVERIFY(e->view()->isFitted());
        w.setInteractive(false); // close without the save prompt
        QFile::remove(w.autosavePathFor(flowPath()));
    }
};

QTEST_MAIN(tst_WindowLayout)
#include "tst_windowlayout.moc"
