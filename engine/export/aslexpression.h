// Tutti expressions ({{ }} templates, bare expressions, JSON templates) in the two query
// languages of the Amazon States Language: JSONPath with intrinsic functions, and JSONata. What
// cannot be said in a language comes back as an error naming the expression, so the exporter can
// pick JSONata, or refuse `--query-language jsonpath` with the expressions that stop it.
#pragma once

#include <engine/core/json.h>
#include <engine/expr/expression.h>

#include <expected>
#include <map>
#include <string>

namespace tutti::engine::asl {

// Where the roots of a step's expressions live in the state's JSON document (docs/export.md:
// every state carries {input, steps, vars, error} plus, in a map body, the item and its index).
struct Scope {
    std::map<std::string, std::string> roots; // root name -> field of the state document
    Json env = Json::object();                // the environment's vars: constants at export time
};

// A value in JSONPath form: a constant, a reference path ("$.input.sku", "$$.Execution.Name") or
// an intrinsic call ("States.Format('{}-x', $.a)"). Paths and intrinsics go into "KEY.$" fields.
struct PathValue {
    enum class Kind { Constant, Path, Intrinsic };
    Kind kind = Kind::Constant;
    Json constant;
    std::string text;

    bool dynamic() const { return kind != Kind::Constant; }
};

// Why an expression cannot be carried into a language ("operator `*`", "secret.KEY").
using Unmapped = std::string;

std::expected<PathValue, Unmapped> toJsonPath(const expr::Expression &e, const Scope &scope);
std::expected<PathValue, Unmapped> toJsonPath(const expr::Template &t, const Scope &scope);

// A JSONata expression (without the {% %} around it) over `$states.input`, the state document.
std::expected<std::string, Unmapped> toJsonata(const expr::Expression &e, const Scope &scope);
std::expected<std::string, Unmapped> toJsonata(const expr::Template &t, const Scope &scope);

// A JSONPath intrinsic's argument for `v`: a path, a nested intrinsic or a quoted literal.
std::expected<std::string, Unmapped> intrinsicArgument(const PathValue &v);
// A string literal of a JSONata expression.
std::string jsonataString(const std::string &text);

} // namespace tutti::engine::asl

namespace tutti::engine::asl {

// A Choice rule for a `when:` expression in JSONPath ({"Variable", "NumericGreaterThan"…},
// And/Or/Not), without its "Next".
std::expected<Json, Unmapped> toChoiceRule(const expr::Expression &e, const Scope &scope);
// Tutti's truthiness (null, false, 0, "", [] and {} are false) of a JSONata expression.
std::string jsonataTruthy(const std::string &expression);

} // namespace tutti::engine::asl
