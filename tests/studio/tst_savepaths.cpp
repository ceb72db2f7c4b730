// Never lose text: every path of the studio's window that writes a flow (Save, Save As, Save All,
// the close-tab and quit prompts, autosave and crash recovery) writes the YAML view's text exactly
// as typed, even when it does not parse, and then says so plainly and where; the dirty marker and
// the "valid" indicator describe what is on screen; a file that does not parse opens as text.
// Run and Simulate from the window take typing not applied yet.
// LABELS: unit
#include <app/studio/mainwindow.h>
#include <app/studio/studiopanels.h>
#include <tests/testfiles.h>
#include <tests/widgetshots.h>

#include <editor/floweditor.h>
#include <editor/problemspanel.h>
#include <editor/runcontroller.h>
#include <editor/runpanel.h>
#include <editor/simulationpanel.h>
#include <editor/yamleditor.h>

#include <document/flowdocument.h>

#include <Qsci/qsciscintilla.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QLabel>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace tutti;
using editor::FlowEditor;
using studio::MainWindow;

namespace {

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// The example with line 3 broken: "mapping values are not allowed" at 3:15.
QString broken(const QString &text)
{
    QString out = text;
    out.replace("name: checkout\n", "name: checkout: oops\n");
    return out;
}

} // namespace

