// The run panel: environment, mock profile, seed and an input editor; Run/Stop; then the run's
// status, each step's outcome and latency, the output and a log. The canvas lights up while the
// run goes, through FlowScene::setNodeState.
#pragma once

#include <editor/runcontroller.h>

#include <engine/trace/tracestore.h>

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTreeWidget;
class QTreeWidgetItem;

namespace tutti::engine {
class FlowDocument;
}

namespace tutti::editor {

class CodeEditor;
class EnvironmentPicker;
class FlowScene;

class RunPanel : public QWidget {
    Q_OBJECT
public:
    // `transports` (the studio's: mocks in-process, libcurl) must outlive the panel.
    RunPanel(engine::FlowDocument *doc, engine::TransportProvider &transports,
             QWidget *parent = nullptr);

    void setScene(FlowScene *scene); // nodes light up on it; may be null
    RunController *controller() const { return m_controller; }
    CodeEditor *inputEditor() const { return m_input; }
    QString bannerText() const; // what the panel says above its tabs (which version runs, …)
    QComboBox *environmentBox() const;
    QComboBox *profileBox() const;
    QTreeWidget *stepTable() const { return m_steps; }
    QString statusText() const;
    // The profile files chosen ("" entry = none), absolute paths.
    std::vector<std::string> selectedProfiles() const;
    // Re-reads environments and profiles of the flow's workspace, and a default input.
    void refreshChoices();

    // Shows a stored run in the panel and on the canvas, as if it had just run (the steps table,
    // output, log, node badges): RunController::showRun. False while a run is in flight.
    bool showRun(const engine::RunTrace &run, const std::string &dbPath);
    QPushButton *openRunButton() const { return m_openButton; }

public slots:
    bool run(); // false when the run could not start (the panel says why)
    // Runs from `from.step` reusing the earlier run's input and results for the steps before it
    // (the run viewer's "Run from here"; engine/session/runfrom.h); a refusal is the banner.
    bool runFrom(const engine::RunFrom &from);
    // Runs like run() with `debugger` attached (editor/debug/debugcontroller.h), which must
    // outlive the run.
    bool debug(engine::DebugHook *debugger);
    void stop();

public:
    // What runs wait on (tests: a VirtualClock they drive); null, the default: a real clock.
    void setClock(engine::Clock *clock) { m_clock = clock; }

signals:
    void aboutToRun(); // commit pending edits (the inspector) before the text is read
    void runningChanged(bool running);
    void runFinished(const QString &runId, const QString &status);
    void stepActivated(const QString &stepId); // double-click on a step row
    // "Open Run" (the last run, in the run viewer): its id and the database it is stored in.
    void openRunRequested(const QString &runId, const QString &dbPath);

private:
    bool start(const engine::RunFrom &from, engine::DebugHook *debugger);
    void onFinished(const QString &status);
    void onStepState(const QString &id, NodeState state, const QString &detail);
    void setBanner(const QString &text, const QString &style);
    void setRunning(bool running);
    QTreeWidgetItem *rowFor(const QString &stepId); // the step's row, made on first use

    engine::FlowDocument *m_doc;
    QPointer<FlowScene> m_scene;
    RunController *m_controller;
    EnvironmentPicker *m_picker;
    QLineEdit *m_seed;
    QPushButton *m_runButton;
    QPushButton *m_stopButton;
    QPushButton *m_openButton;
    CodeEditor *m_input;
    QLabel *m_banner;
    QTabWidget *m_tabs;
    QTreeWidget *m_steps;
    CodeEditor *m_output;
    QPlainTextEdit *m_log;
    std::string m_inputFor; // the flow the input editor was filled for
    QString m_versionLabel; // which version the run runs (flowversion.h)
    engine::Clock *m_clock = nullptr;
};

} // namespace tutti::editor
