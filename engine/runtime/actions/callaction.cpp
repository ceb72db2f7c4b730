// CallAction: loads the sub-flow, checks the input against its schema and walks its steps in a
// frame of its own (a boundary: the caller's steps are not visible). Its respond or end is this
// step's result; its errors are this step's error.
#include <engine/runtime/actions/callaction.h>

#include <engine/core/random.h>
#include <engine/runtime/actions/stepcontext.h>

namespace tutti::engine::internal {

void CallAction::act(ActionContext &run, const ActionCall &call, Done done) const
{
    const Step &step = call.step;
    const CallSpec &spec = step.as<CallSpec>();
    Errors errors;
    std::shared_ptr<const Flow> callee = run.subFlow(spec.flowPath, errors);
    if (!callee)
        return done(Outcome::failure(
            StepError::validation("sub-flow " + spec.flowPath + " is invalid" +
                                      (errors.empty() ? "" : ": " + errors.front().toString()),
                                  step.id)));
    Json input = Json::object();
    if (spec.input) {
        auto v = evaluate(run, *spec.input, *call.frame);
        if (!v)
            return done(Outcome::failure(expressionError(v.error(), step)));
        input = std::move(*v);
    }
    if (!callee->inputSchema.is_null()) {
        Errors problems = callee->inputValidator.validate(input);
        if (!problems.empty())
            return done(Outcome::failure(StepError::validation(
                "input of sub-flow '" + callee->name + "': " + problems.front().path + ": " +
                    problems.front().message,
                step.id)));
    }
    auto calleeFrame = std::make_shared<Frame>();
    calleeFrame->parent = call.frame;
    calleeFrame->boundary = true;
    calleeFrame->flow =
        std::make_shared<FlowScope>(FlowScope{callee, std::move(input), Json::object()});
    calleeFrame->key = mixSeed(call.frame->key, hashString(step.id) ^ 0xCA11);
    run.runList(&callee->steps, std::move(calleeFrame), call.scope, call.span,
                [done = std::move(done)](Outcome o) {
                    if (o.kind == Outcome::Kind::Respond || o.kind == Outcome::Kind::End)
                        o.kind = Outcome::Kind::Next;
                    o.jump.clear();
                    done(std::move(o));
                });
}

} // namespace tutti::engine::internal
