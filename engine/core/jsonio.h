// The one way JSON text comes in and goes out: bounded parsing (size, depth, number overflow as
// located errors, never exceptions) and dumping that never throws on bytes that are not UTF-8.
#pragma once

#include <engine/core/json.h>
#include <engine/core/result.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace tutti::engine {

// What parseJson() accepts. The defaults fit run input and HTTP bodies: 16 MiB (the mock
// server's and the transports' body limit) and 256 levels of nesting — far more than any real
// document, and shallow enough that every recursive walk over a parsed value (dump, copy,
// comparison, templates, matchers, redaction) stays far from the stack's end.
struct JsonLimits {
    std::size_t maxBytes = 16u << 20;
    int maxDepth = 256; // the top-level array or object is level 1
};

// Parses one JSON document. Errors carry line and column (from nlohmann's byte offset) and no
// file, which the caller fills in:
// - ErrorCode::Syntax: malformed text; a number too large for a double ("1e999999");
// - ErrorCode::Limit: more than maxBytes, or nesting deeper than maxDepth.
// Objects are built in linear time (duplicate keys: the last value wins, at the first key's place,
// as nlohmann does). The message has no "[json.exception…]" prefix.
Result<Json> parseJson(std::string_view text, const JsonLimits &limits = {});
// "line 1, column 7: syntax error …": a parseJson() error for messages that name no file (a
// body, an argument of json()).
std::string jsonErrorText(const Error &error);

// Serializes like Json::dump(indent) — same bytes for valid documents — but never throws: text
// that is not UTF-8 is replaced with U+FFFD, and values of any depth are written without
// recursion (values deeper than anything parseJson returns can still be built at run time).
std::string dumpJson(const Json &value, int indent = -1);

// The nesting depth of a value (scalars 0, [] and {} 1), without recursion; stops counting once
// past `stopAt`.
int jsonDepth(const Json &value, int stopAt = 1 << 30);

// UTF-8 checks for text that must be read as text (paths, headers, template output).
bool isValidUtf8(std::string_view text);
// `text` with every invalid sequence replaced by U+FFFD, for printing to people.
std::string toValidUtf8(std::string_view text);

// Builds a JSON object member by member in O(1) per member: ordered_json's operator[] and
// contains() search the members linearly, which makes loading a 100,000-key mapping quadratic.
// Keeps a hash index once the object is large enough to need one.
class JsonObjectBuilder {
public:
    explicit JsonObjectBuilder(Json &object); // `object` becomes an (empty or kept) object
    ~JsonObjectBuilder();
    JsonObjectBuilder(JsonObjectBuilder &&) noexcept;
    JsonObjectBuilder &operator=(JsonObjectBuilder &&) noexcept;

    // The value slot of `key` (null when new) and whether it was new. The pointer stays valid
    // until the next insert() on this builder.
    std::pair<Json *, bool> insert(std::string key);

private:
    struct Index;
    Json::object_t *m_members;
    std::unique_ptr<Index> m_index;
};

} // namespace tutti::engine
