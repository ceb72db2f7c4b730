// Graph checks of a flow (SPEC §3 Control flow and Limits): jump targets in the same list,
// reachability from each list's first step, and cycles that can never be left.
#include <engine/model/flowgraph.h>
#include <engine/model/flowparser.h>
#include <engine/model/steps/registry.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace tutti::engine::internal {

namespace {

// Is `value` a jump that leaves the step unconditionally (`next: ID`, a choice's `default: ID`)?
bool isJump(const Json *value)
{
    return value && value->is_string() && !value->get<std::string>().empty();
}

// Does control leave a step only through explicit targets (no fall-through to the next one)?
// Only `next`, a choice's `default` and `end: true` say so: a choice without `default` whose
// cases all fail falls through. Keys a step type does not take were reported as unknown; they
// make no edges.
bool endsList(const Step &s, const StepDescriptor &d, const Json *raw)
{
    if (!d.canFallThrough())
        return true;
    if (d.takes("end") && s.end)
        return true;
    for (const FieldDescriptor &f : d.fields)
        if ((f.edge == EdgeKind::Next || f.edge == EdgeKind::Default) && raw && raw->is_object())
            if (auto it = raw->find(f.key); it != raw->end() && isJump(&*it))
                return true;
    return false;
}

// How messages name the key that holds a jump target: 'next', 'default', catch 'next'.
std::string targetName(const FieldDescriptor &f, const FieldDescriptor &target)
{
    return (f.edge == EdgeKind::Catch ? "catch '" : "'") + target.key + "'";
}

class GraphChecker {
public:
    GraphChecker(const Flow &flow, const YamlDocument &doc, Errors &errors)
        : m_doc(doc)
        , m_errors(errors)
    {
        for (const Step *s : allSteps(flow))
            if (!s->id.empty())
                m_allIds.insert(s->id);
    }

    void checkList(const std::vector<Step> &steps)
    {
        const std::size_t n = steps.size();
        if (n == 0)
            return;
        std::map<std::string, std::size_t> index;
        std::vector<std::string> ids;
        for (std::size_t i = 0; i < n; ++i) {
            if (!steps[i].id.empty()) {
                index.try_emplace(steps[i].id, i);
                ids.push_back(steps[i].id);
            }
        }
        std::vector<std::vector<std::size_t>> edges(n);
        const auto target = [&](std::size_t from, const Json &value, const std::string &pointer,
                                const std::string &what) {
            if (!value.is_string())
                return; // the parser has reported the wrong type
            const std::string id = value.get<std::string>();
            if (auto it = index.find(id); it != index.end()) {
                edges[from].push_back(it->second);
                return;
            }
            std::string message;
            if (m_allIds.contains(id)) {
                message = what + " '" + id +
                          "' names a step in another list; jumps stay within the same list "
                          "(a branch, a map body, or the steps around them)";
            } else {
                const std::string close = closestMatch(id, ids);
                message = what + " '" + id + "': there is no step with that id in this list" +
                          (close.empty() ? std::string() : " (did you mean '" + close + "'?)");
            }
            m_errors.push_back(
                Error{ErrorCode::Validation, message, m_doc.locate(pointer), pointer});
        };

        for (std::size_t i = 0; i < n; ++i) {
            const Step &s = steps[i];
            const StepDescriptor &d = stepDescriptor(s);
            const Json *raw = rawStep(s.pointer);
            if (raw && raw->is_object()) {
                for (const FieldDescriptor &f : d.fields) {
                    if (!f.edge)
                        continue;
                    const auto it = raw->find(f.key);
                    if (it == raw->end())
                        continue;
                    const std::string p = s.pointer + "/" + pointerToken(f.key);
                    if (f.kind == FieldKind::StepRef) { // next, default
                        target(i, *it, p, targetName(f, f));
                        continue;
                    }
                    // A list whose items jump (choice cases, catch rules).
                    const FieldDescriptor *to = nullptr;
                    for (const FieldDescriptor &sub : f.fields)
                        if (sub.kind == FieldKind::StepRef)
                            to = &sub;
                    if (!to || f.kind != FieldKind::List || !it->is_array())
                        continue;
                    for (std::size_t k = 0; k < it->size(); ++k)
                        if ((*it)[k].is_object())
                            if (auto t = (*it)[k].find(to->key); t != (*it)[k].end())
                                target(i, *t,
                                       p + "/" + std::to_string(k) + "/" + pointerToken(to->key),
                                       targetName(f, *to));
                }
            }
            if (!endsList(s, d, raw) && i + 1 < n)
                edges[i].push_back(i + 1);
        }

        // Reachability from the list's first step.
        std::vector<bool> reached(n, false);
        std::vector<std::size_t> stack = {0};
        reached[0] = true;
        while (!stack.empty()) {
            const std::size_t at = stack.back();
            stack.pop_back();
            for (std::size_t to : edges[at])
                if (!reached[to]) {
                    reached[to] = true;
                    stack.push_back(to);
                }
        }
        for (std::size_t i = 0; i < n; ++i) {
            if (reached[i])
                continue;
            const Step &s = steps[i];
            const std::string name = s.id.empty() ? "this step" : "step '" + s.id + "'";
            m_errors.push_back(Error{ErrorCode::Validation,
                                     name + " can never run: no step before it falls through or "
                                            "jumps to it (add a 'next' or a choice case that "
                                            "leads here, or remove it)",
                                     m_doc.locate(s.pointer), s.pointer});
        }

        checkCycles(steps, edges);

        for (const Step &s : steps)
            for (const std::vector<Step> *list : childLists(s))
                checkList(*list);
    }

private:
    const Json *rawStep(const std::string &pointer) const
    {
        try {
            const Json::json_pointer p(pointer);
            return m_doc.root.contains(p) ? &m_doc.root.at(p) : nullptr;
        } catch (const Json::exception &) {
            return nullptr;
        }
    }

