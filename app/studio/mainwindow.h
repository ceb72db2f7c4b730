// The studio's main window: workspace tree, palette, tabs of open flows, dock slots for later
// panels (inspector, problems, run, simulate), menus with shortcuts, recent files, autosave
// with crash recovery, and prompts before discarding work.
#pragma once

#include <QMainWindow>
#include <QPointer>
#include <QTimer>

#include <engine/core/result.h>

#include <functional>

class QTabWidget;
class QTreeWidget;
class QTreeWidgetItem;
class QLabel;
class QMenu;
class QUndoGroup;
class QAction;
class QDockWidget;

namespace tutti::editor {
class FlowEditor;
class MockEditor;
class Palette;
} // namespace tutti::editor

namespace tutti::studio {

class RunBrowser;
class StudioDebugger;
class StudioHelp;
class StudioPanels;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // A workspace folder (opens its flows) or a flow file (opens it; its workspace is found).
    bool openPath(const QString &path);
    bool openFlow(const QString &path);
    void setWorkspace(const QString &dir);
    QString workspace() const { return m_workspace; }
    // Non-interactive mode (screenshots, tests): no dialogs; autosaves are not offered.
    void setInteractive(bool interactive) { m_interactive = interactive; }
    // The questions saving asks, answered by a test or tool instead of a dialog when set (also
    // in non-interactive mode).
    enum class SaveChoice { Save, Discard, Cancel };
    struct Prompts {
        std::function<QString(editor::FlowEditor *)> savePath;       // Save As; "" cancels
        std::function<SaveChoice(editor::FlowEditor *)> saveChanges; // closing with edits
        std::function<bool(editor::FlowEditor *)> recover;           // restore an autosave?
        std::function<bool(editor::MockEditor *)> recoverSpec;       // same, mock or profile
    };
    void setPrompts(Prompts prompts) { m_prompts = std::move(prompts); }
    bool save(editor::FlowEditor *editor);
    bool saveAs(editor::FlowEditor *editor);
    bool saveAll();
    bool closeTab(int index);

    editor::FlowEditor *currentEditor() const;
    QList<editor::FlowEditor *> editors() const;
    // Mock and profile tabs (editor/mockeditor.h).
    bool openSpec(const QString &path);
    editor::MockEditor *currentSpecEditor() const;
    QList<editor::MockEditor *> specEditors() const;
    // For later panels: docks appear in View > Panels and are saved with the window state.
    void addPanel(QDockWidget *dock, Qt::DockWidgetArea area);
    QMenu *panelsMenu() const { return m_panelsMenu; }
    // Inspector, problems, run and simulation docks with the Run menu (studiopanels.h).
    StudioPanels *panels() const { return m_studioPanels; }
    // History and Run Viewer docks, opening stored runs (runbrowser.h).
    RunBrowser *runBrowser() const { return m_runBrowser; }
    // The Debug menu, breakpoints and the Debugger dock (studiodebugger.h).
    StudioDebugger *debugger() const { return m_debugger; }
    // Help menu, settings and the welcome page (studiohelp.h).
    StudioHelp *help() const { return m_help; }
    QStringList recentFiles() const; // most recent first

    // View → Reset Layout: the default docks and sizes (also the first start, and after a state
    // saved by another layout version). Window geometry and state are kept in QSettings.
    void resetLayout();
    void saveWindowState();
    // Inspector, Run, Simulation, Problems and Steps are hidden while a mock or profile tab is
    // current.
    void updateFlowDocks();

    // Autosave directory of the workspace (WORKSPACE/.tutti/autosave): flows, mocks and profiles.
    QString autosaveDir() const;
    QString autosavePathFor(const QString &flowPath, bool layout = false) const;
    void autosaveNow();
    const QTimer &autosaveTimer() const { return m_autosaveTimer; } // interval: Settings

signals:
    void currentEditorChanged(tutti::editor::FlowEditor *editor);
    void selectedStepsChanged(const QStringList &stepIds);
    void workspaceChanged(const QString &dir);

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    friend class StudioHelp; // opens flows from the welcome page, applies the autosave interval
    void createActions();
    // The edit actions that act on the canvas selection (and only while the canvas has focus).
    QList<QAction *> canvasActions() const
    {
        return {m_cut, m_copy, m_paste, m_duplicate, m_delete, m_selectAll};
    }
    void createDocks();
    void restoreWindowState();
    void applyDefaultSizes();
    void refreshWorkspaceTree();
    void addEditor(editor::FlowEditor *editor);
    bool maybeSave(editor::FlowEditor *editor);
    void reportSaved(editor::FlowEditor *editor);
    void newFlow();
    void openDialog();
    void openWorkspaceDialog();
    void addRecent(const QString &path);
    void updateRecentMenu();
    void updateTitle();
    void updateActions();
    void onCurrentChanged();
    void removeAutosave(const QString &flowPath);
    void offerRecovery(editor::FlowEditor *editor);
    void offerRecovery(editor::MockEditor *editor);
    bool autosaveIsNewer(const QString &path) const;
    bool askRecover(const QString &path, const QString &name);
    void reportRecovered(const engine::Result<void> &ok, const QString &name,
                         const QString &parseError);
    void about();
    bool saveSpec(editor::MockEditor *editor, bool as = false);
    bool maybeSaveSpec(editor::MockEditor *editor);

    QTabWidget *m_tabs;
    QTreeWidget *m_tree;
    editor::Palette *m_palette;
    QDockWidget *m_workspaceDock;
    QDockWidget *m_paletteDock;
    QUndoGroup *m_undoGroup;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_panelsMenu = nullptr;
    StudioPanels *m_studioPanels = nullptr;
    RunBrowser *m_runBrowser = nullptr;
    StudioDebugger *m_debugger = nullptr;
    StudioHelp *m_help = nullptr;
    QLabel *m_problemsLabel;
    QLabel *m_zoomLabel;
    QString m_workspace;
    QTimer m_autosaveTimer;
    bool m_interactive = true;
    Prompts m_prompts;
    bool m_defaultSizesPending = false; // resetLayout() before the window was shown
    QPointer<editor::FlowEditor> m_current;
    QList<QMetaObject::Connection> m_currentConnections;
    QList<QPointer<QDockWidget>> m_hiddenForSpec; // by updateFlowDocks, shown again for flows

    // Actions that act on the current flow.
    QAction *m_save, *m_saveAs, *m_close, *m_cut, *m_copy, *m_paste, *m_duplicate, *m_delete,
        *m_selectAll, *m_rename, *m_zoomIn, *m_zoomOut, *m_zoomReset, *m_fit, *m_layout,
        *m_toggleYaml, *m_toggleMiniMap, *m_alignH, *m_alignV, *m_distH, *m_distV, *m_collapse,
        *m_find, *m_findNext, *m_findPrevious;
};

} // namespace tutti::studio
