// Pages and bound fields shared by the mock and profile forms; see specform.h.
#include <editor/specform.h>

#include <editor/codeeditor.h>

#include <engine/core/jsonio.h>

#include <QHBoxLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStyle>
#include <QVBoxLayout>

namespace tutti::editor {

using engine::Json;

namespace {
// {"a": 1, "b": [1, 2]}: one line, spaced as people write it.
std::string spaced(const Json &value)
{
    if (value.is_object()) {
        std::string out = "{";
        for (auto it = value.begin(); it != value.end(); ++it)
            out += (it == value.begin() ? "" : ", ") + engine::dumpJson(Json(it.key())) + ": " +
                   spaced(it.value());
        return out + "}";
    }
    if (value.is_array()) {
        std::string out = "[";
        for (std::size_t i = 0; i < value.size(); ++i)
            out += (i ? ", " : "") + spaced(value[i]);
        return out + "]";
    }
    return engine::dumpJson(value);
}
} // namespace

QString formJsonText(const Json &value)
{
    const std::string compact = spaced(value);
    if (compact.size() <= 56 || !value.is_structured())
        return QString::fromStdString(compact);
    return QString::fromStdString(engine::dumpJson(value, 2));
}

const Json *member(const Json &node, const char *key)
{
    if (!node.is_object())
        return nullptr;
    auto it = node.find(key);
    return it == node.end() ? nullptr : &*it;
}

SpecForm::SpecForm(MockToolService *tools, QWidget *parent)
    : QWidget(parent)
    , m_tools(tools)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *split = new QSplitter(Qt::Horizontal, this);
    auto *left = new QWidget(split);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    m_pages = new QListWidget(left);
    m_pages->setObjectName(QStringLiteral("formPages"));
    leftLayout->addWidget(m_pages, 1);
    auto *buttons = new QHBoxLayout;
    m_add = new QPushButton(tr("Add"), left);
    m_remove = new QPushButton(tr("Remove"), left);
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    leftLayout->addLayout(buttons);
    m_scroll = new QScrollArea(split);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    split->addWidget(left);
    split->addWidget(m_scroll);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setSizes({170, 500});
    layout->addWidget(split);
    connect(m_pages, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && row != m_shown)
            showPage(row);
        m_remove->setEnabled(row >= 0 && canRemove(row));
    });
    connect(m_add, &QPushButton::clicked, this, [this] { addRequested(); });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        if (currentPage() >= 0 && canRemove(currentPage()))
            removeRequested(currentPage());
    });
}

int SpecForm::preferredWidth() const
{
    const QWidget *content = m_scroll->widget();
    const int page = content ? content->minimumSizeHint().width() : 0;
    const int bar = style()->pixelMetric(QStyle::PM_ScrollBarExtent);
    return m_pages->parentWidget()->width() + page + bar + 2 * m_scroll->frameWidth() + 12;
}

void SpecForm::setJson(const Json &json)
{
    m_json = json;
    const int keep = std::max(currentPage(), 0);
    rebuildList();
    m_shown = -1;
    m_rebuilding = true; // the same page again: not a page the user chose
    selectPage(std::min(keep, m_pages->count() - 1));
    m_rebuilding = false;
}

void SpecForm::rebuildList()
{
    const QSignalBlocker block(m_pages);
    m_pages->clear();
    for (const QString &title : pageTitles())
        m_pages->addItem(title);
}

void SpecForm::selectPage(int index)
{
    if (index < 0 || index >= m_pages->count())
        return;
    if (m_pages->currentRow() == index && m_shown == index)
        return;
    const QSignalBlocker block(m_pages);
    m_pages->setCurrentRow(index);
    showPage(index);
    m_remove->setEnabled(canRemove(index));
}

int SpecForm::currentPage() const
{
    return m_pages->currentRow();
}

void SpecForm::showPage(int index)
{
    m_shown = index;
    m_page = new QWidget;
    auto *layout = new QVBoxLayout(m_page);
    buildPage(index, layout);
    layout->addStretch(1);
    // Later: the previous page may be inside the signal of one of its fields right now.
    if (QWidget *old = m_scroll->takeWidget())
        old->deleteLater();
    m_scroll->setWidget(m_page);
    if (!m_rebuilding)
        emit pageShown(index);
}

CodeEditor *SpecForm::jsonField(const QString &pointer, const Json *value, const QString &what,
                                const CompletionContext *completion, int maxLines)
{
    auto *editor = new CodeEditor(CodeEditor::Mode::Json);
    editor->setObjectName(pointer);
    editor->setAutoHeight(1, maxLines);
    if (completion)
        editor->setCompletionContext(*completion);
    if (value)
        editor->setPlainText(formJsonText(*value));
    connect(editor, &CodeEditor::editingFinished, this, [this, editor, pointer, what] {
        if (!isLive(editor) || editor->hasError())
            return; // shown inline; the file keeps its value until the text is valid
        const bool empty = editor->text().trimmed().isEmpty();
        const std::optional<Json> value =
            empty ? std::nullopt : std::optional<Json>(editor->jsonValue());
        const Json *old = nullptr;
        try {
            old = m_json.contains(Json::json_pointer(pointer.toStdString()))
                      ? &m_json.at(Json::json_pointer(pointer.toStdString()))
                      : nullptr;
        } catch (const std::exception &) {
            old = nullptr;
        }
        if ((!value && !old) || (value && old && *old == *value))
            return;
        edit(pointer, value, what);
    });
    return editor;
}

QWidget *SpecForm::textField(const QString &pointer, const Json *value, const QString &what,
                             const QString &placeholder, bool structural)
{
    auto *line = new QLineEdit;
    line->setObjectName(pointer);
    line->setPlaceholderText(placeholder);
    if (value)
        line->setText(value->is_string() ? QString::fromStdString(value->get<std::string>())
                                         : QString::fromStdString(engine::dumpJson(*value)));
    connect(line, &QLineEdit::editingFinished, this, [this, line, pointer, what, structural] {
        if (!isLive(line) || !line->isModified())
            return;
        line->setModified(false);
        const QString text = line->text();
        edit(pointer, text.isEmpty() ? std::nullopt : std::optional<Json>(Json(text.toStdString())),
             what, structural);
    });
    return line;
}

} // namespace tutti::editor