    // Tarjan's strongly connected components; a component that loops, holds no wait step and
    // has no edge out of it would run forever (or until the flow timeout) — a flow error.
    void checkCycles(const std::vector<Step> &steps,
                     const std::vector<std::vector<std::size_t>> &edges)
    {
        const std::size_t n = steps.size();
        std::vector<int> order(n, -1), low(n, 0), component(n, -1);
        std::vector<bool> onStack(n, false);
        std::vector<std::size_t> stack;
        int counter = 0, components = 0;
        // Iterative, so a list of 100,000 chained steps (a 4 MiB file) cannot overflow the stack:
        // each frame is a vertex and the index of its next edge to look at.
        std::vector<std::pair<std::size_t, std::size_t>> frames;
        for (std::size_t root = 0; root < n; ++root) {
            if (order[root] >= 0)
                continue;
            frames.emplace_back(root, 0);
            order[root] = low[root] = counter++;
            stack.push_back(root);
            onStack[root] = true;
            while (!frames.empty()) {
                auto &[v, next] = frames.back();
                if (next < edges[v].size()) {
                    const std::size_t w = edges[v][next++];
                    if (order[w] < 0) {
                        order[w] = low[w] = counter++;
                        stack.push_back(w);
                        onStack[w] = true;
                        frames.emplace_back(w, 0); // invalidates v and next: the loop re-reads
                    } else if (onStack[w]) {
                        low[v] = std::min(low[v], order[w]);
                    }
                    continue;
                }
                const std::size_t done = v;
                if (low[done] == order[done]) {
                    while (true) {
                        const std::size_t w = stack.back();
                        stack.pop_back();
                        onStack[w] = false;
                        component[w] = components;
                        if (w == done)
                            break;
                    }
                    ++components;
                }
                frames.pop_back();
                if (!frames.empty()) {
                    const std::size_t parent = frames.back().first;
                    low[parent] = std::min(low[parent], low[done]);
                }
            }
        }

        // Members of each component in step order, bucketed in one pass (not one per component).
        std::vector<std::vector<std::size_t>> byComponent(static_cast<std::size_t>(components));
        for (std::size_t v = 0; v < n; ++v)
            byComponent[static_cast<std::size_t>(component[v])].push_back(v);
        for (int c = 0; c < components; ++c) {
            const std::vector<std::size_t> &members = byComponent[static_cast<std::size_t>(c)];
            const std::size_t first = members.front();
            const bool loops =
                members.size() > 1 ||
                std::find(edges[first].begin(), edges[first].end(), first) != edges[first].end();
            if (!loops)
                continue;
            bool hasWait = false, hasExit = false;
            for (std::size_t v : members) {
                hasWait = hasWait || stepDescriptor(steps[v]).pauses;
                for (std::size_t w : edges[v])
                    hasExit = hasExit || component[w] != c;
            }
            if (hasWait || hasExit)
                continue;
            // A long loop is named by its first steps: the message stays one readable line.
            constexpr std::size_t kNamed = 8;
            std::string path;
            for (std::size_t i = 0; i < members.size() && i < kNamed; ++i)
                path += (path.empty() ? "" : " → ") + steps[members[i]].id;
            if (members.size() > kNamed)
                path += " → … (" + std::to_string(members.size()) + " steps)";
            path += " → " + steps[first].id;
            m_errors.push_back(Error{ErrorCode::Validation,
                                     "steps " + path +
                                         " form a cycle with no way out and no wait step; add "
                                         "a choice case or catch that leaves it, or a wait",
                                     m_doc.locate(steps[first].pointer), steps[first].pointer});
        }
    }

    const YamlDocument &m_doc;
    Errors &m_errors;
    std::set<std::string> m_allIds;
};

} // namespace

void checkFlowGraph(const Flow &flow, const YamlDocument &doc, Errors &errors)
{
    GraphChecker checker(flow, doc, errors);
    checker.checkList(flow.steps);
}

} // namespace tutti::engine::internal
