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

} // namespace tutti::engine
