// The parsed form of a mock file (SPEC §4): routes with matchers, templated responses, latency
// distributions and faults. Immutable once loaded; per-run state lives in MockService.
#pragma once

#include <mocks/valuematcher.h>

#include <engine/core/duration.h>
#include <engine/core/json.h>
#include <engine/core/random.h>
#include <engine/core/result.h>
#include <engine/expr/expression.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tutti::mocks {

namespace expr = engine::expr;

// A latency distribution. Draws are clamped at zero; see draw() for how many Rng values each
// kind consumes (the count is fixed per kind, so later draws stay aligned across runs).
struct Latency {
    enum class Kind { Fixed, Uniform, Normal, Lognormal };
    Kind kind = Kind::Fixed;
    engine::Micros fixed = 0;
    engine::Micros min = 0, max = 0;    // uniform
    double mean = 0, stddev = 0;        // normal, microseconds
    double mu = 0, sigma = 0;           // lognormal, of ln(microseconds)
    engine::Micros median = 0, p99 = 0; // lognormal, as written

    // Fixed: no draw. Uniform: one uniform(). Normal and lognormal: one normal() (two uniforms).
    engine::Micros draw(engine::Rng &rng) const;
    static Latency fixedAt(engine::Micros value);
    // mu = ln(median), sigma = (ln(p99) - ln(median)) / 2.326348 (z of the 99th percentile).
    static Latency lognormal(engine::Micros median, engine::Micros p99);
};

enum class FaultKind { None, Status, Hang, Reset, Malformed, SlowBody };

const char *faultKindName(FaultKind kind);

// The format's vocabulary, in one place: the reader checks files against it and the studio's
// forms offer it (through app/studio/services, as the editor never links the mocks).
struct LatencyKindInfo {
    std::string name;                // `dist:` value: fixed, uniform, normal, lognormal
    std::vector<std::string> fields; // its duration fields, in the order the docs give them
};
const std::vector<LatencyKindInfo> &latencyKinds();
const std::vector<std::string> &faultKindNames(); // `kind:` values (no "none")
// What a response, header or set_state template may read: the roots and their known fields
// ("request.method", …, "params", "state") and the mock-only functions (uuid(), now() are the
// expression language's).
const std::vector<std::string> &templatePaths();

struct Fault {
    double rate = 0; // probability per request, 0..1; the rates of one list sum to at most 1
    FaultKind kind = FaultKind::Status;
    int status = 503;            // kind: status
    engine::Micros duration = 0; // kind: slow_body (time to dribble the body); hang: unused
};

// A response as written: status, headers (templates), body (JSON template) or body_text.
struct ResponseSpec {
    int status = 200;
    std::vector<std::pair<std::string, expr::Template>> headers;
    std::optional<expr::JsonTemplate> body;
    std::optional<expr::Template> bodyText; // sent as text/plain unless headers say otherwise
    engine::SourceLocation location;
};

// Path template "/charges/{id}": literal segments must be equal (once percent-decoded), {name}
// captures one segment; a %2F inside a segment is part of it, not a separator.
struct PathTemplate {
    struct Segment {
        std::string text; // literal, or the parameter name
        bool param = false;
    };
    std::string source;
    std::vector<Segment> segments;

    static PathTemplate parse(std::string_view text);
    // Appends captured (name, value) pairs to `params` on success (only then).
    bool match(std::string_view path,
               std::vector<std::pair<std::string_view, std::string_view>> &params) const;
};

struct RouteMatch {
    std::string method; // upper case; "" matches any method
    std::optional<PathTemplate> path;
    std::vector<std::pair<std::string, ValueMatcher>> query;   // by parameter name
    std::vector<std::pair<std::string, ValueMatcher>> headers; // by header name (any case)
    std::optional<ValueMatcher> body;                          // partial JSON match
};

struct RouteSpec {
    RouteMatch match;
    std::optional<ResponseSpec> respond;
    std::vector<ResponseSpec> sequence;         // n-th call gets sequence[n], the last one repeats
    std::optional<expr::JsonTemplate> setState; // object of state keys to templates
    std::optional<Latency> latency;
    std::optional<std::vector<Fault>> faults;
    std::string label; // "POST /charges", for 404 hints and reports
    engine::SourceLocation location;
};

struct MockSpec {
    std::string service;
    std::string file;
    engine::Json initialState = engine::Json::object();
    std::optional<Latency> latency;           // default for routes without their own
    std::optional<std::vector<Fault>> faults; // default for routes without their own
    std::vector<RouteSpec> routes;
};

} // namespace tutti::mocks
