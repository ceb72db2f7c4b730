// Help and settings in the studio window, driven offscreen: the shortcuts dialog lists the real
// actions (Save with Ctrl+S) and filters them; the documentation opens flow-format.md from the
// compiled-in pages and follows a link to another page; the welcome page lists every bundled
// example and opening one makes a tab; Settings persist and are applied (autosave interval, text
// size, default environment, trace database, theme). Screenshots go to TUTTI_SHOTS_DIR when set.
// LABELS: unit
#include <app/studio/bundledexamples.h>
#include <app/studio/helpbrowser.h>
#include <app/studio/mainwindow.h>
#include <app/studio/settingsdialog.h>
#include <app/studio/shortcutsdialog.h>
#include <app/studio/studiohelp.h>
#include <app/studio/studiopanels.h>
#include <app/studio/studiosettings.h>
#include <app/studio/welcomepage.h>
#include <tests/widgetshots.h>

#include <editor/floweditor.h>
#include <editor/flowview.h>
#include <editor/nodeitem.h>
#include <editor/runpanel.h>
#include <editor/runpreferences.h>
#include <editor/traceview/jsonview.h>
#include <editor/yamleditor.h>

#include <Qsci/qsciscintilla.h>

#include <QApplication>
#include <QComboBox>
#include <QCommandLinkButton>
#include <QDir>
#include <QDockWidget>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTreeWidget>

#include <algorithm>
#include <functional>

using namespace tutti;
using studio::MainWindow;

namespace {

QString docsDir()
{
    return QStringLiteral(TUTTI_TEST_DATA "/../../docs");
}

} // namespace

