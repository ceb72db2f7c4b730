// The studio's step debugger: a Debug menu and toolbar (Start Debugging Ctrl+F5, Continue F5,
// Step Over F10, Step Into F11, Stop Shift+F5 — the Run menu's Stop, which stops any run —, Toggle
// Breakpoint F9, Edit Breakpoint Condition…), the same two breakpoint entries in a node's context
// menu, a Debugger dock (editor/debug/debugpanel.h), and one editor::DebugController per open
// flow, so each flow keeps its breakpoints for the session. F5 runs while nothing is paused and
// continues while a debug run is: the two actions are never enabled at once.
#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

class QAction;
class QDockWidget;

namespace tutti::editor {
class DebugController;
class DebugPanel;
class FlowEditor;
} // namespace tutti::editor

namespace tutti::studio {

class MainWindow;
class StudioPanels;

class StudioDebugger : public QObject {
    Q_OBJECT
public:
    StudioDebugger(MainWindow *window, StudioPanels *panels);

    // The debugger of an open flow (made on first use); null for none.
    editor::DebugController *controllerFor(editor::FlowEditor *editor);
    editor::DebugController *current() const;
    editor::DebugPanel *panel() const { return m_panel; }
    QDockWidget *dock() const { return m_dock; }

    QAction *startAction() const { return m_start; }
    QAction *continueAction() const { return m_continue; }
    QAction *stepOverAction() const { return m_stepOver; }
    QAction *stepIntoAction() const { return m_stepInto; }
    QAction *toggleBreakpointAction() const { return m_toggle; }
    QAction *conditionAction() const { return m_condition; }
    QAction *clearBreakpointsAction() const { return m_clear; }

    // Asks for a breakpoint condition (tests and tools answer instead of a dialog): the step, the
    // current condition and, after a refusal, the parser's message; nullopt cancels.
    using ConditionPrompt = std::function<std::optional<QString>(
        const QString &stepId, const QString &current, const QString &problem)>;
    void setConditionPrompt(ConditionPrompt prompt) { m_prompt = std::move(prompt); }

public slots:
    void start();
    void toggleBreakpoint();
    void editCondition();
    void updateActions();

private:
    void onCurrentEditorChanged(editor::FlowEditor *editor);
    QString selectedStep() const;

    MainWindow *m_window;
    StudioPanels *m_panels;
    QHash<editor::FlowEditor *, QPointer<editor::DebugController>> m_controllers;
    QPointer<editor::FlowEditor> m_current;
    editor::DebugPanel *m_panel;
    QDockWidget *m_dock;
    QAction *m_start, *m_continue, *m_stepOver, *m_stepInto, *m_toggle, *m_condition, *m_clear;
    ConditionPrompt m_prompt;
};

} // namespace tutti::studio
