// FailAction: raises the step's error by name, with its message (the name when it has none).
#include <engine/runtime/actions/failaction.h>

#include <engine/runtime/actions/stepcontext.h>

namespace tutti::engine::internal {

void FailAction::act(ActionContext &run, const ActionCall &call, Done done) const
{
    const FailSpec &fail = call.step.as<FailSpec>();
    std::string message = fail.errorName;
    if (fail.message) {
        StepContext context(run, *call.frame);
        auto v = fail.message->evaluateString(context);
        if (!v)
            return done(Outcome::failure(expressionError(v.error(), call.step)));
        message = *v;
    }
    done(Outcome::failure(StepError::named(fail.errorName, message, call.step.id)));
}

} // namespace tutti::engine::internal
