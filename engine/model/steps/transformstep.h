// The typed spec of a transform step: named values computed from templates.
#pragma once

#include <engine/model/steps/common.h>

namespace tutti::engine {

struct TransformSpec {
    std::vector<std::pair<std::string, expr::JsonTemplate>> set; // `set:` in file order
};

struct StepDescriptor;
const StepDescriptor &transformStepDescriptor(); // transformstep.cpp

} // namespace tutti::engine
