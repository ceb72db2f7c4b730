// The registry of step types (registry.h): the one list of descriptors, the names derived from
// it, the keys several types share, and the step tables of docs/flow-format.md.
#include <engine/model/steps/fieldreader.h>
#include <engine/model/steps/registry.h>

#include <algorithm>
#include <array>
#include <utility>

namespace tutti::engine {

namespace {

// One line per step type, in StepType order.
const std::vector<const StepDescriptor *> &registry()
{
    static const std::vector<const StepDescriptor *> all = {
        &httpStepDescriptor(),   &transformStepDescriptor(), &scriptStepDescriptor(),
        &choiceStepDescriptor(), &parallelStepDescriptor(),  &mapStepDescriptor(),
        &waitStepDescriptor(),   &callStepDescriptor(),      &respondStepDescriptor(),
        &failStepDescriptor(),
    };
    return all;
}

const FieldDescriptor *findField(const std::vector<FieldDescriptor> &fields, std::string_view key)
{
    for (const FieldDescriptor &f : fields)
        if (f.key == key)
            return &f;
    return nullptr;
}

template <std::size_t... I>
StepSpec specAt(std::size_t index, std::index_sequence<I...>)
{
    StepSpec spec;
    ((index == I ? (void)spec.emplace<I>() : (void)0), ...);
    return spec;
}

} // namespace

const char *toString(FieldKind kind)
{
    static constexpr std::array<const char *, 22> names = {
        "text",    "name",    "integer",      "number",      "boolean",       "duration",
        "size",    "choice",  "template",     "expression",  "json template", "code",
        "step id", "service", "flow file",    "error names", "statuses",      "mapping",
        "list",    "auth",    "template map", "steps"};
    static_assert(names.size() == static_cast<std::size_t>(FieldKind::Steps) + 1);
    return names[static_cast<std::size_t>(kind)];
}

FieldDescriptor::FieldDescriptor(std::string key, FieldKind kind, bool required,
                                 std::string defaultValue, std::string doc,
                                 std::vector<std::string> options, std::optional<EdgeKind> edge,
                                 std::vector<FieldDescriptor> fields)
    : key(std::move(key))
    , kind(kind)
    , required(required)
    , defaultValue(std::move(defaultValue))
    , doc(std::move(doc))
    , options(std::move(options))
    , edge(edge)
    , fields(std::move(fields))
{
}

const FieldDescriptor *FieldDescriptor::find(std::string_view name) const
{
    return findField(fields, name);
}

std::vector<std::string> FieldDescriptor::keys() const
{
    std::vector<std::string> out;
    for (const FieldDescriptor &f : fields)
        out.push_back(f.key);
    return out;
}

const FieldDescriptor *StepDescriptor::field(std::string_view key) const
{
    return findField(fields, key);
}

std::vector<std::string> StepDescriptor::keys() const
{
    std::vector<std::string> out = {"id", "type", "description"};
    for (const FieldDescriptor &f : fields)
        out.push_back(f.key);
    return out;
}

bool StepDescriptor::holdsSteps() const
{
    return std::any_of(fields.begin(), fields.end(), [](const FieldDescriptor &f) {
        return f.edge == EdgeKind::Body || f.edge == EdgeKind::Branch;
    });
}

std::vector<EdgeKind> StepDescriptor::edges() const
{
    std::vector<EdgeKind> out;
    for (const FieldDescriptor &f : fields)
        if (f.edge)
            out.push_back(*f.edge);
    if (canFallThrough())
        out.push_back(EdgeKind::FallThrough);
    return out;
}

const std::vector<const StepDescriptor *> &stepDescriptors()
{
    return registry();
}

const StepDescriptor &stepDescriptor(StepType type)
{
    return *registry()[static_cast<std::size_t>(type)];
}

const StepDescriptor &stepDescriptor(const Step &step)
{
    return stepDescriptor(step.type);
}

const char *toString(StepType type)
{
    return stepDescriptor(type).name.c_str();
}

std::optional<StepType> parseStepType(std::string_view text)
{
    for (const StepDescriptor *d : registry())
        if (d->name == text)
            return d->type;
    return std::nullopt;
}

const std::vector<std::string> &stepTypeNames()
{
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const StepDescriptor *d : registry())
            out.push_back(d->name);
        return out;
    }();
    return names;
}

StepSpec defaultStepSpec(StepType type)
{
    return specAt(static_cast<std::size_t>(type),
                  std::make_index_sequence<std::variant_size_v<StepSpec>>());
}

std::vector<const std::vector<Step> *> childLists(const Step &step)
{
    const StepDescriptor &d = stepDescriptor(step);
    return d.childLists ? d.childLists(step) : std::vector<const std::vector<Step> *>{};
}

