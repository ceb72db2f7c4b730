// Partial JSON matching for mock routes: literal values, nested objects, and the operators
// eq gt lt gte lte regex exists in. Used for request bodies, query parameters and headers.
#pragma once

#include <engine/core/json.h>
#include <engine/core/regex.h>
#include <engine/core/result.h>

#include <functional>
#include <string>
#include <vector>

namespace tutti::mocks {

class ValueMatcher {
public:
    using Locate = std::function<engine::SourceLocation(const std::string &pointer)>;

    // An object whose keys are all operator names is an operator object ({gt: 1000}); any other
    // object matches an object holding at least those keys; arrays match element-wise with the
    // same length; scalars match equal values (numbers by value; a string that spells the number
    // or boolean matches it too, since query and header values are always text).
    static engine::Result<ValueMatcher> compile(const engine::Json &pattern, const Locate &locate,
                                                const std::string &pointer);
    // `actual` is nullptr when the value is absent (only `exists: false` matches that).
    bool matches(const engine::Json *actual) const;

    static const std::vector<std::string> &operatorNames();

private:
    enum class Kind { Literal, Fields, Items, Operators };
    enum class Op { Eq, Gt, Lt, Gte, Lte, Regex, Exists, In };
    struct Check {
        Op op;
        engine::Json operand;
        engine::Regex regex; // compiled once, when the mock is loaded
    };

    static bool equal(const engine::Json &literal, const engine::Json &actual);
    static bool compare(Op op, const engine::Json &operand, const engine::Json &actual);

    Kind m_kind = Kind::Literal;
    engine::Json m_literal;
    std::vector<std::pair<std::string, ValueMatcher>> m_fields;
    std::vector<ValueMatcher> m_items;
    std::vector<Check> m_checks;
};

} // namespace tutti::mocks
