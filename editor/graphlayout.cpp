// Graphviz (dot) behind one seam: the flow becomes a graph with clusters for expanded
// containers; node centres are read back after gvLayout. Falls back to a layered layout.
#include <editor/graphlayout.h>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <algorithm>
#include <set>
#include <unordered_map>

namespace tutti::editor {

namespace {

using engine::EdgeKind;
using engine::FlowDocument;

// The visible representative of each step: itself, or the outermost collapsed container
// that hides it.
std::unordered_map<std::string, std::string> visibleOwners(const FlowDocument &doc)
{
    std::unordered_map<std::string, std::string> owner;
    for (const auto &info : doc.steps()) {
        std::string rep = info.id;
        for (std::string p = info.parent; !p.empty();) {
            if (doc.isCollapsed(p))
                rep = p;
            const auto *pi = doc.stepInfo(p);
            p = pi ? pi->parent : std::string();
        }
        owner[info.id] = rep;
    }
    return owner;
}

struct LayoutEdge {
    std::string from, to;
    bool constraint = true;
};

// Edges for layout purposes: mapped to visible steps; edges leaving an expanded container
// leave from the ends of its lanes so the next step is ranked below the whole container.
std::vector<LayoutEdge> layoutEdges(const FlowDocument &doc,
                                    const std::unordered_map<std::string, std::string> &owner)
{
    std::vector<LayoutEdge> out;
    // The last step of every list, found in one pass (a scan per container is quadratic in
    // flows with many containers).
    std::unordered_map<std::string, std::pair<int, std::string>> lastIn;
    for (const auto &info : doc.steps()) {
        auto &last = lastIn[info.listPointer];
        if (last.second.empty() || info.index > last.first)
            last = {info.index, info.id};
    }
    auto lastOfList = [&](const std::string &listPointer) {
        auto it = lastIn.find(listPointer);
        return it == lastIn.end() ? std::string() : it->second.second;
    };
    for (const auto &edge : doc.edges()) {
        if (edge.kind == EdgeKind::Compensation)
            continue;
        auto f = owner.find(edge.from);
        auto t = owner.find(edge.to);
        if (f == owner.end() || t == owner.end() || f->second == t->second)
            continue;
        const std::string &from = f->second;
        const bool leavesContainer = edge.kind != EdgeKind::Branch && edge.kind != EdgeKind::Body &&
                                     doc.isContainer(from) && !doc.isCollapsed(from);
        if (leavesContainer) {
            bool any = false;
            for (const auto &list : doc.childLists(from)) {
                std::string last = lastOfList(list);
                if (!last.empty()) {
                    out.push_back({owner.at(last), t->second, true});
                    any = true;
                }
            }
            if (!any)
                out.push_back({from, t->second, true});
            continue;
        }
        out.push_back({from, t->second, true});
    }
    return out;
}

std::string num(double v)
{
    return std::to_string(v);
}

} // namespace

LayoutResult layeredLayout(const FlowDocument &doc, const LayoutOptions &options)
{
    LayoutResult result;
    const auto owner = visibleOwners(doc);
    std::unordered_map<std::string, int> order, rank;
    std::vector<std::string> visible;
    for (const auto &info : doc.steps())
        if (owner.at(info.id) == info.id) {
            order[info.id] = static_cast<int>(visible.size());
            visible.push_back(info.id);
            rank[info.id] = 0;
        }
    // Longest path over edges that go forward in file order (backward ones are loops); the
    // incoming edges of each step are gathered first so this stays linear in steps + edges.
    const auto edges = layoutEdges(doc, owner);
    std::unordered_map<std::string, std::vector<const std::string *>> incoming;
    for (const auto &e : edges)
        incoming[e.to].push_back(&e.from);
    for (const auto &id : visible) {
        if (auto in = incoming.find(id); in != incoming.end())
            for (const std::string *from : in->second)
                if (auto f = order.find(*from); f != order.end() && f->second < order[id])
                    rank[id] = std::max(rank[id], rank[*from] + 1);
        const auto *info = doc.stepInfo(id);
        if (info && !info->parent.empty() && rank.contains(info->parent))
            rank[id] = std::max(rank[id], rank[info->parent] + 1);
    }
    std::map<int, std::vector<std::string>> byRank;
    for (const auto &id : visible)
        byRank[rank[id]].push_back(id);
    for (const auto &[r, ids] : byRank) {
        const double width =
            static_cast<double>(ids.size()) * (options.nodeWidth + options.nodeSep);
        for (std::size_t i = 0; i < ids.size(); ++i)
            result.positions[ids[i]] = {-width / 2 + (static_cast<double>(i) + 0.5) *
                                                         (options.nodeWidth + options.nodeSep),
                                        r * (options.nodeHeight + options.rankSep)};
    }
    return result;
}

LayoutResult layoutFlow(const FlowDocument &doc, const LayoutOptions &options)
{
    if (doc.steps().empty())
        return {};
    const auto owner = visibleOwners(doc);
    // dot's ranking and placement grow faster than linearly: about 40 ms for 1,000 steps but
    // 1–3 s for 10,000 (bench_editor). Beyond kGraphvizLimit visible steps the layered layout
    // places them (linear time) so a big flow still opens in well under 2 s.
    const auto visibleCount = std::count_if(owner.begin(), owner.end(),
                                            [](const auto &o) { return o.first == o.second; });
    if (visibleCount > kGraphvizLimit)
        return layeredLayout(doc, options);
    agseterr(AGERR); // warnings would only go to stderr
    GVC_t *gvc = gvContext();
    if (!gvc)
        return layeredLayout(doc, options);
    Agraph_t *g = agopen(const_cast<char *>("flow"), Agdirected, nullptr);
    auto set = [](void *obj, const char *name, const std::string &value) {
        agsafeset(obj, const_cast<char *>(name), const_cast<char *>(value.c_str()),
                  const_cast<char *>(""));
    };
    set(g, "rankdir", "TB");
    set(g, "ranksep", num(options.rankSep / 72.0));
    set(g, "nodesep", num(options.nodeSep / 72.0));
    set(g, "newrank", "true");
    // Clusters for expanded containers, nested like the steps.
    std::unordered_map<std::string, Agraph_t *> graphOf; // container id -> its cluster
    auto graphFor = [&](const std::string &parent) -> Agraph_t * {
        auto it = graphOf.find(parent);
        return it == graphOf.end() ? g : it->second;
    };
    std::unordered_map<std::string, Agnode_t *> nodes;
    for (const auto &info : doc.steps()) {
        if (owner.at(info.id) != info.id)
            continue;
        Agraph_t *parent = graphFor(info.parent);
        Agraph_t *home = parent;
        if (doc.isContainer(info.id) && !doc.isCollapsed(info.id)) {
            const std::string name = "cluster_" + info.id;
            home = agsubg(parent, const_cast<char *>(name.c_str()), 1);
            set(home, "margin", "20");
            set(home, "label", "");
            graphOf[info.id] = home;
        }
        Agnode_t *n = agnode(home, const_cast<char *>(info.id.c_str()), 1);
        set(n, "shape", "box");
        set(n, "fixedsize", "true");
        set(n, "width", num(options.nodeWidth / 72.0));
        set(n, "height", num(options.nodeHeight / 72.0));
        set(n, "label", "");
        nodes[info.id] = n;
    }
    std::set<std::pair<std::string, std::string>> seen;
    for (const auto &e : layoutEdges(doc, owner)) {
        if (!seen.insert({e.from, e.to}).second)
            continue;
        auto f = nodes.find(e.from);
        auto t = nodes.find(e.to);
        if (f == nodes.end() || t == nodes.end())
            continue;
        agedge(g, f->second, t->second, nullptr, 1);
    }
    LayoutResult result;
    if (gvLayout(gvc, g, "dot") == 0) {
        for (const auto &[id, n] : nodes)
            result.positions[id] = {ND_coord(n).x, -ND_coord(n).y};
        result.usedGraphviz = true;
        gvFreeLayout(gvc, g);
    }
    agclose(g);
    gvFreeContext(gvc);
    if (!result.usedGraphviz)
        return layeredLayout(doc, options);
    return result;
}

} // namespace tutti::editor
