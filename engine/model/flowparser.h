// Reads *.flow.yaml into the typed model and checks it (SPEC §3): unknown keys with the closest
// known key, step types, limits, format version, duplicate ids, missing `next` targets,
// unreachable steps, cycles with no exit, expressions that do not parse.
#pragma once

#include <engine/model/flow.h>

#include <memory>
#include <string>
#include <string_view>

namespace tutti::engine {

struct FlowLoad {
    std::shared_ptr<const Flow> flow; // set whenever the file parsed far enough to build one
    Errors errors;                    // every problem found, in file order
    bool ok() const { return flow && errors.empty(); }
};

// `text` is the file's content; `fileName` is used for error locations and to resolve relative
// paths (mocks, sub-flows) against its folder.
FlowLoad parseFlow(std::string_view text, const std::string &fileName);
FlowLoad loadFlowFile(const std::string &path);

// Every step of the flow, nested ones included (branches, map bodies), depth-first in file order.
std::vector<const Step *> allSteps(const Flow &flow);

} // namespace tutti::engine
