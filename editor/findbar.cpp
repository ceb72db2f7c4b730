// Find on the canvas; see findbar.h.
#include <editor/findbar.h>

#include <editor/flowscene.h>
#include <editor/flowview.h>
#include <editor/steppresentation.h>

#include <document/flowdocument.h>
#include <document/stepstructure.h>
#include <engine/model/flowparser.h>

#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QToolButton>

#include <map>

namespace tutti::editor {

namespace {

QString q(const std::string &text)
{
    return QString::fromStdString(text);
}

// The URLs each step sends requests to, from the parsed flow: the requests its type's
// descriptor names (request, compensation), a full `url` as written, or its service's
// base_url (when the flow gives one) joined to the `path`. A flow that does not parse far
// enough has none; ids, types and descriptions still match.
std::map<std::string, QStringList> requestUrls(const engine::FlowDocument &doc)
{
    std::map<std::string, QStringList> urls;
    const engine::FlowLoad parsed = engine::parseFlow(doc.yamlText(), doc.filePath());
    if (!parsed.flow)
        return urls;
    for (const engine::Step *step : engine::allSteps(*parsed.flow)) {
        const engine::StepDescriptor &d = engine::stepDescriptor(*step);
        std::string base;
        if (const engine::Json *json = doc.step(step->id))
            for (const engine::FieldDescriptor &f : engine::fieldsOf(*json))
                if (f.kind == engine::FieldKind::Service && json->contains(f.key) &&
                    (*json)[f.key].is_string()) {
                    const auto it = parsed.flow->services.find((*json)[f.key].get<std::string>());
                    if (it != parsed.flow->services.end() && it->second.baseUrl)
                        base = *it->second.baseUrl;
                }
        for (const engine::StepDescriptor::RequestFn fn : {d.request, d.compensation}) {
            const engine::HttpRequestSpec *r = fn ? fn(*step) : nullptr;
            if (r && r->url)
                urls[step->id] << q(r->url->source());
            else if (r && r->path)
                urls[step->id] << q(base + r->path->source());
        }
    }
    return urls;
}

} // namespace

FindBar::FindBar(FlowScene *scene, FlowView *view)
    : QWidget(view)
    , m_scene(scene)
    , m_view(view)
{
    setObjectName(QStringLiteral("findBar"));
    setAttribute(Qt::WA_StyledBackground);
    setStyleSheet(QStringLiteral("#findBar { background: palette(window); border: 1px solid "
                                 "#94a3b8; border-radius: 6px; }"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->setSpacing(4);
    m_field = new QLineEdit(this);
    m_field->setPlaceholderText(tr("Find step: id, name, type or URL"));
    m_field->setClearButtonEnabled(true);
    m_field->setMinimumWidth(240);
    m_field->installEventFilter(this);
    m_count = new QLabel(this);
    m_count->setMinimumWidth(64);
    m_count->setAlignment(Qt::AlignCenter);
    auto button = [this](const QString &text, const QString &tip) {
        auto *b = new QToolButton(this);
        b->setText(text);
        b->setToolTip(tip);
        b->setAutoRaise(true);
        return b;
    };
    m_prev = button(QStringLiteral("↑"), tr("Previous match (Shift+F3, Shift+Enter)"));
    m_next = button(QStringLiteral("↓"), tr("Next match (F3, Enter)"));
    m_close = button(QStringLiteral("✕"), tr("Close (Escape)"));
    layout->addWidget(m_field, 1);
    layout->addWidget(m_count);
    layout->addWidget(m_prev);
    layout->addWidget(m_next);
    layout->addWidget(m_close);
    connect(m_field, &QLineEdit::textChanged, this, &FindBar::search);
    connect(m_prev, &QToolButton::clicked, this, &FindBar::findPrevious);
    connect(m_next, &QToolButton::clicked, this, &FindBar::findNext);
    connect(m_close, &QToolButton::clicked, this, &FindBar::close);
    connect(m_scene->document(), &engine::FlowDocument::contentChanged, this, &FindBar::refresh);
    connect(m_scene->document(), &engine::FlowDocument::documentReset, this, &FindBar::refresh);
    connect(m_scene->document(), &engine::FlowDocument::stepRenamed, this,
            [this](const QString &from, const QString &to) {
                if (m_currentId == from)
                    m_currentId = to;
                refresh();
            });
    view->installEventFilter(this); // follows the view's size
    hide();
    showCount();
}

QString FindBar::currentStep() const
{
    return m_current >= 0 && m_current < m_matches.size() ? m_matches[m_current] : QString();
}

QStringList FindBar::matchingSteps(const engine::FlowDocument &doc, const QString &text)
{
    const QString needle = text.trimmed();
    if (needle.isEmpty())
        return {};
    const std::map<std::string, QStringList> urls = requestUrls(doc);
    QStringList out;
    for (const engine::StepInfo &info : doc.steps()) {
        QStringList hay{q(info.id), q(info.type), StepPresentations::forType(q(info.type)).label};
        if (const engine::Json *step = doc.step(info.id))
            if (const auto it = step->find("description"); it != step->end() && it->is_string())
                hay << q(it->get<std::string>());
        if (const auto it = urls.find(info.id); it != urls.end())
            hay << it->second;
        for (const QString &h : std::as_const(hay))
            if (h.contains(needle, Qt::CaseInsensitive)) {
                out << q(info.id);
                break;
            }
    }
    return out;
}

void FindBar::open()
{
    if (!isVisible()) {
        show();
        place();
        raise();
        search();
    }
    m_field->setFocus(Qt::ShortcutFocusReason);
    m_field->selectAll();
}

void FindBar::close()
{
    hide();
    m_scene->setHighlightedStep({});
    if (m_view)
        m_view->setFocus(Qt::OtherFocusReason);
    emit closed();
}

void FindBar::findNext()
{
    if (!isVisible()) {
        open();
        return;
    }
    if (!m_matches.isEmpty())
        go((m_current + 1) % m_matches.size());
}

void FindBar::findPrevious()
{
    if (!isVisible()) {
        open();
        return;
    }
    if (!m_matches.isEmpty())
        go((m_current + m_matches.size() - 1) % m_matches.size());
}

void FindBar::search()
{
    m_matches = matchingSteps(*m_scene->document(), m_field->text());
    m_current = -1;
    m_currentId.clear();
    if (m_matches.isEmpty()) {
        m_scene->setHighlightedStep({});
        showCount();
        return;
    }
    go(0);
}

void FindBar::refresh()
{
    if (!isVisible())
        return;
    m_matches = matchingSteps(*m_scene->document(), m_field->text());
    m_current = static_cast<int>(m_matches.indexOf(m_currentId));
    m_scene->setHighlightedStep(currentStep());
    showCount();
}

void FindBar::go(int index)
{
    m_current = index;
    const QString id = currentStep();
    m_currentId = id;
    // A step inside a collapsed container: its container stands for it.
    const QString shown = m_scene->visibleOwner(id);
    m_scene->selectSteps({shown});
    m_scene->setHighlightedStep(id);
    if (m_view)
        m_view->centerOnStep(shown);
    showCount();
}

void FindBar::showCount()
{
    const bool none = !m_field->text().trimmed().isEmpty() && m_matches.isEmpty();
    if (m_matches.isEmpty())
        m_count->setText(none ? tr("No match") : QString());
    else
        m_count->setText(tr("%1 of %2").arg(m_current + 1).arg(m_matches.size()));
    m_field->setStyleSheet(none ? QStringLiteral("QLineEdit { background: #fee2e2; }") : QString());
    m_prev->setEnabled(m_matches.size() > 1);
    m_next->setEnabled(m_matches.size() > 1);
}

void FindBar::place()
{
    if (!m_view)
        return;
    adjustSize();
    const QRect area = m_view->viewport()->geometry();
    const int w = std::min(std::max(width(), 420), std::max(200, area.width() - 24));
    resize(w, sizeHint().height());
    move(area.right() - w - 12, area.top() + 10);
}

bool FindBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view && event->type() == QEvent::Resize && isVisible())
        place();
    if (watched == m_field && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        const bool shift = key->modifiers() & Qt::ShiftModifier;
        switch (key->key()) {
        case Qt::Key_Escape:
            close();
            return true;
        case Qt::Key_Return:
        case Qt::Key_Enter:
        case Qt::Key_F3:
            shift ? findPrevious() : findNext();
            return true;
        default:
            break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace tutti::editor