const HttpRequestSpec *requestOf(const Step &step)
{
    const StepDescriptor &d = stepDescriptor(step);
    return d.request ? d.request(step) : nullptr;
}

const HttpRequestSpec *compensationOf(const Step &step)
{
    const StepDescriptor &d = stepDescriptor(step);
    return d.compensation ? d.compensation(step) : nullptr;
}

// ---- references -----------------------------------------------------------------------------

void StepReferences::add(const HttpRequestSpec &request)
{
    add(request.path);
    add(request.url);
    add(request.query);
    add(request.headers);
    add(request.body);
    add(request.form);
}

void StepReferences::add(const AuthSpec &auth)
{
    for (const auto &[field, value] : auth.fields)
        add(value);
}

void addReferences(const Step &step, StepReferences &out)
{
    const StepDescriptor &d = stepDescriptor(step);
    if (d.references)
        d.references(step, out);
}

StepReferences flowReferences(const Flow &flow)
{
    StepReferences refs;
    for (const auto &[name, service] : flow.services)
        refs.add(service.auth);
    std::vector<const std::vector<Step> *> lists{&flow.steps};
    while (!lists.empty()) {
        const std::vector<Step> *steps = lists.back();
        lists.pop_back();
        for (const Step &step : *steps) {
            addReferences(step, refs);
            for (const std::vector<Step> *list : childLists(step))
                lists.push_back(list);
        }
    }
    return refs;
}

// ---- shared keys ----------------------------------------------------------------------------

namespace stepfields {

FieldDescriptor next()
{
    return {"next",
            FieldKind::StepRef,
            false,
            "the following step",
            "the step to go to next, in the same list",
            {},
            EdgeKind::Next};
}

FieldDescriptor end()
{
    return {"end", FieldKind::Boolean, false, "false",
            "stop the run here (its result is the run's output); not together with `next`"};
}

FieldDescriptor timeout(std::string doc, std::string defaultValue)
{
    return {"timeout", FieldKind::Duration, false, std::move(defaultValue), std::move(doc)};
}

FieldDescriptor retry(std::string defaultValue)
{
    return {
        "retry",
        FieldKind::Object,
        false,
        std::move(defaultValue),
        "retry the step's action on the named errors (see *Retry*)",
        {},
        std::nullopt,
        {
            {"on", FieldKind::ErrorNames, false, "[timeout, connection, http.5xx]",
             "the error names retried"},
            {"retries", FieldKind::Integer, false, "0", "retries after the first attempt, 0–1000"},
            {"interval", FieldKind::Duration, false, "200ms", "the first delay"},
            {"backoff", FieldKind::Number, false, "2.0", "delay multiplier, ≥ 1.0"},
            {"max_delay", FieldKind::Duration, false, "30s", "the longest delay"},
            {"jitter",
             FieldKind::Choice,
             false,
             "none",
             "`full` randomises each delay",
             {"none", "full"}},
            {"respect_retry_after", FieldKind::Boolean, false, "false",
             "wait the server's Retry-After when it is longer"},
        }};
}

FieldDescriptor catches()
{
    return {"catch",
            FieldKind::List,
            false,
            "",
            "`[{on, next}]`: where to go on an error instead of failing the run",
            {},
            EdgeKind::Catch,
            {
                {"on", FieldKind::ErrorNames, false, "[any]", "the error names caught"},
                {"next", FieldKind::StepRef, true, "", "the step to go to, in the same list"},
            }};
}

FieldDescriptor request(std::string key, std::string doc)
{
    return {
        std::move(key),
        FieldKind::Object,
        false,
        "",
        std::move(doc),
        {},
        std::nullopt,
        {
            {"method", FieldKind::Choice, false, "GET", "the HTTP method, any case",
             internal::httpMethods()},
            {"path", FieldKind::Template, false, "",
             "path on the service's base URL; needs the step's `service`"},
            {"url", FieldKind::Template, false, "", "a full URL instead of `path`"},
            {"query", FieldKind::JsonTemplate, false, "", "`{name: value}`, percent-encoded"},
            {"headers", FieldKind::JsonTemplate, false, "", "`{Header-Name: value}`"},
            {"body", FieldKind::JsonTemplate, false, "", "JSON; a plain string is sent as text"},
            {"form", FieldKind::JsonTemplate, false, "",
             "sent as application/x-www-form-urlencoded instead of `body`"},
        }};
}

FieldDescriptor compensate(std::string doc)
{
    FieldDescriptor f = request("compensate", std::move(doc));
    f.edge = EdgeKind::Compensation;
    return f;
}

} // namespace stepfields

