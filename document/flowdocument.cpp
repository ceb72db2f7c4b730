// The studio's editable flow document: JSON edits by step id, derived edges, layout sidecar.
#include <document/flowdocument.h>

#include <document/stepstructure.h>
#include <document/yamlpatch.h>
#include <engine/core/jsonio.h>
#include <engine/model/atomicfile.h>
#include <engine/model/yamldoc.h>

#include <QFile>

#include <algorithm>
#include <cmath>
#include <set>
#include <string_view>
#include <unordered_map>

namespace tutti::engine {

namespace {

using Pointer = Json::json_pointer;

constexpr int kLayoutFormatVersion = 1;

std::string str(const Json &object, const char *key)
{
    if (!object.is_object())
        return {};
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// A value as an edge label: error names as one line ("http.409, timeout"), other strings as
// they are, anything else as JSON.
std::string labelText(const Json &value, const FieldDescriptor &field)
{
    if (field.kind == FieldKind::ErrorNames && value.is_array()) {
        std::string out;
        for (const auto &name : value)
            out += (out.empty() ? "" : ", ") +
                   (name.is_string() ? name.get<std::string>() : dumpJson(name));
        return out;
    }
    return value.is_string() ? value.get<std::string>() : dumpJson(value);
}

// What a key that is not written stands for, as a label: "[any]" reads "any".
std::string defaultText(const FieldDescriptor &field)
{
    std::string text = field.defaultValue;
    if (text.size() >= 2 && text.front() == '[' && text.back() == ']')
        text = text.substr(1, text.size() - 2);
    return text;
}

// The label of the edge a rule of `list` makes (a case's `when`, a catch rule's `on`).
std::string ruleLabel(const Json &rule, const FieldDescriptor &list)
{
    const FieldDescriptor *key = labelKey(list);
    if (!key)
        return {};
    if (rule.is_object() && rule.contains(key->key))
        return labelText(rule.at(key->key), *key);
    return defaultText(*key);
}

// The order a step's edges are listed in: its jumps, where it goes on, its catch rules, its
// nested lists, its undo.
int edgeRank(EdgeKind kind)
{
    switch (kind) {
    case EdgeKind::Next:
    case EdgeKind::Case:
    case EdgeKind::Default:
        return 0;
    case EdgeKind::FallThrough:
        return 1;
    case EdgeKind::Catch:
        return 2;
    case EdgeKind::Branch:
    case EdgeKind::Body:
        return 3;
    case EdgeKind::Compensation:
        return 4;
    }
    return 5;
}

// "a transform step takes no 'catch' (only http, script, … steps do)": why an edge of `kind`
// cannot start at `step`.
std::string refusal(const Json &step, EdgeKind kind)
{
    std::string key, types;
    for (const StepDescriptor *d : stepDescriptors())
        if (const FieldDescriptor *f = fieldMaking(d->fields, kind)) {
            key = f->key;
            types += (types.empty() ? "" : ", ") + d->name;
        }
    const std::string type = str(step, "type");
    std::string out = descriptorOf(step) ? "a " + type + " step" : "a step of type '" + type + "'";
    if (key.empty())
        return out + " makes no " + toString(kind) + " edges";
    return out + " takes no '" + key + "' (only " + types + " steps do)";
}

std::string compensationLabel(const Json &compensate)
{
    if (!compensate.is_object())
        return "compensate";
    std::string method = str(compensate, "method");
    std::string path = str(compensate, "path");
    if (path.empty())
        path = str(compensate, "url");
    std::string out = method.empty() ? std::string("compensate") : method;
    if (!path.empty())
        out += " " + path;
    return out;
}

} // namespace

const char *toString(EdgeKind kind)
{
    switch (kind) {
    case EdgeKind::Next:
        return "next";
    case EdgeKind::FallThrough:
        return "fallthrough";
    case EdgeKind::Case:
        return "case";
    case EdgeKind::Default:
        return "default";
    case EdgeKind::Catch:
        return "catch";
    case EdgeKind::Branch:
        return "branch";
    case EdgeKind::Body:
        return "body";
    case EdgeKind::Compensation:
        return "compensation";
    }
    return "next";
}

FlowDocument::FlowDocument(QObject *parent)
    : QObject(parent)
{
    // The GUI thread only parses; the disk is looked at on m_live's worker.
    m_validator = [this](const std::string &text, const std::string &file,
                         const YamlDocument *parsed) {
        return m_live.validate(text, file.empty() ? std::string("untitled.flow.yaml") : file,
                               parsed);
    };
    QObject::connect(&m_live, &LiveFlowValidator::resolved, this, [this] {
        m_problems = m_live.problems();
        emit problemsChanged();
    });
    m_validateTimer.setSingleShot(true);
    m_validateTimer.setInterval(150); // coalesces bursts of edits (typing, multi-moves)
    QObject::connect(&m_validateTimer, &QTimer::timeout, this, &FlowDocument::validateNow);
    m_doc = Json::object({{"tutti", 1}, {"name", "untitled"}, {"steps", Json::array()}});
    m_text = toYaml(m_doc);
    reindex();
    // A new document is checked like any other: with no problems listed, the studio called
    // an empty flow valid until its first edit, and `tutti validate` rejected the saved file.
    validateNow();
}

FlowDocument::~FlowDocument() = default;

void FlowDocument::replaceDocument(Json doc, std::string sourceText)
{
    if (!doc.is_object())
        doc = Json::object();
    m_doc = std::move(doc);
    m_text = sourceText.empty() ? toYaml(m_doc) : std::move(sourceText);
    m_unparsedText.reset();
    reindex();
    // A reset says everything changed, edges included: an edgesChanged after it would have the
    // canvas build every edge item of a big flow a second time.
    emit documentReset();
    emit contentChanged();
    setModified(true);
    m_validateTimer.start();
}

// ---- index ----------------------------------------------------------------------------------

void FlowDocument::reindex()
{
    m_index.clear();
    m_byId.clear();
    indexList("/steps", {}, 0);
}

void FlowDocument::indexList(const std::string &listPointer, const std::string &parent, int depth)
{
    const Pointer ptr(listPointer);
    if (!m_doc.contains(ptr))
        return;
    const Json &list = m_doc.at(ptr);
    if (!list.is_array())
        return;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const Json &s = list[i];
        const std::string pointer = listPointer + "/" + std::to_string(i);
        StepInfo info{str(s, "id"),        str(s, "type"), pointer, listPointer,
                      static_cast<int>(i), parent,         depth};
        // Steps without an id (half-typed YAML) get a stable stand-in so the graph still shows
        // them.
        if (info.id.empty() || m_byId.contains(info.id))
            info.id = "#" + pointer;
        m_byId.emplace(info.id, m_index.size());
        m_index.push_back(info);
        if (!s.is_object())
            continue;
        for (const NestedList &nested : nestedLists(s))
            indexList(pointer + nested.pointer, info.id, depth + 1);
    }
}

const StepInfo *FlowDocument::stepInfo(const std::string &id) const
{
    auto it = m_byId.find(id);
    return it == m_byId.end() ? nullptr : &m_index[it->second];
}

const Json *FlowDocument::step(const std::string &id) const
{
    const StepInfo *info = stepInfo(id);
    return info ? &m_doc.at(Pointer(info->pointer)) : nullptr;
}

Json *FlowDocument::mutableStep(const std::string &id)
{
    const StepInfo *info = stepInfo(id);
    return info ? &m_doc.at(Pointer(info->pointer)) : nullptr;
}

std::vector<std::string> FlowDocument::children(const std::string &id) const
{
    std::vector<std::string> out;
    for (const auto &info : m_index)
        if (info.parent == id)
            out.push_back(info.id);
    return out;
}

std::vector<std::string> FlowDocument::descendants(const std::string &id) const
{
    std::vector<std::string> out;
    const StepInfo *root = stepInfo(id);
    if (!root)
        return out;
    // The index is depth-first in file order: a step's descendants are the entries right after
    // it that are nested deeper (a scan of the whole index per call made opening a 10,000-step
    // flow quadratic).
    const auto at = m_byId.find(root->id);
    for (std::size_t i = at->second + 1; i < m_index.size() && m_index[i].depth > root->depth; ++i)
        out.push_back(m_index[i].id);
    return out;
}

bool FlowDocument::isContainer(const std::string &id) const
{
    const Json *s = step(id);
    const StepDescriptor *d = s ? descriptorOf(*s) : nullptr;
    return d && d->holdsSteps();
}

std::vector<std::string> FlowDocument::childLists(const std::string &id) const
{
    std::vector<std::string> out;
    const StepInfo *info = stepInfo(id);
    const Json *s = step(id);
    if (!info || !s)
        return out;
    for (const NestedList &nested : nestedLists(*s))
        out.push_back(info->pointer + nested.pointer);
    return out;
}

std::string FlowDocument::uniqueId(const std::string &base) const
{
    const std::string stem = base.empty() ? std::string("step") : base;
    if (!hasStep(stem))
        return stem;
    for (int n = 2;; ++n) {
        std::string candidate = stem + "_" + std::to_string(n);
        if (!hasStep(candidate))
            return candidate;
    }
}

// ---- edges ----------------------------------------------------------------------------------

std::vector<FlowEdge> FlowDocument::edges() const
{
    std::vector<FlowEdge> out;
    // The first step of each list, found once (a scan per nested list was quadratic).
    std::unordered_map<std::string_view, const std::string *> firstInList;
    for (const auto &info : m_index)
        if (info.index == 0)
            firstInList.try_emplace(info.listPointer, &info.id);
    auto firstOf = [&](const std::string &listPointer) -> std::string {
        auto it = firstInList.find(listPointer);
        return it == firstInList.end() ? std::string() : *it->second;
    };
    // The step following each step in its list.
    std::unordered_map<std::string, std::string> following;
    for (std::size_t i = 0; i + 1 < m_index.size(); ++i) {
        for (std::size_t j = i + 1; j < m_index.size(); ++j) {
            if (m_index[j].listPointer == m_index[i].listPointer &&
                m_index[j].index == m_index[i].index + 1) {
                following[m_index[i].id] = m_index[j].id;
                break;
            }
            if (m_index[j].depth < m_index[i].depth)
                break;
        }
    }
    for (const auto &info : m_index) {
        const Json &s = m_doc.at(Pointer(info.pointer));
        if (!s.is_object())
            continue;
        const std::string &id = info.id;
        const std::vector<FieldDescriptor> &fields = fieldsOf(s);
        const StepDescriptor *d = descriptorOf(s);
        std::vector<FlowEdge> mine;
        // A plain jump key (`next`, `default`) replaces going on to the following step.
        bool jumps = false;
        for (const StepRef &ref : stepRefs(s)) {
            const std::string to = s.at(Pointer(ref.pointer)).get<std::string>();
            if (to.empty())
                continue;
            std::string label;
            if (ref.rule)
                label = ruleLabel(*ref.rule, *ref.list);
            else if (ref.kind == EdgeKind::Default)
                label = toString(EdgeKind::Default);
            jumps = jumps || !ref.rule;
            mine.push_back({id, to, ref.kind, ref.index, label});
        }
        const bool ends = (d && !d->canFallThrough()) || (s.contains("end") && s["end"] == true);
        if (!ends && !jumps)
            if (auto it = following.find(id); it != following.end())
                mine.push_back({id, it->second, EdgeKind::FallThrough, 0, {}});
        for (const NestedList &nested : nestedLists(s)) {
            const std::string first = firstOf(info.pointer + nested.pointer);
            if (first.empty())
                continue;
            std::string label;
            if (nested.kind == EdgeKind::Branch) {
                const FieldDescriptor *list = fieldMaking(fields, EdgeKind::Branch);
                const FieldDescriptor *name = list ? labelKey(*list) : nullptr;
                label = name ? str(*nested.item, name->key.c_str()) : std::string();
            } else {
                // "each item": the name the body reads the item as.
                const FieldDescriptor *as = d ? d->field("as") : nullptr;
                const std::string name = as ? str(s, as->key.c_str()) : std::string();
                label = "each " + (name.empty() && as ? as->defaultValue : name);
            }
            mine.push_back({id, first, nested.kind, nested.index, label});
        }
        if (const FieldDescriptor *undo = fieldMaking(fields, EdgeKind::Compensation))
            if (auto c = s.find(undo->key); c != s.end())
                mine.push_back({id, id, EdgeKind::Compensation, 0, compensationLabel(*c)});
        std::stable_sort(mine.begin(), mine.end(), [](const FlowEdge &a, const FlowEdge &b) {
            return edgeRank(a.kind) < edgeRank(b.kind);
        });
        out.insert(out.end(), mine.begin(), mine.end());
    }
    return out;
}

std::vector<FlowEdge> FlowDocument::incomingEdges(const std::string &id) const
{
    std::vector<FlowEdge> out;
    for (auto &edge : edges())
        if (edge.to == id && edge.from != id)
            out.push_back(std::move(edge));
    return out;
}

// ---- editing --------------------------------------------------------------------------------

void FlowDocument::setUnparsedText(std::optional<std::string> text)
{
    if (m_unparsedText == text)
        return;
    m_unparsedText = std::move(text);
    validateNow();
}

bool FlowDocument::restoreText(const std::string &text)
{
    if (text == m_text)
        return true;
    auto parsed = parseYaml(text, m_filePath);
    if (!parsed || parsed->root != m_doc)
        return false;
    m_text = text;
    emit contentChanged();
    m_validateTimer.start(); // problems point at lines of the text
    return true;
}

void FlowDocument::touched(const Json &before)
{
    // The file stays as it was written: only the lines of what changed are rewritten.
    auto patched = patchYaml(m_text, before, m_doc);
    m_text = patched ? std::move(*patched) : toYaml(m_doc);
    m_unparsedText.reset();
    emit contentChanged();
    setModified(true);
    m_validateTimer.start();
}

Result<void> FlowDocument::edit(const std::string &changedId,
                                const std::function<Result<void>()> &mutate)
{
    std::vector<std::string> before;
    before.reserve(m_index.size());
    for (const auto &info : m_index)
        before.push_back(info.id);
    const Json backup = m_doc;
    if (auto ok = mutate(); !ok) {
        m_doc = backup;
        return ok;
    }
    reindex();
    const std::set<std::string> beforeSet(before.begin(), before.end());
    // Removed first (children before parents so scenes can drop items bottom-up), then added
    // in document order (parents before children).
    for (auto it = before.rbegin(); it != before.rend(); ++it)
        if (!m_byId.contains(*it))
            emit stepRemoved(QString::fromStdString(*it));
    for (const auto &info : m_index)
        if (!beforeSet.contains(info.id))
            emit stepAdded(QString::fromStdString(info.id));
    if (!changedId.empty() && m_byId.contains(changedId))
        emit stepChanged(QString::fromStdString(changedId));
    emit edgesChanged();
    touched(backup);
    return {};
}

Result<void> FlowDocument::checkNewIds(const Json &step) const
{
    if (!step.is_object())
        return fail(ErrorCode::Schema, "a step must be a mapping");
    if (str(step, "id").empty())
        return fail(ErrorCode::Schema, "a step needs an id");
    std::vector<std::string> ids;
    collectStepIds(step, ids);
    std::set<std::string> seen;
    for (const auto &id : ids) {
        if (hasStep(id) || !seen.insert(id).second)
            return fail(ErrorCode::Validation, "step id '" + id + "' is already used");
    }
    return {};
}

Result<std::string> FlowDocument::addStep(Json step, const std::string &listPointer, int index)
{
    if (auto ok = checkNewIds(step); !ok)
        return std::unexpected(ok.error());
    const std::string id = str(step, "id");
    auto ok = edit({}, [&]() -> Result<void> {
        const Pointer ptr(listPointer);
        if (listPointer == "/steps" && !m_doc.contains(ptr))
            m_doc["steps"] = Json::array();
        if (!m_doc.contains(ptr) || !m_doc.at(ptr).is_array())
            return fail(ErrorCode::Schema, "no step list at " + listPointer);
        Json &list = m_doc.at(ptr);
        const auto size = static_cast<int>(list.size());
        const int at = index < 0 || index > size ? size : index;
        list.insert(list.begin() + at, std::move(step));
        return {};
    });
    if (!ok)
        return std::unexpected(ok.error());
    return id;
}

Result<void> FlowDocument::removeStep(const std::string &id)
{
    const StepInfo *info = stepInfo(id);
    if (!info)
        return fail(ErrorCode::Validation, "no step '" + id + "'");
    const std::string listPointer = info->listPointer;
    const int index = info->index;
    return edit({}, [&]() -> Result<void> {
        Json &list = m_doc.at(Pointer(listPointer));
        list.erase(list.begin() + index);
        return {};
    });
}

Result<void> FlowDocument::moveStepInList(const std::string &id, int index)
{
    const StepInfo *info = stepInfo(id);
    if (!info)
        return fail(ErrorCode::Validation, "no step '" + id + "'");
    const std::string listPointer = info->listPointer;
    const int from = info->index;
    const int size = static_cast<int>(m_doc.at(Pointer(listPointer)).size());
    if (index < 0 || index >= size)
        return fail(ErrorCode::Validation,
                    "no position " + std::to_string(index) + " in the list of '" + id + "'");
    if (index == from)
        return {};
    return edit(id, [&]() -> Result<void> {
        Json &list = m_doc.at(Pointer(listPointer));
        Json moved = std::move(list[static_cast<std::size_t>(from)]);
        list.erase(list.begin() + from);
        list.insert(list.begin() + index, std::move(moved));
        return {};
    });
}

Result<void> FlowDocument::replaceStep(const std::string &id, Json newStep)
{
    const StepInfo *info = stepInfo(id);
    if (!info)
        return fail(ErrorCode::Validation, "no step '" + id + "'");
    if (!newStep.is_object() || (str(newStep, "id") != id && !id.starts_with("#")))
        return fail(ErrorCode::Schema, "replaceStep keeps the step's id");
    // Nested ids may only clash with steps outside this one.
    std::vector<std::string> ids;
    collectStepIds(newStep, ids);
    std::vector<std::string> mine = descendants(id);
    mine.push_back(id);
    const std::set<std::string> own(mine.begin(), mine.end());
    std::set<std::string> seen;
    for (const auto &nid : ids)
        if ((hasStep(nid) && !own.contains(nid)) || !seen.insert(nid).second)
            return fail(ErrorCode::Validation, "step id '" + nid + "' is already used");
    const std::string pointer = info->pointer;
    return edit(id, [&]() -> Result<void> {
        m_doc.at(Pointer(pointer)) = std::move(newStep);
        return {};
    });
}

Result<void> FlowDocument::setStepField(const std::string &id, const std::string &pointer,
                                        std::optional<Json> value)
{
    const Json *current = step(id);
    if (!current)
        return fail(ErrorCode::Validation, "no step '" + id + "'");
    if (pointer.empty() || pointer == "/id")
        return fail(ErrorCode::Schema, "use renameStep to change an id", {}, pointer);
    Json updated = *current;
    try {
        const Pointer ptr(pointer);
        if (value) {
            updated[ptr] = std::move(*value);
        } else if (updated.contains(ptr)) {
            Json &parent = updated.at(ptr.parent_pointer());
            if (parent.is_object())
                parent.erase(ptr.back());
            else if (parent.is_array())
                parent.erase(parent.begin() + std::stoi(ptr.back()));
        }
    } catch (const std::exception &e) {
        return fail(ErrorCode::Schema, e.what(), {}, pointer);
    }
    return replaceStep(id, std::move(updated));
}

Result<void> FlowDocument::renameStep(const std::string &id, const std::string &newId)
{
    if (!hasStep(id))
        return fail(ErrorCode::Validation, "no step '" + id + "'");
    if (newId.empty())
        return fail(ErrorCode::Schema, "a step needs an id");
    if (newId == id)
        return {};
    if (hasStep(newId))
        return fail(ErrorCode::Validation, "step id '" + newId + "' is already used");
    const std::string pointer = stepInfo(id)->pointer;
    const Json before = m_doc;
    std::vector<std::string> pointers;
    for (const auto &info : m_index)
        pointers.push_back(info.pointer);
    m_doc.at(Pointer(pointer))["id"] = newId;
    for (const auto &p : pointers) {
        Json &s = m_doc.at(Pointer(p));
        if (s.is_object())
            renameStepRefs(s, [&](const std::string &ref) { return ref == id ? newId : ref; });
    }
    if (auto it = m_layout.find(id); it != m_layout.end()) {
        m_layout[newId] = it->second;
        m_layout.erase(id);
    }
    reindex();
    emit stepRenamed(QString::fromStdString(id), QString::fromStdString(newId));
    emit stepChanged(QString::fromStdString(newId));
    emit edgesChanged();
    touched(before);
    return {};
}

Result<void> FlowDocument::connect(const std::string &fromId, EdgeKind kind,
                                   const std::string &toId, const std::string &label)
{
    const StepInfo *from = stepInfo(fromId);
    const StepInfo *to = stepInfo(toId);
    if (!from || !to)
        return fail(ErrorCode::Validation, "no step '" + (from ? toId : fromId) + "'");
    if (fromId == toId)
        return fail(ErrorCode::Validation, "a step cannot jump to itself");
    // SPEC §3: `next` (and every jump) stays within the same list.
    if (from->listPointer != to->listPointer)
        return fail(ErrorCode::Validation,
                    "'" + toId + "' is in another list; jumps stay within the same list");
    Json s = *step(fromId);
    const std::vector<FieldDescriptor> &fields = fieldsOf(s);
    const FieldDescriptor *field = fieldMaking(fields, kind);
    switch (kind) {
    case EdgeKind::Next:
        // A type without `next` that picks its way by a default (choice) is given that.
        if (!field && fieldMaking(fields, EdgeKind::Default))
            return connect(fromId, EdgeKind::Default, toId);
        if (!field)
            return fail(ErrorCode::Validation, refusal(s, kind));
        s.erase(stepfields::end().key);
        s[field->key] = toId;
        break;
    case EdgeKind::Default:
        if (!field)
            return fail(ErrorCode::Validation, refusal(s, kind));
        s[field->key] = toId;
        break;
    case EdgeKind::Case:
    case EdgeKind::Catch: {
        const FieldDescriptor *target = field ? targetKey(*field) : nullptr;
        if (!target)
            return fail(ErrorCode::Validation, refusal(s, kind));
        Json rule = Json::object();
        // The rule's other key holds the label: a case drawn without a condition holds until
        // one is written; a catch rule without names catches what the key's default says.
        if (const FieldDescriptor *key = labelKey(*field)) {
            std::string text = label.empty() ? defaultText(*key) : label;
            if (text.empty())
                text = "true";
            rule[key->key] = key->kind == FieldKind::ErrorNames ? Json::array({text}) : Json(text);
        }
        rule[target->key] = toId;
        if (!s.contains(field->key) || !s[field->key].is_array())
            s[field->key] = Json::array();
        s[field->key].push_back(std::move(rule));
        break;
    }
    default:
        return fail(ErrorCode::Validation, std::string("edges of kind '") + toString(kind) +
                                               "' follow from the structure");
    }
    return replaceStep(fromId, std::move(s));
}

Result<void> FlowDocument::disconnect(const std::string &fromId, EdgeKind kind, int index)
{
    const Json *current = step(fromId);
    if (!current)
        return fail(ErrorCode::Validation, "no step '" + fromId + "'");
    Json s = *current;
    const std::vector<FieldDescriptor> &fields = fieldsOf(s);
    const FieldDescriptor *field = fieldMaking(fields, kind);
    switch (kind) {
    case EdgeKind::Next:
    case EdgeKind::Default:
    case EdgeKind::Compensation:
        if (field)
            s.erase(field->key);
        break;
    case EdgeKind::FallThrough: {
        // Going on is stopped by `end: true`, on the types that take it.
        const std::string end = stepfields::end().key;
        const StepDescriptor *d = descriptorOf(s);
        if (d && !d->takes(end))
            return fail(ErrorCode::Validation,
                        "a " + d->name + " step takes no '" + end +
                            "'; it goes on to the following step unless a jump says otherwise");
        s[end] = true;
        break;
    }
    case EdgeKind::Case:
    case EdgeKind::Catch: {
        const std::string key = field ? field->key : std::string();
        if (!field || !s.contains(key) || !s[key].is_array() || index < 0 ||
            index >= static_cast<int>(s[key].size()))
            return fail(ErrorCode::Validation, std::string("no ") + (field ? key : toString(kind)) +
                                                   " rule " + std::to_string(index));
        s[key].erase(s[key].begin() + index);
        // An optional list that is empty now goes (a required one stays, for the problem).
        if (s[key].empty() && !field->required)
            s.erase(key);
        break;
    }
    default:
        return fail(ErrorCode::Validation, std::string("edges of kind '") + toString(kind) +
                                               "' follow from the structure");
    }
    return replaceStep(fromId, std::move(s));
}

// ---- layout ---------------------------------------------------------------------------------

std::optional<NodeLayout> FlowDocument::layout(const std::string &id) const
{
    auto it = m_layout.find(id);
    if (it == m_layout.end())
        return std::nullopt;
    return it->second;
}

void FlowDocument::moveStep(const std::string &id, double x, double y)
{
    NodeLayout &l = m_layout[id];
    l.x = x;
    l.y = y;
    emit positionsChanged({QString::fromStdString(id)});
    setModified(true);
}

void FlowDocument::setPositions(const std::map<std::string, std::pair<double, double>> &positions)
{
    QStringList ids;
    for (const auto &[id, xy] : positions) {
        NodeLayout &l = m_layout[id];
        l.x = xy.first;
        l.y = xy.second;
        ids << QString::fromStdString(id);
    }
    if (ids.isEmpty())
        return;
    emit positionsChanged(ids);
    setModified(true);
}

void FlowDocument::setCollapsed(const std::string &id, bool collapsed)
{
    NodeLayout &l = m_layout[id];
    if (l.collapsed == collapsed)
        return;
    l.collapsed = collapsed;
    emit collapsedChanged(QString::fromStdString(id), collapsed);
    setModified(true);
}

bool FlowDocument::isCollapsed(const std::string &id) const
{
    auto it = m_layout.find(id);
    return it != m_layout.end() && it->second.collapsed;
}

std::vector<std::string> FlowDocument::unplacedSteps() const
{
    std::vector<std::string> out;
    for (const auto &info : m_index)
        if (!m_layout.contains(info.id))
            out.push_back(info.id);
    return out;
}

Json FlowDocument::layoutJson() const
{
    // Steps in file order so the sidecar's diff follows the flow's; removed steps are dropped.
    Json nodes = Json::object();
    for (const auto &info : m_index) {
        auto it = m_layout.find(info.id);
        if (it == m_layout.end())
            continue;
        Json node = Json::object(
            {{"x", std::round(it->second.x * 10) / 10}, {"y", std::round(it->second.y * 10) / 10}});
        if (it->second.collapsed)
            node["collapsed"] = true;
        nodes[info.id] = std::move(node);
    }
    return Json::object({{"tutti-layout", kLayoutFormatVersion}, {"nodes", std::move(nodes)}});
}

void FlowDocument::setLayoutJson(const Json &layout)
{
    m_layout.clear();
    if (layout.is_object() && layout.contains("nodes") && layout["nodes"].is_object()) {
        for (auto it = layout["nodes"].begin(); it != layout["nodes"].end(); ++it) {
            const Json &n = it.value();
            if (!n.is_object() || !n.contains("x") || !n.contains("y") || !n["x"].is_number() ||
                !n["y"].is_number())
                continue;
            m_layout[it.key()] =
                NodeLayout{n["x"].get<double>(), n["y"].get<double>(), n.value("collapsed", false)};
        }
    }
    QStringList ids;
    for (const auto &info : m_index)
        ids << QString::fromStdString(info.id);
    emit positionsChanged(ids);
}

// ---- files ----------------------------------------------------------------------------------

std::string FlowDocument::layoutPathFor(const std::string &flowPath)
{
    std::string base = flowPath;
    for (const char *suffix : {".flow.yaml", ".flow.yml", ".yaml", ".yml"}) {
        if (base.ends_with(suffix)) {
            base.resize(base.size() - std::string_view(suffix).size());
            break;
        }
    }
    return base + ".flow.layout.json";
}

Result<void> FlowDocument::load(const std::string &path)
{
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, "cannot open file: " + file.errorString().toStdString(),
                    {path, 0, 0});
    const QByteArray bytes = file.readAll();
    std::string text(bytes.constData(), static_cast<std::size_t>(bytes.size()));
    auto yaml = parseYaml(text, path);
    if (!yaml)
        return std::unexpected(yaml.error());
    Json layout;
    QFile sidecar(QString::fromStdString(layoutPathFor(path)));
    if (sidecar.open(QIODevice::ReadOnly)) {
        // A broken sidecar only costs the positions: the flow is laid out again.
        auto parsed = parseJson(sidecar.readAll().toStdString());
        if (parsed)
            layout = std::move(*parsed);
    }
    m_filePath = path;
    // Validated from this parse before its root moves into the document: parsing it again
    // would be a second, equally long read of a big file.
    Errors problems = validate(text, &*yaml);
    // Positions first, so observers of the reset see them (and lay out only what is missing).
    setLayoutJson(layout);
    replaceDocument(std::move(yaml->root), std::move(text));
    setModified(false);
    m_validateTimer.stop();
    m_problems = std::move(problems);
    emit problemsChanged();
    return {};
}

