// TransformAction: evaluates `set:` in file order; each value lands in vars and in the result.
#include <engine/runtime/actions/transformaction.h>

#include <engine/runtime/actions/stepcontext.h>

namespace tutti::engine::internal {

void TransformAction::act(ActionContext &run, const ActionCall &call, Done done) const
{
    Frame &frame = *call.frame;
    Json result = Json::object();
    for (const auto &[name, tmpl] : call.step.as<TransformSpec>().set) {
        auto value = evaluate(run, tmpl, frame);
        if (!value)
            return done(Outcome::failure(expressionError(value.error(), call.step)));
        frame.flow->vars[name] = *value;
        result[name] = std::move(*value);
    }
    done(Outcome::ok(std::move(result)));
}

} // namespace tutti::engine::internal
