// Wires the studio's panels into the main window: Inspector (right), Problems, Run and
// Simulation (bottom, tabbed), a Run menu with F5 / Shift+F5 / F6, and one set of panels per
// open flow, swapped in when its tab becomes current (a run keeps going in a background tab).
#pragma once

#include <app/studio/services/studioservices.h>

#include <QHash>
#include <QObject>
#include <QPointer>

class QAction;
class QDockWidget;
class QStackedWidget;

namespace tutti::editor {
class FlowEditor;
class Inspector;
class ProblemsPanel;
class RunPanel;
class SimulationPanel;
} // namespace tutti::editor

namespace tutti::studio {

class MainWindow;

class StudioPanels : public QObject {
    Q_OBJECT
public:
    explicit StudioPanels(MainWindow *window);

    // The panels of the current flow (nullptr when no flow is open).
    editor::Inspector *inspector() const;
    editor::ProblemsPanel *problems() const;
    editor::RunPanel *runPanel() const;
    editor::SimulationPanel *simulationPanel() const;
    // The Run panel of any open flow (nullptr for none): RunBrowser paints a stored run with it.
    editor::RunPanel *runPanelFor(editor::FlowEditor *editor) const;
    QDockWidget *runDock() const { return m_runDock; }
    QDockWidget *simulationDock() const { return m_simDock; }
    QAction *runAction() const { return m_runAction; }
    QAction *stopAction() const { return m_stopAction; } // any run of the flow, debug runs too
    StudioServices &services() { return m_services; }    // also for the mock and profile editors
    // A dock for a panel whose minimum size must not dictate the window's layout: below it, the
    // panel scrolls.
    static QDockWidget *makeScrollingDock(QWidget *window, const QString &title,
                                          const QString &name, QWidget *panel);

signals:
    // "Open Run" in a Run panel, or a kept run of a simulation: the run and its database.
    void openRunRequested(const QString &runId, const QString &dbPath);
    void runFinished(); // a run of any flow ended (it is stored)

public slots:
    void run();
    void stop();
    void simulate();
    void updateActions();

private:
    struct Set {
        QPointer<editor::Inspector> inspector;
        QPointer<editor::ProblemsPanel> problems;
        QPointer<editor::RunPanel> run;
        QPointer<editor::SimulationPanel> simulation;
    };
    void onCurrentEditorChanged(editor::FlowEditor *editor);
    Set &setFor(editor::FlowEditor *editor);
    QDockWidget *makeDock(const QString &title, const QString &name, QStackedWidget *stack);

    MainWindow *m_window;
    StudioServices m_services; // injected into every flow's Run and Simulation panels
    QHash<editor::FlowEditor *, Set> m_sets;
    QPointer<editor::FlowEditor> m_current;
    QStackedWidget *m_inspectorStack, *m_problemsStack, *m_runStack, *m_simStack;
    QDockWidget *m_inspectorDock, *m_problemsDock, *m_runDock, *m_simDock;
    QAction *m_runAction, *m_stopAction, *m_simulateAction, *m_cancelSimAction;
};

} // namespace tutti::studio
