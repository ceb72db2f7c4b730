// Step palette widget; see palette.h.
#include <editor/palette.h>

#include <editor/flowscene.h>
#include <editor/steppresentation.h>

#include <QKeyEvent>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QVBoxLayout>

namespace tutti::editor {

namespace {

// A list whose items drag out as step types.
class PaletteList : public QListWidget {
public:
    using QListWidget::QListWidget;

protected:
    QMimeData *mimeData(const QList<QListWidgetItem *> &items) const override
    {
        if (items.isEmpty())
            return nullptr;
        auto *mime = new QMimeData;
        mime->setData(kStepTypeMime, items.first()->data(Qt::UserRole).toString().toUtf8());
        return mime;
    }
    QStringList mimeTypes() const override { return {QString::fromLatin1(kStepTypeMime)}; }
};

} // namespace

Palette::Palette(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Search steps…"));
    m_search->setClearButtonEnabled(true);
    m_list = new PaletteList(this);
    m_list->setDragEnabled(true);
    m_list->setDragDropMode(QAbstractItemView::DragOnly);
    m_list->setIconSize(QSize(24, 24));
    m_list->setSpacing(1);
    for (const QString &type : StepPresentations::types()) {
        const auto &p = StepPresentations::forType(type);
        auto *item = new QListWidgetItem(p.icon, p.label, m_list);
        item->setData(Qt::UserRole, type);
        item->setToolTip(tr("%1 (%2): %3\nDrag onto the canvas or double-click to add.")
                             .arg(p.label, type, p.description));
    }
    layout->addWidget(m_search);
    layout->addWidget(m_list);
    connect(m_search, &QLineEdit::textChanged, this, &Palette::filter);
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        for (int i = 0; i < m_list->count(); ++i)
            if (!m_list->item(i)->isHidden()) {
                emit stepRequested(m_list->item(i)->data(Qt::UserRole).toString());
                return;
            }
    });
    connect(m_list, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        emit stepRequested(item->data(Qt::UserRole).toString());
    });
}

void Palette::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void Palette::filter(const QString &text)
{
    for (int i = 0; i < m_list->count(); ++i) {
        QListWidgetItem *item = m_list->item(i);
        const QString type = item->data(Qt::UserRole).toString();
        const auto &p = StepPresentations::forType(type);
        const bool match = text.isEmpty() || type.contains(text, Qt::CaseInsensitive) ||
                           p.label.contains(text, Qt::CaseInsensitive) ||
                           p.description.contains(text, Qt::CaseInsensitive);
        item->setHidden(!match);
    }
}

} // namespace tutti::editor
