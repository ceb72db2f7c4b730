// A small QScintilla editor for the inspector and the run panel: JSON bodies, {{ }} templates,
// bare expressions and scripts, with colouring, bracket matching, completion of `input.`,
// `steps.ID.` and function names, and the parser's error shown inline while typing.
#pragma once

#include <engine/core/json.h>

#include <Qsci/qsciscintilla.h>

#include <QStringList>
#include <QTimer>

class QsciAbstractAPIs;

namespace tutti::editor {

// What completion offers; built by the inspector from the document it shows.
struct CompletionContext {
    QStringList inputFields; // properties of the input schema
    QStringList stepIds;     // every step id of the flow
    QStringList varNames;    // names set by transform steps
    QStringList envVars;     // env.NAME
    // When set, templates read these roots instead of a flow's ("request.method", "params",
    // "state": a mock's response templates), with the expression language's functions.
    QStringList templatePaths;
};

class CodeEditor : public QsciScintilla {
    Q_OBJECT
public:
    enum class Mode {
        Json,       // a JSON value whose strings may hold {{ }} templates; "" means "no value"
        Template,   // a string that may hold {{ }} parts ("/charges/{{ steps.charge.body.id }}")
        Expression, // a bare expression (`when`, `items`, `until`)
        Script,     // JavaScript (a script step's code)
        Yaml,       // a whole YAML file (mock and profile views), with line numbers
    };

    explicit CodeEditor(Mode mode, QWidget *parent = nullptr);

    Mode mode() const { return m_mode; }
    // One line high, Return finishes editing instead of inserting a newline.
    void setSingleLine(bool singleLine);
    bool isSingleLine() const { return m_singleLine; }
    // Grows with its text between `minLines` and `maxLines` (inspector fields), wrapping long
    // lines instead of scrolling sideways.
    void setAutoHeight(int minLines, int maxLines);

    void setCompletionContext(const CompletionContext &context);
    // The entries completion offers after `prefix` ("steps." -> step ids, "" -> roots and
    // functions); what the completion list shows, exposed for tests and tools.
    QStringList completionsFor(const QString &prefix) const;

    // Display only (the run viewer's payloads): read-only, no checking, no template marks, no
    // completion — the text is data that was sent or received, not something to fix.
    void setDisplayOnly(bool displayOnly);
    bool isDisplayOnly() const { return m_displayOnly; }

    // Sets text without it counting as a user edit (no edited() signal).
    void setPlainText(const QString &text);

    // Checks the text now instead of after the typing pause.
    void validateNow();
    bool hasError() const { return !m_error.isEmpty(); }
    const QString &errorMessage() const { return m_error; }
    int errorLine() const { return m_errorLine; }     // 1-based, 0 when none
    int errorColumn() const { return m_errorColumn; } // 1-based, 0 when none
    // For Mode::Json: the parsed value (null when empty or invalid).
    engine::Json jsonValue() const;

    // Moves the caret to a 1-based line and column and focuses the editor.
    void showLocation(int line, int column);

signals:
    void edited();                             // the user changed the text
    void errorChanged(const QString &message); // "" when the text is valid again
    void editingFinished();                    // focus left, or Return in a single-line editor

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void onTextChanged();
    void check();
    void setError(const QString &message, int line, int column);
    void markExpressions();

    Mode m_mode;
    void fitHeight();

    bool m_singleLine = false;
    bool m_displayOnly = false;
    int m_minLines = 0;
    int m_maxLines = 0;
    bool m_settingText = false;
    QsciAbstractAPIs *m_apis = nullptr;
    CompletionContext m_context;
    QTimer m_checkTimer;
    QString m_error;
    int m_errorLine = 0;
    int m_errorColumn = 0;
};

} // namespace tutti::editor
