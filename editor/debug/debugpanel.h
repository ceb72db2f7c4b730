// The Debugger panel: where a debug run is (or why it is not paused), the stack at the stop
// (the step, then the branch, item or sub-flow around it), and the paused context — input, vars,
// steps, env and error — in an editable JSON view, with the resolved request of an http step
// about to run ("what will be sent", read-only, rendered anew after each edit). Apply sends an
// edit through the engine's DebugSession (recorded as a `debug` span of the run); invalid JSON is
// refused with a message. An expression line evaluates against the selected level, as a watch.
#pragma once

#include <engine/debug/debugsession.h>

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QToolBar;

namespace tutti::editor {

class CodeEditor;
class DebugController;

class DebugPanel : public QWidget {
    Q_OBJECT
public:
    explicit DebugPanel(QWidget *parent = nullptr);

    // The flow whose debugger the panel shows (null: none).
    void setController(DebugController *controller);
    DebugController *controller() const { return m_controller; }
    // The Debug menu's actions, as buttons above the panel.
    void setActions(const QList<QAction *> &actions);

    QString statusText() const;
    QListWidget *stackList() const { return m_stack; }
    QComboBox *scopeBox() const { return m_scope; }
    CodeEditor *contextEditor() const { return m_context; }
    QLabel *messageLabel() const { return m_message; }
    QLineEdit *watchEdit() const { return m_watch; }
    QLabel *watchResult() const { return m_watchResult; }
    engine::DebugScope currentScope() const;
    void selectScope(engine::DebugScope scope);

public slots:
    // Sends the context editor's text as the new value of the selected scope.
    bool apply();
    void refresh(); // re-reads the stop (stack, scopes) from the controller

private:
    void showScope();
    void evaluateWatch();
    void setMessage(const QString &text, bool error);

    QPointer<DebugController> m_controller;
    QMetaObject::Connection m_connection;
    QToolBar *m_bar;
    QLabel *m_status;
    QListWidget *m_stack;
    QComboBox *m_scope;
    CodeEditor *m_context;
    QPushButton *m_apply;
    QPushButton *m_revert;
    QLabel *m_message;
    QLineEdit *m_watch;
    QLabel *m_watchResult;
};

} // namespace tutti::editor
