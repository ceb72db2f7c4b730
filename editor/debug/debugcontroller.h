// The studio's debugger for one open flow: its breakpoints (kept with the open document for the
// session, never written to the YAML file), a debug run started like the Run panel's run (same
// input, environment, profile and seed) with an engine::DebugSession attached — the very class
// `tutti debug --dap` drives — and the commands and paused context the Debug menu and the
// Debugger panel show. Everything happens on the GUI thread, which is the run's thread.
#pragma once

#include <engine/core/json.h>
#include <engine/core/result.h>
#include <engine/debug/debugsession.h>

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>

namespace tutti::engine {
class FlowDocument;
}

namespace tutti::editor {

class FlowScene;
class RunPanel;

class DebugController : public QObject {
    Q_OBJECT
public:
    // The debug run goes through `run` (RunPanel::debug), so its canvas, steps table, log and
    // trace database are the ones of a normal run.
    DebugController(engine::FlowDocument *doc, RunPanel *run, QObject *parent = nullptr);
    ~DebugController() override;

    // Breakpoint dots and the paused step are drawn on it; may be null.
    void setScene(FlowScene *scene);
    RunPanel *runPanel() const { return m_run; }

    // --- breakpoints, by step id; the value is the condition ("" stops always) ----------------
    const QHash<QString, QString> &breakpoints() const { return m_breakpoints; }
    bool hasBreakpoint(const QString &stepId) const { return m_breakpoints.contains(stepId); }
    QString condition(const QString &stepId) const { return m_breakpoints.value(stepId); }
    // Adds a breakpoint without condition, or removes the one there is. False for an unknown step.
    bool toggleBreakpoint(const QString &stepId);
    // Sets the step's breakpoint with `condition` (an expression; "" for none), adding it if
    // needed. A condition that does not parse is refused with the parser's message and changes
    // nothing.
    engine::Result<void> setCondition(const QString &stepId, const QString &condition);
    void clearBreakpoints();

    // --- the debug run -------------------------------------------------------------------------
    // Starts a debug run (false: it could not start; the Run panel says why).
    bool start();
    bool isDebugging() const; // a debug run is in flight (paused or not)
    bool isPaused() const;
    // The session of the current or last debug run; null before the first.
    engine::DebugSession *session() const { return m_session.get(); }
    void continueRun();
    void stepOver();
    void stepIn();
    void stop(); // cancels the run: completed steps are compensated

    // The canvas step of the current stop: the innermost level of the stack written in this
    // flow (a sub-flow's step is shown as the call step); "" when not paused.
    QString pausedStep() const;

    // Replaces `scope` (input, vars or steps) of stack level `frame` by `edited`, through
    // DebugSession::setValue, one edit per top-level key that changed (so each is a `debug`
    // span of the run); a removed key of input or vars replaces the whole scope. Refused, with
    // the reason, when not paused or the scope is read-only.
    engine::Result<void> applyScope(engine::DebugScope scope, const engine::Json &edited,
                                    std::size_t frame = 0);

signals:
    void breakpointsChanged();
    // Started, paused, resumed or finished: the actions and the Debugger panel follow it.
    void stateChanged();

private:
    void pushBreakpoints();
    void updateScene();

    engine::FlowDocument *m_doc;
    RunPanel *m_run; // the controller is its child (studiodebugger.cpp) or outlived by it
    QPointer<FlowScene> m_scene;
    QHash<QString, QString> m_breakpoints;
    std::unique_ptr<engine::DebugSession> m_session;
    // The previous run's session: its RunSession is only dropped when the next run replaces it.
    std::unique_ptr<engine::DebugSession> m_previous;
    bool m_active = false;
};

} // namespace tutti::editor
