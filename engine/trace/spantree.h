// A run's spans as a tree: tree order (children under their parent, siblings by start) with
// depths and subtree sizes, for `tutti trace show`, the studio's waterfall and the run diff; and
// the critical path (the spans the run's end waited for).
#pragma once

#include <engine/core/trace.h>

#include <cstddef>
#include <vector>

namespace tutti::engine {

struct SpanTree {
    struct Node {
        std::size_t span = 0;        // index into the spans given
        int depth = 0;               // 0 for a top-level span
        std::size_t parent = npos;   // row of the parent in `rows`, npos for a top-level span
        std::size_t descendants = 0; // rows below this one that belong to its subtree
    };
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);
    std::vector<Node> rows; // pre-order: a node's subtree is rows (i, i + descendants]
};

// Children under their parent, siblings in the order given (the store gives spans by start). A
// span whose parent is missing, or is itself, is treated as top-level; every span appears once
// even when parents form a cycle.
SpanTree buildSpanTree(const std::vector<Span> &spans);

// The critical path: what the run's end waited for. Among the top-level spans (children of the
// run), the one ending last is critical, then the one ending last before it started, and so on;
// inside each critical span the same rule picks its critical children. Sequential steps are all
// critical; of parallel branches or map items only the chain that ended last is. Returns one flag
// per span (by index into `spans`).
std::vector<bool> criticalPath(const std::vector<Span> &spans);

} // namespace tutti::engine
