// The YAML view of a flow: a QScintilla editor synced both ways with the FlowDocument. Text that
// does not parse is marked at the parser's line:column and never touches the graph: it is kept as
// the document's unparsed text, so saving writes it as typed. Text that parses (comments and
// formatting too) becomes one undoable "Edit YAML" command.
#pragma once

#include <engine/core/result.h>

#include <QTimer>
#include <QWidget>

#include <optional>

class QsciScintilla;
class QLabel;
class QUndoStack;

namespace tutti::engine {
class FlowDocument;
}

namespace tutti::editor {

class YamlEditor : public QWidget {
    Q_OBJECT
public:
    YamlEditor(engine::FlowDocument *doc, QUndoStack *undoStack, QWidget *parent = nullptr);

    QsciScintilla *editor() const { return m_editor; }
    QString text() const;
    void setText(const QString &text); // as if typed (for tests and tools)
    // Applies pending typing now (before saving, in tests) instead of after the pause.
    void commitNow();
    const std::optional<engine::Error> &parseError() const { return m_parseError; }
    // "checkout.flow.yaml:4:12: MESSAGE" of parseError(); "" when the text parses.
    QString parseErrorText() const;
    // Typing not applied yet (the pause before commitNow()).
    bool hasPendingText() const { return m_commitTimer.isActive(); }
    // Shows the document's text again (its unparsed text when it has one).
    void reload() { refreshFromModel(); }
    // Moves the cursor to a 1-based line and column (problems panel, node double-click).
    void showLocation(int line, int column);

signals:
    void parseErrorChanged(const QString &message); // "" when the text parses again
    // Typed, applied or reloaded: what is on screen may differ from the file now (or no more).
    void screenTextChanged();
    // An edit elsewhere replaced typing the document did not hold; Ctrl+Z in the view undoes it.
    void typingReplaced();

private:
    void refreshFromModel();
    void onTextChanged();
    void markParseError();
    void markProblems();

    engine::FlowDocument *m_doc;
    QUndoStack *m_undo;
    QsciScintilla *m_editor;
    QLabel *m_status;
    QTimer m_commitTimer;
    bool m_applying = false; // setting text from the model
    bool m_pushing = false;  // pushing our own edit into the model
    std::optional<engine::Error> m_parseError;
};

} // namespace tutti::editor
