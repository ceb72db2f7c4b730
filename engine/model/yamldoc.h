// YAML files read into JSON with the position of every node, so every later error
// (schema, validation, expressions) can say FILE:LINE:COL. Enforces SPEC §3 limits.
#pragma once

#include <engine/core/json.h>
#include <engine/core/jsonnames.h> // pointerToken(): how readers of a document build pointers
#include <engine/core/result.h>
#include <engine/core/text.h> // closestMatch(): the "did you mean …?" of every file reader

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tutti::engine {

struct YamlLimits {
    std::size_t maxBytes = 4u << 20;  // files over 4 MiB are refused
    int maxDepth = 64;                // nesting deeper than this is refused
    std::size_t maxNodes = 1'000'000; // after alias expansion ("billion laughs")
};

// Where a node starts in its document (1-based; 0 when unknown). The file is the document's,
// held once: a 10,000-step flow has ~300,000 of these.
struct YamlPosition {
    int line = 0;
    int column = 0;
};

struct YamlDocument {
    Json root;
    // JSON pointer ("/steps/0/request/body") -> where that node starts. For mapping entries the
    // key's position is stored under the pointer with a trailing "#key" ("/steps/0/typ#key").
    std::unordered_map<std::string, YamlPosition> locations;
    std::string file;

    // The node's location, else the nearest ancestor's; file-only when nothing is known.
    SourceLocation locate(const std::string &pointer) const;
    SourceLocation locateKey(const std::string &pointer) const;
};

// Plain scalars follow the YAML 1.2 core schema (null, true/false, ints, floats); quoted scalars
// are strings. Duplicate keys, non-scalar keys and over-limit documents are errors.
Result<YamlDocument> parseYaml(std::string_view text, const std::string &fileName,
                               const YamlLimits &limits = {});
Result<YamlDocument> loadYamlFile(const std::string &path, const YamlLimits &limits = {});

// How a wrong value read from YAML is shown in a message: 'fast' (cut after 37 characters), 12,
// true, a mapping, a list, nothing (null: the key was left empty).
std::string describeYamlValue(const Json &value);

// How toYaml() lays out a block sequence under a mapping key: at the key's column
// ("steps:\n- id: a", the default) or two columns further in ("steps:\n  - id: a"), as most
// hand-written files do (document/yamlpatch.h follows the file it edits).
struct YamlStyle {
    bool indentSequences = false;
};

// Emits JSON as readable block YAML (used for saving flows edited in the studio).
std::string toYaml(const Json &value, const YamlStyle &style = {});
// The value as one line of flow-style YAML, nested as deep as it goes: { a: 1, b: [x, "y, z"] }.
std::string toFlowYaml(const Json &value);
// A scalar as toYaml() writes it: a string plain where that reads back as the same string, else
// double-quoted; `inFlow` also quotes strings holding , [ ] { } (they end a plain scalar inside
// { } and [ ]). Numbers, booleans and null as JSON writes them.
std::string yamlScalar(const Json &value, bool inFlow = false);

} // namespace tutti::engine
