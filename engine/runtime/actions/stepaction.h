// The interface of one step type's action (one class per type, in this folder, found through
// actionregistry.h). An action does one try of its step and ends in exactly one Outcome; the run
// loop (executor.cpp) decides around it: spans of the step and its attempts, retry, catch,
// compensation, step timeouts, what runs next.
#pragma once

#include <engine/core/trace.h>
#include <engine/model/flow.h>
#include <engine/runtime/actions/actioncontext.h>
#include <engine/runtime/actions/outcome.h>
#include <engine/runtime/cancelscope.h>
#include <engine/runtime/frame.h>

namespace tutti::engine::internal {

// One try of one step. The references live until act() returns; an action keeps copies of what
// it needs later.
struct ActionCall {
    const Step &step;
    const FramePtr &frame; // the frame of the step's list: results, vars, item
    const ScopePtr &scope; // cancelled by fail-fast, timeouts and cancel()
    SpanId span;           // the attempt's span when the step runs in attempts, else the step's
    int attempt = 1;       // 1-based
    // How long this try may take, as the run loop decided it from the step, its flow's defaults
    // and its type's descriptor (http, script); 0 when the type bounds no single try.
    Micros timeout = 0;

    // The flow the step is written in (a sub-flow for the steps of a call): its services and
    // defaults apply to the step.
    const Flow &flow() const { return *frame->flow->flow; }
};

// How the run loop wraps an action: only what is about how the action does its work. What the
// step type is (which timeout applies, whether `defaults.retry` does) is its descriptor's
// (engine/model/steps/), which the loop reads too.
struct ActionTraits {
    // Every try is an `attempt` span, retried or not (else only when the step has its own
    // `retry`): the action closes it itself, with the request and response it sent (http).
    bool attempts = false;
};

class StepAction {
public:
    virtual ~StepAction() = default;
    virtual StepType type() const = 0;
    virtual ActionTraits traits() const { return {}; }
    // Does one try of call.step; ends with exactly one done(outcome), possibly from inside.
    virtual void act(ActionContext &run, const ActionCall &call, Done done) const = 0;
};

} // namespace tutti::engine::internal
