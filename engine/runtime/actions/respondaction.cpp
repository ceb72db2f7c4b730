// RespondAction: the body, evaluated, with the step's status.
#include <engine/runtime/actions/respondaction.h>

#include <engine/runtime/actions/stepcontext.h>

namespace tutti::engine::internal {

void RespondAction::act(ActionContext &run, const ActionCall &call, Done done) const
{
    const RespondSpec &respond = call.step.as<RespondSpec>();
    Json body = nullptr;
    if (respond.body) {
        auto v = evaluate(run, *respond.body, *call.frame);
        if (!v)
            return done(Outcome::failure(expressionError(v.error(), call.step)));
        body = std::move(*v);
    }
    done(Outcome::respond(std::move(body), respond.status));
}

} // namespace tutti::engine::internal
