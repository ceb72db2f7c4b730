// The registry of step actions: one static instance per step type, found by index.
#include <engine/runtime/actions/actionregistry.h>

#include <engine/runtime/actions/callaction.h>
#include <engine/runtime/actions/choiceaction.h>
#include <engine/runtime/actions/failaction.h>
#include <engine/runtime/actions/httpaction.h>
#include <engine/runtime/actions/mapaction.h>
#include <engine/runtime/actions/parallelaction.h>
#include <engine/runtime/actions/respondaction.h>
#include <engine/runtime/actions/scriptaction.h>
#include <engine/runtime/actions/transformaction.h>
#include <engine/runtime/actions/waitaction.h>

#include <array>

namespace tutti::engine::internal {

namespace {

const HttpAction kHttp;
const TransformAction kTransform;
const ScriptAction kScript;
const ChoiceAction kChoice;
const ParallelAction kParallel;
const MapAction kMap;
const WaitAction kWait;
const CallAction kCall;
const RespondAction kRespond;
const FailAction kFail;

const StepAction *const kActions[] = {&kHttp, &kTransform, &kScript, &kChoice,  &kParallel,
                                      &kMap,  &kWait,      &kCall,   &kRespond, &kFail};

// Indexed by StepType; room for types that have no action yet (findAction says nullptr).
constexpr std::size_t kSlots = 32;
const std::array<const StepAction *, kSlots> kByType = [] {
    std::array<const StepAction *, kSlots> table{};
    for (const StepAction *action : kActions)
        table[static_cast<std::size_t>(action->type())] = action;
    return table;
}();

} // namespace

const StepAction *findAction(StepType type)
{
    const auto i = static_cast<std::size_t>(type);
    return i < kSlots ? kByType[i] : nullptr;
}

} // namespace tutti::engine::internal
