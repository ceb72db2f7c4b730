// Find on the canvas (Ctrl+F): a bar floating over the top right of the flow view that matches
// steps by id, name (description), type or URL, counts the matches, and selects, centres and
// rings the current one; Enter / F3 go to the next, Shift+Enter / Shift+F3 to the previous,
// Escape closes.
#pragma once

#include <QPointer>
#include <QStringList>
#include <QWidget>

class QLabel;
class QLineEdit;
class QToolButton;

namespace tutti::engine {
class FlowDocument;
}

namespace tutti::editor {

class FlowScene;
class FlowView;

class FindBar : public QWidget {
    Q_OBJECT
public:
    // A child of `view`, kept at its top right corner.
    FindBar(FlowScene *scene, FlowView *view);

    QLineEdit *field() const { return m_field; }
    QLabel *countLabel() const { return m_count; }
    const QStringList &matches() const { return m_matches; }
    int currentIndex() const { return m_current; } // into matches(); -1 when none
    QString currentStep() const;

    // The steps `text` finds, in file order: a case-insensitive part of a step's id, its
    // description, its type (or the type's label), or a URL it sends a request to (the
    // request and compensation its type's descriptor names; a service's base_url joined to
    // the path). "" finds nothing.
    static QStringList matchingSteps(const engine::FlowDocument &doc, const QString &text);

public slots:
    void open(); // shows the bar (or focuses it again) with its text selected
    void close();
    void findNext();
    void findPrevious();

signals:
    void closed();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void search();  // the text changed: matches anew, the first one current
    void refresh(); // the flow changed: matches anew, the current step kept if it still is
    void go(int index);
    void showCount();
    void place();

    FlowScene *m_scene;
    QPointer<FlowView> m_view;
    QLineEdit *m_field;
    QLabel *m_count;
    QToolButton *m_prev, *m_next, *m_close;
    QStringList m_matches;
    int m_current = -1;
    QString m_currentId; // kept through edits and renames that briefly drop it from the matches
};

} // namespace tutti::editor
