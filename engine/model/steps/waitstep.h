// The typed spec of a wait step: a pause for a duration or until a time.
#pragma once

#include <engine/model/steps/common.h>

namespace tutti::engine {

struct WaitSpec {
    std::optional<Micros> duration;
    std::optional<expr::Template> until; // bare expression: ISO-8601 time or epoch ms
};

struct StepDescriptor;
const StepDescriptor &waitStepDescriptor(); // waitstep.cpp

} // namespace tutti::engine
