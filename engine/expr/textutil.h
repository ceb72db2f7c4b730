// Small helpers shared by the expression parser, evaluator and functions: locations inside
// expression text, value descriptions for messages, rendering and equality
// (truthiness is public: expression.h).
#pragma once

#include <engine/core/json.h>
#include <engine/core/result.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tutti::engine::expr::internal {

// The location of byte `offset` of `text`, which starts at `where`. A column of 0 counts as 1
// so offsets are still meaningful when the caller knows no position; line 0 stays 0.
SourceLocation advance(const SourceLocation &where, std::string_view text, std::size_t offset);

// advance() for offsets that only grow, in one pass over the text: advance() looks back from the
// offset to the start each time, which made a template with 100,000 parts quadratic to load.
class Advancer {
public:
    Advancer(const SourceLocation &where, std::string_view text)
        : m_where(where)
        , m_text(text)
    {
    }
    SourceLocation at(std::size_t offset);

private:
    const SourceLocation &m_where;
    std::string_view m_text;
    std::size_t m_pos = 0;                              // scanned up to here
    std::size_t m_newlines = 0;                         // in [0, m_pos)
    std::size_t m_lastNewline = std::string_view::npos; // in [0, m_pos)
};

// "number 5", "string 'abc'", "array", "null": what messages say about a value.
std::string describe(const Json &value);

// Text form of a value inside a larger string: strings as-is, null as "", others compact JSON.
void appendRendered(const Json &value, std::string &out);
std::string toCompactJson(const Json &value);

// Deep JSON equality: numbers compare numerically (1 == 1.0), object key order is ignored.
bool deepEqual(const Json &a, const Json &b);
// Signed 64-bit view of an integral JSON number (false for doubles and huge unsigned values).
bool asInt(const Json &value, std::int64_t &out);

} // namespace tutti::engine::expr::internal
