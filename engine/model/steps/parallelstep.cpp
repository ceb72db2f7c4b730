// The parallel step type: its keys, nested lists and parse function (SPEC §3 parallel).
#include <engine/model/steps/fieldreader.h>
#include <engine/model/steps/parallelstep.h>
#include <engine/model/steps/registry.h>

#include <set>

namespace tutti::engine {

namespace {

using internal::FieldReader;

const FieldDescriptor &branchesField()
{
    static const FieldDescriptor f{
        "branches",
        FieldKind::List,
        true,
        "",
        "`[{name, steps}]`, run side by side; the result is keyed by branch name",
        {},
        EdgeKind::Branch,
        {
            {"name", FieldKind::Name, true, "",
             "letters, digits and `_`, unique in the step (read as `steps.ID.NAME`)"},
            {"steps", FieldKind::Steps, true, "", "the branch's steps"},
        }};
    return f;
}

void parseParallel(FieldReader &r, const Json &v, const std::string &pointer, Step &step)
{
    ParallelSpec &s = step.as<ParallelSpec>();
    const auto child = [](const std::string &p, const std::string &key) {
        return FieldReader::child(p, key);
    };
    const Json *branches = FieldReader::field(v, "branches");
    if (!branches) {
        r.error(ErrorCode::Schema, "a parallel step needs 'branches: [{name, steps}]'", pointer);
    } else if (!branches->is_array() || branches->empty()) {
        r.error(ErrorCode::Schema,
                "'branches' must be a non-empty list of {name, steps}, got " +
                    internal::describe(*branches),
                child(pointer, "branches"));
    } else {
        std::set<std::string> names;
        for (std::size_t i = 0; i < branches->size(); ++i) {
            const std::string p = FieldReader::child(child(pointer, "branches"), i);
            const Json &b = (*branches)[i];
            if (!r.expectObject(b, p, "a branch"))
                continue;
            r.checkKeys(b, p, branchesField().keys(), "a branch");
            Branch branch;
            branch.location = r.locate(p);
            if (auto name = r.string(b, "name", p, true, "a branch")) {
                branch.name = *name;
                if (!internal::isIdentifier(*name))
                    r.error(ErrorCode::Schema,
                            "branch name '" + *name +
                                "' must be letters, digits and underscores (it is read as "
                                "steps." +
                                step.id + "." + *name + ")",
                            child(p, "name"));
                else if (!names.insert(*name).second)
                    r.error(ErrorCode::Validation,
                            "duplicate branch name '" + *name + "' in this parallel step",
                            child(p, "name"));
            }
            if (const Json *bs = FieldReader::field(b, "steps"))
                r.nestedSteps(*bs, child(p, "steps"), branch.steps, "'steps' of a branch");
            else
                r.error(ErrorCode::Schema, "a branch needs 'steps'", p);
            s.branches.push_back(std::move(branch));
        }
    }
    if (const Json *f = FieldReader::field(v, "fail")) {
        if (*f == "fast")
            s.failFast = true;
        else if (*f == "all")
            s.failFast = false;
        else
            r.error(ErrorCode::Schema, "'fail' must be fast or all, got " + internal::describe(*f),
                    child(pointer, "fail"));
    }
}

std::vector<const std::vector<Step> *> lists(const Step &step)
{
    std::vector<const std::vector<Step> *> out;
    for (const Branch &b : step.as<ParallelSpec>().branches)
        out.push_back(&b.steps);
    return out;
}

} // namespace

const StepDescriptor &parallelStepDescriptor()
{
    static const StepDescriptor d = [] {
        StepDescriptor d;
        d.type = StepType::Parallel;
        d.name = "parallel";
        d.summary = "Runs named branches of steps at the same time.";
        d.fields = {
            stepfields::next(),
            stepfields::end(),
            branchesField(),
            {"fail",
             FieldKind::Choice,
             false,
             "fast",
             "`fast`: a failing branch cancels the others; `all`: let them finish",
             {"fast", "all"}},
            stepfields::timeout("the whole step, cancelling its branches"),
            stepfields::catches(),
        };
        d.timeoutCoversStep = true;
        d.parse = parseParallel;
        d.childLists = lists;
        return d;
    }();
    return d;
}

} // namespace tutti::engine
