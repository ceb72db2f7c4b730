// The call step type: its keys, traits and parse function (SPEC §3 call).
#include <engine/model/steps/callstep.h>
#include <engine/model/steps/fieldreader.h>
#include <engine/model/steps/registry.h>

namespace tutti::engine {

namespace {

using internal::FieldReader;

void parseCall(FieldReader &r, const Json &v, const std::string &pointer, Step &step)
{
    CallSpec &call = step.as<CallSpec>();
    // Only the path: that the file exists and is not this one is the resolver's to check.
    if (auto flow = r.string(v, "flow", pointer, true, "a call step"))
        call.flowPath = r.useSubFlow(*flow, FieldReader::child(pointer, "flow"));
    call.input = r.jsonTemplateField(v, "input", pointer);
    if (const Json *c = FieldReader::field(v, "compensate")) {
        HttpRequestSpec spec;
        const std::string cp = FieldReader::child(pointer, "compensate");
        r.request(*c, cp, spec, "'compensate'");
        if (c->is_object() && !spec.url)
            r.error(ErrorCode::Schema,
                    "'compensate' of a call step needs a full 'url' (a call step has no service)",
                    cp);
        if (spec.url && !FieldReader::field(v, "allow_dynamic_host"))
            r.checkHost(*spec.url, FieldReader::child(cp, "url"), true);
        call.compensate = std::move(spec);
    }
}

const HttpRequestSpec *compensation(const Step &step)
{
    const auto &c = step.as<CallSpec>().compensate;
    return c ? &*c : nullptr;
}

void references(const Step &step, StepReferences &out)
{
    const CallSpec &s = step.as<CallSpec>();
    out.add(s.compensate);
    out.add(s.input);
    out.addFlowFile(s.flowPath);
}

} // namespace

const StepDescriptor &callStepDescriptor()
{
    static const StepDescriptor d = [] {
        StepDescriptor d;
        d.type = StepType::Call;
        d.name = "call";
        d.summary = "Runs another flow file as a sub-flow; its output is the result.";
        d.fields = {
            stepfields::next(),
            stepfields::end(),
            {"flow", FieldKind::FlowFile, true, "",
             "the sub-flow's file, relative to this one; it must exist and not be this file"},
            {"input", FieldKind::JsonTemplate, false, "", "the sub-flow's input"},
            stepfields::timeout("the whole step: every attempt and the sub-flow"),
            stepfields::retry(),
            stepfields::catches(),
            stepfields::compensate("the request that undoes this step when the run fails later "
                                   "(needs a full `url`: a call step has no service)"),
        };
        d.timeoutCoversStep = true;
        d.customErrorNames = true;
        d.parse = parseCall;
        d.compensation = compensation;
        d.references = references;
        return d;
    }();
    return d;
}

} // namespace tutti::engine
