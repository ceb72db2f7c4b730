// Partial JSON matching with operators (see valuematcher.h for the rules).
#include <mocks/valuematcher.h>

#include <engine/core/jsonio.h>
#include <engine/model/yamldoc.h>

#include <charconv>
#include <cmath>

namespace tutti::mocks {

using engine::Json;

namespace {

std::optional<double> asNumber(const Json &value)
{
    if (value.is_number())
        return value.get<double>();
    if (value.is_string()) {
        const std::string &s = value.get_ref<const std::string &>();
        double out = 0;
        auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
        if (ec == std::errc() && p == s.data() + s.size() && !s.empty())
            return out;
    }
    return std::nullopt;
}

std::string asText(const Json &value)
{
    if (value.is_string())
        return value.get<std::string>();
    return engine::dumpJson(value);
}

} // namespace

const std::vector<std::string> &ValueMatcher::operatorNames()
{
    static const std::vector<std::string> names{"eq",  "gt",    "lt",     "gte",
                                                "lte", "regex", "exists", "in"};
    return names;
}

engine::Result<ValueMatcher> ValueMatcher::compile(const Json &pattern, const Locate &locate,
                                                   const std::string &pointer)
{
    ValueMatcher m;
    if (pattern.is_object() && !pattern.empty()) {
        const auto &ops = operatorNames();
        bool allOps = true;
        for (auto it = pattern.begin(); it != pattern.end(); ++it)
            allOps = allOps && std::find(ops.begin(), ops.end(), it.key()) != ops.end();
        if (allOps) {
            m.m_kind = Kind::Operators;
            for (auto it = pattern.begin(); it != pattern.end(); ++it) {
                const std::string &key = it.key();
                const std::string where = pointer + "/" + engine::pointerToken(key);
                const Json &operand = it.value();
                Check check{Op::Eq, operand, {}};
                if (key == "eq") {
                    check.op = Op::Eq;
                } else if (key == "gt" || key == "lt" || key == "gte" || key == "lte") {
                    check.op = key == "gt"    ? Op::Gt
                               : key == "lt"  ? Op::Lt
                               : key == "gte" ? Op::Gte
                                              : Op::Lte;
                    if (!operand.is_number() && !operand.is_string())
                        return engine::fail(engine::ErrorCode::Schema,
                                            "'" + key + "' expects a number or a string",
                                            locate(where), where);
                } else if (key == "regex") {
                    check.op = Op::Regex;
                    if (!operand.is_string())
                        return engine::fail(engine::ErrorCode::Schema, "'regex' expects a string",
                                            locate(where), where);
                    auto re = engine::Regex::compile(operand.get_ref<const std::string &>());
                    if (!re)
                        return engine::fail(engine::ErrorCode::Schema, re.error().message,
                                            locate(where), where);
                    check.regex = std::move(*re);
                } else if (key == "exists") {
                    check.op = Op::Exists;
                    if (!operand.is_boolean())
                        return engine::fail(engine::ErrorCode::Schema,
                                            "'exists' expects true or false", locate(where), where);
                } else {
                    check.op = Op::In;
                    if (!operand.is_array())
                        return engine::fail(engine::ErrorCode::Schema,
                                            "'in' expects a list of values", locate(where), where);
                }
                m.m_checks.push_back(std::move(check));
            }
            return m;
        }
        m.m_kind = Kind::Fields;
        for (auto it = pattern.begin(); it != pattern.end(); ++it) {
            auto sub = compile(it.value(), locate, pointer + "/" + engine::pointerToken(it.key()));
            if (!sub)
                return std::unexpected(sub.error());
            m.m_fields.emplace_back(it.key(), std::move(*sub));
        }
        return m;
    }
    if (pattern.is_array()) {
        m.m_kind = Kind::Items;
        for (std::size_t i = 0; i < pattern.size(); ++i) {
            auto sub = compile(pattern[i], locate, pointer + "/" + std::to_string(i));
            if (!sub)
                return std::unexpected(sub.error());
            m.m_items.push_back(std::move(*sub));
        }
        return m;
    }
    m.m_kind = Kind::Literal;
    m.m_literal = pattern;
    return m;
}

bool ValueMatcher::equal(const Json &literal, const Json &actual)
{
    if (literal.is_number()) {
        const auto a = asNumber(actual);
        return a && *a == literal.get<double>();
    }
    if (literal.is_boolean() && actual.is_string())
        return actual.get_ref<const std::string &>() == (literal.get<bool>() ? "true" : "false");
    if (literal.is_null() && actual.is_string())
        return actual.get_ref<const std::string &>().empty();
    if (literal.is_string() && actual.is_number()) {
        const auto l = asNumber(literal);
        return l && *l == actual.get<double>();
    }
    return literal == actual;
}

bool ValueMatcher::compare(Op op, const Json &operand, const Json &actual)
{
    int order = 0;
    if (operand.is_number()) {
        const auto a = asNumber(actual);
        if (!a)
            return false;
        const double o = operand.get<double>();
        order = *a < o ? -1 : *a > o ? 1 : 0;
    } else {
        if (!actual.is_string())
            return false;
        const int c =
            actual.get_ref<const std::string &>().compare(operand.get_ref<const std::string &>());
        order = c < 0 ? -1 : c > 0 ? 1 : 0;
    }
    switch (op) {
    case Op::Gt:
        return order > 0;
    case Op::Lt:
        return order < 0;
    case Op::Gte:
        return order >= 0;
    case Op::Lte:
        return order <= 0;
    default:
        return false;
    }
}

bool ValueMatcher::matches(const Json *actual) const
{
    switch (m_kind) {
    case Kind::Literal:
        return actual && equal(m_literal, *actual);
    case Kind::Fields:
        if (!actual || !actual->is_object())
            return false;
        for (const auto &[key, sub] : m_fields) {
            auto it = actual->find(key);
            if (!sub.matches(it == actual->end() ? nullptr : &*it))
                return false;
        }
        return true;
    case Kind::Items:
        if (!actual || !actual->is_array() || actual->size() != m_items.size())
            return false;
        for (std::size_t i = 0; i < m_items.size(); ++i)
            if (!m_items[i].matches(&(*actual)[i]))
                return false;
        return true;
    case Kind::Operators:
        for (const Check &check : m_checks) {
            if (check.op == Op::Exists) {
                if ((actual != nullptr) != check.operand.get<bool>())
                    return false;
                continue;
            }
            if (!actual)
                return false;
            switch (check.op) {
            case Op::Eq:
                if (!equal(check.operand, *actual))
                    return false;
                break;
            case Op::Regex: {
                if (actual->is_object() || actual->is_array())
                    return false;
                const bool found = actual->is_string()
                                       ? check.regex.search(actual->get_ref<const std::string &>())
                                       : check.regex.search(asText(*actual));
                if (!found)
                    return false;
                break;
            }
            case Op::In: {
                bool any = false;
                for (const Json &candidate : check.operand)
                    any = any || equal(candidate, *actual);
                if (!any)
                    return false;
                break;
            }
            default:
                if (!compare(check.op, check.operand, *actual))
                    return false;
            }
        }
        return true;
    }
    return false;
}

} // namespace tutti::mocks
