// The map step type: its keys, nested body and parse function (SPEC §3 map).
#include <engine/model/steps/fieldreader.h>
#include <engine/model/steps/mapstep.h>
#include <engine/model/steps/registry.h>

#include <limits>

namespace tutti::engine {

namespace {

using internal::FieldReader;

const FieldDescriptor &tolerateField()
{
    static const FieldDescriptor f{
        "tolerate",
        FieldKind::Object,
        false,
        "none",
        "how many items may fail without failing the step: `{count: N}` or `{percent: P}`",
        {},
        std::nullopt,
        {
            {"count", FieldKind::Integer, false, "", "failed items allowed, ≥ 0"},
            {"percent", FieldKind::Number, false, "", "share of failed items allowed, 0–100"},
        }};
    return f;
}

void parseMap(FieldReader &r, const Json &v, const std::string &pointer, Step &step)
{
    MapSpec &map = step.as<MapSpec>();
    const auto child = [](const std::string &p, const std::string &key) {
        return FieldReader::child(p, key);
    };
    const auto field = FieldReader::field;
    if (!field(v, "items"))
        r.error(ErrorCode::Schema, "a map step needs 'items: EXPR' (the array to run over)",
                pointer);
    map.items = r.templateField(v, "items", pointer, true);
    if (auto as = r.string(v, "as", pointer)) {
        if (!internal::isIdentifier(*as))
            r.error(ErrorCode::Schema,
                    "'as' must be a name of letters, digits and underscores, got '" + *as + "'",
                    child(pointer, "as"));
        else if (internal::isExpressionRoot(*as) || *as == "index")
            r.error(ErrorCode::Schema,
                    "'as' cannot be '" + *as + "': that name is already an expression root",
                    child(pointer, "as"));
        else
            map.as = *as;
    }
    if (auto c = r.integer(v, "concurrency", pointer, 0, 100000))
        map.concurrency = static_cast<int>(*c);
    if (const Json *t = field(v, "tolerate")) {
        const std::string p = child(pointer, "tolerate");
        if (r.expectObject(*t, p, "'tolerate'")) {
            r.checkKeys(*t, p, tolerateField().keys(), "'tolerate'");
            if (field(*t, "count") && field(*t, "percent"))
                r.error(ErrorCode::Schema, "'tolerate' takes 'count' or 'percent', not both", p);
            if (auto n = r.integer(*t, "count", p, 0, std::numeric_limits<int>::max()))
                map.tolerateCount = static_cast<int>(*n);
            if (const Json *pc = field(*t, "percent")) {
                if (!pc->is_number() || pc->get<double>() < 0 || pc->get<double>() > 100)
                    r.error(ErrorCode::Schema,
                            "'percent' must be a number from 0 to 100, got " +
                                internal::describe(*pc),
                            child(p, "percent"));
                else
                    map.toleratePercent = pc->get<double>();
            }
            if (!field(*t, "count") && !field(*t, "percent"))
                r.error(ErrorCode::Schema, "'tolerate' needs 'count' or 'percent'", p);
        }
    }
    if (const Json *body = field(v, "steps"))
        r.nestedSteps(*body, child(pointer, "steps"), map.body, "'steps' of a map", map.as);
    else
        r.error(ErrorCode::Schema, "a map step needs 'steps' (the body run per item)", pointer);
}

std::vector<const std::vector<Step> *> lists(const Step &step)
{
    return {&step.as<MapSpec>().body};
}

void references(const Step &step, StepReferences &out)
{
    out.add(step.as<MapSpec>().items);
}

} // namespace

const StepDescriptor &mapStepDescriptor()
{
    static const StepDescriptor d = [] {
        StepDescriptor d;
        d.type = StepType::Map;
        d.name = "map";
        d.summary = "Runs a body of steps once per item of an array; the result is the array of "
                    "their results.";
        d.fields = {
            stepfields::next(),
            stepfields::end(),
            {"items", FieldKind::Expression, true, "", "a bare expression giving the array"},
            {"as", FieldKind::Name, false, "item",
             "the name the body reads the item as (not a root such as `input` or `index`)"},
            {"concurrency", FieldKind::Integer, false, "0", "items run at once; 0 = unlimited"},
            {"steps", FieldKind::Steps, true, "", "the body, run per item", {}, EdgeKind::Body},
            tolerateField(),
            stepfields::timeout("the whole step, cancelling the items still running"),
            stepfields::catches(),
        };
        d.timeoutCoversStep = true;
        d.parse = parseMap;
        d.references = references;
        d.childLists = lists;
        return d;
    }();
    return d;
}

} // namespace tutti::engine
