// StepContext: where each expression root of a step comes from.
#include <engine/runtime/actions/stepcontext.h>

#include <engine/runtime/executor.h>

namespace tutti::engine::internal {

namespace {
const Json kNull = nullptr; // `error` outside a catch target
} // namespace

const Json *StepContext::root(std::string_view name) const
{
    if (m_extra && name == m_extraName)
        return m_extra;
    if (name == "input")
        return &m_frame.flow->input;
    if (name == "vars")
        return &m_frame.flow->vars;
    if (name == "env")
        return &m_run.environment().vars;
    if (name == "run")
        return &m_run.runRoot();
    if (name == "error")
        return m_frame.caughtError() ? m_frame.caughtError() : &kNull;
    if (name == "index") {
        const Frame *f = m_frame.itemFrame({});
        return f ? &f->index : nullptr;
    }
    if (const Frame *f = m_frame.itemFrame(name))
        return &f->item;
    return nullptr;
}

StepError expressionError(const Error &e, const Step &step)
{
    return StepError::validation(e.toString() + (e.path.empty() ? "" : " (at " + e.path + ")"),
                                 step.id);
}

} // namespace tutti::engine::internal
