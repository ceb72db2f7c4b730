// Evaluates expression ASTs. The semantics, in short (docs/expressions.md has the long form):
//
// - Roots come from EvalContext::root(name); `steps.ID` from step(id); `secret.NAME` from
//   secret(name) (unset: an error naming TUTTI_SECRET_<NAME>). An unknown root or step is an
//   error naming it.
// - Paths: a missing object key is null; a member or index of null is null (null propagates);
//   a member of a number, string, boolean or array is an error; an array index out of range is
//   null; a negative index counts from the end; `a[expr]` takes a string key or integer index.
// - Arithmetic: int op int stays a 64-bit int (overflow falls back to double); `/` gives an int
//   when exact, else a double; division or modulo by zero is an error; int with double gives a
//   double. `+` with a string on either side concatenates (the other side rendered: strings
//   as-is, null as "", others compact JSON); array + array concatenates; object + object merges
//   (right wins).
// - Comparison: `< <= > >=` compare numbers numerically and strings bytewise, anything else is an
//   error; `== !=` are deep JSON equality (1 == 1.0, object key order ignored).
// - `x in y`: element of an array, key of an object, substring of a string; false when y is null.
// - Truthiness (`! && || ?:`): null, false, 0, "", [] and {} are false. `&&` and `||`
//   short-circuit and return booleans.
// - Errors are ErrorCode::Validation, located at the failing sub-expression's first character,
//   with `path` = that sub-expression's source text.
//
// Speed: values are passed around as a pointer into the context (or the AST for literals) and
// only computed results are owned, so `steps.a.body.id` copies nothing until the final value.
#include <engine/expr/evaluator.h>
#include <engine/expr/functions.h>
#include <engine/expr/textutil.h>

#include <cmath>
#include <limits>

namespace tutti::engine::expr::internal {

namespace {

struct EvalFailure {
    const Node *node;
    std::string message;
};

[[noreturn]] void failAt(const Node &node, std::string message)
{
    throw EvalFailure{&node, std::move(message)};
}

// A value that is either borrowed (from the context or the AST) or owned (computed).
class Value {
public:
    Value() = default;
    explicit Value(Json &&owned)
        : m_owned(std::move(owned))
    {
    }
    static Value borrow(const Json *value)
    {
        Value v;
        v.m_ref = value;
        return v;
    }
    const Json &get() const { return m_ref ? *m_ref : m_owned; }
    bool isBorrowed() const { return m_ref != nullptr; }
    Json &owned() { return m_owned; }
    Json take() &&
    {
        if (m_ref)
            return *m_ref;
        return std::move(m_owned);
    }

private:
    const Json *m_ref = nullptr;
    Json m_owned;
};

class Evaluator {
public:
    explicit Evaluator(EvalContext &context)
        : m_context(context)
    {
    }

    Value eval(const Node &n)
    {
        switch (n.kind) {
        case NodeKind::Literal:
            return Value::borrow(&n.value);
        case NodeKind::Root: {
            const Json *value = m_context.root(n.name);
            if (!value)
                failAt(n, "unknown name '" + n.name + "'");
            return Value::borrow(value);
        }
        case NodeKind::Step: {
            const Json *value = m_context.step(n.name);
            if (!value)
                failAt(n, "unknown step '" + n.name + "' (no such step, or it has not run yet)");
            return Value::borrow(value);
        }
        case NodeKind::Secret: {
            std::optional<std::string> value = m_context.secret(n.name);
            if (!value)
                failAt(n, "secret '" + n.name + "' is not set (set TUTTI_SECRET_" + n.name +
                              " or store it in the keychain: tutti secret set " + n.name + ")");
            return Value(Json(std::move(*value)));
        }
        case NodeKind::Member:
            return selectKey(eval(n.children[0]), n.name, n);
        case NodeKind::Index:
            return index(n);
        case NodeKind::Unary:
            return unary(n);
        case NodeKind::Binary:
            return binary(n);
        case NodeKind::Conditional:
            return truthy(eval(n.children[0]).get()) ? eval(n.children[1]) : eval(n.children[2]);
        case NodeKind::Call:
            return call(n);
        case NodeKind::Array: {
            Json out = Json::array();
            for (const Node &child : n.children)
                out.push_back(eval(child).take());
            return Value(std::move(out));
        }
        case NodeKind::Object: {
            Json out = Json::object();
            for (std::size_t i = 0; i < n.children.size(); ++i)
                out[n.keys[i]] = eval(n.children[i]).take();
            return Value(std::move(out));
        }
        }
        failAt(n, "unsupported expression");
    }

private:
    Value selectKey(Value &&base, const std::string &key, const Node &n)
    {
        const Json &object = base.get();
        if (object.is_null())
            return {};
        if (!object.is_object())
            failAt(n, "cannot read '" + key + "' of " + describe(object));
        if (base.isBorrowed()) {
            const auto it = object.find(key);
            return it == object.end() ? Value() : Value::borrow(&*it);
        }
        Json &owned = base.owned();
        const auto it = owned.find(key);
        return it == owned.end() ? Value() : Value(std::move(*it));
    }

