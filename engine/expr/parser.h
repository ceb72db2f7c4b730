// Text to AST for one expression: a hand-written lexer and precedence-climbing parser.
#pragma once

#include <engine/core/result.h>
#include <engine/expr/ast.h>

#include <memory>
#include <string_view>

namespace tutti::engine::expr::internal {

// Syntax errors are ErrorCode::Syntax at the offending character (`where` advanced by its offset).
Result<std::shared_ptr<const Node>> parseExpression(std::string_view text,
                                                    const SourceLocation &where);

} // namespace tutti::engine::expr::internal
