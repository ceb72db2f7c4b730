// Translates the expression tree (engine/expr/ast.h) into JSONPath + intrinsics or JSONata.
#include <engine/export/aslexpression.h>

#include <engine/expr/ast.h>
#include <engine/expr/functions.h>

#include <vector>

namespace tutti::engine::asl {

using expr::internal::Node;
using expr::internal::NodeKind;
using expr::internal::Op;

namespace {

bool isIdentifier(const std::string &name)
{
    if (name.empty() || (name[0] >= '0' && name[0] <= '9'))
        return false;
    for (char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_'))
            return false;
    return true;
}

std::string pathMember(const std::string &name)
{
    if (isIdentifier(name))
        return "." + name;
    std::string quoted;
    for (char c : name) {
        if (c == '\'' || c == '\\')
            quoted += '\\';
        quoted += c;
    }
    return "['" + quoted + "']";
}

std::string jsonataMember(const std::string &name)
{
    if (isIdentifier(name))
        return "." + name;
    std::string quoted;
    for (char c : name) {
        if (c == '`')
            return {}; // cannot be quoted in JSONata
        quoted += c;
    }
    return ".`" + quoted + "`";
}

// "States.Format" text escapes: ' { } \ are preceded by a backslash.
std::string formatLiteral(const std::string &text)
{
    std::string out;
    for (char c : text) {
        if (c == '\'' || c == '{' || c == '}' || c == '\\')
            out += '\\';
        out += c;
    }
    return out;
}

// How Tutti renders a value inside a string (SPEC §3): strings as-is, null as "", else JSON.
std::string rendered(const Json &v)
{
    if (v.is_string())
        return v.get<std::string>();
    if (v.is_null())
        return {};
    return v.dump();
}

std::string functionName(const Node &n)
{
    const auto &table = expr::internal::functionTable();
    if (n.function < 0 || static_cast<std::size_t>(n.function) >= table.size())
        return n.name;
    return std::string(table[static_cast<std::size_t>(n.function)].name);
}

PathValue constant(Json v)
{
    PathValue out;
    out.constant = std::move(v);
    return out;
}
PathValue path(std::string text)
{
    PathValue out;
    out.kind = PathValue::Kind::Path;
    out.text = std::move(text);
    return out;
}
PathValue intrinsic(std::string text)
{
    PathValue out;
    out.kind = PathValue::Kind::Intrinsic;
    out.text = std::move(text);
    return out;
}

// ---- JSONPath -------------------------------------------------------------------------------

class PathTranslator {
public:
    explicit PathTranslator(const Scope &scope)
        : m_scope(scope)
    {
    }

    std::expected<PathValue, Unmapped> operator()(const Node &n) const
    {
        switch (n.kind) {
        case NodeKind::Literal:
            return constant(n.value);
        case NodeKind::Array: {
            std::vector<PathValue> items;
            bool allConstant = true;
            for (const Node &c : n.children) {
                auto v = (*this)(c);
                if (!v)
                    return v;
                allConstant = allConstant && !v->dynamic();
                items.push_back(std::move(*v));
            }
            if (allConstant) {
                Json out = Json::array();
                for (PathValue &v : items)
                    out.push_back(std::move(v.constant));
                return constant(std::move(out));
            }
            return call("States.Array", items);
        }
        case NodeKind::Object: {
            Json out = Json::object();
            for (std::size_t i = 0; i < n.children.size(); ++i) {
                auto v = (*this)(n.children[i]);
                if (!v)
                    return v;
                if (v->dynamic())
                    return std::unexpected(Unmapped("an object literal with computed values"));
                out[n.keys[i]] = std::move(v->constant);
            }
            return constant(std::move(out));
        }
        case NodeKind::Root:
            return root(n.name);
        case NodeKind::Step:
            return path("$.steps" + pathMember(n.name));
        case NodeKind::Secret:
            return std::unexpected(
                Unmapped("secret." + n.name + " (secrets travel in the EventBridge connection)"));
        case NodeKind::Member:
            return member(n.children[0], n.name);
        case NodeKind::Index: {
            const Node &key = n.children[1];
            if (key.kind == NodeKind::Literal && key.value.is_string())
                return member(n.children[0], key.value.get<std::string>());
            if (key.kind == NodeKind::Literal && key.value.is_number_integer() &&
                key.value.get<std::int64_t>() >= 0) {
                auto base = (*this)(n.children[0]);
                if (!base)
                    return base;
                if (base->kind == PathValue::Kind::Path)
                    return path(base->text + "[" + std::to_string(key.value.get<std::int64_t>()) +
                                "]");
                if (base->kind == PathValue::Kind::Constant && base->constant.is_array()) {
                    const auto i = static_cast<std::size_t>(key.value.get<std::int64_t>());
                    return constant(i < base->constant.size() ? base->constant[i] : Json());
                }
                return call("States.ArrayGetItem", {*base, constant(key.value)});
            }
            return std::unexpected(Unmapped("a computed index"));
        }
        case NodeKind::Call:
            return function(n);
        case NodeKind::Binary:
            if (n.op == Op::Add || n.op == Op::Sub) {
                auto a = (*this)(n.children[0]);
                if (!a)
                    return a;
                auto b = (*this)(n.children[1]);
                if (!b)
                    return b;
                // States.MathAdd adds integers; a literal integer on one side says the other is
                // a number, so `+` is addition, not string concatenation.
                auto isInt = [](const PathValue &v) {
                    return !v.dynamic() && v.constant.is_number_integer();
                };
                if (isInt(*b) && a->dynamic()) {
                    std::int64_t k = b->constant.get<std::int64_t>();
                    return call("States.MathAdd", {*a, constant(n.op == Op::Sub ? -k : k)});
                }
                if (isInt(*a) && b->dynamic() && n.op == Op::Add)
                    return call("States.MathAdd", {*b, *a});
            }
            return std::unexpected(
                Unmapped(std::string("operator `") + expr::internal::spelling(n.op) + "`"));
        case NodeKind::Unary:
            return std::unexpected(
                Unmapped(std::string("operator `") + expr::internal::spelling(n.op) + "`"));
        case NodeKind::Conditional:
            return std::unexpected(Unmapped("operator `?:`"));
        }
        return std::unexpected(Unmapped("this expression"));
    }

    std::expected<PathValue, Unmapped> call(const std::string &fn,
                                            const std::vector<PathValue> &args) const
    {
        std::string text = fn + "(";
        for (std::size_t i = 0; i < args.size(); ++i) {
            auto a = intrinsicArgument(args[i]);
            if (!a)
                return std::unexpected(a.error());
            text += (i ? ", " : "") + *a;
        }
        return intrinsic(text + ")");
    }

private:
    std::expected<PathValue, Unmapped> root(const std::string &name) const
    {
        if (auto it = m_scope.roots.find(name); it != m_scope.roots.end())
            return path("$" + pathMember(it->second));
        if (name == "env")
            return constant(m_scope.env);
        if (name == "run")
            return constant(Json::object()); // members resolved in member()
        return std::unexpected(Unmapped("`" + name + "` (not available here)"));
    }

    std::expected<PathValue, Unmapped> member(const Node &base, const std::string &name) const
    {
        if (base.kind == NodeKind::Root && base.name == "run") {
            if (name == "id")
                return path("$$.Execution.Name");
            return std::unexpected(Unmapped("run." + name));
        }
        if (base.kind == NodeKind::Root && base.name == "error" &&
            m_scope.roots.contains("error")) {
            // ASL's error output is {Error, Cause}; Tutti's `type` and `message` are those.
            if (name == "type")
                return path("$" + pathMember(m_scope.roots.at("error")) + ".Error");
            if (name == "message")
                return path("$" + pathMember(m_scope.roots.at("error")) + ".Cause");
            return std::unexpected(
                Unmapped("error." + name + " (ASL errors carry Error and Cause)"));
        }
        auto b = (*this)(base);
        if (!b)
            return b;
        if (b->kind == PathValue::Kind::Path)
            return path(b->text + pathMember(name));
        if (b->kind == PathValue::Kind::Constant) {
            if (b->constant.is_object() && b->constant.contains(name))
                return constant(b->constant[name]);
            return std::unexpected(Unmapped("`" + name + "` is not set in the environment"));
        }
        return std::unexpected(Unmapped("a member of a computed value"));
    }

    std::expected<PathValue, Unmapped> function(const Node &n) const
    {
        struct Map {
            const char *tutti;
            const char *intrinsic;
        };
        static const Map table[] = {
            {"len", "States.ArrayLength"},       {"json", "States.StringToJson"},
            {"toJson", "States.JsonToString"},   {"base64", "States.Base64Encode"},
            {"unbase64", "States.Base64Decode"}, {"uuid", "States.UUID"},
            {"split", "States.StringSplit"},     {"contains", "States.ArrayContains"},
        };
        const std::string name = functionName(n);
        std::vector<PathValue> args;
        for (const Node &c : n.children) {
            auto v = (*this)(c);
            if (!v)
                return v;
            args.push_back(std::move(*v));
        }
        if (name == "string" && args.size() == 1)
            return call("States.Format", {constant("{}"), args[0]});
        for (const Map &m : table)
            if (name == m.tutti)
                return call(m.intrinsic, args);
        return std::unexpected(Unmapped(name + "() (no intrinsic function)"));
    }

    const Scope &m_scope;
};

// ---- JSONata --------------------------------------------------------------------------------

class JsonataTranslator {
public:
    explicit JsonataTranslator(const Scope &scope)
        : m_scope(scope)
    {
    }

    std::expected<std::string, Unmapped> operator()(const Node &n) const
    {
        switch (n.kind) {
        case NodeKind::Literal:
            return n.value.dump();
        case NodeKind::Array: {
            std::string out = "[";
            for (std::size_t i = 0; i < n.children.size(); ++i) {
                auto v = (*this)(n.children[i]);
                if (!v)
                    return v;
                out += (i ? ", " : "") + *v;
            }
            return out + "]";
        }
        case NodeKind::Object: {
            std::string out = "{";
            for (std::size_t i = 0; i < n.children.size(); ++i) {
                auto v = (*this)(n.children[i]);
                if (!v)
                    return v;
                out += (i ? ", " : "") + jsonataString(n.keys[i]) + ": " + *v;
            }
            return out + "}";
        }
        case NodeKind::Root:
            if (auto it = m_scope.roots.find(n.name); it != m_scope.roots.end())
                return member("$states.input", it->second);
            if (n.name == "env")
                return "(" + m_scope.env.dump() + ")";
            return std::unexpected(Unmapped("`" + n.name + "` (not available here)"));
        case NodeKind::Step:
            return member("$states.input.steps", n.name);
        case NodeKind::Secret:
            return std::unexpected(
                Unmapped("secret." + n.name + " (secrets travel in the EventBridge connection)"));
        case NodeKind::Member:
            return memberOf(n.children[0], n.name);
        case NodeKind::Index: {
            const Node &key = n.children[1];
            if (key.kind == NodeKind::Literal && key.value.is_string())
                return memberOf(n.children[0], key.value.get<std::string>());
            auto base = (*this)(n.children[0]);
            if (!base)
                return base;
            auto k = (*this)(key);
            if (!k)
                return k;
            // A number picks an array item, a string a field: $lookup for strings.
            return "(function($b, $k){ $type($k) = 'string' ? $lookup($b, $k) : $b[$k] })(" +
                   *base + ", " + *k + ")";
        }
        case NodeKind::Unary: {
            auto a = (*this)(n.children[0]);
            if (!a)
                return a;
            if (n.op == Op::Not)
                return "$not(" + truthy(*a) + ")";
            return "(-" + *a + ")";
        }
        case NodeKind::Binary:
            return binary(n);
        case NodeKind::Conditional: {
            auto c = (*this)(n.children[0]);
            auto a = (*this)(n.children[1]);
            auto b = (*this)(n.children[2]);
            if (!c)
                return c;
            if (!a)
                return a;
            if (!b)
                return b;
            return "(" + truthy(*c) + " ? " + *a + " : " + *b + ")";
        }
        case NodeKind::Call:
            return function(n);
        }
        return std::unexpected(Unmapped("this expression"));
    }

    // Tutti's truthiness (null, false, 0, "", [] and {} are false) as a JSONata boolean.
    static std::string truthy(const std::string &v)
    {
        return "(function($v){ $type($v) = 'object' ? $count($keys($v)) > 0 : "
               "$type($v) = 'array' ? $count($v) > 0 : $boolean($v) })(" +
               v + ")";
    }

private:
    std::expected<std::string, Unmapped> member(const std::string &base,
                                                const std::string &name) const
    {
        const std::string m = jsonataMember(name);
        if (m.empty())
            return std::unexpected(Unmapped("the name `" + name + "`"));
        return base + m;
    }

    std::expected<std::string, Unmapped> memberOf(const Node &base, const std::string &name) const
    {
        if (base.kind == NodeKind::Root && base.name == "run") {
            if (name == "id")
                return std::string("$states.context.Execution.Name");
            return std::unexpected(Unmapped("run." + name));
        }
        if (base.kind == NodeKind::Root && base.name == "error" &&
            m_scope.roots.contains("error")) {
            const std::string e = "$states.input" + jsonataMember(m_scope.roots.at("error"));
            if (name == "type")
                return e + ".Error";
            if (name == "message")
                return e + ".Cause";
            return std::unexpected(
                Unmapped("error." + name + " (ASL errors carry Error and Cause)"));
        }
        if (base.kind == NodeKind::Root && base.name == "env") {
            if (!m_scope.env.contains(name))
                return std::unexpected(Unmapped("`" + name + "` is not set in the environment"));
            return m_scope.env[name].dump();
        }
        auto b = (*this)(base);
        if (!b)
            return b;
        return member("(" + *b + ")", name);
    }

    std::expected<std::string, Unmapped> binary(const Node &n) const
    {
        auto a = (*this)(n.children[0]);
        if (!a)
            return a;
        auto b = (*this)(n.children[1]);
        if (!b)
            return b;
        switch (n.op) {
        case Op::And:
            return "(" + truthy(*a) + " and " + truthy(*b) + ")";
        case Op::Or:
            return "(" + truthy(*a) + " or " + truthy(*b) + ")";
        case Op::Equal:
            return "(" + *a + " = " + *b + ")";
        case Op::NotEqual:
            return "(" + *a + " != " + *b + ")";
        case Op::In:
            return "(" + *a + " in " + *b + ")";
        case Op::Add:
            // Tutti's + adds numbers and joins strings; JSONata spells the second `&`.
            return "(function($a, $b){ $type($a) = 'string' or $type($b) = 'string' ? "
                   "$string($a) & $string($b) : $a + $b })(" +
                   *a + ", " + *b + ")";
        default:
            return "(" + *a + " " + expr::internal::spelling(n.op) + " " + *b + ")";
        }
    }

    std::expected<std::string, Unmapped> function(const Node &n) const
    {
        const std::string name = functionName(n);
        std::vector<std::string> args;
        for (const Node &c : n.children) {
            auto v = (*this)(c);
            if (!v)
                return v;
            args.push_back(std::move(*v));
        }
        auto arg = [&](std::size_t i) { return i < args.size() ? args[i] : std::string("null"); };
        struct Simple {
            const char *tutti;
            const char *jsonata;
        };
        static const Simple simple[] = {
            {"lower", "$lowercase"},
            {"upper", "$uppercase"},
            {"trim", "$trim"},
            {"keys", "$keys"},
            {"sum", "$sum"},
            {"min", "$min"},
            {"max", "$max"},
            {"number", "$number"},
            {"join", "$join"},
            {"split", "$split"},
            {"base64", "$base64encode"},
            {"unbase64", "$base64decode"},
            {"uuid", "$uuid"},
            {"round", "$round"},
            {"json", "$parse"},
        };
        for (const Simple &s : simple)
            if (name == s.tutti) {
                std::string out = std::string(s.jsonata) + "(";
                for (std::size_t i = 0; i < args.size(); ++i)
                    out += (i ? ", " : "") + args[i];
                return out + ")";
            }
        if (name == "len")
            return "(function($v){ $type($v) = 'string' ? $length($v) : $type($v) = 'object' ? "
                   "$count($keys($v)) : $count($v) })(" +
                   arg(0) + ")";
        if (name == "contains")
            return "(function($h, $n){ $type($h) = 'string' ? $contains($h, $n) : $n in $h })(" +
                   arg(0) + ", " + arg(1) + ")";
        if (name == "startsWith")
            return "($substring(" + arg(0) + ", 0, $length(" + arg(1) + ")) = " + arg(1) + ")";
        if (name == "endsWith")
            return "($substring(" + arg(0) + ", $length(" + arg(0) + ") - $length(" + arg(1) +
                   ")) = " + arg(1) + ")";
        if (name == "values")
            return "(function($o){ $keys($o).$lookup($o, $) })(" + arg(0) + ")";
        if (name == "string")
            return "(function($v){ $type($v) = 'string' ? $v : $type($v) = 'null' ? '' : "
                   "$string($v) })(" +
                   arg(0) + ")";
        if (name == "toJson")
            return "$string(" + arg(0) + ")";
        if (name == "default")
            return "(function($v, $d){ $exists($v) and $type($v) != 'null' ? $v : $d })(" + arg(0) +
                   ", " + arg(1) + ")";
        if (name == "now")
            return std::string("$millis()");
        return std::unexpected(Unmapped(name + "() (no JSONata equivalent)"));
    }

    const Scope &m_scope;
};

// Choice rules: a comparison of a path with a literal, and And / Or / Not of such rules.
class RuleTranslator {
public:
    explicit RuleTranslator(const Scope &scope)
        : m_paths(scope)
    {
    }

    std::expected<Json, Unmapped> operator()(const Node &n) const
    {
        if (n.kind == NodeKind::Unary && n.op == Op::Not) {
            auto r = (*this)(n.children[0]);
            if (!r)
                return r;
            return Json{{"Not", std::move(*r)}};
        }
        if (n.kind == NodeKind::Binary && (n.op == Op::And || n.op == Op::Or)) {
            const char *key = n.op == Op::And ? "And" : "Or";
            Json all = Json::array();
            for (const Node &c : n.children) {
                auto r = (*this)(c);
                if (!r)
                    return r;
                if (r->is_object() && r->contains(key) && r->size() == 1)
                    for (Json &x : (*r)[key])
                        all.push_back(std::move(x));
                else
                    all.push_back(std::move(*r));
            }
            return Json{{key, std::move(all)}};
        }
        if (n.kind == NodeKind::Binary) {
            Op op = n.op;
            auto a = m_paths(n.children[0]);
            if (!a)
                return std::unexpected(a.error());
            auto b = m_paths(n.children[1]);
            if (!b)
                return std::unexpected(b.error());
            if (!a->dynamic() && b->dynamic()) { // literal first: turn it around
                std::swap(a, b);
                op = flipped(op);
            }
            if (a->kind != PathValue::Kind::Path || b->dynamic())
                return std::unexpected(
                    Unmapped("a comparison that is not of a path with a literal"));
            return compare(op, a->text, b->constant);
        }
        return std::unexpected(Unmapped("a condition that is not a comparison"));
    }

private:
    static Op flipped(Op op)
    {
        switch (op) {
        case Op::Less:
            return Op::Greater;
        case Op::LessEqual:
            return Op::GreaterEqual;
        case Op::Greater:
            return Op::Less;
        case Op::GreaterEqual:
            return Op::LessEqual;
        default:
            return op;
        }
    }

    static std::expected<Json, Unmapped> compare(Op op, const std::string &variable,
                                                 const Json &literal)
    {
        const bool negate = op == Op::NotEqual;
        std::string test;
        Json value = literal;
        if (literal.is_null() && (op == Op::Equal || op == Op::NotEqual)) {
            test = "IsNull";
            value = true;
        } else if (literal.is_boolean() && (op == Op::Equal || op == Op::NotEqual)) {
            test = "BooleanEquals";
        } else if (literal.is_string() || literal.is_number()) {
            const std::string kind = literal.is_string() ? "String" : "Numeric";
            switch (op) {
            case Op::Equal:
            case Op::NotEqual:
                test = kind + "Equals";
                break;
            case Op::Less:
                test = kind + "LessThan";
                break;
            case Op::LessEqual:
                test = kind + "LessThanEquals";
                break;
            case Op::Greater:
                test = kind + "GreaterThan";
                break;
            case Op::GreaterEqual:
                test = kind + "GreaterThanEquals";
                break;
            default:
                return std::unexpected(
                    Unmapped(std::string("operator `") + expr::internal::spelling(op) + "`"));
            }
        } else {
            return std::unexpected(Unmapped("a comparison with " + literal.dump()));
        }
        Json rule = Json::object();
        rule["Variable"] = variable;
        rule[test] = std::move(value);
        if (negate)
            return Json{{"Not", std::move(rule)}};
        return rule;
    }

    PathTranslator m_paths;
};

} // namespace

std::expected<Json, Unmapped> toChoiceRule(const expr::Expression &e, const Scope &scope)
{
    auto r = RuleTranslator(scope)(e.ast());
    if (!r)
        return std::unexpected("`" + e.text() + "`: " + r.error());
    return r;
}

std::string jsonataTruthy(const std::string &expression)
{
    return JsonataTranslator::truthy(expression);
}

std::expected<std::string, Unmapped> intrinsicArgument(const PathValue &v)
{
    if (v.dynamic())
        return v.text;
    const Json &c = v.constant;
    if (c.is_string())
        return "'" + formatLiteral(c.get<std::string>()) + "'";
    if (c.is_number() || c.is_boolean() || c.is_null())
        return c.dump();
    // A constant array or object as an argument: parsed back from its JSON text.
    return "States.StringToJson('" + formatLiteral(c.dump()) + "')";
}

std::string jsonataString(const std::string &text)
{
    return Json(text).dump();
}

std::expected<PathValue, Unmapped> toJsonPath(const expr::Expression &e, const Scope &scope)
{
    auto v = PathTranslator(scope)(e.ast());
    if (!v)
        return std::unexpected("`" + e.text() + "`: " + v.error());
    return v;
}

std::expected<PathValue, Unmapped> toJsonPath(const expr::Template &t, const Scope &scope)
{
    if (t.isConstant())
        return constant(t.parts().empty() ? Json(std::string()) : Json(t.parts()[0].literal));
    if (t.isSingleExpression())
        return toJsonPath(*t.parts()[0].expression, scope);
    // Text with {{ }} parts: States.Format, constants folded into the text.
    std::string format;
    std::vector<PathValue> args;
    for (const expr::Template::Part &part : t.parts()) {
        if (!part.expression) {
            format += formatLiteral(part.literal);
            continue;
        }
        auto v = toJsonPath(*part.expression, scope);
        if (!v)
            return v;
        if (!v->dynamic()) {
            format += formatLiteral(rendered(v->constant));
            continue;
        }
        format += "{}";
        args.push_back(std::move(*v));
    }
    if (args.empty()) {
        // Every part was a constant: undo the escaping by rendering again.
        std::string text;
        for (const expr::Template::Part &part : t.parts())
            text += part.expression ? rendered(toJsonPath(*part.expression, scope)->constant)
                                    : part.literal;
        return constant(Json(text));
    }
    std::string text = "States.Format('" + format + "'";
    for (const PathValue &a : args)
        text += ", " + *intrinsicArgument(a);
    return intrinsic(text + ")");
}

std::expected<std::string, Unmapped> toJsonata(const expr::Expression &e, const Scope &scope)
{
    auto v = JsonataTranslator(scope)(e.ast());
    if (!v)
        return std::unexpected("`" + e.text() + "`: " + v.error());
    return v;
}

std::expected<std::string, Unmapped> toJsonata(const expr::Template &t, const Scope &scope)
{
    if (t.isConstant())
        return jsonataString(t.parts().empty() ? std::string() : t.parts()[0].literal);
    if (t.isSingleExpression())
        return toJsonata(*t.parts()[0].expression, scope);
    std::string out = "(";
    bool first = true;
    for (const expr::Template::Part &part : t.parts()) {
        out += first ? "" : " & ";
        first = false;
        if (!part.expression) {
            out += jsonataString(part.literal);
            continue;
        }
        auto v = toJsonata(*part.expression, scope);
        if (!v)
            return v;
        out += "(function($v){ $type($v) = 'string' ? $v : $type($v) = 'null' ? '' : "
               "$string($v) })(" +
               *v + ")";
    }
    return out + ")";
}

} // namespace tutti::engine::asl
