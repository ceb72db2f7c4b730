// The typed spec of a call step: runs another flow file as a sub-flow.
#pragma once

#include <engine/model/steps/common.h>

namespace tutti::engine {

struct CallSpec {
    std::string flowPath; // absolute path of the sub-flow file
    std::optional<expr::JsonTemplate> input;
    std::optional<HttpRequestSpec> compensate; // needs a full url
};

struct StepDescriptor;
const StepDescriptor &callStepDescriptor(); // callstep.cpp

} // namespace tutti::engine
