// ScriptAction: the step's code over a JSON copy of input, steps, vars, env, run, item and index.
#include <engine/runtime/actions/scriptaction.h>

#include <engine/runtime/executor.h>
#include <engine/runtime/scriptevaluator.h>

#include <algorithm>

namespace tutti::engine::internal {

void ScriptAction::act(ActionContext &run, const ActionCall &call, Done done) const
{
    const Step &step = call.step;
    const ScriptSpec &script = step.as<ScriptSpec>();
    const Frame &frame = *call.frame;
    Json context = {{"input", frame.flow->input},
                    {"steps", frame.visibleSteps()},
                    {"vars", frame.flow->vars},
                    {"env", run.environment().vars},
                    {"run", run.runRoot()},
                    {"item", nullptr},
                    {"index", nullptr}};
    if (const Frame *f = frame.itemFrame({})) {
        context["item"] = f->item;
        context["index"] = f->index;
    }
    ScriptOutcome out = run.scripts().evaluate(script.code, context, call.timeout, script.memory);
    if (!out.ok) {
        std::string where;
        if (script.codeLocation.isKnown()) // the code's first line; out.line is 1-based
            where = script.codeLocation.file + ":" +
                    std::to_string(script.codeLocation.line + std::max(0, out.line - 1)) + ": ";
        return done(Outcome::failure(
            out.timedOut ? StepError::timeout(where + out.message, step.id)
                         : StepError::failure("script", where + out.message, step.id)));
    }
    done(Outcome::ok(std::move(out.value)));
}

} // namespace tutti::engine::internal
