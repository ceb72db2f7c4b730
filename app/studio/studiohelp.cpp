// Help, settings and the welcome page in the main window; see studiohelp.h.
#include "studiohelp.h"
#include "helpbrowser.h"
#include "mainwindow.h"
#include "secretsdialog.h"
#include "settingsdialog.h"
#include "shortcutsdialog.h"
#include "welcomepage.h"

#include <editor/floweditor.h>
#include <editor/flowscene.h>
#include <editor/flowview.h>
#include <editor/nodeitem.h>
#include <editor/runpreferences.h>
#include <editor/yamleditor.h>

#include <Qsci/qscilexer.h>
#include <Qsci/qsciscintilla.h>

#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QMessageBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>

#include <algorithm>
#include <cstdint>

namespace tutti::studio {

namespace {

// The canvas behind the nodes in a dark theme (the nodes stay light cards, readable either way).
const QColor kDarkCanvas(0x23, 0x26, 0x2b);
const QColor kDarkPaper(0x1f, 0x22, 0x26);
const QColor kDarkMargin(0x2b, 0x2e, 0x33);
const QColor kDarkMarginText(0x9c, 0xa3, 0xaf); // line numbers, fold boxes

// Scintilla's colours are its own, not the palette's: the light ones (as the editor set them up)
// are remembered on the widget, and the dark ones are the same hues made light.
QColor forDark(const QColor &c)
{
    const float l = c.lightnessF();
    if (l >= 0.55F)
        return c;
    return QColor::fromHslF(c.hslHueF(), std::min(1.0F, c.hslSaturationF() * 0.9F),
                            0.78F - l * 0.3F);
}

QColor bgr(long v)
{
    return QColor(int(v & 0xff), int((v >> 8) & 0xff), int((v >> 16) & 0xff));
}

void themeCodeView(QsciScintilla *ed, bool dark)
{
    QsciLexer *lexer = ed->lexer();
    // Light and never dark: the editor's own colours, untouched.
    if (!lexer || dark == ed->property("tuttiDark").toBool())
        return;
    ed->setProperty("tuttiDark", dark);
    constexpr int kStyles = 128;
    if (!ed->property("tuttiLightColours").isValid()) {
        QVariantList colours;
        for (int s = 0; s < kStyles; ++s)
            colours << lexer->color(s);
        ed->setProperty("tuttiLightColours", colours);
        ed->setProperty("tuttiLightMargin",
                        bgr(ed->SendScintilla(QsciScintillaBase::SCI_STYLEGETBACK,
                                              QsciScintillaBase::STYLE_LINENUMBER)));
        ed->setProperty("tuttiLightMarginText",
                        bgr(ed->SendScintilla(QsciScintillaBase::SCI_STYLEGETFORE,
                                              QsciScintillaBase::STYLE_LINENUMBER)));
        ed->setProperty("tuttiLightCaretLine",
                        bgr(ed->SendScintilla(QsciScintillaBase::SCI_GETCARETLINEBACK)));
    }
    const QVariantList light = ed->property("tuttiLightColours").toList();
    for (int s = 0; s < kStyles && s < light.size(); ++s) {
        if (lexer->description(s).isEmpty())
            continue;
        const QColor c = light[s].value<QColor>();
        lexer->setColor(dark ? forDark(c) : c, s);
        lexer->setPaper(dark ? kDarkPaper : QColor(Qt::white), s);
    }
    ed->setPaper(dark ? kDarkPaper : QColor(Qt::white));
    ed->setMarginsBackgroundColor(dark ? kDarkMargin
                                       : ed->property("tuttiLightMargin").value<QColor>());
    ed->setMarginsForegroundColor(dark ? kDarkMarginText
                                       : ed->property("tuttiLightMarginText").value<QColor>());
    ed->setCaretForegroundColor(dark ? QColor(Qt::white) : QColor(Qt::black));
    ed->setCaretLineBackgroundColor(dark ? kDarkMargin
                                         : ed->property("tuttiLightCaretLine").value<QColor>());
    // The fold margin (JSON views) is Scintilla's own checkerboard with white boxes: both stayed
    // light on a dark editor.
    if (ed->folding() == QsciScintilla::NoFoldStyle)
        return;
    if (dark) {
        ed->setFoldMarginColors(kDarkMargin, kDarkMargin);
        for (unsigned long marker = QsciScintillaBase::SC_MARKNUM_FOLDEREND;
             marker <= QsciScintillaBase::SC_MARKNUM_FOLDEROPEN; ++marker) {
            ed->SendScintilla(QsciScintillaBase::SCI_MARKERSETFORE, marker, kDarkPaper);
            ed->SendScintilla(QsciScintillaBase::SCI_MARKERSETBACK, marker, kDarkMarginText);
        }
        return;
    }
    // Light again: QScintilla's own colours, its markers defined anew on the fold margin (the
    // margin that shows the folder markers).
    ed->resetFoldMarginColors();
    constexpr unsigned long kMargins = 5;
    for (unsigned long margin = 0; margin < kMargins; ++margin)
        if (static_cast<std::uint32_t>(
                ed->SendScintilla(QsciScintillaBase::SCI_GETMARGINMASKN, margin)) ==
            static_cast<std::uint32_t>(QsciScintillaBase::SC_MASK_FOLDERS)) {
            ed->setFolding(ed->folding(), static_cast<int>(margin));
            break;
        }
}

} // namespace

StudioHelp::StudioHelp(MainWindow *window, QMenu *edit, QMenu *help)
    : QObject(window)
    , m_window(window)
    , m_settings(new StudioSettings(this))
{
    m_settingsAction = new QAction(tr("Se&ttings…"), this);
    m_settingsAction->setObjectName(QStringLiteral("settingsAction"));
    m_settingsAction->setShortcut(QKeySequence(tr("Ctrl+,")));
    m_settingsAction->setMenuRole(QAction::PreferencesRole);
    connect(m_settingsAction, &QAction::triggered, this, &StudioHelp::showSettings);
    edit->addSeparator();
    edit->addAction(m_settingsAction);
    m_secretsAction = new QAction(tr("Se&crets…"), this);
    m_secretsAction->setObjectName(QStringLiteral("secretsAction"));
    connect(m_secretsAction, &QAction::triggered, this, [this] {
        SecretsDialog d(engine::installedSecretStore(), m_window->workspace(), m_window);
        d.exec();
    });
    edit->addAction(m_secretsAction);

    m_docs = new QAction(tr("&Documentation"), this);
    m_docs->setObjectName(QStringLiteral("documentationAction"));
    m_docs->setShortcut(QKeySequence::HelpContents);
    connect(m_docs, &QAction::triggered, this, [this] { documentation(); });
    m_shortcuts = new QAction(tr("&Keyboard Shortcuts"), this);
    m_shortcuts->setObjectName(QStringLiteral("shortcutsAction"));
    connect(m_shortcuts, &QAction::triggered, this, &StudioHelp::showShortcuts);
    help->addAction(m_docs);
    help->addAction(m_shortcuts);
    help->addSeparator();

    m_welcome = new WelcomePage(window->m_tabs);
    m_welcome->setFirstRun(m_settings->isFirstRun());
    m_settings->markStarted();
    connect(m_welcome, &WelcomePage::newFlowRequested, window, [window] { window->newFlow(); });
    connect(m_welcome, &WelcomePage::openFlowRequested, window, [window] { window->openDialog(); });
    connect(m_welcome, &WelcomePage::openWorkspaceRequested, window,
            [window] { window->openWorkspaceDialog(); });
    connect(m_welcome, &WelcomePage::documentationRequested, this, [this] { documentation(); });
    connect(m_welcome, &WelcomePage::shortcutsRequested, this, &StudioHelp::showShortcuts);
    connect(m_welcome, &WelcomePage::recentRequested, window,
            [window](const QString &path) { window->openPath(path); });
    connect(m_welcome, &WelcomePage::exampleRequested, this, &StudioHelp::openExample);
    // currentChanged(-1) when the last tab closes, a new index when the first one opens.
    connect(window->m_tabs, &QTabWidget::currentChanged, this, &StudioHelp::updateWelcome);
    connect(window, &MainWindow::currentEditorChanged, this, &StudioHelp::applyTo);
    updateWelcome();

    connect(m_settings, &StudioSettings::changed, this, &StudioHelp::apply);
    apply(m_settings->values());
}

void StudioHelp::updateWelcome()
{
    const bool show = m_window->m_tabs->count() == 0;
    if (show) {
        m_welcome->setRecentFiles(m_window->recentFiles());
        m_welcome->setGeometry(m_window->m_tabs->rect());
        m_welcome->raise();
    }
    m_welcome->setVisible(show);
}

void StudioHelp::openExample(const BundledExample &example)
{
    auto flow = BundledExamples::materialize(example);
    if (!flow) {
        const QString message = QString::fromStdString(flow.error().toString());
        if (m_window->m_interactive)
            QMessageBox::warning(m_window, tr("Open Example"), message);
        else
            qWarning("%s", qPrintable(message));
        return;
    }
    if (m_window->openFlow(*flow))
        m_window->statusBar()->showMessage(
            tr("Opened your own copy of the %1 example: F5 runs it against its mocks")
                .arg(example.name),
            8000);
}

HelpBrowser *StudioHelp::documentation(const QString &page)
{
    if (!m_browser) {
        m_browser = new HelpBrowser(m_window);
        m_browser->setAttribute(Qt::WA_DeleteOnClose);
        m_browser->showPage(QStringLiteral("studio.md"));
    }
    if (!page.isEmpty())
        m_browser->showPage(page);
    m_browser->show();
    m_browser->raise();
    m_browser->activateWindow();
    return m_browser;
}

void StudioHelp::showShortcuts()
{
    auto *dialog = new ShortcutsDialog(m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void StudioHelp::showSettings()
{
    auto *dialog = new SettingsDialog(m_settings, m_window->workspace(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void StudioHelp::apply(const StudioSettings::Values &v)
{
    const int ms = v.autosaveSeconds * 1000;
    if (ms > 0) {
        m_window->m_autosaveTimer.setInterval(ms);
        m_window->m_autosaveTimer.start();
    } else {
        m_window->m_autosaveTimer.stop();
    }
    editor::RunPreferences::setCurrent(
        {v.defaultEnvironment.toStdString(), v.traceDatabase.toStdString()});
    editor::NodeItem::setTextScale(v.textSize / double(StudioSettings::kDefaultTextSize));
    // The platform's palette stays untouched until a theme other than it is chosen.
    if (v.theme != StudioSettings::Theme::System || m_paletteSet) {
        QApplication::setPalette(StudioSettings::paletteFor(v.theme));
        m_paletteSet = v.theme != StudioSettings::Theme::System;
    }
    for (editor::FlowEditor *e : m_window->editors())
        applyTo(e);
}

void StudioHelp::applyTo(editor::FlowEditor *e)
{
    if (!e)
        return;
    const StudioSettings::Values &v = m_settings->values();
    // Scintilla's zoom adds points to every style: 0 keeps the editor's own font.
    e->yamlEditor()->editor()->zoomTo(v.textSize - StudioSettings::kDefaultTextSize);
    editor::FlowView *view = e->view();
    // The light canvas colour is the view's own; remember it to go back to.
    if (!view->property("tuttiLightCanvas").isValid())
        view->setProperty("tuttiLightCanvas", view->backgroundBrush());
    view->setBackgroundBrush(StudioSettings::isDark(v.theme)
                                 ? QBrush(kDarkCanvas)
                                 : view->property("tuttiLightCanvas").value<QBrush>());
    e->scene()->update();
    // The YAML view now; the run panel's editors once the panels of this flow exist (they are
    // made on the same signal, after this).
    const bool dark = StudioSettings::isDark(v.theme);
    themeCodeView(e->yamlEditor()->editor(), dark);
    QTimer::singleShot(0, this, [this, dark] {
        for (QsciScintilla *ed : m_window->findChildren<QsciScintilla *>())
            themeCodeView(ed, dark);
    });
}

} // namespace tutti::studio
