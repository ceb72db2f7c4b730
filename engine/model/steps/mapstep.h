// The typed spec of a map step: a body of steps run once per item of an array.
#pragma once

#include <engine/model/steps/common.h>

namespace tutti::engine {

struct MapSpec {
    std::optional<expr::Template> items; // bare expression
    std::string as = "item";
    int concurrency = 0; // 0: unlimited
    std::vector<Step> body;
    std::optional<int> tolerateCount;
    std::optional<double> toleratePercent;
};

struct StepDescriptor;
const StepDescriptor &mapStepDescriptor(); // mapstep.cpp

} // namespace tutti::engine
