// The problems panel; see problemspanel.h.
#include <editor/problemspanel.h>

#include <editor/floweditor.h>
#include <editor/flowscene.h>
#include <editor/flowview.h>
#include <editor/inspector.h>
#include <editor/yamleditor.h>

#include <document/flowdocument.h>
#include <engine/model/yamldoc.h>

#include <QHeaderView>
#include <QLabel>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <optional>

namespace tutti::editor {

namespace {
QString q(const std::string &text)
{
    return QString::fromStdString(text);
}
enum Role { LineRole = Qt::UserRole + 1, ColumnRole, StepRole, FieldRole };
} // namespace

ProblemsPanel::ProblemsPanel(engine::FlowDocument *doc, QWidget *parent)
    : QWidget(parent)
    , m_doc(doc)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_list = new QTreeWidget(this);
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setHeaderLabels({tr("Problem"), tr("Step"), tr("Field"), tr("Line")});
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int c = 1; c < 4; ++c)
        m_list->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_list->setToolTip(tr("Click a problem to select its step and field"));
    m_empty = new QLabel(tr("No problems: the flow is valid."), this);
    m_empty->setContentsMargins(8, 6, 8, 6);
    m_empty->setStyleSheet(QStringLiteral("color: #15803d;"));
    layout->addWidget(m_empty);
    layout->addWidget(m_list, 1);
    connect(m_list, &QTreeWidget::itemClicked, this,
            [this](QTreeWidgetItem *item) { activate(m_list->indexOfTopLevelItem(item)); });
    connect(m_list, &QTreeWidget::itemActivated, this,
            [this](QTreeWidgetItem *item) { activate(m_list->indexOfTopLevelItem(item)); });
    connect(doc, &engine::FlowDocument::problemsChanged, this, &ProblemsPanel::refresh);
    refresh();
}

void ProblemsPanel::setScene(FlowScene *scene)
{
    m_scene = scene;
}
void ProblemsPanel::setInspector(Inspector *inspector)
{
    m_inspector = inspector;
}
void ProblemsPanel::setEditor(FlowEditor *editor)
{
    m_editor = editor;
    m_scene = editor ? editor->scene() : nullptr;
}

int ProblemsPanel::count() const
{
    return m_list->topLevelItemCount();
}

ProblemsPanel::Where ProblemsPanel::locate(const engine::FlowDocument &doc,
                                           const engine::Error &error)
{
    Where where;
    std::size_t best = 0;
    for (const engine::StepInfo &info : doc.steps()) {
        const std::string &p = info.pointer;
        const bool holds =
            error.path == p || (error.path.size() > p.size() && error.path.rfind(p, 0) == 0 &&
                                error.path[p.size()] == '/');
        if (holds && p.size() > best) {
            best = p.size();
            where.stepId = q(info.id);
            where.field = q(error.path.substr(p.size()));
        }
    }
    return where;
}

void ProblemsPanel::refresh()
{
    m_list->clear();
    const QIcon icon = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    // A problem with a pointer but no line (found on the JSON) gets the line of that node in
    // the text, so a click can still show it in the YAML view.
    std::optional<engine::YamlDocument> yaml;
    for (engine::Error e : m_doc->problems()) {
        if (e.location.line <= 0 && !e.path.empty()) {
            if (!yaml) {
                auto parsed = engine::parseYaml(m_doc->yamlText(), m_doc->filePath());
                yaml = parsed ? std::move(*parsed) : engine::YamlDocument{};
            }
            const engine::SourceLocation at = yaml->locate(e.path);
            e.location.line = at.line;
            e.location.column = at.column;
        }
        const Where where = locate(*m_doc, e);
        auto *item = new QTreeWidgetItem(m_list);
        item->setIcon(0, icon);
        item->setText(0, q(e.message));
        item->setToolTip(0, q(e.toString()));
        item->setText(1, where.stepId);
        item->setText(2, where.field.isEmpty()
                             ? QString()
                             : where.field.mid(1).replace(QLatin1Char('/'), QLatin1Char('.')));
        item->setText(3, e.location.line > 0
                             ? QStringLiteral("%1:%2").arg(e.location.line).arg(e.location.column)
                             : QString());
        item->setData(0, LineRole, e.location.line);
        item->setData(0, ColumnRole, e.location.column);
        item->setData(0, StepRole, where.stepId);
        item->setData(0, FieldRole, where.field);
    }
    m_empty->setVisible(m_list->topLevelItemCount() == 0);
    m_list->setVisible(m_list->topLevelItemCount() > 0);
    emit countChanged(m_list->topLevelItemCount());
}

void ProblemsPanel::activate(int row)
{
    QTreeWidgetItem *item = m_list->topLevelItem(row);
    if (!item)
        return;
    m_list->setCurrentItem(item);
    const QString step = item->data(0, StepRole).toString();
    const QString field = item->data(0, FieldRole).toString();
    const int line = item->data(0, LineRole).toInt();
    if (m_editor && line > 0) {
        m_editor->setYamlVisible(true);
        m_editor->yamlEditor()->showLocation(line, item->data(0, ColumnRole).toInt());
    }
    if (!step.isEmpty()) {
        if (m_scene) {
            // Inside a collapsed container the container stands for the step.
            const QString shown = m_scene->visibleOwner(step);
            m_scene->selectSteps({shown});
            if (m_editor)
                m_editor->view()->centerOnStep(shown);
        }
        if (m_inspector) {
            if (m_inspector->stepId() != step)
                m_inspector->setStep(step);
            m_inspector->focusField(field.isEmpty() ? QStringLiteral("/id") : field);
        }
    }
    emit problemActivated(step, field, item->data(0, LineRole).toInt(),
                          item->data(0, ColumnRole).toInt());
}

} // namespace tutti::editor
