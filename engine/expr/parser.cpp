// Recursive-descent parser for the expression grammar (precedence, lowest first):
//   ?:  ||  &&  == !=  < <= > >= in  + -  * / %  unary ! -  postfix . [] ()
// `steps.ID` and `secret.NAME` are folded into single Step/Secret nodes here, and function
// names and arity are checked here, so mistakes surface when a file loads, not mid-run.
#include <engine/core/text.h>
#include <engine/expr/functions.h>
#include <engine/expr/parser.h>
#include <engine/expr/textutil.h>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace tutti::engine::expr::internal {

const char *spelling(Op op)
{
    switch (op) {
    case Op::None:
        return "";
    case Op::Not:
        return "!";
    case Op::Negate:
        return "-";
    case Op::Mul:
        return "*";
    case Op::Div:
        return "/";
    case Op::Mod:
        return "%";
    case Op::Add:
        return "+";
    case Op::Sub:
        return "-";
    case Op::Less:
        return "<";
    case Op::LessEqual:
        return "<=";
    case Op::Greater:
        return ">";
    case Op::GreaterEqual:
        return ">=";
    case Op::Equal:
        return "==";
    case Op::NotEqual:
        return "!=";
    case Op::In:
        return "in";
    case Op::And:
        return "&&";
    case Op::Or:
        return "||";
    }
    return "";
}