Result<void> FlowDocument::saveCopy(const std::string &yamlPath,
                                    const std::string &layoutPath) const
{
    if (auto ok = writeFileAtomically(yamlPath, fileText()); !ok)
        return ok;
    return writeFileAtomically(layoutPath, dumpJson(layoutJson(), 2) + "\n");
}

Result<void> FlowDocument::save(const std::string &path)
{
    const std::string target = path.empty() ? m_filePath : path;
    if (target.empty())
        return fail(ErrorCode::Io, "the flow has no file name yet");
    if (auto ok = saveCopy(target, layoutPathFor(target)); !ok)
        return ok;
    m_filePath = target;
    setModified(false);
    return {};
}

void FlowDocument::setModified(bool modified)
{
    if (m_modified == modified)
        return;
    m_modified = modified;
    emit modificationChanged(modified);
}

// ---- validation -----------------------------------------------------------------------------

void FlowDocument::setValidator(Validator validator)
{
    m_live.cancel(); // a resolve of the default validator must not overwrite the new one's
    m_validator = std::move(validator);
    validateNow();
}

void FlowDocument::validateNow()
{
    m_validateTimer.stop();
    m_problems = validate(fileText(), nullptr);
    emit problemsChanged();
}

Errors FlowDocument::validate(const std::string &text, const YamlDocument *parsed)
{
    Errors problems;
    if (m_validator) {
        try {
            problems = m_validator(text, m_filePath, parsed);
        } catch (const std::exception &e) {
            problems.push_back(Error{ErrorCode::Internal, e.what(), {m_filePath, 0, 0}, {}});
        }
    }
    return problems;
}

} // namespace tutti::engine
