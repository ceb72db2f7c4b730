// The choice step type: its keys, edges and parse function (SPEC §3 choice).
#include <engine/model/steps/choicestep.h>
#include <engine/model/steps/fieldreader.h>
#include <engine/model/steps/registry.h>

namespace tutti::engine {

namespace {

using internal::FieldReader;

const FieldDescriptor &casesField()
{
    static const FieldDescriptor f{
        "cases",
        FieldKind::List,
        true,
        "",
        "`[{when, next}]`, tried in order; the first whose `when` holds picks the next step",
        {},
        EdgeKind::Case,
        {
            {"when", FieldKind::Expression, true, "",
             "a bare expression (`{{ }}` means the same); a YAML boolean or number also works"},
            {"next", FieldKind::StepRef, true, "", "the step to go to, in the same list"},
        }};
    return f;
}

void parseChoice(FieldReader &r, const Json &v, const std::string &pointer, Step &step)
{
    ChoiceSpec &s = step.as<ChoiceSpec>();
    const Json *cases = FieldReader::field(v, "cases");
    if (!cases) {
        r.error(ErrorCode::Schema, "a choice step needs 'cases: [{when: EXPR, next: STEP}]'",
                pointer);
    } else if (!cases->is_array() || cases->empty()) {
        r.error(ErrorCode::Schema,
                "'cases' must be a non-empty list of {when, next}, got " +
                    internal::describe(*cases),
                FieldReader::child(pointer, "cases"));
    } else {
        for (std::size_t i = 0; i < cases->size(); ++i) {
            const std::string p = FieldReader::child(FieldReader::child(pointer, "cases"), i);
            const Json &c = (*cases)[i];
            if (!r.expectObject(c, p, "a case"))
                continue;
            r.checkKeys(c, p, casesField().keys(), "a choice case");
            ChoiceCase choice;
            choice.location = r.locate(p);
            if (!FieldReader::field(c, "when"))
                r.error(ErrorCode::Schema, "a choice case needs 'when: EXPR'", p);
            auto when = r.templateField(c, "when", p, true);
            auto next = r.string(c, "next", p, true, "a choice case");
            if (when && next) {
                choice.when = std::move(*when);
                choice.next = *next;
                s.cases.push_back(std::move(choice));
            }
        }
    }
    if (auto d = r.string(v, "default", pointer))
        s.defaultNext = *d;
}

void references(const Step &step, StepReferences &out)
{
    for (const ChoiceCase &c : step.as<ChoiceSpec>().cases)
        out.add(c.when);
}

} // namespace

const StepDescriptor &choiceStepDescriptor()
{
    static const StepDescriptor d = [] {
        StepDescriptor d;
        d.type = StepType::Choice;
        d.name = "choice";
        d.summary = "Picks the next step by the first case whose condition holds.";
        d.fields = {
            casesField(),
            {"default",
             FieldKind::StepRef,
             false,
             "the following step",
             "where to go when no case holds",
             {},
             EdgeKind::Default},
        };
        d.parse = parseChoice;
        d.references = references;
        return d;
    }();
    return d;
}

} // namespace tutti::engine