    Value index(const Node &n)
    {
        Value base = eval(n.children[0]);
        const Value key = eval(n.children[1]);
        const Json &k = key.get();
        const Json &container = base.get();
        if (container.is_null())
            return {};
        if (container.is_object()) {
            if (!k.is_string())
                failAt(n, "object keys are strings, got " + describe(k));
            return selectKey(std::move(base), k.get_ref<const std::string &>(), n);
        }
        if (!container.is_array())
            failAt(n, "cannot index " + describe(container) + " with " + describe(k));
        std::int64_t i = 0;
        if (!asInt(k, i)) {
            if (!k.is_number_float() || k.get<double>() != std::trunc(k.get<double>()) ||
                std::abs(k.get<double>()) > 9.0e15)
                failAt(n, "array index must be an integer, got " + describe(k));
            i = static_cast<std::int64_t>(k.get<double>());
        }
        const auto size = static_cast<std::int64_t>(container.size());
        if (i < 0)
            i += size;
        if (i < 0 || i >= size)
            return {};
        if (base.isBorrowed())
            return Value::borrow(&container[static_cast<std::size_t>(i)]);
        return Value(std::move(base.owned()[static_cast<std::size_t>(i)]));
    }

    Value unary(const Node &n)
    {
        const Value operand = eval(n.children[0]);
        const Json &v = operand.get();
        if (n.op == Op::Not)
            return Value(Json(!truthy(v)));
        std::int64_t i = 0;
        if (asInt(v, i) && i != std::numeric_limits<std::int64_t>::min())
            return Value(Json(-i));
        if (v.is_number())
            return Value(Json(-v.get<double>()));
        failAt(n, "cannot negate " + describe(v));
    }

    Value binary(const Node &n)
    {
        if (n.op == Op::And) {
            if (!truthy(eval(n.children[0]).get()))
                return Value(Json(false));
            return Value(Json(truthy(eval(n.children[1]).get())));
        }
        if (n.op == Op::Or) {
            if (truthy(eval(n.children[0]).get()))
                return Value(Json(true));
            return Value(Json(truthy(eval(n.children[1]).get())));
        }
        Value lhs = eval(n.children[0]);
        const Value rhs = eval(n.children[1]);
        const Json &a = lhs.get();
        const Json &b = rhs.get();
        switch (n.op) {
        case Op::Equal:
            return Value(Json(deepEqual(a, b)));
        case Op::NotEqual:
            return Value(Json(!deepEqual(a, b)));
        case Op::Less:
        case Op::LessEqual:
        case Op::Greater:
        case Op::GreaterEqual:
            return Value(Json(compare(n, a, b)));
        case Op::In:
            return Value(Json(contains(n, b, a)));
        case Op::Add:
            return add(n, std::move(lhs), b);
        default:
            return Value(arithmetic(n, a, b));
        }
    }

    bool compare(const Node &n, const Json &a, const Json &b)
    {
        int order = 0;
        if (a.is_number() && b.is_number()) {
            std::int64_t x = 0, y = 0;
            if (asInt(a, x) && asInt(b, y)) {
                order = x < y ? -1 : (x > y ? 1 : 0);
            } else {
                const double dx = a.get<double>(), dy = b.get<double>();
                order = dx < dy ? -1 : (dx > dy ? 1 : 0);
            }
        } else if (a.is_string() && b.is_string()) {
            order = a.get_ref<const std::string &>().compare(b.get_ref<const std::string &>());
        } else {
            failAt(n, std::string("cannot compare ") + describe(a) + " and " + describe(b) +
                          " with '" + spelling(n.op) + "'");
        }
        switch (n.op) {
        case Op::Less:
            return order < 0;
        case Op::LessEqual:
            return order <= 0;
        case Op::Greater:
            return order > 0;
        default:
            return order >= 0;
        }
    }

    bool contains(const Node &n, const Json &haystack, const Json &needle)
    {
        if (haystack.is_null())
            return false;
        if (haystack.is_array()) {
            for (const Json &element : haystack) {
                if (deepEqual(element, needle))
                    return true;
            }
            return false;
        }
        if ((haystack.is_object() || haystack.is_string()) && !needle.is_string())
            failAt(n, "'in' needs a string on the left to search " + describe(haystack) + ", got " +
                          describe(needle));
        if (haystack.is_object())
            return haystack.contains(needle.get_ref<const std::string &>());
        if (haystack.is_string())
            return haystack.get_ref<const std::string &>().find(
                       needle.get_ref<const std::string &>()) != std::string::npos;
        failAt(n, "'in' needs an array, object or string on the right, got " + describe(haystack));
    }

