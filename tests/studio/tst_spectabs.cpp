// Mock and profile tabs in the real window: a form edit saved from the window changes only the
// edited line; autosave and crash recovery cover them like flows (same folder and naming, the
// text as typed even when it does not parse); the flow-only docks (Inspector, Run, Simulation,
// Problems, Steps) give their space to a mock tab and come back with a flow tab, without changing
// the saved window state or View › Reset Layout; the welcome page scrolls when the window is short.
// LABELS: unit
#include "studiotesting.h"
#include <tests/widgetshots.h>

#include <app/studio/mainwindow.h>

#include <editor/codeeditor.h>
#include <editor/floweditor.h>
#include <editor/mockeditor.h>
#include <editor/specform.h>

#include <document/specdocument.h>

#include <QDateTime>
#include <QDockWidget>
#include <QLabel>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSpinBox>
#include <QTabWidget>
#include <QTest>
#include <QUndoStack>

using namespace tutti;
using editor::MockEditor;
using studio::MainWindow;

namespace {

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The line numbers (1-based) where two texts differ; both must have the same number of lines.
QList<int> changedLines(const QByteArray &a, const QByteArray &b)
{
    const QList<QByteArray> la = a.split('\n'), lb = b.split('\n');
    QList<int> out;
    for (int i = 0; i < std::max(la.size(), lb.size()); ++i)
        if (la.value(i) != lb.value(i))
            out << i + 1;
    return out;
}

QDockWidget *dock(MainWindow &w, const char *name)
{
    return w.findChild<QDockWidget *>(QString::fromLatin1(name));
}

const char *const kFlowOnly[] = {"inspectorDock", "runDock", "simulationDock", "problemsDock",
                                 "paletteDock"};

} // namespace

class tst_SpecTabs : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_flow, m_mock;

