// The JSON Schema subset used for flow inputs: type, required, properties, additionalProperties,
// items, enum, const, minimum, maximum, minLength, maxLength, pattern, minItems, maxItems.
#pragma once

#include <engine/core/json.h>
#include <engine/core/result.h>

namespace tutti::engine {

// Every violation, each with `path` set to the JSON pointer of the offending value.
Errors validateJson(const Json &value, const Json &schema);
// Problems in the schema itself (unknown keywords, wrong types), with pointers into it.
Errors checkSchema(const Json &schema);

} // namespace tutti::engine