// ---- docs -----------------------------------------------------------------------------------

namespace {

std::string code(const std::string &text)
{
    return "`" + text + "`";
}

std::string yesNo(bool value)
{
    return value ? "yes" : "—";
}

// A field's type as the docs write it: "duration", "mapping {method, path, …}".
std::string kindText(const FieldDescriptor &f)
{
    std::string text = toString(f.kind);
    if (f.kind == FieldKind::Choice) {
        text.clear();
        for (const auto &option : f.options)
            text += (text.empty() ? "" : " \\| ") + code(option);
    } else if (!f.fields.empty()) {
        std::string keys;
        for (const auto &sub : f.fields)
            keys += (keys.empty() ? "" : ", ") + sub.key;
        text += f.kind == FieldKind::List ? " of {" + keys + "}" : " {" + keys + "}";
    }
    return text;
}

std::string stepList(const std::vector<std::string> &names)
{
    if (names.empty())
        return "—";
    std::string out;
    for (const auto &n : names)
        out += (out.empty() ? "" : ", ") + n;
    return out;
}

} // namespace

std::string stepTableMarkdown()
{
    std::string out;
    out += "| type | what it does | retry | catch | compensate | timeout | nested steps | "
           "ends the run |\n";
    out += "|---|---|---|---|---|---|---|---|\n";
    for (const StepDescriptor *d : registry()) {
        std::string timeout = "—";
        if (d->hasTimeout())
            timeout = d->timeoutCoversStep ? "whole step" : "per attempt";
        std::string nested = "—";
        for (const FieldDescriptor &f : d->fields)
            if (f.edge == EdgeKind::Body || f.edge == EdgeKind::Branch)
                nested = code(f.key);
        out += "| " + code(d->name) + " | " + d->summary + " | " + yesNo(d->canRetry()) + " | " +
               yesNo(d->canCatch()) + " | " + yesNo(d->canCompensate()) + " | " + timeout + " | " +
               nested + " | " + yesNo(d->endsRun) + " |\n";
    }

    // The keys several types share: where each is allowed, and what it means on each.
    static const std::vector<std::string> shared = {"next",  "end",   "timeout",
                                                    "retry", "catch", "compensate"};
    out += "\n| key | type | allowed on | meaning |\n|---|---|---|---|\n";
    for (const std::string &key : shared) {
        std::vector<std::string> on;
        std::vector<std::pair<std::string, const FieldDescriptor *>> uses;
        for (const StepDescriptor *d : registry())
            if (const FieldDescriptor *f = d->field(key)) {
                on.push_back(d->name);
                uses.emplace_back(d->name, f);
            }
        if (uses.empty())
            continue;
        const auto same = [&](auto member) {
            return std::all_of(uses.begin(), uses.end(), [&](const auto &u) {
                return (*u.second).*member == (*uses.front().second).*member;
            });
        };
        // One text when every type says the same, else "type: text" per type.
        const auto perType = [&](auto member, const std::string &separator) {
            std::string text;
            for (const auto &[type, f] : uses) {
                if (same(member))
                    return (*f).*member;
                text += (text.empty() ? "" : separator) + type + ": " + (*f).*member;
            }
            return text;
        };
        std::string meaning = perType(&FieldDescriptor::doc, "; ");
        const std::string defaults = perType(&FieldDescriptor::defaultValue, ", ");
        if (!defaults.empty())
            meaning += same(&FieldDescriptor::defaultValue) ? " (default " + defaults + ")"
                                                            : ". Default: " + defaults;
        out += "| " + code(key) + " | " + kindText(*uses.front().second) + " | " + stepList(on) +
               " | " + meaning + " |\n";
    }

    // Every type's own keys.
    for (const StepDescriptor *d : registry()) {
        std::vector<std::string> sharedHere;
        for (const std::string &key : shared)
            if (d->takes(key))
                sharedHere.push_back(code(key));
        out += "\n**" + code(d->name) + "**: `id`, `type`, `description`";
        for (const auto &key : sharedHere)
            out += ", " + key;
        out += std::string(sharedHere.empty() ? "" : " (above)") + " and:\n\n";
        out += "| key | type | required | default | meaning |\n|---|---|---|---|---|\n";
        for (const FieldDescriptor &f : d->fields)
            if (std::find(shared.begin(), shared.end(), f.key) == shared.end())
                out += "| " + code(f.key) + " | " + kindText(f) + " | " + yesNo(f.required) +
                       " | " + (f.defaultValue.empty() ? "—" : f.defaultValue) + " | " + f.doc +
                       " |\n";
    }
    return out;
}

} // namespace tutti::engine
