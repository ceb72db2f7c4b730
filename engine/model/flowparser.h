// Reads *.flow.yaml into the typed model and checks it (SPEC §3): unknown keys with the closest
// known key, step types, limits, format version, duplicate ids, missing `next` targets,
// unreachable steps, cycles with no exit, expressions that do not parse. Parsing is pure; what
// needs the disk is resolving (flowresolver.h), and loadFlowFile does both.
#pragma once

#include <engine/model/flow.h>
#include <engine/model/yamldoc.h>

#include <memory>
#include <string>
#include <string_view>

namespace tutti::engine {

struct FlowLoad {
    std::shared_ptr<const Flow> flow; // set whenever the file parsed far enough to build one
    Errors errors;                    // every problem found, in file order
    bool ok() const { return flow && errors.empty(); }
};

// Pure: text -> flow, no disk access. `fileName` is used for error locations and to make the
// paths the flow names (mocks, sub-flows) absolute against its folder — lexically, without
// looking at them. The workspace, its mocks and those files are looked up by resolving the
// flow (FlowResolver, flowresolver.h); until then no service is reported unknown (a workspace
// mock may provide it) and no `mock:` or call-step file is checked.
FlowLoad parseFlow(std::string_view text, const std::string &fileName);
// The same from `doc`, the parseYaml of `text` a caller already has (the studio reads a file
// once: a 10,000-step flow's YAML takes longer to parse than the rest of validating it).
FlowLoad parseFlow(const YamlDocument &doc, std::string_view text, const std::string &fileName);
// Read + parse + resolve: the verdict of `tutti validate`. Nothing is cached between calls.
FlowLoad loadFlowFile(const std::string &path);
// Parse + resolve of text that would live at `fileName` (unsaved edits, tests).
FlowLoad loadFlowText(std::string_view text, const std::string &fileName);

// Every step of the flow, nested ones included (branches, map bodies), depth-first in file order.
std::vector<const Step *> allSteps(const Flow &flow);

namespace internal {
// File order, as parseFlow gives it: problems in other files (a broken mock, tutti.yaml) first,
// then by line and column; stable.
void sortInFileOrder(Errors &errors, const std::string &fileName);
// A flow file's text; refuses a file over the YAML size limit before reading it.
Result<std::string> readFlowText(const std::string &path);
} // namespace internal

} // namespace tutti::engine