    Value add(const Node &n, Value lhs, const Json &b)
    {
        const Json &a = lhs.get();
        if (a.is_string() || b.is_string()) {
            std::string out;
            if (!lhs.isBorrowed() && a.is_string())
                out = std::move(lhs.owned().get_ref<std::string &>());
            else
                appendRendered(a, out);
            appendRendered(b, out);
            return Value(Json(std::move(out)));
        }
        if (a.is_array() && b.is_array()) {
            Json out = std::move(lhs).take();
            for (const Json &element : b)
                out.push_back(element);
            return Value(std::move(out));
        }
        if (a.is_object() && b.is_object()) {
            Json out = std::move(lhs).take();
            for (auto it = b.begin(); it != b.end(); ++it)
                out[it.key()] = it.value();
            return Value(std::move(out));
        }
        return Value(arithmetic(n, a, b));
    }

    Json arithmetic(const Node &n, const Json &a, const Json &b)
    {
        if (!a.is_number() || !b.is_number())
            failAt(n, std::string("cannot apply '") + spelling(n.op) + "' to " + describe(a) +
                          " and " + describe(b));
        std::int64_t x = 0, y = 0;
        if (asInt(a, x) && asInt(b, y)) {
            std::int64_t r = 0;
            switch (n.op) {
            case Op::Add:
                if (!__builtin_add_overflow(x, y, &r))
                    return r;
                break;
            case Op::Sub:
                if (!__builtin_sub_overflow(x, y, &r))
                    return r;
                break;
            case Op::Mul:
                if (!__builtin_mul_overflow(x, y, &r))
                    return r;
                break;
            case Op::Div:
                if (y == 0)
                    failAt(n, "division by zero");
                if (y == -1 && x == std::numeric_limits<std::int64_t>::min())
                    break;
                if (x % y == 0)
                    return x / y;
                break;
            case Op::Mod:
                if (y == 0)
                    failAt(n, "modulo by zero");
                return y == -1 ? 0 : x % y;
            default:
                break;
            }
        }
        const double dx = a.get<double>(), dy = b.get<double>();
        double r = 0;
        switch (n.op) {
        case Op::Add:
            r = dx + dy;
            break;
        case Op::Sub:
            r = dx - dy;
            break;
        case Op::Mul:
            r = dx * dy;
            break;
        case Op::Div:
            if (dy == 0)
                failAt(n, "division by zero");
            r = dx / dy;
            break;
        case Op::Mod:
            if (dy == 0)
                failAt(n, "modulo by zero");
            r = std::fmod(dx, dy);
            break;
        default:
            failAt(n, "unsupported operator");
        }
        if (!std::isfinite(r))
            failAt(n, "the result is not a finite number");
        return r;
    }

    Value call(const Node &n)
    {
        if (n.function == defaultFunctionIndex()) {
            Value first = eval(n.children[0]);
            if (!first.get().is_null())
                return first;
            return eval(n.children[1]);
        }
        constexpr std::size_t kInline = 4;
        const std::size_t count = n.children.size();
        Value inlineValues[kInline];
        const Json *inlinePointers[kInline];
        std::vector<Value> heapValues;
        std::vector<const Json *> heapPointers;
        Value *values = inlineValues;
        const Json **pointers = inlinePointers;
        if (count > kInline) {
            heapValues.resize(count);
            heapPointers.resize(count);
            values = heapValues.data();
            pointers = heapPointers.data();
        }
        for (std::size_t i = 0; i < count; ++i) {
            values[i] = eval(n.children[i]);
            pointers[i] = &values[i].get();
        }
        try {
            return Value(
                callFunction(n.function, std::span<const Json *const>(pointers, count), m_context));
        } catch (const FunctionError &error) {
            failAt(n, error.message);
        }
    }

    EvalContext &m_context;
};

Error toError(const Expression &expression, const EvalFailure &failure)
{
    const std::string &text = expression.text();
    const Node &node = *failure.node;
    std::string path;
    if (node.offset + node.length <= text.size())
        path = text.substr(node.offset, node.length);
    return Error{ErrorCode::Validation, failure.message,
                 advance(expression.location(), text, node.offset), std::move(path)};
}

Error toError(const Expression &expression, const std::exception &e)
{
    // Library exceptions (nlohmann_json) must not leave the expression layer.
    return Error{ErrorCode::Validation, std::string("evaluation failed: ") + e.what(),
                 expression.location(), expression.text()};
}

} // namespace

Result<Json> evaluate(const Expression &expression, EvalContext &context)
{
    try {
        Evaluator evaluator(context);
        return evaluator.eval(expression.ast()).take();
    } catch (const EvalFailure &failure) {
        return std::unexpected(toError(expression, failure));
    } catch (const std::exception &e) {
        return std::unexpected(toError(expression, e));
    }
}

Result<void> evaluateInto(const Expression &expression, EvalContext &context, std::string &out)
{
    try {
        Evaluator evaluator(context);
        const Value value = evaluator.eval(expression.ast());
        appendRendered(value.get(), out);
        return {};
    } catch (const EvalFailure &failure) {
        return std::unexpected(toError(expression, failure));
    } catch (const std::exception &e) {
        return std::unexpected(toError(expression, e));
    }
}

} // namespace tutti::engine::expr::internal