class tst_SavePaths : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MainWindow> m_window;
    QByteArray m_original;

    QString flowPath() const { return m_dir->path() + "/checkout.flow.yaml"; }
    QTabWidget *tabs() const { return qobject_cast<QTabWidget *>(m_window->centralWidget()); }
    QString tabText(FlowEditor *e) const { return tabs()->tabText(tabs()->indexOf(e)); }
    QString problemsLabel() const
    {
        auto *label = m_window->findChild<QLabel *>("problemsLabel");
        return label ? label->text() : QString("(no label)");
    }
    QString statusMessage() const { return m_window->statusBar()->currentMessage(); }
    // With TUTTI_SHOTS_DIR set, the window as the user sees it now (tests/widgetshots.h).
    void shot(const char *name)
    {
        if (qEnvironmentVariableIsEmpty("TUTTI_SHOTS_DIR"))
            return;
        m_window->show();
        QCoreApplication::processEvents();
        QVERIFY(widgetshots::saveShot(*m_window, QString::fromLatin1(name)));
    }

    FlowEditor *open(const QString &path)
    {
        if (!m_window->openFlow(path))
            return nullptr;
        return m_window->currentEditor();
    }
    // Typing, not applied yet (the save paths must apply it themselves).
    static void type(FlowEditor *e, const QString &text) { e->yamlEditor()->setText(text); }

    // What the window says once it holds (and has saved) text that does not parse.
    void verifySaysDoesNotParse(FlowEditor *e)
    {
        QVERIFY(e->yamlEditor()->parseError().has_value());
        QVERIFY(e->parseErrorText().startsWith(e->displayName() + ":3:"));
        QCOMPARE(problemsLabel(), QString("✗ does not parse"));
        // The parse error is listed as a problem, located.
        bool listed = false;
        for (const auto &p : e->document()->problems())
            listed = listed || (p.code == engine::ErrorCode::Syntax && p.location.line == 3);
        QVERIFY(listed);
        QVERIFY(m_window->panels()->problems()->count() >= 1);
    }
    void verifyClean(FlowEditor *e)
    {
        QVERIFY(!e->isModified());
        QVERIFY(!tabText(e).contains("●"));
        QVERIFY(!m_window->isWindowModified());
    }
    void verifyDirty(FlowEditor *e)
    {
        QVERIFY(e->isModified());
        QVERIFY(tabText(e).contains("●"));
        QVERIFY(m_window->isWindowModified());
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName("TuttiTest");
        QCoreApplication::setApplicationName("tst_savepaths");
    }
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        QVERIFY(testfiles::copyTree(TUTTI_EXAMPLES "/checkout", m_dir->path()));
        m_original = testfiles::readBytes(flowPath());
        QVERIFY(m_original.contains("name: checkout\n"));
        m_window = std::make_unique<MainWindow>();
        m_window->setInteractive(false);
        m_window->resize(1200, 800);
    }
    void cleanup()
    {
        m_window.reset();
        m_dir.reset();
    }

    void saveWritesTextThatDoesNotParseAsTyped()
    {
        FlowEditor *e = open(flowPath());
        QVERIFY(e);
        verifyClean(e);
        QCOMPARE(problemsLabel(), QString("✓ valid"));
        const QString typed = broken(QString::fromUtf8(m_original));
        type(e, typed);
        verifyDirty(e); // at once, before the pause that applies typing

        QVERIFY(m_window->save(e));
        QCOMPARE(testfiles::readBytes(flowPath()), typed.toUtf8());
        verifyClean(e);            // the file holds what is on screen…
        verifySaysDoesNotParse(e); // …which still does not parse, and the window says where
        QVERIFY(statusMessage().contains("does not parse"));
        QVERIFY(statusMessage().contains("checkout.flow.yaml:3:"));
        QVERIFY(!e->notice()->isHidden());
        QVERIFY(e->notice()->text().contains("checkout.flow.yaml:3:"));
        shot("saved-unparseable");

        // Fixing the text is an unsaved change again (the disk holds the broken text), even
        // though the fixed text is the version the canvas kept.
        type(e, QString::fromUtf8(m_original));
        e->yamlEditor()->commitNow();
        verifyDirty(e);
        QVERIFY(!e->yamlEditor()->parseError());
        QVERIFY(problemsLabel() != QString("✗ does not parse"));
        QVERIFY(m_window->save(e));
        QCOMPARE(testfiles::readBytes(flowPath()), m_original);
        verifyClean(e);
        QVERIFY(e->notice()->isHidden());
        QVERIFY(statusMessage().startsWith("Saved "));
    }

    void commentsTypedInTheYamlViewAreSaved()
    {
        FlowEditor *e = open(flowPath());
        QVERIFY(e);
        const QString typed = "# a note\n" + QString::fromUtf8(m_original);
        type(e, typed);
        e->yamlEditor()->commitNow();
        verifyDirty(e); // a comment is an edit of the file
        QVERIFY(m_window->save(e));
        QCOMPARE(testfiles::readBytes(flowPath()), typed.toUtf8());
        verifyClean(e);
    }

    void saveAsWritesTextThatDoesNotParseAsTyped()
    {
        FlowEditor *e = open(flowPath());
        QVERIFY(e);
        const QString target = m_dir->path() + "/copy.flow.yaml";
        m_window->setPrompts({[&](FlowEditor *) { return target; }, {}, {}, {}});
        const QString typed = broken(QString::fromUtf8(m_original));
        type(e, typed);
        QVERIFY(m_window->saveAs(e));
        QCOMPARE(testfiles::readBytes(target), typed.toUtf8());
        QCOMPARE(testfiles::readBytes(flowPath()), m_original);
        QCOMPARE(e->filePath(), target);
        QCOMPARE(tabText(e), QString("copy.flow.yaml"));
        verifyClean(e);
        verifySaysDoesNotParse(e);
        QVERIFY(statusMessage().contains("copy.flow.yaml:3:"));
    }

    void saveAllWritesEveryFlowAsTyped()
    {
        const QString second = m_dir->path() + "/second.flow.yaml";
        QVERIFY(QFile::copy(flowPath(), second));
        FlowEditor *a = open(flowPath());
        FlowEditor *b = open(second);
        QVERIFY(a && b && a != b);
        const QString typedA = broken(QString::fromUtf8(m_original));
        const QString typedB = QString::fromUtf8(m_original) + "# second\n";
        type(a, typedA);
        type(b, typedB);
        QVERIFY(m_window->saveAll());
        QCOMPARE(testfiles::readBytes(flowPath()), typedA.toUtf8());
        QCOMPARE(testfiles::readBytes(second), typedB.toUtf8());
        QVERIFY(!a->isModified());
        QVERIFY(!b->isModified());
        QVERIFY(a->yamlEditor()->parseError().has_value());
        QVERIFY(!b->yamlEditor()->parseError().has_value());
    }

    void closeTabPromptSavesAsTyped()
    {
        FlowEditor *e = open(flowPath());
        QVERIFY(e);
        const QString typed = broken(QString::fromUtf8(m_original));
        type(e, typed);
        int asked = 0;
        MainWindow::SaveChoice answer = MainWindow::SaveChoice::Cancel;
        m_window->setPrompts({{},
                              [&](FlowEditor *) {
                                  ++asked;
                                  return answer;
                              },
                              {},
                              {}});
        // Cancel: nothing written, the tab stays with its text.
        QVERIFY(!m_window->closeTab(tabs()->indexOf(e)));
        QCOMPARE(asked, 1);
        QCOMPARE(tabs()->count(), 1);
        QCOMPARE(testfiles::readBytes(flowPath()), m_original);
        QCOMPARE(e->yamlEditor()->text(), typed);
        // Save: written as typed, then closed.
        answer = MainWindow::SaveChoice::Save;
        QVERIFY(m_window->closeTab(tabs()->indexOf(e)));
        QCOMPARE(asked, 2);
        QCOMPARE(tabs()->count(), 0);
        QCOMPARE(testfiles::readBytes(flowPath()), typed.toUtf8());
    }

    void quitPromptSavesAsTyped()
    {
        FlowEditor *e = open(flowPath());
        QVERIFY(e);
        const QString typed = broken(QString::fromUtf8(m_original));
        type(e, typed);
        m_window->setPrompts(
            {{}, [](FlowEditor *) { return MainWindow::SaveChoice::Save; }, {}, {}});
        m_window->show();
        QVERIFY(m_window->close());
        QCOMPARE(testfiles::readBytes(flowPath()), typed.toUtf8());
    }

    void autosaveAndRecoveryKeepTextAsTyped()
    {
        FlowEditor *e = open(flowPath());
        QVERIFY(e);
        // The file is older than the autosave to come (recovery compares the two).
        QFile file(flowPath());
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.setFileTime(QDateTime::currentDateTime().addSecs(-60),
                                 QFileDevice::FileModificationTime));
        file.close();
        const QString typed = broken(QString::fromUtf8(m_original));
        type(e, typed);
        m_window->autosaveNow();
        const QString autosave = m_window->autosavePathFor(flowPath());
        QCOMPARE(testfiles::readBytes(autosave), typed.toUtf8());
        QCOMPARE(testfiles::readBytes(flowPath()), m_original); // autosave never touches the file
        verifyDirty(e);

        // The session ends without saving (a crash: no close, no prompt).
        m_window.reset();
        m_window = std::make_unique<MainWindow>();
        m_window->setInteractive(false);
        int offered = 0;
        m_window->setPrompts({{},
                              {},
                              [&](FlowEditor *) {
                                  ++offered;
                                  return true;
                              },
                              {}});
        e = open(flowPath());
        QVERIFY(e);
        QCOMPARE(offered, 1);
        QCOMPARE(e->yamlEditor()->text(), typed);
        verifyDirty(e);
        verifySaysDoesNotParse(e);
        QVERIFY(statusMessage().contains("do not parse"));
        // Saving the recovered text writes it as typed and drops the autosave.
        QVERIFY(m_window->save(e));
        QCOMPARE(testfiles::readBytes(flowPath()), typed.toUtf8());
        QVERIFY(!QFile::exists(autosave));
        verifyClean(e);
    }

    void aFileThatDoesNotParseOpensAsText()
    {
        const QByteArray bytes = broken(QString::fromUtf8(m_original)).toUtf8();
        QVERIFY(writeFile(flowPath(), bytes));
        FlowEditor *e = open(flowPath());
        QVERIFY(e);
        QCOMPARE(e->yamlEditor()->text().toUtf8(), bytes);
        QCOMPARE(e->filePath(), flowPath());
        verifyClean(e);
        verifySaysDoesNotParse(e);
        QVERIFY(!e->notice()->isHidden());
        QVERIFY(statusMessage().contains("does not parse"));
        // Saving it unchanged keeps it byte for byte; fixing it is an edit; saving writes it.
        QVERIFY(m_window->save(e));
        QCOMPARE(testfiles::readBytes(flowPath()), bytes);
        type(e, QString::fromUtf8(m_original));
        e->yamlEditor()->commitNow();
        verifyDirty(e);
        QVERIFY(e->notice()->isHidden());
        QVERIFY(!e->document()->steps().empty()); // the canvas has the flow now
        QVERIFY(m_window->save(e));
        QCOMPARE(testfiles::readBytes(flowPath()), m_original);
        verifyClean(e);
    }

    void anEditElsewhereKeepsTypingUndoable()
    {
        // A canvas or inspector edit while the YAML view holds text that does not parse applies
        // to the last version that parsed; the typing it replaces is one Ctrl+Z away.
        FlowEditor *e = open(flowPath());
        QVERIFY(e);
        const QString typed = broken(QString::fromUtf8(m_original));
        type(e, typed);
        e->yamlEditor()->commitNow();
        QVERIFY(e->document()->setStepField("done", "/status", engine::Json(202)).has_value());
        QVERIFY(!e->yamlEditor()->text().contains("oops"));
        QVERIFY(statusMessage().contains("Ctrl+Z"));
        e->yamlEditor()->editor()->undo();
        QCOMPARE(e->yamlEditor()->text(), typed);
        QVERIFY(m_window->save(e));
        QCOMPARE(testfiles::readBytes(flowPath()), typed.toUtf8());
    }

    void runAndSimulateTakeTypingNotAppliedYet()
    {
        FlowEditor *e = open(flowPath());
        QVERIFY(e);
        QString text = QString::fromUtf8(m_original);
        text.replace("  - id: done\n", "  - id: confirmed\n");
        type(e, text); // no pause: Run and Simulate apply it first
        auto *panels = m_window->panels();
        QSignalSpy finished(panels->runPanel(), &editor::RunPanel::runFinished);
        panels->run();
        QVERIFY(panels->runPanel()->bannerText().contains("unsaved edits of checkout.flow.yaml"));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        bool ran = false;
        for (const auto &s : panels->runPanel()->controller()->lastRecord()->steps)
            ran = ran || s.id == "confirmed";
        QVERIFY(ran);
        shot("run-unsaved-edits");

        type(e, QString::fromUtf8(m_original).replace("  - id: done\n", "  - id: shipped\n"));
        panels->simulationPanel()->runsBox()->setValue(20);
        QSignalSpy done(panels->simulationPanel(), &editor::SimulationPanel::simulationFinished);
        panels->simulate();
        QVERIFY(panels->simulationPanel()->bannerText().contains(
            "unsaved edits of checkout.flow.yaml"));
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 60000);
        bool simulated = false;
        for (const auto &s : panels->simulationPanel()->report()->steps)
            simulated = simulated || s.id == "shipped";
        QVERIFY(simulated);
        shot("simulate-unsaved-edits");
        QCOMPARE(testfiles::readBytes(flowPath()), m_original);
    }
};

QTEST_MAIN(tst_SavePaths)
#include "tst_savepaths.moc"
