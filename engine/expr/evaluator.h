// Evaluation of a parsed expression over an EvalContext (see evaluator.cpp for the semantics).
#pragma once

#include <engine/expr/ast.h>
#include <engine/expr/expression.h>

#include <string>

namespace tutti::engine::expr::internal {

// The value of the expression, copied once at the end.
Result<Json> evaluate(const Expression &expression, EvalContext &context);
// The value rendered as template text and appended to `out` (strings are never copied first).
Result<void> evaluateInto(const Expression &expression, EvalContext &context, std::string &out);

} // namespace tutti::engine::expr::internal
