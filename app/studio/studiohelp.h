// Wires help and settings into the main window: Help › Documentation (F1) and Keyboard
// Shortcuts, Edit › Settings… (Ctrl+,), the welcome page over the empty tab area, and the
// StudioSettings applied to the window (text size, autosave interval, run preferences, theme),
// at start and whenever they change.
#pragma once

#include "bundledexamples.h"
#include "studiosettings.h"

#include <QObject>
#include <QPointer>

class QAction;
class QMenu;

namespace tutti::editor {
class FlowEditor;
}

namespace tutti::studio {

class HelpBrowser;
class MainWindow;
class WelcomePage;

class StudioHelp : public QObject {
    Q_OBJECT
public:
    // Adds its actions to `edit` (Settings) and `help` (before whatever follows there).
    StudioHelp(MainWindow *window, QMenu *edit, QMenu *help);

    StudioSettings *settings() const { return m_settings; }
    WelcomePage *welcomePage() const { return m_welcome; }
    HelpBrowser *documentation(const QString &page = {}); // shown, raised
    void showShortcuts();
    void showSettings();

    QAction *documentationAction() const { return m_docs; }
    QAction *shortcutsAction() const { return m_shortcuts; }
    QAction *settingsAction() const { return m_settingsAction; }
    QAction *secretsAction() const { return m_secretsAction; }

private:
    void apply(const StudioSettings::Values &values);
    void applyTo(editor::FlowEditor *editor);
    void updateWelcome();
    void openExample(const BundledExample &example);

    MainWindow *m_window;
    StudioSettings *m_settings;
    WelcomePage *m_welcome;
    QPointer<HelpBrowser> m_browser;
    QAction *m_docs, *m_shortcuts, *m_settingsAction, *m_secretsAction;
    bool m_paletteSet = false; // the theme replaced the platform's palette
};

} // namespace tutti::studio
