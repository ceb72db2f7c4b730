// How JSON things are named in messages and locations: the type names of JSON Schema, and the
// escaping of one JSON-pointer token (RFC 6901). One place, so a schema error, an expression
// error and a YAML location spell a type and a key the same way.
#pragma once

#include <engine/core/json.h>

#include <string>
#include <string_view>

namespace tutti::engine {

// "null", "boolean", "number", "string", "array" or "object" — every number is "number".
const char *jsonTypeName(const Json &value);
// JSON Schema's `type` of a value as it is stored: as jsonTypeName(), but a number stored as an
// integer is "integer" (whether 2.0 also counts as an integer is the schema checker's decision).
const char *jsonSchemaTypeName(const Json &value);

// One reference token of a JSON pointer: "~" as "~0" and "/" as "~1" ("a/b~c" -> "a~1b~0c").
std::string pointerToken(std::string_view key);
// Same, appended to `out` (a pointer being built), without a copy when nothing needs escaping.
void appendPointerToken(std::string &out, std::string_view key);

} // namespace tutti::engine
