// The studio speaks German and French: with the German translation installed, the menu bar, the
// File menu, the Settings dialog (with its Language choice), the step palette's labels, the
// inspector's field help, undo texts and Qt's own buttons read German; every menu's accelerators
// are distinct; one French menu and dialog; English and an unknown language
// install nothing; a stored run opened in the German run viewer, history and inspector. With
// TUTTI_SHOTS_DIR set it saves the German window (checkout flow open; a failed run open in the
// Run Viewer and the History) and the German Settings, Export and Keyboard Shortcuts dialogs there.
// LABELS: unit
#include "studiotesting.h"
#include <tests/tracegen.h>
#include <tests/widgetshots.h>

#include <exportdialog.h>
#include <mainwindow.h>
#include <runbrowser.h>
#include <settingsdialog.h>
#include <shortcutsdialog.h>
#include <studiohelp.h>
#include <studiopanels.h>
#include <studiosettings.h>
#include <studiotranslations.h>

#include <document/flowdocument.h>
#include <editor/commands.h>
#include <editor/floweditor.h>
#include <editor/flowview.h>
#include <editor/historymodel.h>
#include <editor/historypanel.h>
#include <editor/inspector.h>
#include <editor/statustext.h>
#include <editor/steppresentation.h>
#include <editor/traceview/runviewer.h>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QtTest>

using namespace tutti;

namespace {

QStringList menuTitles(QMainWindow &window)
{
    QStringList out;
    for (QAction *a : window.menuBar()->actions())
        out << a->text();
    return out;
}

QMenu *menuTitled(QMainWindow &window, const QString &title)
{
    for (QAction *a : window.menuBar()->actions())
        if (a->text() == title)
            return a->menu();
    return nullptr;
}

QStringList actionTexts(QMenu *menu)
{
    QStringList out;
    if (menu)
        for (QAction *a : menu->actions())
            if (!a->isSeparator())
                out << a->text();
    return out;
}

QStringList labelTexts(QWidget &w)
{
    QStringList out;
    for (QLabel *l : w.findChildren<QLabel *>())
        out << l->text();
    return out;
}

// The accelerator letters of a menu's entries (or the menu bar's), lower case: none may repeat.
QString duplicateAccelerator(const QStringList &texts)
{
    QSet<QChar> seen;
    for (const QString &t : texts) {
        const qsizetype at = t.indexOf(u'&');
        if (at < 0 || at + 1 >= t.size())
            continue;
        const QChar c = t.at(at + 1).toLower();
        if (seen.contains(c))
            return t;
        seen.insert(c);
    }
    return {};
}

} // namespace

class TestTranslations : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    void verifyAcceleratorsUnique(studio::MainWindow &window)
    {
        if (qEnvironmentVariableIsSet("TUTTI_PRINT_MENUS"))
            for (QAction *a : window.menuBar()->actions())
                qInfo().noquote() << a->text() << "→" << actionTexts(a->menu()).join(u" | ");
        QCOMPARE(duplicateAccelerator(menuTitles(window)), QString());
        for (QAction *a : window.menuBar()->actions())
            QVERIFY2(duplicateAccelerator(actionTexts(a->menu())).isEmpty(),
                     qPrintable(a->text() + ": " + duplicateAccelerator(actionTexts(a->menu()))));
    }

