// The typed spec of a script step: JavaScript run in a sandbox (SPEC §3 script).
#pragma once

#include <engine/model/steps/common.h>

namespace tutti::engine {

struct ScriptSpec {
    std::string code;
    SourceLocation codeLocation;
    std::size_t memory = 256u << 20; // `memory:`: how far the script's address space may grow
};

struct StepDescriptor;
const StepDescriptor &scriptStepDescriptor(); // scriptstep.cpp

} // namespace tutti::engine
