// What the mock and profile forms share: pages in a list on the left (the file, then its parts),
// one page's fields on the right, and edits asked of the owner as (JSON pointer, new value).
// The owner (MockEditor) turns them into text patches and undo steps; the form shows what the
// document says after each external change (typing in the YAML view, undo).
#pragma once

#include <engine/core/json.h>

#include <QWidget>

#include <optional>

class QListWidget;
class QPushButton;
class QScrollArea;
class QVBoxLayout;

namespace tutti::editor {

class CodeEditor;
struct CompletionContext;
class MockToolService;

class SpecForm : public QWidget {
    Q_OBJECT
public:
    SpecForm(MockToolService *tools, QWidget *parent = nullptr);

    // Shows `json` (the document's last parsed version), keeping the selected page when it
    // still exists.
    void setJson(const engine::Json &json);
    // After the form's own field edit: the new JSON, with the widgets left as they are.
    void keepJson(const engine::Json &json) { m_json = json; }
    const engine::Json &json() const { return m_json; }
    QListWidget *pages() const { return m_pages; }
    void selectPage(int index);
    int currentPage() const;
    QWidget *pageWidget() const { return m_page; } // the current page's fields
    // The width that shows the current page without a horizontal scroll bar.
    int preferredWidth() const;

signals:
    // `value` empty: remove the key. `structural`: the pages change (add, remove, rename), so
    // the form is rebuilt from the document afterwards.
    void editRequested(const QString &pointer, const std::optional<engine::Json> &value,
                       const QString &what, bool structural);
    void pageShown(int index); // the user (or a caller) chose a page; not on rebuilds

protected:
    // The list entries for m_json (page 0 first) and the fields of one page.
    virtual QStringList pageTitles() const = 0;
    virtual void buildPage(int index, QVBoxLayout *layout) = 0;
    virtual void addRequested() = 0;
    virtual void removeRequested(int index) = 0;
    virtual bool canRemove(int index) const { return index > 0; }

    void edit(const QString &pointer, const std::optional<engine::Json> &value, const QString &what,
              bool structural = false)
    {
        emit editRequested(pointer, value, what, structural);
    }
    // A JSON field (templates allowed in strings) bound to `pointer`; empty text removes the key.
    CodeEditor *jsonField(const QString &pointer, const engine::Json *value, const QString &what,
                          const CompletionContext *completion = nullptr, int maxLines = 8);
    // A one-line text field bound to `pointer` (empty removes the key).
    QWidget *textField(const QString &pointer, const engine::Json *value, const QString &what,
                       const QString &placeholder = {}, bool structural = false);
    // Whether `w` is on the page shown: a field of a replaced page may still report its focus
    // leaving, and must not edit what its pointer now names.
    bool isLive(const QWidget *w) const { return m_page && m_page->isAncestorOf(w); }
    QPushButton *addButton() const { return m_add; }
    QPushButton *removeButton() const { return m_remove; }

    MockToolService *m_tools;
    engine::Json m_json;

private:
    void rebuildList();
    void showPage(int index);

    QListWidget *m_pages;
    QPushButton *m_add;
    QPushButton *m_remove;
    QScrollArea *m_scroll;
    QWidget *m_page = nullptr;
    int m_shown = -1;
    bool m_rebuilding = false;
};

// A JSON value as the form shows it: compact when short, indented when long.
QString formJsonText(const engine::Json &value);
// `node[key]` or nullptr.
const engine::Json *member(const engine::Json &node, const char *key);

} // namespace tutti::editor