class TestStudioHelp : public QObject {
    Q_OBJECT
    QTemporaryDir m_home;

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        // Settings, recent files and example copies go to a private folder.
        qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toUtf8());
        qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("data")).toUtf8());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                           m_home.filePath(QStringLiteral("config")));
        QCoreApplication::setOrganizationName(QStringLiteral("TuttiTest"));
        QCoreApplication::setApplicationName(QStringLiteral("StudioHelp"));
        QVERIFY(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                    .startsWith(m_home.path()));
    }

    void shortcutsComeFromTheActions()
    {
        MainWindow w;
        w.setInteractive(false);
        const auto entries = studio::ShortcutsDialog::collect(&w);
        const QString ctrlS = QKeySequence(QKeySequence::Save).toString(QKeySequence::NativeText);
        bool save = false, docs = false, settings = false;
        for (const auto &e : entries) {
            save = save || (e.menu == u"File" && e.action == u"Save" && e.keys.contains(ctrlS));
            docs = docs || (e.menu == u"Help" && e.action == u"Documentation" &&
                            e.keys.contains(QStringLiteral("F1")));
            settings = settings || (e.action == u"Settings" && !e.keys.isEmpty());
        }
        QVERIFY(save);
        QVERIFY(docs);
        QVERIFY(settings);
        // Every action with a shortcut in the menus is listed (nothing hand-written).
        int withKeys = 0;
        std::function<void(QMenu *)> count = [&](QMenu *m) {
            for (QAction *a : m->actions()) {
                if (a->menu())
                    count(a->menu());
                else if (!a->isSeparator() && !a->shortcuts().isEmpty())
                    ++withKeys;
            }
        };
        for (QAction *a : w.menuBar()->actions())
            if (a->menu())
                count(a->menu());
        QCOMPARE(std::count_if(entries.begin(), entries.end(),
                               [](const auto &e) { return !e.keys.isEmpty(); }),
                 withKeys);

        studio::ShortcutsDialog dialog(&w);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(widgetshots::saveShot(dialog, QStringLiteral("shortcuts.png")));
        auto visibleActions = [&] {
            QStringList out;
            for (int g = 0; g < dialog.tree()->topLevelItemCount(); ++g) {
                QTreeWidgetItem *group = dialog.tree()->topLevelItem(g);
                for (int i = 0; i < group->childCount(); ++i)
                    if (!group->isHidden() && !group->child(i)->isHidden())
                        out << group->child(i)->text(0);
            }
            return out;
        };
        QVERIFY(visibleActions().contains(QStringLiteral("Save")));
        QVERIFY(visibleActions().contains(QStringLiteral("Quit")));
        dialog.filterEdit()->setText(ctrlS);
        QVERIFY(visibleActions().contains(QStringLiteral("Save")));
        QVERIFY(!visibleActions().contains(QStringLiteral("Quit")));
        dialog.filterEdit()->setText(QStringLiteral("zoom"));
        QVERIFY(visibleActions().contains(QStringLiteral("Zoom In")));
        QVERIFY(!visibleActions().contains(QStringLiteral("Save")));
        QVERIFY(widgetshots::saveShot(dialog, QStringLiteral("shortcuts-filtered.png")));
    }

    void documentationIsCompiledIn()
    {
        // Every docs/*.md page is offered, studio.md first.
        const QStringList onDisk =
            QDir(docsDir()).entryList({QStringLiteral("*.md")}, QDir::Files, QDir::Name);
        QVERIFY(!onDisk.isEmpty());
        const QStringList pages = studio::HelpBrowser::pages();
        QCOMPARE(QStringList(pages).size(), onDisk.size());
        QCOMPARE(pages.first(), QStringLiteral("studio.md"));
        QCOMPARE(studio::HelpBrowser::pageTitle(QStringLiteral("flow-format.md")),
                 QStringLiteral("Flow file reference (*.flow.yaml)"));

        MainWindow w;
        w.setInteractive(false);
        QAction *f1 = w.help()->documentationAction();
        QCOMPARE(f1->shortcut(), QKeySequence(QKeySequence::HelpContents));
        f1->trigger();
        studio::HelpBrowser *browser = w.help()->documentation();
        QVERIFY(browser->isVisible());
        QCOMPARE(browser->currentPage(), QStringLiteral("studio.md"));
        // The studio page's screenshot loads from the resources, scaled to the view.
        const QVariant image = browser->view()->document()->resource(
            QTextDocument::ImageResource,
            QUrl(QStringLiteral("qrc:/tutti/docs/screenshots/studio-checkout.png")));
        QVERIFY(image.isValid());
        QVERIFY(!image.value<QImage>().isNull());
        QVERIFY(widgetshots::saveShot(*browser, QStringLiteral("documentation-studio.png")));

        QVERIFY(browser->showPage(QStringLiteral("flow-format.md")));
        QCOMPARE(browser->currentPage(), QStringLiteral("flow-format.md"));
        QVERIFY(browser->view()->toPlainText().contains(QStringLiteral("Flow file reference")));
        QCOMPARE(browser->pageList()->currentItem()->data(Qt::UserRole).toString(),
                 QStringLiteral("flow-format.md"));
        QVERIFY(widgetshots::saveShot(*browser, QStringLiteral("documentation.png")));

        // Follow the page's link to the expressions page, as a click does.
        QString href;
        for (QTextBlock b = browser->view()->document()->begin(); b.isValid() && href.isEmpty();
             b = b.next())
            for (auto it = b.begin(); !it.atEnd(); ++it)
                if (it.fragment().charFormat().anchorHref() == u"expressions.md") {
                    href = it.fragment().charFormat().anchorHref();
                    break;
                }
        QCOMPARE(href, QStringLiteral("expressions.md"));
        emit browser->view()->anchorClicked(QUrl(href));
        QCOMPARE(browser->currentPage(), QStringLiteral("expressions.md"));
        QCOMPARE(browser->pageList()->currentItem()->data(Qt::UserRole).toString(),
                 QStringLiteral("expressions.md"));
        QVERIFY(browser->windowTitle().startsWith(QStringLiteral("Expressions")));
        browser->view()->backward();
        QCOMPARE(browser->currentPage(), QStringLiteral("flow-format.md"));
        // A link to something that is not a page leaves the page as it is.
        emit browser->view()->anchorClicked(QUrl(QStringLiteral("../engine/model/flow.h")));
        QCOMPARE(browser->currentPage(), QStringLiteral("flow-format.md"));
        // Choosing a page in the list opens it.
        browser->pageList()->setCurrentRow(
            static_cast<int>(pages.indexOf(QStringLiteral("mocks.md"))));
        QCOMPARE(browser->currentPage(), QStringLiteral("mocks.md"));
    }

    void welcomePageListsTheExamples()
    {
        // The bundled examples are the resources/examples folders with a flow.
        QStringList folders;
        for (const QString &d :
             QDir(QStringLiteral(TUTTI_EXAMPLES)).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
            if (!QDir(QStringLiteral(TUTTI_EXAMPLES "/") + d)
                     .entryList({QStringLiteral("*.flow.yaml")})
                     .isEmpty())
                folders << d;
        QVERIFY(folders.size() >= 5);
        const auto examples = studio::BundledExamples::list();
        QCOMPARE(examples.size(), folders.size());
        for (const auto &e : examples) {
            QVERIFY2(!e.description.isEmpty(), qPrintable(e.folder));
            QVERIFY(folders.contains(e.folder));
        }

        MainWindow w;
        w.setInteractive(false);
        w.resize(1400, 860);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        studio::WelcomePage *page = w.help()->welcomePage();
        QVERIFY(page->isVisible());
        QVERIFY(widgetshots::saveShot(w, QStringLiteral("welcome-first.png")));
        QCOMPARE(page->size(), w.findChild<QTabWidget *>()->size());
        for (const QString &folder : folders) {
            auto *b = page->findChild<QCommandLinkButton *>(QStringLiteral("example:") + folder);
            QVERIFY2(b, qPrintable(folder));
        }
        auto *checkout = page->findChild<QCommandLinkButton *>(QStringLiteral("example:checkout"));
        QCOMPARE(checkout->text(), QStringLiteral("checkout"));
        QCOMPARE(
            checkout->description(),
            QStringLiteral("Reserve stock, charge the card, create the order, book shipping."));
        QVERIFY(widgetshots::saveShot(w, QStringLiteral("welcome.png")));

        QTest::mouseClick(checkout, Qt::LeftButton);
        QCOMPARE(w.editors().size(), 1);
        QVERIFY(!page->isVisible());
        const QString flow = w.currentEditor()->filePath();
        QVERIFY2(flow.startsWith(studio::BundledExamples::copyRoot()), qPrintable(flow));
        QVERIFY(QFileInfo(flow).isWritable());
        QVERIFY(QFileInfo::exists(QFileInfo(flow).dir().filePath(QStringLiteral("mocks"))));

        // No tab open: the page is back, with the example among the recent files.
        w.findChild<QTabWidget *>()->tabCloseRequested(0);
        QCOMPARE(w.editors().size(), 0);
        QVERIFY(page->isVisible());
        QVERIFY(page->findChild<QCommandLinkButton *>(QStringLiteral("recent:") + flow));
        QVERIFY(widgetshots::saveShot(w, QStringLiteral("welcome-recent.png")));
    }

    void settingsPersistAndApply()
    {
        QSettings().remove(QStringLiteral("settings"));
        editor::RunPreferences::setCurrent({});
        MainWindow w;
        w.setInteractive(false);
        w.resize(1400, 860);
        studio::StudioSettings *settings = w.help()->settings();
        QCOMPARE(settings->values(), studio::StudioSettings::Values{});
        QCOMPARE(w.autosaveTimer().interval(), 30'000);
        QVERIFY(w.autosaveTimer().isActive());

        auto example = studio::BundledExamples::list().front();
        for (const auto &e : studio::BundledExamples::list())
            if (e.folder == u"checkout")
                example = e;
        auto flow = studio::BundledExamples::materialize(example);
        QVERIFY(flow);

        studio::SettingsDialog dialog(settings, QFileInfo(*flow).path(), &w);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.environmentBox()->findText(QStringLiteral("staging")) >= 0);
        QVERIFY(widgetshots::saveShot(dialog, QStringLiteral("settings.png")));
        const QString db = m_home.filePath(QStringLiteral("all-traces.db"));
        dialog.textSizeBox()->setValue(14);
        dialog.autosaveBox()->setValue(5);
        dialog.environmentBox()->setCurrentText(QStringLiteral("staging"));
        dialog.findChild<QRadioButton *>(QStringLiteral("traceInFile"))->setChecked(true);
        dialog.traceDatabaseEdit()->setText(db);
        dialog.themeBox()->setCurrentIndex(
            dialog.themeBox()->findData(static_cast<int>(studio::StudioSettings::Theme::Dark)));
        dialog.apply();

        // Applied at once.
        QCOMPARE(w.autosaveTimer().interval(), 5'000);
        QVERIFY(w.autosaveTimer().isActive());
        QCOMPARE(editor::NodeItem::textScale(), 1.4);
        QCOMPARE(editor::RunPreferences::current().environment, std::string("staging"));
        QCOMPARE(editor::RunPreferences::current().traceDatabase, db.toStdString());
        QCOMPARE(editor::RunPreferences::current().traceTarget().databasePath, db.toStdString());
        QVERIFY(QApplication::palette().color(QPalette::Window).lightnessF() < 0.3);
        QVERIFY(studio::StudioSettings::isDark(studio::StudioSettings::Theme::Dark));

        // A flow opened now gets the text size, the dark canvas and the default environment.
        QVERIFY(w.openFlow(*flow));
        editor::FlowEditor *e = w.currentEditor();
        QCOMPARE(e->yamlEditor()->editor()->SendScintilla(QsciScintillaBase::SCI_GETZOOM), 4L);
        QVERIFY(e->view()->backgroundBrush().color().lightnessF() < 0.3);
        QCOMPARE(w.panels()->runPanel()->environmentBox()->currentText(),
                 QStringLiteral("staging"));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(widgetshots::saveShot(w, QStringLiteral("dark.png")));
        // The JSON views' fold margin is dark too (it stayed Scintilla's light checkerboard):
        // its pixels below the last line are the margin's own colour.
        QList<QsciScintilla *> folding;
        for (QsciScintilla *ed : w.findChildren<QsciScintilla *>())
            if (ed->folding() != QsciScintilla::NoFoldStyle)
                folding << ed;
        QVERIFY(!folding.isEmpty());
        // The Run Viewer's dock in front, its JSON views shown (they wait for a run to open).
        for (QWidget *p = folding.back(); p; p = p->parentWidget()) {
            p->show();
            if (auto *dock = qobject_cast<QDockWidget *>(p))
                dock->raise();
        }
        w.resize(1600, 1000);
        QTRY_VERIFY(folding.back()->isVisible() && folding.back()->viewport()->height() > 20);
        int foldingViews = 0;
        for (QsciScintilla *ed : std::as_const(folding)) {
            if (!ed->isVisible())
                continue;
            const QImage shot = ed->viewport()->grab().toImage();
            const int x = int(ed->SendScintilla(QsciScintillaBase::SCI_GETMARGINWIDTHN, 0UL) +
                              ed->SendScintilla(QsciScintillaBase::SCI_GETMARGINWIDTHN, 1UL)) +
                          2;
            QVERIFY2(x < shot.width() && shot.height() > 6,
                     qPrintable(QString("%1 %2x%3").arg(x).arg(shot.width()).arg(shot.height())));
            const QColor margin = shot.pixelColor(x, shot.height() - 6);
            QVERIFY2(margin.lightnessF() < 0.4, qPrintable(margin.name()));
            ++foldingViews;
        }
        QVERIFY(foldingViews > 0);
        QVERIFY(widgetshots::saveShot(dialog, QStringLiteral("settings-dark.png")));

        // Persisted: a new settings object (a new studio) reads the same values.
        const studio::StudioSettings reread;
        QCOMPARE(reread.values().textSize, 14);
        QCOMPARE(reread.values().autosaveSeconds, 5);
        QCOMPARE(reread.values().defaultEnvironment, QStringLiteral("staging"));
        QCOMPARE(reread.values().traceDatabase, db);
        QCOMPARE(reread.values().theme, studio::StudioSettings::Theme::Dark);
        QVERIFY(!reread.isFirstRun());

        // Autosave off stops the timer; back to defaults restores everything, live.
        dialog.autosaveBox()->setValue(0);
        dialog.apply();
        QVERIFY(!w.autosaveTimer().isActive());
        settings->resetToDefaults();
        QCOMPARE(w.autosaveTimer().interval(), 30'000);
        QVERIFY(w.autosaveTimer().isActive());
        QCOMPARE(editor::NodeItem::textScale(), 1.0);
        QCOMPARE(e->yamlEditor()->editor()->SendScintilla(QsciScintillaBase::SCI_GETZOOM), 0L);
        QVERIFY(e->view()->backgroundBrush().color().lightnessF() > 0.9);
        // Light again, the JSON view's fold margin is drawn as a view never themed draws it.
        {
            auto *themed = qobject_cast<editor::JsonView *>(folding.back()->parentWidget());
            QVERIFY(themed);
            editor::JsonView untouched;
            untouched.resize(400, 300);
            untouched.show();
            QVERIFY(QTest::qWaitForWindowExposed(&untouched));
            const engine::Json value = engine::Json::parse(R"({"a": [1, {"b": 2}]})");
            themed->setJson(value);
            untouched.setJson(value);
            const auto foldMargin = [](editor::JsonView *view) {
                auto *ed = view->findChild<QsciScintilla *>();
                const int x = int(ed->SendScintilla(QsciScintillaBase::SCI_GETMARGINWIDTHN, 0UL) +
                                  ed->SendScintilla(QsciScintillaBase::SCI_GETMARGINWIDTHN, 1UL));
                const int width =
                    int(ed->SendScintilla(QsciScintillaBase::SCI_GETMARGINWIDTHN, 2UL));
                return ed->viewport()->grab().toImage().copy(x, 0, width, 24);
            };
            QTRY_VERIFY(folding.back()->viewport()->height() >= 24);
            const QImage reference = foldMargin(&untouched);
            QVERIFY(reference.width() > 4 && reference.height() == 24);
            QVERIFY(foldMargin(themed) == reference);
        }
        QCOMPARE(editor::RunPreferences::current().traceTarget().kind,
                 engine::TraceTarget::Kind::WorkspaceDatabase);
        dialog.setValues(settings->values());
        QCOMPARE(dialog.values(), studio::StudioSettings::Values{});
        QCOMPARE(studio::StudioSettings().values(), studio::StudioSettings::Values{});
    }

    void runsGoToTheChosenTraceDatabase()
    {
        QSettings().remove(QStringLiteral("settings"));
        MainWindow w;
        w.setInteractive(false);
        const QString db = m_home.filePath(QStringLiteral("one/traces.db"));
        QDir().mkpath(QFileInfo(db).path());
        auto v = w.help()->settings()->values();
        v.traceDatabase = db;
        w.help()->settings()->set(v);

        studio::BundledExample checkout;
        for (const auto &e : studio::BundledExamples::list())
            if (e.folder == u"checkout")
                checkout = e;
        auto flow = studio::BundledExamples::materialize(checkout);
        QVERIFY(flow);
        const QString workspaceDb =
            QFileInfo(*flow).dir().filePath(QStringLiteral(".tutti/traces.db"));
        QFile::remove(workspaceDb);
        QVERIFY(w.openFlow(*flow));
        editor::RunPanel *run = w.panels()->runPanel();
        QCOMPARE(run->environmentBox()->currentText(), QStringLiteral("mock"));
        QSignalSpy finished(run, &editor::RunPanel::runFinished);
        w.panels()->run();
        QVERIFY(finished.wait(20'000));
        QVERIFY(QFileInfo::exists(db));
        QVERIFY(!QFileInfo::exists(workspaceDb));
        w.help()->settings()->resetToDefaults();
        QCOMPARE(editor::RunPreferences::current().traceTarget().kind,
                 engine::TraceTarget::Kind::WorkspaceDatabase);
    }

    void outOfRangeValuesAreClamped()
    {
        QSettings s;
        s.setValue(QStringLiteral("settings/textSize"), 99);
        s.setValue(QStringLiteral("settings/autosaveSeconds"), -4);
        s.setValue(QStringLiteral("settings/theme"), QStringLiteral("purple"));
        s.sync();
        const studio::StudioSettings read;
        QCOMPARE(read.values().textSize, studio::StudioSettings::kMaxTextSize);
        QCOMPARE(read.values().autosaveSeconds, 0);
        QCOMPARE(read.values().theme, studio::StudioSettings::Theme::System);
        s.remove(QStringLiteral("settings"));
    }
};

QTEST_MAIN(TestStudioHelp)
#include "tst_studiohelp.moc"
