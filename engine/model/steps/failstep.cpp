// The fail step type: its keys, traits and parse function (SPEC §3 fail).
#include <engine/model/steps/failstep.h>
#include <engine/model/steps/fieldreader.h>
#include <engine/model/steps/registry.h>

namespace tutti::engine {

namespace {

using internal::FieldReader;

void parseFail(FieldReader &r, const Json &v, const std::string &pointer, Step &step)
{
    FailSpec &s = step.as<FailSpec>();
    if (auto e = r.string(v, "error", pointer)) {
        if (!internal::isName(*e))
            r.error(ErrorCode::Schema,
                    "'error' must be an error name of letters, digits, '_', '-' or '.', got '" +
                        *e + "'",
                    FieldReader::child(pointer, "error"));
        else
            s.errorName = *e;
    }
    s.message = r.templateField(v, "message", pointer);
}

void references(const Step &step, StepReferences &out)
{
    out.add(step.as<FailSpec>().message);
}

} // namespace

const StepDescriptor &failStepDescriptor()
{
    static const StepDescriptor d = [] {
        StepDescriptor d;
        d.type = StepType::Fail;
        d.name = "fail";
        d.summary = "Ends the run with a named error.";
        d.fields = {
            {"error", FieldKind::Name, false, "failed",
             "the error name: letters, digits, `_`, `-`, `.`"},
            {"message", FieldKind::Template, false, "", "what went wrong"},
        };
        d.endsRun = true;
        d.parse = parseFail;
        d.references = references;
        return d;
    }();
    return d;
}

} // namespace tutti::engine
