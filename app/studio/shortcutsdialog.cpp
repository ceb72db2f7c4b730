// The keyboard shortcuts dialog; see shortcutsdialog.h.
#include "shortcutsdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QVBoxLayout>

#include <algorithm>

namespace tutti::studio {

namespace {

// "&Open Flow…" -> "Open Flow"; "&&" stays a literal ampersand.
QString plain(QString text)
{
    text.replace(QStringLiteral("&&"), QStringLiteral("\x01"));
    text.remove(QLatin1Char('&'));
    text.replace(QLatin1Char('\x01'), QLatin1Char('&'));
    if (text.endsWith(QStringLiteral("…")))
        text.chop(1);
    else if (text.endsWith(QStringLiteral("...")))
        text.chop(3);
    return text.trimmed();
}

void collectMenu(const QMenu *menu, const QString &path, bool topLevel,
                 QList<ShortcutsDialog::Entry> &out)
{
    for (QAction *a : menu->actions()) {
        if (a->isSeparator() || !a->isVisible())
            continue;
        if (QMenu *sub = a->menu()) {
            collectMenu(sub, path + QStringLiteral(" › ") + plain(sub->title()), false, out);
            continue;
        }
        QStringList keys;
        for (const QKeySequence &k : a->shortcuts())
            if (!k.isEmpty())
                keys << k.toString(QKeySequence::NativeText);
        if (keys.isEmpty() && !topLevel)
            continue;
        out.append(
            {path, plain(a->text()), keys, a->shortcutContext() == Qt::WidgetWithChildrenShortcut});
    }
}

} // namespace

QList<ShortcutsDialog::Entry> ShortcutsDialog::collect(const QMainWindow *window)
{
    QList<Entry> out;
    for (QAction *a : window->menuBar()->actions())
        if (QMenu *menu = a->menu(); menu && a->isVisible())
            collectMenu(menu, plain(menu->title()), true, out);
    return out;
}

ShortcutsDialog::ShortcutsDialog(QMainWindow *window, QWidget *parent)
    : QDialog(parent ? parent : window)
{
    setWindowTitle(tr("Keyboard Shortcuts"));
    setObjectName(QStringLiteral("shortcutsDialog"));
    auto *layout = new QVBoxLayout(this);
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("shortcutFilter"));
    m_filter->setPlaceholderText(tr("Filter by action or key, e.g. “save” or “Ctrl+S”"));
    m_filter->setClearButtonEnabled(true);
    layout->addWidget(m_filter);

    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("shortcutTree"));
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Action"), tr("Shortcut")});
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionMode(QAbstractItemView::NoSelection);
    m_tree->setFocusPolicy(Qt::NoFocus);
    QTreeWidgetItem *group = nullptr;
    for (const Entry &e : collect(window)) {
        if (!group || group->text(0) != e.menu) {
            group = new QTreeWidgetItem(m_tree, {e.menu});
            QFont bold = group->font(0);
            bold.setBold(true);
            group->setFont(0, bold);
            group->setFirstColumnSpanned(true);
            group->setFlags(Qt::ItemIsEnabled);
            group->setExpanded(true);
        }
        QString keys = e.keys.join(tr("   or   "));
        if (e.canvasOnly && !keys.isEmpty())
            keys += tr("   (on the canvas)");
        auto *item = new QTreeWidgetItem(group, {e.action, keys});
        item->setData(0, Qt::UserRole, e.keys.join(QLatin1Char('\n')));
        if (e.keys.isEmpty())
            item->setForeground(1, palette().brush(QPalette::Disabled, QPalette::Text));
    }
    m_tree->expandAll();
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(false);
    layout->addWidget(m_tree, 1);

    auto *hint = new QLabel(
        tr("With the mouse on the canvas: Ctrl+wheel zooms; the wheel, the middle button or "
           "Space+drag pans."),
        this);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(hint);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    connect(m_filter, &QLineEdit::textChanged, this, &ShortcutsDialog::applyFilter);
    // Wide enough for the longest action beside the longest keys (translations and a desktop's
    // key names make both longer), within reason.
    const QFontMetrics fm(m_tree->font());
    int actions = 0, keys = 0;
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it) {
        if ((*it)->isFirstColumnSpanned())
            continue;
        actions = std::max(actions, fm.horizontalAdvance((*it)->text(0)));
        keys = std::max(keys, fm.horizontalAdvance((*it)->text(1)));
    }
    const int wanted = actions + keys + 2 * m_tree->indentation() + 80;
    resize(std::clamp(wanted, 560, 1100), 640);
}

void ShortcutsDialog::applyFilter(const QString &text)
{
    const QString needle = text.trimmed();
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem *group = m_tree->topLevelItem(g);
        bool any = false;
        for (int i = 0; i < group->childCount(); ++i) {
            QTreeWidgetItem *item = group->child(i);
            const bool match =
                needle.isEmpty() || item->text(0).contains(needle, Qt::CaseInsensitive) ||
                item->data(0, Qt::UserRole).toString().contains(needle, Qt::CaseInsensitive) ||
                group->text(0).contains(needle, Qt::CaseInsensitive);
            item->setHidden(!match);
            any = any || match;
        }
        group->setHidden(!any);
    }
}

} // namespace tutti::studio
