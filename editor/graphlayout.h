// Automatic layered layout of a flow: Graphviz's dot (libgvc) with containers as clusters,
// and a simple layered fallback when Graphviz is unavailable or fails, or the flow is too big
// for dot to lay out quickly.
#pragma once

#include <document/flowdocument.h>

#include <map>
#include <string>
#include <utility>

namespace tutti::editor {

struct LayoutOptions {
    double nodeWidth = 220; // scene units (= points)
    double nodeHeight = 64;
    double rankSep = 56; // vertical gap between ranks
    double nodeSep = 48; // horizontal gap between nodes
};

struct LayoutResult {
    std::map<std::string, std::pair<double, double>> positions; // node centres
    bool usedGraphviz = false;
};

// Flows with more visible steps than this are laid out by layeredLayout: dot would take seconds.
inline constexpr long kGraphvizLimit = 2500;

// Lays out every visible step (steps inside collapsed containers keep their old positions).
LayoutResult layoutFlow(const engine::FlowDocument &doc, const LayoutOptions &options = {});
// The fallback on its own (tests use it directly).
LayoutResult layeredLayout(const engine::FlowDocument &doc, const LayoutOptions &options = {});

} // namespace tutti::editor
