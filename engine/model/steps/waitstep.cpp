// The wait step type: its keys, traits and parse function (SPEC §3 wait).
#include <engine/model/steps/fieldreader.h>
#include <engine/model/steps/registry.h>
#include <engine/model/steps/waitstep.h>

namespace tutti::engine {

namespace {

using internal::FieldReader;

void parseWait(FieldReader &r, const Json &v, const std::string &pointer, Step &step)
{
    WaitSpec &s = step.as<WaitSpec>();
    s.duration = r.duration(v, "duration", pointer);
    s.until = r.templateField(v, "until", pointer, true);
    if (FieldReader::field(v, "duration") && FieldReader::field(v, "until"))
        r.error(ErrorCode::Schema, "a wait step takes 'duration' or 'until', not both",
                FieldReader::child(pointer, "until"), true);
    else if (!FieldReader::field(v, "duration") && !FieldReader::field(v, "until"))
        r.error(ErrorCode::Schema, "a wait step needs 'duration' (like 5s) or 'until: EXPR'",
                pointer);
}

void references(const Step &step, StepReferences &out)
{
    out.add(step.as<WaitSpec>().until);
}

} // namespace

const StepDescriptor &waitStepDescriptor()
{
    static const StepDescriptor d = [] {
        StepDescriptor d;
        d.type = StepType::Wait;
        d.name = "wait";
        d.summary = "Pauses the run for a duration or until a point in time.";
        d.fields = {
            stepfields::next(),
            stepfields::end(),
            {"duration", FieldKind::Duration, false, "", "how long to wait; or `until`"},
            {"until", FieldKind::Expression, false, "",
             "a bare expression: an ISO-8601 time or epoch milliseconds; or `duration`"},
        };
        d.pauses = true;
        d.parse = parseWait;
        d.references = references;
        return d;
    }();
    return d;
}

} // namespace tutti::engine
