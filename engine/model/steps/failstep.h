// The typed spec of a fail step: ends the run with a named error.
#pragma once

#include <engine/model/steps/common.h>

namespace tutti::engine {

struct FailSpec {
    std::string errorName = "failed";
    std::optional<expr::Template> message;
};

struct StepDescriptor;
const StepDescriptor &failStepDescriptor(); // failstep.cpp

} // namespace tutti::engine
