// The step palette: every step type with its icon, filtered by a search field; drag a type onto
// the canvas or double-click (Enter) it to add a step.
#pragma once

#include <QWidget>

class QLineEdit;
class QListWidget;

namespace tutti::editor {

class Palette : public QWidget {
    Q_OBJECT
public:
    explicit Palette(QWidget *parent = nullptr);
    QLineEdit *searchField() const { return m_search; }
    QListWidget *list() const { return m_list; }
    void focusSearch();

signals:
    void stepRequested(const QString &type);

private:
    void filter(const QString &text);
    QLineEdit *m_search;
    QListWidget *m_list;
};

} // namespace tutti::editor
