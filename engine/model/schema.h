// The JSON Schema subset used for flow inputs: type, required, properties, additionalProperties,
// items, enum, const, minimum, maximum, minLength, maxLength, pattern, minItems, maxItems.
#pragma once

#include <engine/core/json.h>
#include <engine/core/regex.h>
#include <engine/core/result.h>

#include <memory>
#include <unordered_map>

namespace tutti::engine {

// A schema made ready once, at load time, to validate many values: its `pattern`s are compiled
// (engine/core/regex.h, RE2: linear time, no backreferences or lookaround) when it is built,
// never per value. Copies share the compiled form.
class Schema {
public:
    // Never fails: a pattern that does not compile is left out (checkSchema reports it, located).
    static Schema compile(const Json &schema);
    // Every violation, each with `path` set to the JSON pointer of the offending value.
    Errors validate(const Json &value) const;
    // The schema as written; null when there is none (then every value is valid).
    const Json &json() const;

private:
    struct Compiled {
        Json schema;
        // Keyed by the address of each `pattern` string inside `schema` (stable: never mutated).
        std::unordered_map<const Json *, Regex> patterns;
    };
    std::shared_ptr<const Compiled> m_compiled;
};

// Schema::compile(schema).validate(value), for callers that validate once.
Errors validateJson(const Json &value, const Json &schema);
// Problems in the schema itself (unknown keywords, wrong types, patterns that do not compile),
// with pointers into it.
Errors checkSchema(const Json &schema);

// An example value of `schema`, as a person filling the value in would start it: the value the
// schema names (`const`, else `default`, else the first of `examples`, else the first of
// `enum`); else a plain value of its type (the first type of a list that is not "null"; an
// object when it has no type but `properties` or `required`):
//   object   its required properties, and the optional ones that name a value, each by these
//            rules (a required property without a schema is null)
//   array    `minItems` examples of `items` (none by default)
//   string   "sample", padded with 'x' to `minLength`, cut to `maxLength` (`pattern` is not
//            followed)
//   integer  1, raised to `minimum` (rounded up) or lowered to `maximum` (rounded down)
//   number   1, raised to `minimum` or lowered to `maximum`
//   boolean  false
// and null for a schema that says nothing of its type (or nests deeper than 16 levels).
Json exampleFor(const Json &schema);
// The input a run starts with when it is given none (the studio's Run and Simulation panels,
// `tutti simulate`): exampleFor(the flow's input schema), or an empty object when the flow has
// no schema or its example is null.
Json exampleInput(const Json &inputSchema);

} // namespace tutti::engine