namespace {

// How deep the parser may recurse and how deep the tree it builds may be. Operator chains and
// paths (`1+1+…`, `a.b.c…`) are parsed by loops, not recursion, so the tree is bounded on its own:
// every walk over it (evaluation, validation, destruction) recurses once per level.
constexpr int kMaxDepth = 256;

struct ParseFailure {
    std::size_t offset;
    std::string message;
    ErrorCode code = ErrorCode::Syntax;
};

std::string tooDeep()
{
    return "expression nested deeper than " + std::to_string(kMaxDepth) + " levels";
}

enum class Tok { End, Int, Float, String, Ident, Punct };

struct Token {
    Tok kind = Tok::End;
    std::size_t offset = 0;
    std::size_t end = 0;
    std::string text; // identifier, decoded string, or punctuation
    std::int64_t integer = 0;
    double real = 0;
};

bool isIdentStart(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isIdentChar(char c)
{
    return isIdentStart(c) || isDigit(c);
}

void appendUtf8(std::string &out, std::uint32_t cp)
{
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::string quoteToken(const Token &t, std::string_view text)
{
    if (t.kind == Tok::End)
        return "end of expression";
    return "'" + std::string(text.substr(t.offset, t.end - t.offset)) + "'";
}

class Parser {
public:
    explicit Parser(std::string_view text)
        : m_text(text)
    {
        next();
    }

    Node parseAll()
    {
        if (m_tok.kind == Tok::End)
            throw ParseFailure{0, "empty expression"};
        Node root = expression();
        if (m_tok.kind != Tok::End)
            throw ParseFailure{m_tok.offset, "unexpected " + quoteToken(m_tok, m_text)};
        return root;
    }

private:
    // ---- lexer ----
    void next()
    {
        m_prevStart = m_tok.offset;
        m_prevEnd = m_tok.end;
        std::size_t i = m_pos;
        while (i < m_text.size() &&
               (m_text[i] == ' ' || m_text[i] == '\t' || m_text[i] == '\n' || m_text[i] == '\r'))
            ++i;
        Token t;
        t.offset = i;
        if (i >= m_text.size()) {
            t.kind = Tok::End;
            t.end = i;
            m_pos = i;
            m_tok = std::move(t);
            return;
        }
        const char c = m_text[i];
        if (isDigit(c)) {
            lexNumber(t, i);
        } else if (isIdentStart(c)) {
            std::size_t j = i;
            while (j < m_text.size() && isIdentChar(m_text[j]))
                ++j;
            t.kind = Tok::Ident;
            t.text = std::string(m_text.substr(i, j - i));
            t.end = j;
        } else if (c == '\'' || c == '"') {
            lexString(t, i);
        } else {
            lexPunct(t, i);
        }
        m_pos = t.end;
        m_tok = std::move(t);
    }

    void lexNumber(Token &t, std::size_t i)
    {
        std::size_t j = i;
        while (j < m_text.size() && isDigit(m_text[j]))
            ++j;
        bool isFloat = false;
        if (j + 1 < m_text.size() && m_text[j] == '.' && isDigit(m_text[j + 1])) {
            isFloat = true;
            j += 1;
            while (j < m_text.size() && isDigit(m_text[j]))
                ++j;
        }
        if (j < m_text.size() && (m_text[j] == 'e' || m_text[j] == 'E')) {
            std::size_t k = j + 1;
            if (k < m_text.size() && (m_text[k] == '+' || m_text[k] == '-'))
                ++k;
            if (k < m_text.size() && isDigit(m_text[k])) {
                isFloat = true;
                j = k;
                while (j < m_text.size() && isDigit(m_text[j]))
                    ++j;
            }
        }
        if (j < m_text.size() && isIdentStart(m_text[j]))
            throw ParseFailure{j, "unexpected '" + std::string(1, m_text[j]) + "' after a number"};
        t.end = j;
        const char *first = m_text.data() + i;
        const char *last = m_text.data() + j;
        if (!isFloat) {
            auto [ptr, ec] = std::from_chars(first, last, t.integer);
            if (ec == std::errc() && ptr == last) {
                t.kind = Tok::Int;
                return;
            }
        }
        auto [ptr, ec] = std::from_chars(first, last, t.real);
        if (ec != std::errc() || ptr != last || !std::isfinite(t.real))
            throw ParseFailure{i, "number out of range"};
        t.kind = Tok::Float;
    }

    void lexString(Token &t, std::size_t i)
    {
        const char quote = m_text[i];
        std::size_t j = i + 1;
        std::string out;
        while (true) {
            if (j >= m_text.size())
                throw ParseFailure{i, "unterminated string (missing closing " +
                                          std::string(1, quote) + ")"};
            const char c = m_text[j];
            if (c == quote)
                break;
            if (c != '\\') {
                out += c;
                ++j;
                continue;
            }
            if (j + 1 >= m_text.size())
                throw ParseFailure{i, "unterminated string (missing closing " +
                                          std::string(1, quote) + ")"};
            const char e = m_text[j + 1];
            switch (e) {
            case 'n':
                out += '\n';
                break;
            case 't':
                out += '\t';
                break;
            case 'r':
                out += '\r';
                break;
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case '0':
                out += '\0';
                break;
            case '\\':
            case '\'':
            case '"':
            case '/':
            case '{':
            case '}':
                out += e;
                break;
            case 'u': {
                std::uint32_t cp = hex4(j + 2, j);
                std::size_t consumed = 6;
                if (cp >= 0xD800 && cp <= 0xDBFF && j + 12 <= m_text.size() &&
                    m_text.substr(j + 6, 2) == "\\u") {
                    const std::uint32_t low = hex4(j + 8, j + 6);
                    if (low >= 0xDC00 && low <= 0xDFFF) {
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                        consumed = 12;
                    }
                }
                appendUtf8(out, cp);
                j += consumed;
                continue;
            }
            default:
                throw ParseFailure{j, "unknown escape '\\" + std::string(1, e) + "' in a string"};
            }
            j += 2;
        }
        t.kind = Tok::String;
        t.text = std::move(out);
        t.end = j + 1;
    }

    std::uint32_t hex4(std::size_t at, std::size_t escapeAt)
    {
        if (at + 4 > m_text.size())
            throw ParseFailure{escapeAt, "\\u needs four hex digits"};
        std::uint32_t v = 0;
        auto [ptr, ec] = std::from_chars(m_text.data() + at, m_text.data() + at + 4, v, 16);
        if (ec != std::errc() || ptr != m_text.data() + at + 4)
            throw ParseFailure{escapeAt, "\\u needs four hex digits"};
        return v;
    }

    void lexPunct(Token &t, std::size_t i)
    {
        static constexpr std::string_view twoChar[] = {"<=", ">=", "==", "!=", "&&", "||"};
        t.kind = Tok::Punct;
        const std::string_view two = m_text.substr(i, 2);
        for (std::string_view p : twoChar) {
            if (two == p) {
                t.text = std::string(p);
                t.end = i + 2;
                return;
            }
        }
        const char c = m_text[i];
        static constexpr std::string_view single = ".[](),?:!+-*/%<>{}";
        if (single.find(c) != std::string_view::npos) {
            t.text = std::string(1, c);
            t.end = i + 1;
            return;
        }
        if (c == '=')
            throw ParseFailure{i, "unexpected '=' (use == to compare)"};
        if (c == '&')
            throw ParseFailure{i, "unexpected '&' (use && for 'and')"};
        if (c == '|')
            throw ParseFailure{i, "unexpected '|' (use || for 'or')"};
        throw ParseFailure{i, "unexpected character '" + std::string(1, c) + "'"};
    }

    bool isPunct(std::string_view p) const { return m_tok.kind == Tok::Punct && m_tok.text == p; }

    void expect(std::string_view p, std::string_view context)
    {
        if (!isPunct(p))
            throw ParseFailure{m_tok.offset, "expected '" + std::string(p) + "' " +
                                                 std::string(context) + ", found " +
                                                 quoteToken(m_tok, m_text)};
        next();
    }

    // ---- grammar ----
    struct DepthGuard {
        explicit DepthGuard(Parser &p)
            : parser(p)
        {
            if (++parser.m_depth > kMaxDepth)
                throw ParseFailure{parser.m_tok.offset, tooDeep(), ErrorCode::Limit};
        }
        ~DepthGuard() { --parser.m_depth; }
        Parser &parser;
    };

    static Node make(NodeKind kind, std::size_t offset)
    {
        Node n;
        n.kind = kind;
        n.offset = static_cast<std::uint32_t>(offset);
        return n;
    }

    // Closes a node: its text range, and its depth, refused past the limit at the token that
    // made it too deep.
    void finish(Node &n) const
    {
        n.length = static_cast<std::uint32_t>(m_prevEnd - n.offset);
        std::uint32_t deepest = 0;
        for (const Node &child : n.children)
            deepest = std::max(deepest, child.depth);
        n.depth = deepest + 1;
        if (n.depth > static_cast<std::uint32_t>(kMaxDepth))
            throw ParseFailure{m_prevStart, tooDeep(), ErrorCode::Limit};
    }

    Node binary(Op op, Node lhs, Node rhs)
    {
        Node n = make(NodeKind::Binary, lhs.offset);
        n.op = op;
        n.children.push_back(std::move(lhs));
        n.children.push_back(std::move(rhs));
        finish(n);
        return n;
    }

    Node expression()
    {
        DepthGuard guard(*this);
        Node condition = logicalOr();
        if (!isPunct("?"))
            return condition;
        next();
        Node yes = expression();
        expect(":", "in a ?: expression");
        Node no = expression();
        Node n = make(NodeKind::Conditional, condition.offset);
        n.children.push_back(std::move(condition));
        n.children.push_back(std::move(yes));
        n.children.push_back(std::move(no));
        finish(n);
        return n;
    }

    Node logicalOr()
    {
        Node lhs = logicalAnd();
        while (isPunct("||")) {
            next();
            lhs = binary(Op::Or, std::move(lhs), logicalAnd());
        }
        return lhs;
    }

    Node logicalAnd()
    {
        Node lhs = equality();
        while (isPunct("&&")) {
            next();
            lhs = binary(Op::And, std::move(lhs), equality());
        }
        return lhs;
    }

    Node equality()
    {
        Node lhs = relational();
        while (true) {
            Op op = Op::None;
            if (isPunct("=="))
                op = Op::Equal;
            else if (isPunct("!="))
                op = Op::NotEqual;
            else
                return lhs;
            next();
            lhs = binary(op, std::move(lhs), relational());
        }
    }

    Node relational()
    {
        Node lhs = additive();
        while (true) {
            Op op = Op::None;
            if (isPunct("<"))
                op = Op::Less;
            else if (isPunct("<="))
                op = Op::LessEqual;
            else if (isPunct(">"))
                op = Op::Greater;
            else if (isPunct(">="))
                op = Op::GreaterEqual;
            else if (m_tok.kind == Tok::Ident && m_tok.text == "in")
                op = Op::In;
            else
                return lhs;
            next();
            lhs = binary(op, std::move(lhs), additive());
        }
    }

    Node additive()
    {
        Node lhs = multiplicative();
        while (true) {
            Op op = Op::None;
            if (isPunct("+"))
                op = Op::Add;
            else if (isPunct("-"))
                op = Op::Sub;
            else
                return lhs;
            next();
            lhs = binary(op, std::move(lhs), multiplicative());
        }
    }

    Node multiplicative()
    {
        Node lhs = unary();
        while (true) {
            Op op = Op::None;
            if (isPunct("*"))
                op = Op::Mul;
            else if (isPunct("/"))
                op = Op::Div;
            else if (isPunct("%"))
                op = Op::Mod;
            else
                return lhs;
            next();
            lhs = binary(op, std::move(lhs), unary());
        }
    }

    Node unary()
    {
        DepthGuard guard(*this);
        if (!isPunct("!") && !isPunct("-"))
            return postfix();
        const Op op = isPunct("!") ? Op::Not : Op::Negate;
        const std::size_t start = m_tok.offset;
        next();
        Node operand = unary();
        // Fold `-5` into a literal so `a[-1]` is still a plain path.
        if (op == Op::Negate && operand.kind == NodeKind::Literal && operand.value.is_number()) {
            if (operand.value.is_number_float())
                operand.value = -operand.value.get<double>();
            else if (operand.value.get<std::int64_t>() != INT64_MIN)
                operand.value = -operand.value.get<std::int64_t>();
            else
                operand.value = -operand.value.get<double>();
            operand.offset = static_cast<std::uint32_t>(start);
            finish(operand);
            return operand;
        }
        Node n = make(NodeKind::Unary, start);
        n.op = op;
        n.children.push_back(std::move(operand));
        finish(n);
        return n;
    }

    Node postfix()
    {
        Node base = primary();
        while (true) {
            if (isPunct(".")) {
                next();
                if (m_tok.kind != Tok::Ident)
                    throw ParseFailure{m_tok.offset, "expected a name after '.', found " +
                                                         quoteToken(m_tok, m_text)};
                Node n = make(NodeKind::Member, base.offset);
                n.name = m_tok.text;
                next();
                n.children.push_back(std::move(base));
                finish(n);
                base = std::move(n);
            } else if (isPunct("[")) {
                next();
                Node index = expression();
                expect("]", "to close '['");
                Node n = make(NodeKind::Index, base.offset);
                n.children.push_back(std::move(base));
                n.children.push_back(std::move(index));
                finish(n);
                base = std::move(n);
            } else if (isPunct("(")) {
                throw ParseFailure{m_tok.offset, "only named functions can be called"};
            } else {
                return base;
            }
        }
    }

    Node literal(Json value, std::size_t offset)
    {
        Node n = make(NodeKind::Literal, offset);
        n.value = std::move(value);
        next();
        finish(n);
        return n;
    }

    Node primary()
    {
        const std::size_t start = m_tok.offset;
        switch (m_tok.kind) {
        case Tok::End:
            throw ParseFailure{start, "unexpected end of expression"};
        case Tok::Int:
            return literal(m_tok.integer, start);
        case Tok::Float:
            return literal(m_tok.real, start);
        case Tok::String:
            return literal(m_tok.text, start);
        case Tok::Ident:
            return identifier();
        case Tok::Punct:
            break;
        }
        if (isPunct("(")) {
            next();
            Node inner = expression();
            expect(")", "to close '('");
            // The parenthesised text is the node's text, so error paths quote what was written.
            inner.offset = static_cast<std::uint32_t>(start);
            finish(inner);
            return inner;
        }
        if (isPunct("["))
            return arrayLiteral();
        if (isPunct("{"))
            return objectLiteral();
        throw ParseFailure{start, "unexpected " + quoteToken(m_tok, m_text)};
    }

    Node arrayLiteral()
    {
        Node n = make(NodeKind::Array, m_tok.offset);
        next();
        while (!isPunct("]")) {
            n.children.push_back(expression());
            if (isPunct(","))
                next();
            else if (!isPunct("]"))
                throw ParseFailure{m_tok.offset, "expected ',' or ']' in an array, found " +
                                                     quoteToken(m_tok, m_text)};
        }
        next();
        finish(n);
        return foldConstant(std::move(n));
    }

    Node objectLiteral()
    {
        Node n = make(NodeKind::Object, m_tok.offset);
        next();
        while (!isPunct("}")) {
            if (m_tok.kind != Tok::Ident && m_tok.kind != Tok::String)
                throw ParseFailure{m_tok.offset, "expected a key in an object, found " +
                                                     quoteToken(m_tok, m_text)};
            n.keys.push_back(m_tok.text);
            next();
            expect(":", "after an object key");
            n.children.push_back(expression());
            if (isPunct(","))
                next();
            else if (!isPunct("}"))
                throw ParseFailure{m_tok.offset, "expected ',' or '}' in an object, found " +
                                                     quoteToken(m_tok, m_text)};
        }
        next();
        finish(n);
        return foldConstant(std::move(n));
    }

    // An array or object of literals becomes one literal, evaluated without any copying.
    static Node foldConstant(Node n)
    {
        for (const Node &child : n.children) {
            if (child.kind != NodeKind::Literal)
                return n;
        }
        Json value = n.kind == NodeKind::Array ? Json::array() : Json::object();
        for (std::size_t i = 0; i < n.children.size(); ++i) {
            if (n.kind == NodeKind::Array)
                value.push_back(std::move(n.children[i].value));
            else
                value[n.keys[i]] = std::move(n.children[i].value);
        }
        Node folded = make(NodeKind::Literal, n.offset);
        folded.length = n.length;
        folded.value = std::move(value);
        return folded;
    }

    Node identifier()
    {
        const std::size_t start = m_tok.offset;
        const std::string name = m_tok.text;
        if (name == "true" || name == "false")
            return literal(name == "true", start);
        if (name == "null")
            return literal(nullptr, start);
        if (name == "in")
            throw ParseFailure{start, "unexpected 'in'"};
        next();
        if (isPunct("("))
            return call(name, start);
        if (name == "steps" || name == "secret") {
            Node n = make(name == "steps" ? NodeKind::Step : NodeKind::Secret, start);
            const char *what = name == "steps" ? "a step id" : "a secret name";
            if (isPunct(".")) {
                next();
                if (m_tok.kind != Tok::Ident)
                    throw ParseFailure{m_tok.offset, std::string("expected ") + what + " after '" +
                                                         name + ".', found " +
                                                         quoteToken(m_tok, m_text)};
                n.name = m_tok.text;
                next();
            } else if (isPunct("[")) {
                next();
                if (m_tok.kind != Tok::String)
                    throw ParseFailure{m_tok.offset, std::string("expected ") + what +
                                                         " as a quoted string after '" + name +
                                                         "['"};
                n.name = m_tok.text;
                next();
                expect("]", "to close '['");
            } else {
                throw ParseFailure{m_tok.offset, std::string("'") + name +
                                                     "' must be followed by ." +
                                                     (name == "steps" ? "ID" : "NAME")};
            }
            finish(n);
            return n;
        }
        Node n = make(NodeKind::Root, start);
        n.name = name;
        finish(n);
        return n;
    }

    Node call(const std::string &name, std::size_t start)
    {
        const int index = findFunction(name);
        if (index < 0) {
            std::string message = "unknown function '" + name + "'";
            const std::string hint =
                closestMatch(name, functionNames(), {.ignoreCase = true, .charsPerEdit = 2});
            if (!hint.empty())
                message += " (did you mean '" + hint + "'?)";
            throw ParseFailure{start, message};
        }
        Node n = make(NodeKind::Call, start);
        n.name = name;
        n.function = index;
        next(); // (
        while (!isPunct(")")) {
            n.children.push_back(expression());
            if (isPunct(","))
                next();
            else if (!isPunct(")"))
                throw ParseFailure{m_tok.offset, "expected ',' or ')' in the arguments of " + name +
                                                     "(), found " + quoteToken(m_tok, m_text)};
        }
        next();
        finish(n);
        const FunctionInfo &info = functionTable()[static_cast<std::size_t>(index)];
        const int count = static_cast<int>(n.children.size());
        if (count < info.minArgs || (info.maxArgs >= 0 && count > info.maxArgs)) {
            std::string expected;
            if (info.maxArgs < 0)
                expected = "at least " + std::to_string(info.minArgs);
            else if (info.minArgs == info.maxArgs)
                expected = std::to_string(info.minArgs);
            else
                expected = std::to_string(info.minArgs) + " or " + std::to_string(info.maxArgs);
            throw ParseFailure{start, std::string(info.signature) + " takes " + expected +
                                          (expected == "1" ? " argument" : " arguments") +
                                          ", got " + std::to_string(count)};
        }
        return n;
    }

    std::string_view m_text;
    std::size_t m_pos = 0;
    std::size_t m_prevStart = 0;
    std::size_t m_prevEnd = 0;
    int m_depth = 0;
    Token m_tok;
};

} // namespace

Result<std::shared_ptr<const Node>> parseExpression(std::string_view text,
                                                    const SourceLocation &where)
{
    try {
        Parser parser(text);
        return std::make_shared<const Node>(parser.parseAll());
    } catch (const ParseFailure &failure) {
        return fail(failure.code, failure.message, advance(where, text, failure.offset),
                    std::string(text));
    }
}

} // namespace tutti::engine::expr::internal
