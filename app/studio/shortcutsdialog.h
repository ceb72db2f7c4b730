// Help › Keyboard Shortcuts: every action of the window's menus with its shortcuts, grouped by
// menu and read from the QActions themselves when the dialog opens (so it never goes stale),
// with a filter box that matches an action's name or its keys.
#pragma once

#include <QDialog>
#include <QList>
#include <QString>

class QLineEdit;
class QMainWindow;
class QTreeWidget;

namespace tutti::studio {

class ShortcutsDialog : public QDialog {
    Q_OBJECT
public:
    struct Entry {
        QString menu;     // "File", "Edit › Find" for a submenu
        QString action;   // "Save As", without mnemonics or the ellipsis
        QStringList keys; // native text, e.g. "Ctrl+S"
        bool canvasOnly;  // only while the canvas has focus (WidgetWithChildrenShortcut)
    };

    explicit ShortcutsDialog(QMainWindow *window, QWidget *parent = nullptr);

    // The menu bar's actions in menu order: a top-level menu's every action, a submenu's only
    // those with a shortcut (Open Recent's files, Panels' toggles would be noise).
    static QList<Entry> collect(const QMainWindow *window);

    QLineEdit *filterEdit() const { return m_filter; }
    QTreeWidget *tree() const { return m_tree; }

private:
    void applyFilter(const QString &text);

    QLineEdit *m_filter;
    QTreeWidget *m_tree;
};

} // namespace tutti::studio
