// Which step a line of a flow file belongs to: a line inside a step's mapping (its keys, a
// request spread over lines, a script's block text, the comments after it) means that step, and
// the innermost one for a line inside a nested step. The debugger's breakpoints are set by line
// (DAP `setBreakpoints`); the answer's canonical line is the step's `- id:` line (Step::location).
#pragma once

#include <engine/model/flow.h>
#include <engine/model/yamldoc.h>

#include <optional>
#include <string>
#include <vector>

namespace tutti::engine {

struct StepLine {
    std::string stepId;
    int line = 0; // the step's own line (its `- id:`)
    int column = 0;
};

class StepLines {
public:
    // From a flow and the positions of the document it was parsed from (parseYaml of the same
    // text: the parser's own source positions, so both agree on every line).
    StepLines(const Flow &flow, const YamlDocument &document);

    // The innermost step holding `line` (1-based); nullopt above the first step or outside all.
    std::optional<StepLine> stepAt(int line) const;

private:
    struct Range {
        int first = 0, last = 0;
        StepLine step;
    };
    std::vector<Range> m_ranges; // by first line
};

} // namespace tutti::engine
