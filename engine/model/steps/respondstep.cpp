// The respond step type: its keys, traits and parse function (SPEC §3 respond).
#include <engine/model/steps/fieldreader.h>
#include <engine/model/steps/registry.h>
#include <engine/model/steps/respondstep.h>

namespace tutti::engine {

namespace {

using internal::FieldReader;

void parseRespond(FieldReader &r, const Json &v, const std::string &pointer, Step &step)
{
    RespondSpec &s = step.as<RespondSpec>();
    if (auto status = r.integer(v, "status", pointer, 100, 599))
        s.status = static_cast<int>(*status);
    s.body = r.jsonTemplateField(v, "body", pointer);
}

void references(const Step &step, StepReferences &out)
{
    out.add(step.as<RespondSpec>().body);
}

} // namespace

const StepDescriptor &respondStepDescriptor()
{
    static const StepDescriptor d = [] {
        StepDescriptor d;
        d.type = StepType::Respond;
        d.name = "respond";
        d.summary = "Ends the run with a status and a body (the run's output).";
        d.fields = {
            {"status", FieldKind::Integer, false, "200", "the HTTP status, 100–599"},
            {"body", FieldKind::JsonTemplate, false, "", "the run's output"},
        };
        d.endsRun = true;
        d.parse = parseRespond;
        d.references = references;
        return d;
    }();
    return d;
}

} // namespace tutti::engine