private slots:
    void initTestCase() { studiotest::isolateSettings(); }
    void init()
    {
        QSettings().clear();
        QVERIFY(m_dir.isValid());
        QDir(m_dir.path()).removeRecursively();
        QDir().mkpath(m_dir.path());
        m_flow = studiotest::copyExample(m_dir, QStringLiteral("map"));
        m_mock = m_dir.filePath(QStringLiteral("mocks/images.mock.yaml"));
        QVERIFY(QFile::exists(m_mock));
        // The copy is older than anything the test writes (recovery compares times).
        QFile f(m_mock);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.setFileTime(QDateTime::currentDateTime().addSecs(-60),
                              QFileDevice::FileModificationTime));
    }

    void formEditSavedFromTheWindowChangesOneLine()
    {
        MainWindow w;
        w.setInteractive(false);
        QVERIFY(w.openPath(m_mock));
        MockEditor *m = w.currentSpecEditor();
        QVERIFY(m);
        const QByteArray before = readFile(m_mock);
        m->form()->selectPage(2); // the second route: POST /thumbnails → 415
        auto *status = m->form()->pageWidget()->findChild<QSpinBox *>(
            QStringLiteral("/routes/1/respond/status"));
        QVERIFY(status);
        QCOMPARE(status->value(), 415);
        status->setValue(422);
        QVERIFY(m->isModified());
        QVERIFY(w.isWindowModified());
        QAction *save = studiotest::actionWithShortcut(w, QKeySequence::Save);
        QVERIFY(save && save->isEnabled());
        save->trigger();
        QVERIFY(!m->isModified());
        const QByteArray after = readFile(m_mock);
        QCOMPARE(changedLines(before, after), QList<int>{13});
        QVERIFY(
            after.contains("respond: { status: 422, body: { error: unsupported image type } }"));
        // Undo back to the saved state gives the file's first bytes (and a dirty tab).
        m->undoStack()->undo();
        QCOMPARE(m->document()->text(), before.toStdString());
        QVERIFY(m->isModified());
    }

    void autosaveAndRecoveryRoundTrip()
    {
        const QByteArray original = readFile(m_mock);
        // Typed text that does not parse: kept exactly as typed.
        QByteArray typed = original;
        typed.replace("service: images\n", "service: images: oops\n");
        QString autosave;
        {
            MainWindow w;
            w.setInteractive(false);
            QVERIFY(w.openPath(m_mock));
            MockEditor *m = w.currentSpecEditor();
            QVERIFY(m);
            m->yamlView()->setText(QString::fromUtf8(typed)); // as if typed
            QVERIFY(m->isModified());                         // typing not applied yet counts
            w.autosaveNow();
            autosave = w.autosavePathFor(m_mock);
            QCOMPARE(QFileInfo(autosave).absolutePath(),
                     QDir(m_dir.path()).filePath(".tutti/autosave"));
            QVERIFY2(QFileInfo(autosave).fileName().startsWith("images-") &&
                         autosave.endsWith(".mock.yaml"),
                     qPrintable(autosave));
            QCOMPARE(readFile(autosave), typed);
            QCOMPARE(readFile(m_mock), original); // the file itself is untouched
            // The window goes away without saving (as in a crash): the autosave stays.
        }
        QVERIFY(QFile::exists(autosave));

        // Declining the offer drops the autosave.
        {
            MainWindow w;
            w.setInteractive(false);
            int asked = 0;
            MainWindow::Prompts prompts;
            prompts.recoverSpec = [&asked](MockEditor *) {
                ++asked;
                return false;
            };
            w.setPrompts(prompts);
            QVERIFY(w.openPath(m_mock));
            QCOMPARE(asked, 1);
            QVERIFY(!w.currentSpecEditor()->isModified());
            QVERIFY(!QFile::exists(autosave));
        }

        // Accepting restores the text as typed, as an unsaved edit; Save writes it as typed and
        // removes the autosave.
        {
            MainWindow w;
            w.setInteractive(false);
            MockEditor *m = nullptr;
            QVERIFY(w.openPath(m_mock));
            m = w.currentSpecEditor();
            m->yamlView()->setText(QString::fromUtf8(typed)); // as if typed
            w.autosaveNow();
        }
        {
            MainWindow w;
            w.setInteractive(false);
            MainWindow::Prompts prompts;
            prompts.recoverSpec = [](MockEditor *) { return true; };
            w.setPrompts(prompts);
            QVERIFY(w.openPath(m_mock));
            MockEditor *m = w.currentSpecEditor();
            QCOMPARE(m->document()->text(), typed.toStdString());
            QCOMPARE(m->yamlView()->text().toUtf8(), typed);
            QVERIFY(m->isModified());
            QVERIFY(!m->document()->parses());
            QVERIFY(m->banner()->isVisibleTo(m));
            QVERIFY(!m->undoStack()->canUndo()); // nothing to undo past the restored text
            studiotest::actionWithShortcut(w, QKeySequence::Save)->trigger();
            QCOMPARE(readFile(m_mock), typed);
            QVERIFY(!m->isModified());
            QVERIFY(!QFile::exists(autosave));
        }
    }

    void flowDocksGiveWayToAMockTab()
    {
        MainWindow w;
        w.setInteractive(false);
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openPath(m_flow));
        QApplication::processEvents();
        for (const char *name : kFlowOnly)
            QVERIFY2(dock(w, name) && !dock(w, name)->isHidden(), name);
        auto *tabs = w.findChild<QTabWidget *>();
        const int flowWidth = tabs->width();

        QVERIFY(w.openPath(m_mock));
        QApplication::processEvents();
        for (const char *name : kFlowOnly)
            QVERIFY2(dock(w, name)->isHidden(), name);
        QVERIFY(!dock(w, "workspaceDock")->isHidden());
        QVERIFY(tabs->width() >= flowWidth);
        // No YAML view to toggle: the button is off, not a greyed "pressed" one.
        QAction *yamlView = studiotest::actionWithShortcut(w, QKeySequence(Qt::Key_F4));
        QVERIFY(yamlView && !yamlView->isEnabled() && !yamlView->isChecked());
        // The form fits its half of a 1400-wide window: no sideways scrolling to reach a field.
        {
            auto *form = w.currentSpecEditor()->form()->findChild<QScrollArea *>();
            QVERIFY(form);
            QApplication::processEvents();
            QVERIFY2(!form->horizontalScrollBar()->isVisible(),
                     qPrintable(QStringLiteral("form %1 px, page needs %2 px")
                                    .arg(form->viewport()->width())
                                    .arg(form->widget()->minimumSizeHint().width())));
        }

        // The state saved while the mock tab is current is the user's layout.
        w.saveWindowState();
        for (const char *name : kFlowOnly)
            QVERIFY2(dock(w, name)->isHidden(), name);
        {
            MainWindow other;
            other.setInteractive(false);
            for (const char *name : kFlowOnly)
                QVERIFY2(!dock(other, name)->isHidden(), name);
        }

        // Back on the flow tab they return.
        tabs->setCurrentIndex(0);
        QVERIFY(w.currentEditor());
        for (const char *name : kFlowOnly)
            QVERIFY2(!dock(w, name)->isHidden(), name);

        // A dock the user closed stays closed after a visit to the mock tab.
        dock(w, "simulationDock")->hide();
        tabs->setCurrentIndex(1);
        tabs->setCurrentIndex(0);
        QVERIFY(dock(w, "simulationDock")->isHidden());
        QVERIFY(!dock(w, "inspectorDock")->isHidden());

        // Reset Layout on the mock tab keeps them out of its way, and brings all back for flows.
        tabs->setCurrentIndex(1);
        w.resetLayout();
        for (const char *name : kFlowOnly)
            QVERIFY2(dock(w, name)->isHidden(), name);
        tabs->setCurrentIndex(0);
        for (const char *name : kFlowOnly)
            QVERIFY2(!dock(w, name)->isHidden(), name);

        // Closing the mock tab (the welcome page or a flow next) shows them too.
        tabs->setCurrentIndex(1);
        QVERIFY(w.closeTab(1));
        for (const char *name : kFlowOnly)
            QVERIFY2(!dock(w, name)->isHidden(), name);

        if (qEnvironmentVariableIsSet("TUTTI_SHOTS_DIR")) {
            QVERIFY(w.openPath(m_mock));
            QApplication::processEvents();
            QVERIFY(widgetshots::saveShot(w, QStringLiteral("mock-tab-window")));
        }
    }

    void welcomePageScrollsWhenShort()
    {
        MainWindow w;
        w.setInteractive(false);
        w.resize(1100, 520);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QApplication::processEvents();
        auto *page = w.findChild<QWidget *>(QStringLiteral("welcomePage"));
        QVERIFY(page && page->isVisible());
        auto *scroll = page->findChild<QScrollArea *>();
        QVERIFY(scroll);
        QScrollBar *bar = scroll->verticalScrollBar();
        QVERIFY(bar->maximum() > 0);
        bar->setValue(bar->maximum());
        QApplication::processEvents();
        QVERIFY(widgetshots::saveShot(w, QStringLiteral("welcome-short")));
        // Scrolled to the end, every label and button is whole inside the viewport or above it.
        QWidget *viewport = scroll->viewport();
        int lowest = 0;
        for (QWidget *child : scroll->widget()->findChildren<QWidget *>()) {
            if (!child->isVisible() || child->height() == 0)
                continue;
            const QRect r(child->mapTo(viewport, QPoint(0, 0)), child->size());
            lowest = std::max(lowest, r.bottom());
            QVERIFY2(r.bottom() < viewport->height(),
                     qPrintable(child->objectName() + " " + child->metaObject()->className()));
            if (auto *label = qobject_cast<QLabel *>(child); label && label->wordWrap())
                QVERIFY2(label->height() >= label->heightForWidth(label->width()),
                         qPrintable(label->text()));
        }
        QVERIFY(lowest > 0);
    }
};

QTEST_MAIN(tst_SpecTabs)
#include "tst_spectabs.moc"
