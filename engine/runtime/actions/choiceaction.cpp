// ChoiceAction: decides nothing about the run itself; it names the next step as a jump.
#include <engine/runtime/actions/choiceaction.h>

#include <engine/expr/expression.h>
#include <engine/runtime/actions/stepcontext.h>

namespace tutti::engine::internal {

void ChoiceAction::act(ActionContext &run, const ActionCall &call, Done done) const
{
    const ChoiceSpec &choice = call.step.as<ChoiceSpec>();
    for (const ChoiceCase &c : choice.cases) {
        auto value = evaluate(run, c.when, *call.frame);
        if (!value)
            return done(Outcome::failure(expressionError(value.error(), call.step)));
        if (expr::truthy(*value))
            return done(Outcome::jumpTo(Json{{"next", c.next}}, c.next));
    }
    if (!choice.defaultNext.empty())
        return done(Outcome::jumpTo(Json{{"next", choice.defaultNext}}, choice.defaultNext));
    done(Outcome::ok(Json{{"next", nullptr}}));
}

} // namespace tutti::engine::internal
