// Expression: parse once, evaluate many times; plus the default EvalContext services.
#include <engine/expr/evaluator.h>
#include <engine/expr/expression.h>
#include <engine/expr/parser.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>

namespace tutti::engine::expr {

const Json *EvalContext::step(std::string_view) const
{
    return nullptr;
}

std::optional<std::string> EvalContext::secret(std::string_view)
{
    return std::nullopt;
}

Micros EvalContext::now()
{
    // Contexts that run flows override this with the run's (possibly virtual) clock.
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string EvalContext::uuid()
{
    // Contexts that run flows override this with the run's seeded generator.
    thread_local std::mt19937_64 generator{std::random_device{}()};
    const std::uint64_t high = generator();
    const std::uint64_t low = generator();
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%08x-%04x-4%03x-%04x-%012llx",
                  static_cast<unsigned>(high >> 32), static_cast<unsigned>((high >> 16) & 0xFFFF),
                  static_cast<unsigned>(high & 0x0FFF),
                  static_cast<unsigned>(0x8000 | ((low >> 48) & 0x3FFF)),
                  static_cast<unsigned long long>(low & 0xFFFFFFFFFFFFULL));
    return buffer;
}

namespace {

// Shared by every default-constructed Expression: evaluates to null.
std::shared_ptr<const internal::Node> nullNode()
{
    static const auto node = std::make_shared<const internal::Node>();
    return node;
}

// Recursion is bounded by the parser's depth limit; UniqueNames keeps wide expressions linear.
void collect(const internal::Node &node, Reference what, UniqueNames &out)
{
    using internal::NodeKind;
    std::string name;
    if (what == Reference::Steps && node.kind == NodeKind::Step)
        name = node.name;
    else if (what == Reference::Secrets && node.kind == NodeKind::Secret)
        name = node.name;
    else if (what == Reference::Roots && node.kind == NodeKind::Root)
        name = node.name;
    else if (what == Reference::Roots && node.kind == NodeKind::Step)
        name = "steps";
    else if (what == Reference::Roots && node.kind == NodeKind::Secret)
        name = "secret";
    if (!name.empty())
        out.add(std::move(name));
    for (const internal::Node &child : node.children)
        collect(child, what, out);
}

bool isPathNode(const internal::Node &node)
{
    using internal::NodeKind;
    switch (node.kind) {
    case NodeKind::Root:
    case NodeKind::Step:
    case NodeKind::Secret:
        return true;
    case NodeKind::Member:
        return isPathNode(node.children[0]);
    case NodeKind::Index:
        return isPathNode(node.children[0]) && node.children[1].kind == NodeKind::Literal &&
               (node.children[1].value.is_string() || node.children[1].value.is_number_integer());
    default:
        return false;
    }
}

} // namespace

Expression::Expression()
    : m_root(nullNode())
{
}
Expression::~Expression() = default;
Expression::Expression(const Expression &) = default;
Expression &Expression::operator=(const Expression &) = default;
Expression::Expression(Expression &&) noexcept = default;
Expression &Expression::operator=(Expression &&) noexcept = default;

Result<Expression> Expression::parse(std::string_view text, SourceLocation where)
{
    auto root = internal::parseExpression(text, where);
    if (!root)
        return std::unexpected(std::move(root.error()));
    Expression expression;
    expression.m_text = std::string(text);
    expression.m_location = std::move(where);
    expression.m_root = std::move(*root);
    return expression;
}

Result<Json> Expression::evaluate(EvalContext &context) const
{
    return internal::evaluate(*this, context);
}

std::vector<std::string> Expression::referenced(Reference what) const
{
    UniqueNames out;
    addReferenced(what, out);
    return out.take();
}

void Expression::addReferenced(Reference what, UniqueNames &out) const
{
    collect(*m_root, what, out);
}

bool Expression::isPath() const
{
    return isPathNode(*m_root);
}

} // namespace tutti::engine::expr
