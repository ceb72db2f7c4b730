// The typed spec of a respond step: ends the run with a status and a body.
#pragma once

#include <engine/model/steps/common.h>

namespace tutti::engine {

struct RespondSpec {
    int status = 200;
    std::optional<expr::JsonTemplate> body;
};

struct StepDescriptor;
const StepDescriptor &respondStepDescriptor(); // respondstep.cpp

} // namespace tutti::engine
