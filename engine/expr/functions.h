// The built-in functions of the expression language: their names and arity (checked when an
// expression is parsed) and their implementations (called by the evaluator).
#pragma once

#include <engine/core/json.h>
#include <engine/expr/expression.h>

#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

namespace tutti::engine::expr::internal {

struct FunctionInfo {
    std::string_view name;
    int minArgs;
    int maxArgs;                // -1: any number
    std::string_view signature; // "round(number[, digits])", quoted in errors
};

const std::vector<FunctionInfo> &functionTable();
// Index into functionTable(), or -1.
int findFunction(std::string_view name);

// Index of `default`, which the evaluator handles itself (its fallback is evaluated lazily).
int defaultFunctionIndex();

// Thrown by a function for a bad argument; the evaluator adds location and path.
struct FunctionError {
    std::string message;
};

Json callFunction(int index, std::span<const Json *const> args, EvalContext &context);

// ISO-8601 UTC with milliseconds: "2026-11-26T14:52:34.123Z".
std::string formatIsoTime(Micros sinceEpoch);

} // namespace tutti::engine::expr::internal
