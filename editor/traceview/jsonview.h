// A read-only JSON document for the span detail: the code editor's JSON colouring, line numbers,
// folding, and a find field (Enter / F3 next, Shift+Enter previous) with the match count.
#pragma once

#include <engine/core/json.h>

#include <QWidget>

class QLabel;
class QLineEdit;

namespace tutti::editor {

class CodeEditor;

class JsonView : public QWidget {
    Q_OBJECT
public:
    explicit JsonView(QWidget *parent = nullptr);

    // Pretty-printed, 2-space indent; for null, `placeholder` is shown (dimmed) instead of the
    // editor, and text() returns it.
    void setJson(const engine::Json &value, const QString &placeholder = QString());
    QString text() const;
    bool isEmpty() const { return m_empty; }

    CodeEditor *editor() const { return m_editor; }
    QLineEdit *findField() const { return m_find; }
    QLabel *matchLabel() const { return m_count; }

    // Finds the text (case-insensitive) after the current match, wrapping; false when absent.
    bool findNext(bool backwards = false);
    int matchCount() const { return m_matches; }
    // Folds every object and array below the top level (Scintilla's fold all) or unfolds.
    void foldAll(bool folded);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void countMatches();

    CodeEditor *m_editor;
    QLineEdit *m_find;
    QLabel *m_count;
    QLabel *m_placeholder;
    int m_matches = 0;
    bool m_empty = true;
};

} // namespace tutti::editor
