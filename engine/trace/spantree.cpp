// Tree order and critical path of a run's spans.
#include <engine/trace/spantree.h>

#include <algorithm>
#include <limits>
#include <unordered_map>

namespace tutti::engine {

namespace {

// Children of each span (by index), siblings in the given order; top-level spans under npos.
struct Children {
    std::vector<std::size_t> roots;
    std::unordered_map<std::size_t, std::vector<std::size_t>> of;
};

Children childrenOf(const std::vector<Span> &spans)
{
    std::unordered_map<SpanId, std::size_t> index;
    index.reserve(spans.size());
    for (std::size_t i = 0; i < spans.size(); ++i)
        index.emplace(spans[i].id, i); // a duplicate id keeps its first span as the parent
    Children c;
    for (std::size_t i = 0; i < spans.size(); ++i) {
        const Span &s = spans[i];
        const auto parent = s.parent != 0 && s.parent != s.id ? index.find(s.parent) : index.end();
        if (parent == index.end() || parent->second == i)
            c.roots.push_back(i);
        else
            c.of[parent->second].push_back(i);
    }
    return c;
}

} // namespace

SpanTree buildSpanTree(const std::vector<Span> &spans)
{
    const Children children = childrenOf(spans);
    SpanTree tree;
    tree.rows.reserve(spans.size());
    std::vector<bool> placed(spans.size(), false);
    // Explicit stack (no recursion): deep nesting must not overflow it. Entries are
    // (span, depth, parent row).
    struct Entry {
        std::size_t span;
        int depth;
        std::size_t parentRow;
    };
    std::vector<Entry> stack;
    auto pushChildren = [&](const std::vector<std::size_t> &list, int depth, std::size_t parent) {
        for (auto it = list.rbegin(); it != list.rend(); ++it)
            if (!placed[*it])
                stack.push_back({*it, depth, parent});
    };
    pushChildren(children.roots, 0, SpanTree::npos);
    auto drain = [&] {
        while (!stack.empty()) {
            const Entry e = stack.back();
            stack.pop_back();
            if (placed[e.span])
                continue;
            placed[e.span] = true;
            const std::size_t row = tree.rows.size();
            tree.rows.push_back({e.span, e.depth, e.parentRow, 0});
            if (auto it = children.of.find(e.span); it != children.of.end())
                pushChildren(it->second, e.depth + 1, row);
        }
    };
    drain();
    // Spans only reachable through a cycle of parents: shown top-level, once each.
    for (std::size_t i = 0; i < spans.size(); ++i)
        if (!placed[i]) {
            stack.push_back({i, 0, SpanTree::npos});
            drain();
        }
    // A parent's row comes before its children's: adding from the end sums whole subtrees.
    for (std::size_t r = tree.rows.size(); r-- > 0;)
        if (tree.rows[r].parent != SpanTree::npos)
            tree.rows[tree.rows[r].parent].descendants += tree.rows[r].descendants + 1;
    return tree;
}

std::vector<bool> criticalPath(const std::vector<Span> &spans)
{
    std::vector<bool> critical(spans.size(), false);
    if (spans.empty())
        return critical;
    const Children children = childrenOf(spans);
    auto end = [&](std::size_t i) { return spans[i].start + spans[i].duration; };
    // Walks one parent's children: latest end first; after picking one, only children that
    // ended by the time it started can have held up what came next.
    std::vector<std::pair<std::vector<std::size_t>, Micros>> work;
    work.emplace_back(children.roots, std::numeric_limits<Micros>::max());
    while (!work.empty()) {
        auto [list, bound] = std::move(work.back());
        work.pop_back();
        std::sort(list.begin(), list.end(), [&](std::size_t a, std::size_t b) {
            return end(a) != end(b) ? end(a) > end(b) : spans[a].start > spans[b].start;
        });
        for (std::size_t i : list) {
            if (end(i) > bound || critical[i])
                continue;
            critical[i] = true;
            bound = spans[i].start;
            // The child ending last is critical even when clocks put it past its parent's end.
            if (auto it = children.of.find(i); it != children.of.end())
                work.emplace_back(it->second, std::numeric_limits<Micros>::max());
        }
    }
    return critical;
}

} // namespace tutti::engine
