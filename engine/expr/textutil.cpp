// Helpers for messages, rendering and comparisons in the expression language.
#include <engine/expr/textutil.h>

#include <engine/core/jsonio.h>
#include <engine/core/jsonnames.h>
#include <engine/expr/expression.h>

#include <algorithm>
#include <limits>

namespace tutti::engine::expr::internal {

SourceLocation advance(const SourceLocation &where, std::string_view text, std::size_t offset)
{
    SourceLocation at = where;
    offset = std::min(offset, text.size());
    const std::string_view before = text.substr(0, offset);
    const std::size_t lastNewline = before.rfind('\n');
    if (lastNewline == std::string_view::npos) {
        at.column = (where.column > 0 ? where.column : 1) + static_cast<int>(offset);
        return at;
    }
    // A multi-line template: the indentation of the following lines is unknown here, so the
    // column counts from the start of the line inside the text.
    if (at.line > 0)
        at.line += static_cast<int>(std::count(before.begin(), before.end(), '\n'));
    at.column = static_cast<int>(offset - lastNewline);
    return at;
}

SourceLocation Advancer::at(std::size_t offset)
{
    offset = std::min(offset, m_text.size());
    if (offset < m_pos)
        return advance(m_where, m_text, offset); // went back: rare, and only for errors
    for (; m_pos < offset; ++m_pos) {
        if (m_text[m_pos] == '\n') {
            ++m_newlines;
            m_lastNewline = m_pos;
        }
    }
    SourceLocation at = m_where;
    if (m_lastNewline == std::string_view::npos) {
        at.column = (m_where.column > 0 ? m_where.column : 1) + static_cast<int>(offset);
        return at;
    }
    if (at.line > 0)
        at.line += static_cast<int>(m_newlines);
    at.column = static_cast<int>(offset - m_lastNewline);
    return at;
}

std::string describe(const Json &value)
{
    if (value.is_null())
        return "null";
    if (value.is_array() || value.is_object())
        return jsonTypeName(value);
    if (value.is_string()) {
        const std::string &s = value.get_ref<const std::string &>();
        if (s.size() > 40)
            return "string '" + s.substr(0, 37) + "...'";
        return "string '" + s + "'";
    }
    return std::string(jsonTypeName(value)) + ' ' + toCompactJson(value);
}

std::string toCompactJson(const Json &value)
{
    return dumpJson(value);
}

void appendRendered(const Json &value, std::string &out)
{
    if (value.is_string())
        out += value.get_ref<const std::string &>();
    else if (!value.is_null())
        out += toCompactJson(value);
}

bool asInt(const Json &value, std::int64_t &out)
{
    if (value.is_number_unsigned()) {
        const auto u = value.get<std::uint64_t>();
        if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            return false;
        out = static_cast<std::int64_t>(u);
        return true;
    }
    if (value.is_number_integer()) {
        out = value.get<std::int64_t>();
        return true;
    }
    return false;
}

bool deepEqual(const Json &a, const Json &b)
{
    if (a.is_number() && b.is_number()) {
        std::int64_t x = 0, y = 0;
        if (asInt(a, x) && asInt(b, y))
            return x == y;
        return a.get<double>() == b.get<double>();
    }
    if (a.type() != b.type())
        return false;
    switch (a.type()) {
    case Json::value_t::array: {
        if (a.size() != b.size())
            return false;
        for (std::size_t i = 0; i < a.size(); ++i) {
            if (!deepEqual(a[i], b[i]))
                return false;
        }
        return true;
    }
    case Json::value_t::object: {
        if (a.size() != b.size())
            return false;
        for (auto it = a.begin(); it != a.end(); ++it) {
            const auto other = b.find(it.key());
            if (other == b.end() || !deepEqual(it.value(), *other))
                return false;
        }
        return true;
    }
    default:
        return a == b;
    }
}

} // namespace tutti::engine::expr::internal

namespace tutti::engine::expr {

bool truthy(const Json &value)
{
    switch (value.type()) {
    case Json::value_t::null:
        return false;
    case Json::value_t::boolean:
        return value.get<bool>();
    case Json::value_t::number_integer:
        return value.get<std::int64_t>() != 0;
    case Json::value_t::number_unsigned:
        return value.get<std::uint64_t>() != 0;
    case Json::value_t::number_float:
        return value.get<double>() != 0.0;
    case Json::value_t::string:
        return !value.get_ref<const std::string &>().empty();
    case Json::value_t::array:
    case Json::value_t::object:
        return !value.empty();
    default:
        return true;
    }
}

} // namespace tutti::engine::expr
