// The transform step type: its keys and parse function (SPEC §3 transform).
#include <engine/model/steps/fieldreader.h>
#include <engine/model/steps/registry.h>
#include <engine/model/steps/transformstep.h>

namespace tutti::engine {

namespace {

using internal::FieldReader;

void parseTransform(FieldReader &r, const Json &v, const std::string &pointer, Step &step)
{
    TransformSpec &s = step.as<TransformSpec>();
    const Json *set = FieldReader::field(v, "set");
    if (!set) {
        r.error(ErrorCode::Schema, "a transform step needs 'set: {name: value, …}'", pointer);
        return;
    }
    const std::string setPointer = FieldReader::child(pointer, "set");
    if (!r.expectObject(*set, setPointer, "'set'"))
        return;
    for (auto it = set->begin(); it != set->end(); ++it)
        if (auto t = r.jsonTemplateOf(*it, FieldReader::child(setPointer, it.key())))
            s.set.emplace_back(it.key(), std::move(*t));
}

void references(const Step &step, StepReferences &out)
{
    for (const auto &[name, value] : step.as<TransformSpec>().set)
        out.add(value);
}

} // namespace

const StepDescriptor &transformStepDescriptor()
{
    static const StepDescriptor d = [] {
        StepDescriptor d;
        d.type = StepType::Transform;
        d.name = "transform";
        d.summary = "Computes named values from templates; they are stored in `vars` and as the "
                    "step's result.";
        d.fields = {
            stepfields::next(),
            stepfields::end(),
            {"set", FieldKind::TemplateMap, true, "",
             "`{name: value, …}`; each value is a JSON template, kept in file order"},
        };
        d.parse = parseTransform;
        d.references = references;
        return d;
    }();
    return d;
}

} // namespace tutti::engine
