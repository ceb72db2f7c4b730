// Undo commands over the flow document; see commands.h.
#include <editor/commands.h>

#include <document/stepstructure.h>

#include <QCoreApplication>
#include <QUndoStack>

#include <set>

namespace tutti::editor {

namespace {

// The undo texts' translation context; lupdate reads it from the macro, so Commands::tr and
// translations/*.ts agree on it.
struct Commands {
    Q_DECLARE_TR_FUNCTIONS(tutti::editor::Commands)
};
QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

void collectLayouts(FlowDocument *doc, const std::string &id,
                    std::map<std::string, engine::NodeLayout> &out)
{
    std::vector<std::string> ids = doc->descendants(id);
    ids.push_back(id);
    for (const auto &i : ids)
        if (auto l = doc->layout(i))
            out[i] = *l;
}

void restoreLayouts(FlowDocument *doc, const std::map<std::string, engine::NodeLayout> &layouts)
{
    std::map<std::string, std::pair<double, double>> positions;
    for (const auto &[id, l] : layouts) {
        positions[id] = {l.x, l.y};
        doc->setCollapsed(id, l.collapsed);
    }
    doc->setPositions(positions);
}

} // namespace

// ---- TextStep ---------------------------------------------------------------------------------

void TextStep::done(FlowDocument *doc, const std::string &was)
{
    const std::string &now = doc->yamlText();
    if (m_recorded) {
        // Redone: back to the bytes the first time gave, when the text is where it was then.
        if (was.size() == m_prefix + m_before.size() + m_suffix &&
            std::hash<std::string>()(was) == m_beforeHash)
            (void)doc->restoreText(was.substr(0, m_prefix) + m_after +
                                   was.substr(was.size() - m_suffix));
        return;
    }
    m_recorded = true;
    std::size_t prefix = 0;
    const std::size_t shorter = std::min(was.size(), now.size());
    while (prefix < shorter && was[prefix] == now[prefix])
        ++prefix;
    std::size_t suffix = 0;
    while (suffix < shorter - prefix &&
           was[was.size() - 1 - suffix] == now[now.size() - 1 - suffix])
        ++suffix;
    m_prefix = prefix;
    m_suffix = suffix;
    m_before = was.substr(prefix, was.size() - prefix - suffix);
    m_after = now.substr(prefix, now.size() - prefix - suffix);
    m_beforeHash = std::hash<std::string>()(was);
    m_afterHash = std::hash<std::string>()(now);
}

void TextStep::undone(FlowDocument *doc, const std::string &was) const
{
    if (!m_recorded || was.size() != m_prefix + m_after.size() + m_suffix ||
        std::hash<std::string>()(was) != m_afterHash)
        return;
    (void)doc->restoreText(was.substr(0, m_prefix) + m_before + was.substr(was.size() - m_suffix));
}

// ---- AddStepCommand ---------------------------------------------------------------------------

AddStepCommand::AddStepCommand(FlowDocument *doc, Json step, std::string listPointer, int index,
                               std::optional<QPointF> position, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_doc(doc)
    , m_step(std::move(step))
    , m_listPointer(std::move(listPointer))
    , m_index(index)
    , m_position(position)
    , m_id(m_step.value("id", std::string()))
{
    setText(Commands::tr("Add step %1").arg(q(m_id)));
}

void AddStepCommand::redo()
{
    const std::string was = m_doc->yamlText();
    if (!m_doc->addStep(m_step, m_listPointer, m_index))
        return;
    m_text.done(m_doc, was);
    if (m_position)
        m_doc->moveStep(m_id, m_position->x(), m_position->y());
}

void AddStepCommand::undo()
{
    const std::string was = m_doc->yamlText();
    if (m_doc->removeStep(m_id))
        m_text.undone(m_doc, was);
}

// ---- RemoveStepCommand ------------------------------------------------------------------------

RemoveStepCommand::RemoveStepCommand(FlowDocument *doc, std::string id, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_doc(doc)
    , m_id(std::move(id))
{
    setText(Commands::tr("Delete step %1").arg(q(m_id)));
}

void RemoveStepCommand::redo()
{
    // Captured at redo time: earlier commands of a macro may have moved the step.
    const engine::StepInfo *info = m_doc->stepInfo(m_id);
    if (!info)
        return;
    m_step = *m_doc->step(m_id);
    m_listPointer = info->listPointer;
    m_index = info->index;
    m_layouts.clear();
    collectLayouts(m_doc, m_id, m_layouts);
    const std::string was = m_doc->yamlText();
    if (m_doc->removeStep(m_id))
        m_text.done(m_doc, was);
}

void RemoveStepCommand::undo()
{
    if (m_index < 0)
        return;
    const std::string was = m_doc->yamlText();
    if (m_doc->addStep(m_step, m_listPointer, m_index))
        m_text.undone(m_doc, was); // the step's own text, not its canonical YAML
    restoreLayouts(m_doc, m_layouts);
}

// ---- ReplaceStepCommand -----------------------------------------------------------------------

ReplaceStepCommand::ReplaceStepCommand(FlowDocument *doc, std::string id, Json before, Json after,
                                       const QString &text, bool alreadyApplied,
                                       QUndoCommand *parent)
    : QUndoCommand(text, parent)
    , m_doc(doc)
    , m_id(std::move(id))
    , m_before(std::move(before))
    , m_after(std::move(after))
    , m_skipRedo(alreadyApplied)
{
}

void ReplaceStepCommand::redo()
{
    if (m_skipRedo) {
        m_skipRedo = false;
        return;
    }
    const std::string was = m_doc->yamlText();
    if (m_doc->replaceStep(m_id, m_after))
        m_text.done(m_doc, was);
}

void ReplaceStepCommand::undo()
{
    const std::string was = m_doc->yamlText();
    if (m_doc->replaceStep(m_id, m_before))
        m_text.undone(m_doc, was);
}

// ---- RenameStepCommand ------------------------------------------------------------------------

RenameStepCommand::RenameStepCommand(FlowDocument *doc, std::string from, std::string to,
                                     QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_doc(doc)
    , m_from(std::move(from))
    , m_to(std::move(to))
{
    setText(Commands::tr("Rename %1 to %2").arg(q(m_from), q(m_to)));
}

void RenameStepCommand::redo()
{
    const std::string was = m_doc->yamlText();
    if (m_doc->renameStep(m_from, m_to))
        m_text.done(m_doc, was);
}
void RenameStepCommand::undo()
{
    const std::string was = m_doc->yamlText();
    if (m_doc->renameStep(m_to, m_from))
        m_text.undone(m_doc, was);
}

// ---- MoveStepInListCommand --------------------------------------------------------------------

MoveStepInListCommand::MoveStepInListCommand(FlowDocument *doc, std::string id, int index,
                                             QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_doc(doc)
    , m_id(std::move(id))
    , m_index(index)
{
    setText(Commands::tr("Move step %1").arg(q(m_id)));
}

void MoveStepInListCommand::redo()
{
    const engine::StepInfo *info = m_doc->stepInfo(m_id);
    if (!info)
        return;
    m_from = info->index;
    const std::string was = m_doc->yamlText();
    if (m_doc->moveStepInList(m_id, m_index))
        m_text.done(m_doc, was);
}

void MoveStepInListCommand::undo()
{
    if (m_from < 0)
        return;
    const std::string was = m_doc->yamlText();
    if (m_doc->moveStepInList(m_id, m_from))
        m_text.undone(m_doc, was);
}

// ---- MoveStepsCommand -------------------------------------------------------------------------

MoveStepsCommand::MoveStepsCommand(FlowDocument *doc, Positions before, Positions after,
                                   const QString &text, QUndoCommand *parent)
    : QUndoCommand(text, parent)
    , m_doc(doc)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
}

void MoveStepsCommand::redo()
{
    m_doc->setPositions(m_after);
}
void MoveStepsCommand::undo()
{
    m_doc->setPositions(m_before);
}

// ---- ReplaceDocumentCommand -------------------------------------------------------------------

ReplaceDocumentCommand::ReplaceDocumentCommand(FlowDocument *doc, Json before,
                                               std::string beforeText, Json after,
                                               std::string afterText, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_doc(doc)
    , m_before(std::move(before))
    , m_after(std::move(after))
    , m_beforeText(std::move(beforeText))
    , m_afterText(std::move(afterText))
{
    setText(Commands::tr("Edit YAML"));
}

void ReplaceDocumentCommand::redo()
{
    m_doc->replaceDocument(m_after, m_afterText);
}
void ReplaceDocumentCommand::undo()
{
    m_doc->replaceDocument(m_before, m_beforeText);
}

// ---- SetCollapsedCommand ----------------------------------------------------------------------

SetCollapsedCommand::SetCollapsedCommand(FlowDocument *doc, std::string id, bool collapsed,
                                         QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_doc(doc)
    , m_id(std::move(id))
    , m_collapsed(collapsed)
{
    setText(collapsed ? Commands::tr("Collapse %1").arg(q(m_id))
                      : Commands::tr("Expand %1").arg(q(m_id)));
}

void SetCollapsedCommand::redo()
{
    m_doc->setCollapsed(m_id, m_collapsed);
}
void SetCollapsedCommand::undo()
{
    m_doc->setCollapsed(m_id, !m_collapsed);
}

// ---- compound edits ---------------------------------------------------------------------------

engine::Result<void> pushStepEdit(QUndoStack *stack, FlowDocument *doc, const std::string &id,
                                  const QString &text,
                                  const std::function<engine::Result<void>()> &op)
{
    const Json *current = doc->step(id);
    if (!current)
        return engine::fail(engine::ErrorCode::Validation, "no step '" + id + "'");
    Json before = *current;
    const std::string was = doc->yamlText();
    if (auto ok = op(); !ok)
        return ok;
    const Json *after = doc->step(id);
    if (!after)
        return {};
    auto *command = new ReplaceStepCommand(doc, id, std::move(before), *after, text, true);
    command->recordText(was);
    stack->push(command);
    return {};
}

engine::Result<void> pushConnect(QUndoStack *stack, FlowDocument *doc, const std::string &from,
                                 engine::EdgeKind kind, const std::string &to,
                                 const std::string &label)
{
    return pushStepEdit(stack, doc, from, Commands::tr("Connect %1 to %2").arg(q(from), q(to)),
                        [&] { return doc->connect(from, kind, to, label); });
}

engine::Result<void> pushDisconnect(QUndoStack *stack, FlowDocument *doc, const std::string &from,
                                    engine::EdgeKind kind, int index)
{
    return pushStepEdit(stack, doc, from, Commands::tr("Disconnect %1").arg(q(from)),
                        [&] { return doc->disconnect(from, kind, index); });
}

void pushDeleteSteps(QUndoStack *stack, FlowDocument *doc, const QStringList &ids)
{
    std::set<std::string> doomed;
    for (const auto &id : ids)
        if (doc->hasStep(id.toStdString())) {
            doomed.insert(id.toStdString());
            for (const auto &d : doc->descendants(id.toStdString()))
                doomed.insert(d);
        }
    if (doomed.empty())
        return;
    stack->beginMacro(doomed.size() == 1
                          ? Commands::tr("Delete step %1").arg(q(*doomed.begin()))
                          : Commands::tr("Delete %n step(s)", nullptr, int(doomed.size())));
    // Jumps into the deleted steps would dangle: remove them, highest index first per source
    // so the remaining indices stay valid.
    for (const auto &id : doomed) {
        auto incoming = doc->incomingEdges(id);
        std::sort(incoming.begin(), incoming.end(),
                  [](const auto &a, const auto &b) { return a.index > b.index; });
        for (const auto &edge : incoming) {
            if (doomed.contains(edge.from))
                continue;
            using K = engine::EdgeKind;
            if (edge.kind == K::Next || edge.kind == K::Case || edge.kind == K::Default ||
                edge.kind == K::Catch)
                (void)pushDisconnect(stack, doc, edge.from, edge.kind, edge.index);
        }
    }
    // Only the outermost doomed steps are removed; nested ones go with them.
    for (const auto &id : ids) {
        const std::string s = id.toStdString();
        const engine::StepInfo *info = doc->stepInfo(s);
        if (!info)
            continue;
        bool nested = false;
        for (std::string p = info->parent; !p.empty();
             p = doc->stepInfo(p) ? doc->stepInfo(p)->parent : "")
            if (doomed.contains(p) && ids.contains(q(p)))
                nested = true;
        if (!nested)
            stack->push(new RemoveStepCommand(doc, s));
    }
    stack->endMacro();
}

namespace {

// Gives a pasted step (and the steps nested in it) its new ids and points its jumps at them.
void renameInside(Json &step, const std::map<std::string, std::string> &renames)
{
    if (!step.is_object())
        return;
    const auto renamed = [&](const std::string &id) {
        auto it = renames.find(id);
        return it == renames.end() ? id : it->second;
    };
    if (step.contains("id") && step["id"].is_string())
        step["id"] = renamed(step["id"].get<std::string>());
    engine::renameStepRefs(step, renamed);
    for (const engine::NestedList &list : engine::nestedLists(step))
        for (auto &child : step.at(Json::json_pointer(list.pointer)))
            renameInside(child, renames);
}

} // namespace

QStringList pushPasteSteps(QUndoStack *stack, FlowDocument *doc, const Json &steps,
                           const std::map<std::string, std::pair<double, double>> &positions,
                           QPointF offset, const std::string &listPointer, int index)
{
    QStringList added;
    if (!steps.is_array() || steps.empty())
        return added;
    // New unique ids for every pasted id; jumps among pasted steps follow their copies, jumps
    // out of the pasted set keep pointing at the originals.
    std::vector<std::string> ids;
    for (const auto &s : steps)
        engine::collectStepIds(s, ids);
    std::map<std::string, std::string> renames;
    std::set<std::string> taken;
    for (const auto &id : ids) {
        std::string candidate = doc->uniqueId(id);
        for (int n = 2; taken.contains(candidate) || doc->hasStep(candidate); ++n)
            candidate = id + "_" + std::to_string(n);
        taken.insert(candidate);
        renames[id] = candidate;
    }
    stack->beginMacro(Commands::tr("Paste %n step(s)", nullptr, int(steps.size())));
    int at = index;
    for (Json s : steps) {
        renameInside(s, renames);
        const std::string oldId = s.value("id", std::string());
        std::optional<QPointF> pos;
        // Position of the original (looked up through the reverse rename).
        for (const auto &[from, to] : renames)
            if (to == oldId)
                if (auto it = positions.find(from); it != positions.end())
                    pos = QPointF(it->second.first, it->second.second) + offset;
        auto *cmd = new AddStepCommand(doc, s, listPointer, at, pos);
        stack->push(cmd);
        added << q(cmd->stepId());
        // Nested pasted steps keep their relative positions.
        std::vector<std::string> nested;
        engine::collectStepIds(s, nested);
        std::map<std::string, std::pair<double, double>> before, after;
        for (const auto &nid : nested) {
            if (nid == cmd->stepId())
                continue;
            for (const auto &[from, to] : renames)
                if (to == nid)
                    if (auto it = positions.find(from); it != positions.end()) {
                        after[nid] = {it->second.first + offset.x(),
                                      it->second.second + offset.y()};
                        auto l = doc->layout(nid);
                        before[nid] = l ? std::pair(l->x, l->y) : after[nid];
                    }
        }
        if (!after.empty())
            stack->push(
                new MoveStepsCommand(doc, before, after, Commands::tr("Place pasted steps")));
        if (at >= 0)
            ++at;
    }
    stack->endMacro();
    return added;
}

} // namespace tutti::editor
