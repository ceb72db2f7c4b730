// The expression roots one step sees (input, steps, vars, env, item/index and the `as` name,
// error, run, secret, now(), uuid()), and the evaluation helpers every action uses.
#pragma once

#include <engine/core/result.h>
#include <engine/expr/expression.h>
#include <engine/runtime/actions/actioncontext.h>
#include <engine/runtime/frame.h>
#include <engine/runtime/steperror.h>

#include <string_view>

namespace tutti::engine::internal {

class StepContext final : public expr::EvalContext {
public:
    // `extra` is one more root named `extraName` (`response` for an http step's `output:`).
    StepContext(ActionContext &run, const Frame &frame, const Json *extra = nullptr,
                std::string_view extraName = {})
        : m_run(run)
        , m_frame(frame)
        , m_extra(extra)
        , m_extraName(extraName)
    {
    }
    const Json *root(std::string_view name) const override;
    const Json *step(std::string_view id) const override { return m_frame.stepResult(id); }
    std::optional<std::string> secret(std::string_view name) override { return m_run.secret(name); }
    Micros now() override { return m_run.now(); }
    std::string uuid() override { return m_run.uuid(); }

private:
    ActionContext &m_run;
    const Frame &m_frame;
    const Json *m_extra;
    std::string_view m_extraName;
};

// A template's value in `frame` (a constant one without building a context).
inline Result<Json> evaluate(ActionContext &run, const expr::JsonTemplate &t, const Frame &frame,
                             const Json *extra = nullptr, std::string_view extraName = {})
{
    if (t.isConstant())
        return t.source();
    StepContext context(run, frame, extra, extraName);
    return t.evaluate(context);
}

inline Result<Json> evaluate(ActionContext &run, const expr::Template &t, const Frame &frame)
{
    StepContext context(run, frame);
    return t.evaluate(context);
}

// An expression that cannot be evaluated is a fault of the flow: `validation`, with its location.
StepError expressionError(const Error &e, const Step &step);

} // namespace tutti::engine::internal
