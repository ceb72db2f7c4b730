// The studio's editable flow document: JSON edits by step id, derived edges, layout sidecar.
#include <document/flowdocument.h>

#include <engine/core/jsonio.h>
#include <engine/model/yamldoc.h>

#include <QFile>
#include <QSaveFile>

#include <algorithm>
#include <cmath>
#include <set>

namespace tutti::engine {

namespace {

using Pointer = Json::json_pointer;

constexpr int kLayoutFormatVersion = 1;

bool isContainerType(const std::string &type)
{
    return type == "parallel" || type == "map";
}

std::string str(const Json &object, const char *key)
{
    if (!object.is_object())
        return {};
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Error names of a catch rule as one label ("http.409, timeout").
std::string joinNames(const Json &on)
{
    if (on.is_string())
        return on.get<std::string>();
    std::string out;
    if (on.is_array())
        for (const auto &name : on) {
            if (!out.empty())
                out += ", ";
            out += name.is_string() ? name.get<std::string>() : dumpJson(name);
        }
    return out;
}

// Every id in a step and its nested steps.
void collectIds(const Json &step, std::vector<std::string> &out)
{
    if (!step.is_object())
        return;
    if (auto id = str(step, "id"); !id.empty())
        out.push_back(id);
    if (auto it = step.find("branches"); it != step.end() && it->is_array())
        for (const auto &branch : *it)
            if (branch.is_object())
                if (auto s = branch.find("steps"); s != branch.end() && s->is_array())
                    for (const auto &child : *s)
                        collectIds(child, out);
    if (str(step, "type") == "map")
        if (auto s = step.find("steps"); s != step.end() && s->is_array())
            for (const auto &child : *s)
                collectIds(child, out);
}

// Renames references to `from` inside one step object (not its nested steps: they are visited
// by the caller through the index).
void renameRefs(Json &step, const std::string &from, const std::string &to)
{
    auto fix = [&](Json &value) {
        if (value.is_string() && value.get<std::string>() == from)
            value = to;
    };
    if (auto it = step.find("next"); it != step.end())
        fix(*it);
    if (auto it = step.find("default"); it != step.end())
        fix(*it);
    for (const char *key : {"cases", "catch"})
        if (auto it = step.find(key); it != step.end() && it->is_array())
            for (auto &rule : *it)
                if (rule.is_object())
                    if (auto n = rule.find("next"); n != rule.end())
                        fix(*n);
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
    m_validator = [this](const std::string &text, const std::string &file) {
        return m_live.validate(text, file.empty() ? std::string("untitled.flow.yaml") : file);
    };
    QObject::connect(&m_live, &LiveFlowValidator::resolved, this, [this] {
        m_problems = m_live.problems();
        emit problemsChanged();
    });
    m_validateTimer.setSingleShot(true);
    m_validateTimer.setInterval(150); // coalesces bursts of edits (typing, multi-moves)
    QObject::connect(&m_validateTimer, &QTimer::timeout, this, &FlowDocument::validateNow);
    m_doc = Json::object({{"tutti", 1}, {"name", "untitled"}, {"steps", Json::array()}});
    reindex();
    // A new document is checked like any other: with no problems listed, the studio called
    // an empty flow valid until its first edit, and `tutti validate` rejected the saved file.
    validateNow();
}

FlowDocument::~FlowDocument() = default;

std::string FlowDocument::yamlText() const
{
    return m_sourceText.empty() ? toYaml(m_doc) : m_sourceText;
}

void FlowDocument::replaceDocument(Json doc, std::string sourceText)
{
    if (!doc.is_object())
        doc = Json::object();
    m_doc = std::move(doc);
    m_sourceText = std::move(sourceText);
    reindex();
    emit documentReset();
    emit edgesChanged();
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
        if (info.type == "parallel") {
            if (auto b = s.find("branches"); b != s.end() && b->is_array())
                for (std::size_t k = 0; k < b->size(); ++k)
                    indexList(pointer + "/branches/" + std::to_string(k) + "/steps", info.id,
                              depth + 1);
        } else if (info.type == "map") {
            indexList(pointer + "/steps", info.id, depth + 1);
        }
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
    const std::string prefix = root->pointer + "/";
    for (const auto &info : m_index)
        if (info.pointer.starts_with(prefix))
            out.push_back(info.id);
    return out;
}

bool FlowDocument::isContainer(const std::string &id) const
{
    const StepInfo *info = stepInfo(id);
    return info && isContainerType(info->type);
}

std::vector<std::string> FlowDocument::childLists(const std::string &id) const
{
    std::vector<std::string> out;
    const StepInfo *info = stepInfo(id);
    const Json *s = step(id);
    if (!info || !s)
        return out;
    if (info->type == "parallel") {
        if (auto b = s->find("branches"); b != s->end() && b->is_array())
            for (std::size_t k = 0; k < b->size(); ++k)
                out.push_back(info->pointer + "/branches/" + std::to_string(k) + "/steps");
    } else if (info->type == "map") {
        out.push_back(info->pointer + "/steps");
    }
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
    auto firstOf = [&](const std::string &listPointer) -> std::string {
        for (const auto &info : m_index)
            if (info.listPointer == listPointer && info.index == 0)
                return info.id;
        return {};
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
        const std::string next = str(s, "next");
        const bool ends = info.type == "respond" || info.type == "fail" ||
                          (s.contains("end") && s["end"] == true);
        bool fallsThrough = !ends;
        if (info.type == "choice") {
            if (auto c = s.find("cases"); c != s.end() && c->is_array())
                for (std::size_t k = 0; k < c->size(); ++k) {
                    const Json &rule = (*c)[k];
                    std::string when =
                        rule.is_object() && rule.contains("when")
                            ? (rule["when"].is_string() ? rule["when"].get<std::string>()
                                                        : dumpJson(rule["when"]))
                            : std::string();
                    if (auto to = str(rule, "next"); !to.empty())
                        out.push_back({id, to, EdgeKind::Case, static_cast<int>(k), when});
                }
            if (auto to = str(s, "default"); !to.empty()) {
                out.push_back({id, to, EdgeKind::Default, 0, "default"});
                fallsThrough = false;
            }
        }
        if (!next.empty()) {
            out.push_back({id, next, EdgeKind::Next, 0, {}});
            fallsThrough = false;
        }
        if (fallsThrough)
            if (auto it = following.find(id); it != following.end())
                out.push_back({id, it->second, EdgeKind::FallThrough, 0, {}});
        if (auto c = s.find("catch"); c != s.end() && c->is_array())
            for (std::size_t k = 0; k < c->size(); ++k) {
                const Json &rule = (*c)[k];
                if (auto to = str(rule, "next"); !to.empty())
                    out.push_back({id, to, EdgeKind::Catch, static_cast<int>(k),
                                   rule.is_object() && rule.contains("on") ? joinNames(rule["on"])
                                                                           : std::string("any")});
            }
        if (info.type == "parallel") {
            if (auto b = s.find("branches"); b != s.end() && b->is_array())
                for (std::size_t k = 0; k < b->size(); ++k) {
                    std::string first =
                        firstOf(info.pointer + "/branches/" + std::to_string(k) + "/steps");
                    if (!first.empty())
                        out.push_back({id, first, EdgeKind::Branch, static_cast<int>(k),
                                       str((*b)[k], "name")});
                }
        } else if (info.type == "map") {
            std::string first = firstOf(info.pointer + "/steps");
            if (!first.empty()) {
                std::string as = str(s, "as");
                out.push_back({id, first, EdgeKind::Body, 0,
                               "each " + (as.empty() ? std::string("item") : as)});
            }
        }
        if (auto c = s.find("compensate"); c != s.end())
            out.push_back({id, id, EdgeKind::Compensation, 0, compensationLabel(*c)});
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

void FlowDocument::touched()
{
    m_sourceText.clear();
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
    touched();
    return {};
}

Result<void> FlowDocument::checkNewIds(const Json &step) const
{
    if (!step.is_object())
        return fail(ErrorCode::Schema, "a step must be a mapping");
    if (str(step, "id").empty())
        return fail(ErrorCode::Schema, "a step needs an id");
    std::vector<std::string> ids;
    collectIds(step, ids);
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

Result<void> FlowDocument::replaceStep(const std::string &id, Json newStep)
{
    const StepInfo *info = stepInfo(id);
    if (!info)
        return fail(ErrorCode::Validation, "no step '" + id + "'");
    if (!newStep.is_object() || (str(newStep, "id") != id && !id.starts_with("#")))
        return fail(ErrorCode::Schema, "replaceStep keeps the step's id");
    // Nested ids may only clash with steps outside this one.
    std::vector<std::string> ids;
    collectIds(newStep, ids);
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
    std::vector<std::string> pointers;
    for (const auto &info : m_index)
        pointers.push_back(info.pointer);
    m_doc.at(Pointer(pointer))["id"] = newId;
    for (const auto &p : pointers) {
        Json &s = m_doc.at(Pointer(p));
        if (s.is_object())
            renameRefs(s, id, newId);
    }
    if (auto it = m_layout.find(id); it != m_layout.end()) {
        m_layout[newId] = it->second;
        m_layout.erase(id);
    }
    reindex();
    emit stepRenamed(QString::fromStdString(id), QString::fromStdString(newId));
    emit stepChanged(QString::fromStdString(newId));
    emit edgesChanged();
    touched();
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
    switch (kind) {
    case EdgeKind::Next:
        if (from->type == "choice")
            return connect(fromId, EdgeKind::Default, toId);
        s.erase("end");
        s["next"] = toId;
        break;
    case EdgeKind::Case:
        if (from->type != "choice")
            return fail(ErrorCode::Validation, "only choice steps have cases");
        if (!s.contains("cases") || !s["cases"].is_array())
            s["cases"] = Json::array();
        s["cases"].push_back(
            Json::object({{"when", label.empty() ? std::string("true") : label}, {"next", toId}}));
        break;
    case EdgeKind::Default:
        if (from->type != "choice")
            return fail(ErrorCode::Validation, "only choice steps have a default");
        s["default"] = toId;
        break;
    case EdgeKind::Catch:
        if (!s.contains("catch") || !s["catch"].is_array())
            s["catch"] = Json::array();
        s["catch"].push_back(Json::object(
            {{"on", Json::array({label.empty() ? std::string("any") : label})}, {"next", toId}}));
        break;
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
    auto eraseAt = [&](const char *key) -> Result<void> {
        if (!s.contains(key) || !s[key].is_array() || index < 0 ||
            index >= static_cast<int>(s[key].size()))
            return fail(ErrorCode::Validation,
                        std::string("no ") + key + " rule " + std::to_string(index));
        s[key].erase(s[key].begin() + index);
        if (s[key].empty() && std::string(key) == "catch")
            s.erase(key);
        return {};
    };
    switch (kind) {
    case EdgeKind::Next:
        s.erase("next");
        break;
    case EdgeKind::FallThrough:
        s["end"] = true;
        break;
    case EdgeKind::Default:
        s.erase("default");
        break;
    case EdgeKind::Case:
        if (auto ok = eraseAt("cases"); !ok)
            return ok;
        break;
    case EdgeKind::Catch:
        if (auto ok = eraseAt("catch"); !ok)
            return ok;
        break;
    case EdgeKind::Compensation:
        s.erase("compensate");
        break;
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

namespace {

Result<void> writeAtomically(const std::string &path, const std::string &content)
{
    QSaveFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::WriteOnly))
        return fail(ErrorCode::Io, "cannot write: " + file.errorString().toStdString(),
                    {path, 0, 0});
    file.write(content.data(), static_cast<qint64>(content.size()));
    if (!file.commit())
        return fail(ErrorCode::Io, "cannot write: " + file.errorString().toStdString(),
                    {path, 0, 0});
    return {};
}

} // namespace

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
    // Positions first, so observers of the reset see them (and lay out only what is missing).
    setLayoutJson(layout);
    replaceDocument(std::move(yaml->root), std::move(text));
    setModified(false);
    validateNow();
    return {};
}

Result<void> FlowDocument::saveCopy(const std::string &yamlPath,
                                    const std::string &layoutPath) const
{
    if (auto ok = writeAtomically(yamlPath, yamlText()); !ok)
        return ok;
    return writeAtomically(layoutPath, dumpJson(layoutJson(), 2) + "\n");
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
    Errors problems;
    if (m_validator) {
        try {
            problems = m_validator(yamlText(), m_filePath);
        } catch (const std::exception &e) {
            problems.push_back(Error{ErrorCode::Internal, e.what(), {m_filePath, 0, 0}, {}});
        }
    }
    m_problems = std::move(problems);
    emit problemsChanged();
}

} // namespace tutti::engine
