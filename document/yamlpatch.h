// Format-preserving YAML edits: the text of a file rewritten from one JSON value to another by
// changing only the lines of what differs, so comments, blank lines, key order and compact
// `{ … }` mappings elsewhere survive an edit made on the canvas, in the inspector or in a form.
// Generic (flows, mocks, profiles alike); the studio's documents keep their text with it.
#pragma once

#include <engine/core/json.h>
#include <engine/core/result.h>

#include <string>
#include <string_view>

namespace tutti::engine {

// `text` is YAML whose parse (engine/model/yamldoc.h) is `before`; returns YAML whose parse is
// `after`, made by surgical edits of `text`: scalars replaced in place (in their quoting style),
// a changed entry's block rewritten, new keys and list items inserted at the indentation (block or
// flow style) of the collection they join, removed entries taken out with their lines. List items
// that are mappings with unique `id`s are matched by id (a moved item keeps its text), others by
// equality and position. What cannot be done surgically (anchors, aliases, tags, several
// documents, text that does not hold `before`, over-limit input) is an error, and so is a result
// that would not read back as exactly `after`: callers then write the canonical toYaml(after).
Result<std::string> patchYaml(std::string_view text, const Json &before, const Json &after);

} // namespace tutti::engine
