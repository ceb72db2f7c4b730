// The typed spec of a choice step: the first case whose condition holds picks the next step.
#pragma once

#include <engine/model/steps/common.h>

namespace tutti::engine {

struct ChoiceCase {
    expr::Template when; // bare expression
    std::string next;
    SourceLocation location;
};

struct ChoiceSpec {
    std::vector<ChoiceCase> cases;
    std::string defaultNext;
};

struct StepDescriptor;
const StepDescriptor &choiceStepDescriptor(); // choicestep.cpp

} // namespace tutti::engine
