// The {{ }} expression language of SPEC §3: compiled once when a file is loaded, evaluated many
// times over a context without re-parsing. Evaluation errors name the location and the path.
#pragma once

#include <engine/core/duration.h>
#include <engine/core/json.h>
#include <engine/core/result.h>
#include <engine/core/text.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tutti::engine::expr {

// What an expression can read. Roots are looked up by name ("input", "vars", "env", "item",
// "index", "error", "run" in flows; "request", "params", "state" in mocks). `steps.ID` goes
// through step() so the executor never builds one big object of all results.
class EvalContext {
public:
    virtual ~EvalContext() = default;
    // nullptr: no such root here (an "unknown root" error).
    virtual const Json *root(std::string_view name) const = 0;
    // nullptr: no such step, or it has not run (an error naming the step).
    virtual const Json *step(std::string_view id) const;
    // nullptr/nullopt: the secret is not set (an error naming TUTTI_SECRET_<NAME>).
    virtual std::optional<std::string> secret(std::string_view name);
    // now() and uuid() follow the run's clock and seed, so simulations are reproducible.
    virtual Micros now();
    virtual std::string uuid();
};

namespace internal {
struct Node;
}

// What an expression or template reads by name: step ids (`steps.ID…`, for validation,
// completion and exports), roots (input, vars, secret, …), or secret names (`secret.NAME`, so a
// run can register them before it starts).
enum class Reference { Steps, Roots, Secrets };

// One expression (the text between {{ and }}, or a bare `when:`/`items:`/`until:` field).
class Expression {
public:
    // `where` is the position of the first character of `text` in its file; error columns are
    // offset from it. Syntax errors: ErrorCode::Syntax, column of the offending token.
    static Result<Expression> parse(std::string_view text, SourceLocation where = {});

    Result<Json> evaluate(EvalContext &context) const;

    const std::string &text() const { return m_text; }
    const SourceLocation &location() const { return m_location; }
    // Every name of that kind it reads, in order, each once; add…: into `out`.
    std::vector<std::string> referenced(Reference what) const;
    void addReferenced(Reference what, UniqueNames &out) const;
    std::vector<std::string> referencedSteps() const { return referenced(Reference::Steps); }
    std::vector<std::string> referencedRoots() const { return referenced(Reference::Roots); }
    std::vector<std::string> referencedSecrets() const { return referenced(Reference::Secrets); }
    // True when the whole expression is a path (a.b[0].c) with no operator or call.
    bool isPath() const;
    const internal::Node &ast() const { return *m_root; }

    Expression();
    ~Expression();
    Expression(const Expression &);
    Expression &operator=(const Expression &);
    Expression(Expression &&) noexcept;
    Expression &operator=(Expression &&) noexcept;

private:
    std::string m_text;
    SourceLocation m_location;
    std::shared_ptr<const internal::Node> m_root; // immutable, so copies share it
};

// A string that may hold {{ }} parts: "Bearer {{ secret.KEY }}". A string that is exactly one
// `{{ expr }}` (surrounding spaces allowed) keeps the value's JSON type; otherwise parts are
// rendered to text and joined (strings as-is, null as "", other values as compact JSON).
class Template {
public:
    static Result<Template> parse(std::string_view text, SourceLocation where = {});
    // A bare-expression field (`when`, `items`, `until`): "{{ x }}" and "x" mean the same.
    static Result<Template> parseBareExpression(std::string_view text, SourceLocation where = {});

    Result<Json> evaluate(EvalContext &context) const;
    // Same, rendered to a string (for URLs, headers, messages).
    Result<std::string> evaluateString(EvalContext &context) const;
    // Same, with the text each {{ }} part renders handed to `insert`, which appends it to `out`
    // (the text so far) as the caller needs: how a URL keeps a value from changing its shape.
    using Insert = std::function<void(std::string_view text, std::string &out)>;
    Result<std::string> evaluateString(EvalContext &context, const Insert &insert) const;

    bool isConstant() const
    {
        return m_parts.empty() || (m_parts.size() == 1 && !m_parts[0].expression);
    }
    bool isSingleExpression() const { return m_single; }
    const std::string &source() const { return m_source; }
    const SourceLocation &location() const { return m_location; }
    // What its {{ }} parts read (see Expression).
    std::vector<std::string> referenced(Reference what) const;
    void addReferenced(Reference what, UniqueNames &out) const;
    std::vector<std::string> referencedSteps() const { return referenced(Reference::Steps); }
    std::vector<std::string> referencedRoots() const { return referenced(Reference::Roots); }
    std::vector<std::string> referencedSecrets() const { return referenced(Reference::Secrets); }

    struct Part {
        std::string literal; // when !expression
        std::optional<Expression> expression;
    };
    const std::vector<Part> &parts() const { return m_parts; }

private:
    std::string m_source;
    SourceLocation m_location;
    std::vector<Part> m_parts;
    bool m_single = false;
};

// Locations of the strings inside a JSON value, keyed by JSON pointer relative to that value
// ("" for the value itself, "/body/amount"). Provided by the YAML loader.
using LocationLookup = std::function<SourceLocation(const std::string &pointer)>;

// A JSON value whose string leaves are templates (request bodies, headers, respond bodies,
// `set:` maps, mock responses). Constant subtrees are returned without being copied twice.
class JsonTemplate {
public:
    static Result<JsonTemplate> compile(const Json &value, const LocationLookup &locate = {});
    Result<Json> evaluate(EvalContext &context) const;
    // dumpJson(evaluate(context)), byte for byte, without building the value: the text between
    // slots is written once at compile time (the mock server answers with text only).
    Result<std::string> evaluateText(EvalContext &context) const;
    bool isConstant() const { return m_constant; }
    const Json &source() const { return m_source; }
    // What its templates read (see Expression).
    std::vector<std::string> referenced(Reference what) const;
    void addReferenced(Reference what, UniqueNames &out) const;
    std::vector<std::string> referencedSteps() const { return referenced(Reference::Steps); }
    std::vector<std::string> referencedSecrets() const { return referenced(Reference::Secrets); }
    // The compiled template of the string at `pointer` in source() ("" for the value itself,
    // "/a/0"), with its location; nullptr when none is there (a constant string, or no string).
    const Template *templateAt(std::string_view pointer) const;

private:
    struct Slot {
        std::string pointer; // where in m_source the template sits
        Template value;
    };
    struct TextPiece {
        std::string text; // compact JSON written before the slot
        int slot = -1;    // index into m_slots, -1 for the last piece
    };
    Json m_source;
    std::vector<Slot> m_slots;
    std::vector<TextPiece> m_text;
    bool m_constant = true;
};

// Truthiness as the language defines it (`!`, `&&`, `||`, `?:`, and a choice's `when:`): null,
// false, 0, "", [] and {} are false; every other value is true.
bool truthy(const Json &value);

// The function names the language knows, for completion and error hints.
const std::vector<std::string> &functionNames();

} // namespace tutti::engine::expr