private slots:
    void initTestCase()
    {
        studiotest::isolateSettings();
        QVERIFY(m_dir.isValid());
    }

    void cleanupTestCase() { studio::installStudioTranslations(QStringLiteral("en")); }

    void german()
    {
        const QLocale locale = studio::installStudioTranslations(QStringLiteral("de"));
        QCOMPARE(locale.language(), QLocale::German);

        studio::MainWindow window;
        window.setInteractive(false);
        const QStringList menus = menuTitles(window);
        QCOMPARE(menus.value(0), QStringLiteral("&Datei"));
        QVERIFY2(menus.contains(QStringLiteral("&Bearbeiten")), qPrintable(menus.join(u',')));
        QVERIFY2(menus.contains(QStringLiteral("&Hilfe")), qPrintable(menus.join(u',')));
        const QStringList file = actionTexts(menuTitled(window, QStringLiteral("&Datei")));
        QVERIFY2(file.contains(QStringLiteral("&Speichern")), qPrintable(file.join(u',')));
        QVERIFY2(file.contains(QStringLiteral("&Neuer Flow")), qPrintable(file.join(u',')));
        verifyAcceleratorsUnique(window);

        // The table texts (QT_TRANSLATE_NOOP) and the free functions' contexts reach their
        // translations too.
        QCOMPARE(editor::StepPresentations::forType(QStringLiteral("http")).label,
                 QStringLiteral("HTTP-Anfrage"));
        // The inspector's field help: the engine descriptors' docs
        // (translations/fielddoccatalog.cpp).
        bool methodHelp = false;
        for (const editor::Inspector::Field &f :
             editor::Inspector::fieldsFor(QStringLiteral("http")))
            if (f.pointer == u"/request/method") {
                QCOMPARE(f.label, QStringLiteral("Methode"));
                QVERIFY2(f.help.contains(QStringLiteral("Die HTTP-Methode")), qPrintable(f.help));
                methodHelp = true;
            }
        QVERIFY(methodHelp);

        engine::FlowDocument doc;
        const editor::ReplaceDocumentCommand edit(&doc, {}, {}, {}, {});
        QCOMPARE(edit.text(), QStringLiteral("YAML bearbeiten"));

        // Settings: its title, its labels, the language choice and its note, Qt's own buttons.
        studio::SettingsDialog dialog(window.help()->settings(), QString(), &window);
        QCOMPARE(dialog.windowTitle(), QStringLiteral("Einstellungen"));
        const QStringList labels = labelTexts(dialog);
        QVERIFY2(labels.contains(QStringLiteral("Sprache:")), qPrintable(labels.join(u'|')));
        QVERIFY2(labels.contains(QStringLiteral("Textgröße:")), qPrintable(labels.join(u'|')));
        QVERIFY(labels.contains(QStringLiteral("Wirkt beim nächsten Start von Tutti Studio.")));
        QComboBox *language = dialog.languageBox();
        QCOMPARE(language->count(), 4);
        QCOMPARE(language->itemText(0), QStringLiteral("System"));
        QCOMPARE(language->itemText(2), QStringLiteral("Deutsch"));
        QCOMPARE(language->itemText(3), QStringLiteral("Français"));
        auto *buttons = dialog.findChild<QDialogButtonBox *>();
        QVERIFY(buttons);
        if (QCoreApplication::translate("QPlatformTheme", "Cancel") == u"Cancel")
            qWarning("Qt's own German translation (qtbase_de.qm) is not installed here: "
                     "standard buttons stay English");
        else
            QCOMPARE(buttons->button(QDialogButtonBox::Cancel)->text(),
                     QStringLiteral("Abbrechen"));

        if (!qEnvironmentVariableIsEmpty("TUTTI_SHOTS_DIR")) {
            const QString flow = studiotest::copyExample(m_dir, QStringLiteral("checkout"));
            window.resize(1400, 860);
            window.resetLayout();
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QVERIFY(window.openPath(flow));
            QTRY_VERIFY(!window.currentEditor()->document()->validationPending());
            window.currentEditor()->view()->fitAll();
            QCoreApplication::processEvents();
            QVERIFY(widgetshots::saveShot(window, QStringLiteral("studio-de")));
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            QVERIFY(widgetshots::saveShot(dialog, QStringLiteral("settings-de")));
            QMenu *fileMenu = menuTitled(window, QStringLiteral("&Datei"));
            fileMenu->popup(window.mapToGlobal(QPoint(10, 30)));
            QVERIFY(QTest::qWaitForWindowExposed(fileMenu));
            QVERIFY(widgetshots::saveShot(*fileMenu, QStringLiteral("menu-file-de")));
            fileMenu->hide();
            studio::ExportDialog exportDialog(window.currentEditor()->document(), &window);
            exportDialog.resize(1000, 720);
            exportDialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&exportDialog));
            QVERIFY(widgetshots::saveShot(exportDialog, QStringLiteral("export-de")));
            studio::ShortcutsDialog shortcuts(&window, &window);
            shortcuts.show();
            QVERIFY(QTest::qWaitForWindowExposed(&shortcuts));
            QVERIFY(widgetshots::saveShot(shortcuts, QStringLiteral("shortcuts-de")));
        }
    }

    // A failed run opened from the History: the docks, the history's columns and the inspector's
    // Last run box read German, and so do the status names the viewer shows (editor/statustext.h).
    void germanRunViewer()
    {
        studio::installStudioTranslations(QStringLiteral("de"));
        QTemporaryDir dir;
        const QString flow = studiotest::copyExample(dir, QStringLiteral("checkout"));
        QVERIFY(!flow.isEmpty());
        const std::string id = "run_0123456789abcdef";
        {
            engine::TraceStore store;
            QVERIFY(store.open(dir.filePath(QStringLiteral(".tutti/traces.db")).toStdString()));
            QVERIFY(tracegen::generate(store, 30));
            tracegen::write(store,
                            tracegen::failedCheckout(id, flow.toStdString(),
                                                     tracegen::kBase + 40 * tracegen::kSpacing));
            QVERIFY(store.flush());
        }
        studio::MainWindow window;
        window.setInteractive(false);
        window.resize(1600, 1000);
        QVERIFY(window.openPath(dir.path()));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        studio::RunBrowser *browser = window.runBrowser();
        QCOMPARE(browser->historyDock()->windowTitle(), QStringLiteral("Verlauf"));
        QCOMPARE(browser->viewerDock()->windowTitle(), QStringLiteral("Laufbetrachter"));
        editor::HistoryModel *history = browser->history()->model();
        QTRY_VERIFY(history->rowCount() > 0);
        QStringList headers;
        for (int c = 0; c < history->columnCount(); ++c)
            headers << history->headerData(c, Qt::Horizontal).toString();
        QVERIFY2(headers.contains(QStringLiteral("Gestartet")), qPrintable(headers.join(u',')));
        QStringList ranges; // the time filter's table (QT_TRANSLATE_NOOP, its context as tr()'s)
        for (QComboBox *box : browser->history()->findChildren<QComboBox *>())
            for (int i = 0; i < box->count(); ++i)
                ranges << box->itemText(i);
        QVERIFY2(ranges.contains(QStringLiteral("Letzte Stunde")), qPrintable(ranges.join(u',')));
        QString error;
        QVERIFY2(browser->openRun(QString::fromStdString(id), {}, &error), qPrintable(error));
        QCOMPARE(browser->viewer()->runId(), QString::fromStdString(id));
        const QString last = window.panels()->inspector()->lastRunTitle();
        QVERIFY2(last.startsWith(QStringLiteral("Letzter Lauf")) &&
                     last.contains(QStringLiteral("fehlgeschlagen")) &&
                     last.contains(QStringLiteral("Versuch 3")),
                 qPrintable(last));
        QCOMPARE(editor::statusText(engine::SpanStatus::Error), QStringLiteral("Fehler"));
        QCOMPARE(editor::kindText(engine::SpanKind::Attempt), QStringLiteral("Versuch"));
        engine::Span attempt;
        attempt.kind = engine::SpanKind::Attempt;
        attempt.name = "attempt 2";
        attempt.attempt = 2;
        QCOMPARE(editor::spanName(attempt), QStringLiteral("Versuch 2"));
        attempt.name = "retry #2"; // not a name the executor gives: shown as recorded
        QCOMPARE(editor::spanName(attempt), QStringLiteral("retry #2"));
        QCOMPARE(editor::HistoryModel::statusText(engine::RunStatus::CompensationFailed),
                 QStringLiteral("Kompensation fehlgeschlagen"));
        if (!qEnvironmentVariableIsEmpty("TUTTI_SHOTS_DIR")) {
            QCoreApplication::processEvents();
            QVERIFY(widgetshots::saveShot(window, QStringLiteral("studio-run-de")));
            browser->historyDock()->show();
            browser->historyDock()->raise();
            QCoreApplication::processEvents();
            QVERIFY(widgetshots::saveShot(window, QStringLiteral("studio-history-de")));
        }
    }

    // Settings › Language stores the choice that main() reads at the next start.
    void languageIsStored()
    {
        studio::installStudioTranslations(QStringLiteral("de"));
        studio::StudioSettings settings;
        studio::SettingsDialog dialog(&settings, QString());
        dialog.languageBox()->setCurrentIndex(dialog.languageBox()->findData(QStringLiteral("fr")));
        dialog.apply();
        QCOMPARE(studio::StudioSettings::storedLanguage(), QStringLiteral("fr"));
        QCOMPARE(studio::StudioSettings().values().language, QStringLiteral("fr"));
        dialog.setValues(studio::StudioSettings::Values{});
        dialog.apply();
        QCOMPARE(studio::StudioSettings::storedLanguage(), QString());
    }

    void french()
    {
        const QLocale locale = studio::installStudioTranslations(QStringLiteral("fr"));
        QCOMPARE(locale.language(), QLocale::French);
        studio::MainWindow window;
        window.setInteractive(false);
        QCOMPARE(menuTitles(window).value(0), QStringLiteral("&Fichier"));
        verifyAcceleratorsUnique(window);
        studio::SettingsDialog dialog(window.help()->settings(), QString(), &window);
        QCOMPARE(dialog.windowTitle(), QStringLiteral("Paramètres"));
        QVERIFY(labelTexts(dialog).contains(QStringLiteral("Langue :")));
        if (!qEnvironmentVariableIsEmpty("TUTTI_SHOTS_DIR")) {
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            QVERIFY(widgetshots::saveShot(dialog, QStringLiteral("settings-fr")));
        }
    }

    // English is the source language, and a language without a translation falls back to it.
    void englishAndUnknown()
    {
        for (const QString &code : {QStringLiteral("en"), QStringLiteral("ja")}) {
            QCOMPARE(studio::installStudioTranslations(code).language(), QLocale::English);
            studio::MainWindow window;
            window.setInteractive(false);
            QCOMPARE(menuTitles(window).value(0), QStringLiteral("&File"));
        }
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
