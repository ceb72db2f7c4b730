// The typed spec of a parallel step: named branches of steps run side by side.
#pragma once

#include <engine/model/steps/common.h>

namespace tutti::engine {

struct Branch {
    std::string name;
    std::vector<Step> steps;
    SourceLocation location;
};

struct ParallelSpec {
    std::vector<Branch> branches;
    bool failFast = true; // `fail: fast` (default) or `all`
};

struct StepDescriptor;
const StepDescriptor &parallelStepDescriptor(); // parallelstep.cpp

} // namespace tutti::engine
