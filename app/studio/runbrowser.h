// Runs in the studio window: the History dock (editor/historypanel.h) and the Run Viewer dock
// (editor/traceview/runviewer.h), and opening a stored run from everywhere — the history, the Run
// panel's last run, the simulation's kept runs, `tutti-studio WORKSPACE --run RUN`. Opening a run
// shows it in the viewer, opens its flow and paints the canvas with the run (the Run panel's own
// path: RunPanel::showRun), and keeps canvas and viewer selection in step.
//
// Where the viewer lives: a dock under the canvas (tabbed with Run, Simulation, Problems and
// History), not a tab beside the flows, so the graph overlay and the waterfall are seen together
// and clicking either selects in the other. It can be floated or maximised like any dock.
#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

class QDockWidget;

namespace tutti::editor {
class FlowEditor;
class HistoryPanel;
class RunViewer;
} // namespace tutti::editor

namespace tutti::studio {

class MainWindow;
class StudioPanels;

class RunBrowser : public QObject {
    Q_OBJECT
public:
    RunBrowser(MainWindow *window, StudioPanels *panels);

    editor::HistoryPanel *history() const { return m_history; }
    editor::RunViewer *viewer() const { return m_viewer; }
    QDockWidget *historyDock() const { return m_historyDock; }
    QDockWidget *viewerDock() const { return m_viewerDock; }

    // The trace database the workspace's runs go to: WORKSPACE/.tutti/traces.db, or the one
    // file Settings names for every workspace (editor/runpreferences.h).
    QString databasePath() const;
    // Points the history at databasePath() again (a workspace opened, Settings changed).
    void refreshDatabase();

    // Opens a run — its exact id or a prefix only it has — stored in `dbPath` ("" = the
    // workspace's): the viewer shows it, its flow's tab opens with the overlay. False with
    // `error` saying why (also in the status bar).
    bool openRun(const QString &idOrPrefix, const QString &dbPath = {}, QString *error = nullptr);
    // The flow tab painted with the shown run (nullptr: none, e.g. the flow file is gone).
    editor::FlowEditor *overlayEditor() const;
    // "Run from here" on a step of the shown run: its flow's Run panel runs from that step,
    // reusing the shown run's input and results before it (no calls for those steps). False
    // with the reason in the status bar (or the Run panel's banner) when it cannot.
    bool runFromHere(const QString &stepId);

private:
    editor::FlowEditor *editorForRun(const QString &flowFile, const QString &flowName);
    void onCanvasSelection(const QStringList &ids);
    void onViewerStep(const QString &stepId);

    MainWindow *m_window;
    StudioPanels *m_panels;
    editor::HistoryPanel *m_history;
    editor::RunViewer *m_viewer;
    QDockWidget *m_historyDock, *m_viewerDock;
    QPointer<editor::FlowEditor> m_overlay;
    QString m_shownDb;      // the database of the run the viewer shows
    bool m_syncing = false; // selection travelling canvas -> viewer -> canvas stops here
};

} // namespace tutti::studio
