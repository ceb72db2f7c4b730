// The studio's main window: workspace tree, palette, tabs of open flows, dock slots for later
// panels (inspector, problems, run, simulate), menus with shortcuts, recent files, autosave
// with crash recovery, and prompts before discarding work.
#pragma once

#include <QMainWindow>
#include <QPointer>
#include <QTimer>

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

    // Autosave directory of the workspace (WORKSPACE/.tutti/autosave).
    QString autosaveDir() const;
    QString autosavePathFor(const QString &flowPath, bool layout = false) const;
    void autosaveNow();

signals:
    void currentEditorChanged(tutti::editor::FlowEditor *editor);
    void selectedStepsChanged(const QStringList &stepIds);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createDocks();
    void refreshWorkspaceTree();
    void addEditor(editor::FlowEditor *editor);
    bool closeTab(int index);
    bool maybeSave(editor::FlowEditor *editor);
    bool save(editor::FlowEditor *editor);
    bool saveAs(editor::FlowEditor *editor);
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
    QLabel *m_problemsLabel;
    QLabel *m_zoomLabel;
    QString m_workspace;
    QTimer m_autosaveTimer;
    bool m_interactive = true;
    QPointer<editor::FlowEditor> m_current;
    QList<QMetaObject::Connection> m_currentConnections;

    // Actions that act on the current flow.
    QAction *m_save, *m_saveAs, *m_close, *m_cut, *m_copy, *m_paste, *m_duplicate, *m_delete,
        *m_selectAll, *m_rename, *m_zoomIn, *m_zoomOut, *m_zoomReset, *m_fit, *m_layout,
        *m_toggleYaml, *m_toggleMiniMap, *m_alignH, *m_alignV, *m_distH, *m_distV, *m_collapse;
};

} // namespace tutti::studio
