// The parsed form of an expression: an immutable tree shared by every copy of an Expression,
// public to the engine (not to users) so validators and exporters can walk it.
#pragma once

#include <engine/core/json.h>

#include <cstdint>
#include <string>
#include <vector>

namespace tutti::engine::expr::internal {

enum class NodeKind : std::uint8_t {
    Literal,     // value
    Array,       // children = elements
    Object,      // keys[i] -> children[i]
    Root,        // name = root name (input, vars, item, ...)
    Step,        // name = step id (`steps.ID` or `steps['ID']`)
    Secret,      // name = secret name (`secret.NAME`)
    Member,      // children[0].name
    Index,       // children[0][children[1]]
    Unary,       // op children[0]
    Binary,      // children[0] op children[1]
    Conditional, // children[0] ? children[1] : children[2]
    Call,        // name(children...), function = index in the function table
};

enum class Op : std::uint8_t {
    None,
    Not,
    Negate,
    Mul,
    Div,
    Mod,
    Add,
    Sub,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    Equal,
    NotEqual,
    In,
    And,
    Or,
};

// How an operator is written, for messages and exporters.
const char *spelling(Op op);

struct Node {
    NodeKind kind = NodeKind::Literal;
    Op op = Op::None;
    int function = -1;
    // Byte range of this node in Expression::text(); errors point at `offset` and quote the range.
    std::uint32_t offset = 0;
    std::uint32_t length = 0;
    // 1 for a leaf; the parser refuses trees deeper than its limit, so walks may recurse.
    std::uint32_t depth = 1;
    std::string name;
    Json value;
    std::vector<std::string> keys;
    std::vector<Node> children;
};

} // namespace tutti::engine::expr::internal
