// The script step type: its keys, traits and parse function (SPEC §3 script).
#include <engine/model/steps/fieldreader.h>
#include <engine/model/steps/registry.h>
#include <engine/model/steps/scriptstep.h>

namespace tutti::engine {

namespace {

using internal::FieldReader;

constexpr Micros kDefaultTimeout = kSecond;

void parseScript(FieldReader &r, const Json &v, const std::string &pointer, Step &step)
{
    ScriptSpec &s = step.as<ScriptSpec>();
    if (auto code = r.string(v, "code", pointer, true, "a script step")) {
        s.code = *code;
        s.codeLocation = r.textLocation(FieldReader::child(pointer, "code"));
    }
    if (auto bytes = r.size(v, "memory", pointer, 1u << 20))
        s.memory = *bytes;
}

} // namespace

const StepDescriptor &scriptStepDescriptor()
{
    static const StepDescriptor d = [] {
        StepDescriptor d;
        d.type = StepType::Script;
        d.name = "script";
        d.summary = "Runs a JavaScript function body in a sandbox; its return value is the result.";
        d.fields = {
            stepfields::next(),
            stepfields::end(),
            {"code", FieldKind::Code, true, "",
             "a strict-mode function body of `input, steps, vars, env, item, index, run`"},
            stepfields::timeout("per attempt, compiling included", formatDuration(kDefaultTimeout)),
            {"memory", FieldKind::Size, false, "256MiB",
             "how far the script's address space may grow; at least 1MiB"},
            stepfields::retry(),
            stepfields::catches(),
        };
        d.defaultTimeout = kDefaultTimeout;
        d.usesScriptEngine = true;
        d.parse = parseScript;
        return d;
    }();
    return d;
}

} // namespace tutti::engine
