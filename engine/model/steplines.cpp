// StepLines: each step's range of lines, from the positions of the nodes under its pointer.
#include <engine/model/steplines.h>

#include <engine/model/flowparser.h>

#include <algorithm>
#include <climits>
#include <string_view>

namespace tutti::engine {

namespace {

bool under(std::string_view pointer, std::string_view step)
{
    return pointer.size() >= step.size() && pointer.substr(0, step.size()) == step &&
           (pointer.size() == step.size() || pointer[step.size()] == '/' ||
            pointer[step.size()] == '#');
}

} // namespace

StepLines::StepLines(const Flow &flow, const YamlDocument &document)
{
    struct Node {
        int line;
        std::string_view pointer;
    };
    std::vector<Node> nodes;
    nodes.reserve(document.locations.size());
    for (const auto &[pointer, location] : document.locations)
        if (location.line > 0)
            nodes.push_back({location.line, pointer});
    std::sort(nodes.begin(), nodes.end(), [](const Node &a, const Node &b) {
        return a.line != b.line ? a.line < b.line : a.pointer < b.pointer;
    });
    for (const Step *step : allSteps(flow)) {
        if (!step->location.isKnown())
            continue;
        Range range{
            step->location.line, INT_MAX, {step->id, step->location.line, step->location.column}};
        // The step ends before the first node below its line that is not its own (the next key
        // of its container, the next step); its own nodes (and a block scalar's text) are above.
        auto it = std::upper_bound(nodes.begin(), nodes.end(), range.first,
                                   [](int line, const Node &n) { return line < n.line; });
        for (; it != nodes.end(); ++it)
            if (!under(it->pointer, step->pointer)) {
                range.last = it->line - 1;
                break;
            }
        m_ranges.push_back(std::move(range));
    }
    std::stable_sort(m_ranges.begin(), m_ranges.end(),
                     [](const Range &a, const Range &b) { return a.first < b.first; });
}

std::optional<StepLine> StepLines::stepAt(int line) const
{
    // Nested ranges lie inside their container's: the containing range that starts last is the
    // innermost.
    const Range *best = nullptr;
    for (const Range &range : m_ranges) {
        if (range.first > line)
            break;
        if (range.last >= line)
            best = &range;
    }
    if (!best)
        return std::nullopt;
    return best->step;
}

} // namespace tutti::engine
