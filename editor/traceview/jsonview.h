// A read-only JSON document for the span detail: the code editor's JSON colouring, line numbers,
// folding, and a find field (Enter / F3 next, Shift+Enter previous) with the match count.
#pragma once

#include <engine/core/json.h>

#include <QStringList>
#include <QWidget>

#include <map>
#include <string>

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
    // Tints the lines where these JSON pointers ("/response/body/id") start in the text shown;
    // pointers not in the value are ignored. An empty list clears the tint.
    void markPointers(const QStringList &pointers);
    int markedLines() const { return m_marked; }
    // The 0-based line where each member and element starts in dumpJson(value, 2), by JSON
    // pointer ("" for the value itself); nothing below `maxDepth`.
    static std::map<std::string, int> pointerLines(const engine::Json &value, int maxDepth = 64);

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
    int m_marked = 0;
    std::map<std::string, int> m_lines; // of the value shown
    bool m_empty = true;
};

} // namespace tutti::editor
