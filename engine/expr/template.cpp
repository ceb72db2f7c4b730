// Template: literal text with {{ expr }} parts. "\{{" writes a literal "{{". A template that is
// exactly one {{ expr }} (surrounding whitespace allowed) evaluates to the expression's JSON value.
#include <engine/expr/evaluator.h>
#include <engine/expr/expression.h>
#include <engine/expr/textutil.h>

#include <algorithm>

namespace tutti::engine::expr {

namespace {

bool isBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool isAllBlank(std::string_view s)
{
    return std::all_of(s.begin(), s.end(), isBlank);
}

// The offset of the "}}" closing the {{ at `open`, skipping quoted strings and nested object
// literal braces; npos when there is none.
std::size_t findClose(std::string_view text, std::size_t open)
{
    int depth = 0;
    std::size_t i = open + 2;
    while (i < text.size()) {
        const char c = text[i];
        if (c == '\'' || c == '"') {
            std::size_t j = i + 1;
            while (j < text.size() && text[j] != c)
                j += text[j] == '\\' ? 2 : 1;
            if (j >= text.size())
                return std::string_view::npos;
            i = j + 1;
            continue;
        }
        if (c == '{') {
            ++depth;
        } else if (c == '}') {
            if (depth == 0 && i + 1 < text.size() && text[i + 1] == '}')
                return i;
            if (depth > 0)
                --depth;
        }
        ++i;
    }
    return std::string_view::npos;
}

} // namespace

Result<Template> Template::parse(std::string_view text, SourceLocation where)
{
    Template t;
    t.m_source = std::string(text);
    t.m_location = where;
    if (text.find("{{") == std::string_view::npos) {
        // Most strings in a flow hold no expression at all.
        if (!text.empty())
            t.m_parts.push_back(Part{std::string(text), std::nullopt});
        return t;
    }
    std::string literal;
    bool escaped = false;
    int expressions = 0;
    std::size_t i = 0;
    internal::Advancer position(where, text);
    while (i < text.size()) {
        if (text[i] == '\\' && text.substr(i + 1, 2) == "{{") {
            literal += "{{";
            escaped = true;
            i += 3;
            continue;
        }
        if (text.substr(i, 2) != "{{") {
            literal += text[i++];
            continue;
        }
        const std::size_t close = findClose(text, i);
        if (close == std::string_view::npos)
            return fail(ErrorCode::Syntax, "'{{' without a closing '}}'", position.at(i),
                        std::string(text));
        std::size_t begin = i + 2;
        std::size_t end = close;
        while (begin < end && isBlank(text[begin]))
            ++begin;
        while (end > begin && isBlank(text[end - 1]))
            --end;
        if (begin == end)
            return fail(ErrorCode::Syntax, "empty '{{ }}'", position.at(i), std::string(text));
        auto expression = Expression::parse(text.substr(begin, end - begin), position.at(begin));
        if (!expression)
            return std::unexpected(std::move(expression.error()));
        if (!literal.empty())
            t.m_parts.push_back(Part{std::move(literal), std::nullopt});
        literal.clear();
        t.m_parts.push_back(Part{{}, std::move(*expression)});
        ++expressions;
        i = close + 2;
    }
    if (!literal.empty())
        t.m_parts.push_back(Part{std::move(literal), std::nullopt});

    if (expressions == 1 && !escaped) {
        const bool onlyBlankAround =
            std::all_of(t.m_parts.begin(), t.m_parts.end(),
                        [](const Part &p) { return p.expression || isAllBlank(p.literal); });
        if (onlyBlankAround) {
            std::erase_if(t.m_parts, [](const Part &p) { return !p.expression; });
            t.m_single = true;
        }
    }
    return t;
}

Result<Template> Template::parseBareExpression(std::string_view text, SourceLocation where)
{
    std::size_t begin = 0;
    while (begin < text.size() && isBlank(text[begin]))
        ++begin;
    std::size_t end = text.size();
    while (end > begin && isBlank(text[end - 1]))
        --end;
    const std::string_view body = text.substr(begin, end - begin);
    if (body.starts_with("{{")) {
        auto t = parse(text, where);
        if (!t)
            return t;
        if (!t->m_single)
            return fail(ErrorCode::Syntax, "expected one expression, not a text template",
                        internal::advance(where, text, begin), std::string(text));
        return t;
    }
    if (body.empty())
        return fail(ErrorCode::Syntax, "empty expression", internal::advance(where, text, 0),
                    std::string(text));
    auto expression = Expression::parse(body, internal::advance(where, text, begin));
    if (!expression)
        return std::unexpected(std::move(expression.error()));
    Template t;
    t.m_source = std::string(text);
    t.m_location = std::move(where);
    t.m_parts.push_back(Part{{}, std::move(*expression)});
    t.m_single = true;
    return t;
}

Result<Json> Template::evaluate(EvalContext &context) const
{
    if (m_single)
        return m_parts.front().expression->evaluate(context);
    if (m_parts.empty())
        return Json(std::string());
    if (m_parts.size() == 1 && !m_parts.front().expression)
        return Json(m_parts.front().literal);
    auto text = evaluateString(context);
    if (!text)
        return std::unexpected(std::move(text.error()));
    return Json(std::move(*text));
}

Result<std::string> Template::evaluateString(EvalContext &context) const
{
    std::string out;
    for (const Part &part : m_parts) {
        if (!part.expression) {
            out += part.literal;
            continue;
        }
        auto ok = internal::evaluateInto(*part.expression, context, out);
        if (!ok)
            return std::unexpected(std::move(ok.error()));
    }
    return out;
}

Result<std::string> Template::evaluateString(EvalContext &context, const Insert &insert) const
{
    std::string out;
    std::string text;
    for (const Part &part : m_parts) {
        if (!part.expression) {
            out += part.literal;
            continue;
        }
        text.clear();
        auto ok = internal::evaluateInto(*part.expression, context, text);
        if (!ok)
            return std::unexpected(std::move(ok.error()));
        insert(text, out);
    }
    return out;
}

std::vector<std::string> Template::referenced(Reference what) const
{
    UniqueNames out;
    addReferenced(what, out);
    return out.take();
}

void Template::addReferenced(Reference what, UniqueNames &out) const
{
    for (const Part &part : m_parts)
        if (part.expression)
            part.expression->addReferenced(what, out);
}

} // namespace tutti::engine::expr
