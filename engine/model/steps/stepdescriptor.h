// What one step type is, as data: the keys it takes (kind, required, default, one-line doc), the
// control edges those keys make, its traits, and how its typed spec is parsed. The parser's key
// checks, the graph checks, the simulation and the docs' step table all read these
// (registry.h), so a step type is described once, in its own file next to this one.
#pragma once

#include <engine/model/flow.h>
#include <engine/model/steps/edgekind.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tutti::engine {

namespace internal {
class FieldReader;
}

// How a field's value is written; what an inspector form offers for it.
enum class FieldKind {
    Text,         // a plain string
    Name,         // a name of letters, digits and '_' (or '-', '.' where the doc says)
    Integer,      //
    Number,       //
    Boolean,      //
    Duration,     // "250ms", "5s", "2m"; a bare number is milliseconds
    Size,         // bytes, or "32MiB", "512KiB"
    Choice,       // one of the field's `options`
    Template,     // a string with {{ }} parts
    Expression,   // a bare expression
    JsonTemplate, // any JSON value whose strings may hold {{ }}
    Code,         // a JavaScript function body
    StepRef,      // the id of a step in the same list
    Service,      // a service of the flow
    FlowFile,     // path of another flow file, relative to this one
    ErrorNames,   // one error name or a list of them
    Statuses,     // one HTTP status or a list: 200, "2xx", "200-299"
    Object,       // a mapping whose keys are the field's `fields`
    List,         // a list of mappings whose keys are the field's `fields`
    Auth,         // {type, …}; the keys depend on the type (docs/flow-format.md)
    TemplateMap,  // {name: JSON template, …} in file order
    Steps,        // a list of steps, nested in this one
};
const char *toString(FieldKind kind);

struct FieldDescriptor {
    FieldDescriptor() = default;
    FieldDescriptor(std::string key, FieldKind kind, bool required, std::string defaultValue,
                    std::string doc, std::vector<std::string> options = {},
                    std::optional<EdgeKind> edge = std::nullopt,
                    std::vector<FieldDescriptor> fields = {});

    std::string key;
    FieldKind kind = FieldKind::Text;
    bool required = false;
    std::string defaultValue;         // as the docs and forms show it; "" when there is none
    std::string doc;                  // one line
    std::vector<std::string> options; // Choice
    // The control edge the field makes: a StepRef field jumps (Next, Default), a List field's
    // StepRef key jumps once per item (Case, Catch), a Steps field (or a List field's Steps
    // key) starts a nested list (Body, Branch), a compensate request annotates (Compensation).
    std::optional<EdgeKind> edge;
    std::vector<FieldDescriptor> fields; // keys of an Object, or of each item of a List

    const FieldDescriptor *find(std::string_view key) const;
    std::vector<std::string> keys() const; // of `fields`, in order
};

// What a step's own keys read from outside the run (its nested steps not included): the secrets
// its templates and expressions name (`secret.NAME`), and the flow files it runs. Each name is
// listed once, in the order first seen.
struct StepReferences {
    UniqueNames secrets;
    UniqueNames flowFiles; // absolute paths
    // The step ids its templates read (`steps.ID…`), only when `collectSteps` is set before: a
    // run started part-way checks that those results exist (engine/session/runfrom.h).
    bool collectSteps = false;
    UniqueNames steps;

    void add(const expr::Template &t)
    {
        t.addReferenced(expr::Reference::Secrets, secrets);
        if (collectSteps)
            t.addReferenced(expr::Reference::Steps, steps);
    }
    void add(const expr::JsonTemplate &t)
    {
        t.addReferenced(expr::Reference::Secrets, secrets);
        if (collectSteps)
            t.addReferenced(expr::Reference::Steps, steps);
    }
    void add(const HttpRequestSpec &request);
    void add(const AuthSpec &auth);
    template <class T>
    void add(const std::optional<T> &value)
    {
        if (value)
            add(*value);
    }
    void addFlowFile(const std::string &path)
    {
        if (!path.empty())
            flowFiles.add(path);
    }
};

struct StepDescriptor {
    using ParseFn = void (*)(internal::FieldReader &reader, const Json &node,
                             const std::string &pointer, Step &step);
    using ListsFn = std::vector<const std::vector<Step> *> (*)(const Step &step);
    using RequestFn = const HttpRequestSpec *(*)(const Step &step);
    using ReferencesFn = void (*)(const Step &step, StepReferences &out);

    StepType type = StepType::Transform;
    std::string name;    // "http", as written in `type:`
    std::string summary; // one line
    // Every key the type takes besides id, type and description, in the order messages list
    // them; shared keys (next, end, timeout, retry, catch, compensate) come from registry.h.
    std::vector<FieldDescriptor> fields;

    // ---- traits that are not a key --------------------------------------------------------
    bool endsRun = false;           // respond, fail: the run ends here; only in the top-level list
    bool pauses = false;            // wait: a loop through it is paced, not a busy loop
    bool timeoutCoversStep = false; // `timeout` bounds the whole step, not each attempt
    std::optional<Micros> defaultTimeout; // when the step sets none (and defaults.timeout
                                          // does not apply)
    // http: the flow's `defaults.timeout` bounds each try and `defaults.retry` retries the step
    // when the step sets neither (the defaults of the flow the step is written in, a sub-flow's
    // own for its steps).
    bool flowDefaults = false;
    bool customErrorNames = false; // retry/catch may name errors the type raises (sub-flows)
    bool usesScriptEngine = false; // runs JavaScript

    // ---- typed spec ---------------------------------------------------------------------
    // Fills step.spec (already the type's alternative, at its defaults) from the step's node;
    // the common keys are read before it. Reports every problem through the reader.
    ParseFn parse = nullptr;
    ListsFn childLists = nullptr;     // the nested step lists; nullptr when the type holds none
    RequestFn request = nullptr;      // the request the step sends; nullptr when it sends none
    RequestFn compensation = nullptr; // the `compensate:` request; nullptr when not taken
    // Adds what the step's keys read from outside the run; nullptr when they read nothing (no
    // template, expression or file). Every template-holding key must be listed here, or a run
    // registers its secrets with the redactor only when they are first read.
    ReferencesFn references = nullptr;

    // ---- derived --------------------------------------------------------------------------
    const FieldDescriptor *field(std::string_view key) const;
    bool takes(std::string_view key) const { return field(key) != nullptr; }
    std::vector<std::string> keys() const; // id, type, description, then `fields`
    bool canRetry() const { return takes("retry"); }
    bool canCatch() const { return takes("catch"); }
    bool canCompensate() const { return takes("compensate"); }
    bool hasTimeout() const { return takes("timeout"); }
    bool holdsSteps() const; // a field makes a Body or Branch edge
    // Control can go on to the following step of the list (unless `next`, `default` or
    // `end: true` say otherwise in the step itself).
    bool canFallThrough() const { return !endsRun; }
    std::vector<EdgeKind> edges() const; // every kind of edge the type can make, FallThrough too
};

} // namespace tutti::engine
