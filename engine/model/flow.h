// The typed flow model the executor runs, built from a *.flow.yaml by the flow parser
// (flowparser.h). Templates and expressions are compiled once here, at load time.
#pragma once

#include <engine/core/duration.h>
#include <engine/core/json.h>
#include <engine/core/result.h>
#include <engine/expr/expression.h>
#include <engine/model/schema.h>
#include <engine/model/yamldoc.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tutti::engine {

constexpr int kFlowFormatVersion = 1;

enum class StepType { Http, Transform, Script, Choice, Parallel, Map, Wait, Call, Respond, Fail };
const char *toString(StepType type); // "http", "transform", …
std::optional<StepType> parseStepType(std::string_view text);
const std::vector<std::string> &stepTypeNames();

enum class Jitter { None, Full };

// SPEC §3 Retry: delay n = min(interval × backoff^(n−1), max_delay), then jitter.
struct RetryPolicy {
    std::vector<std::string> on{"timeout", "connection", "http.5xx"}; // error names matched
    int retries = 0; // retries after the first attempt
    Micros interval = 200 * kMillisecond;
    double backoff = 2.0; // >= 1.0
    Micros maxDelay = 30 * kSecond;
    Jitter jitter = Jitter::None;
    bool respectRetryAfter = false; // use the server's Retry-After when it is longer
};

struct CatchRule {
    std::vector<std::string> on; // error names; "any" matches everything
    std::string next;            // step id in the same list
    SourceLocation location;
};

struct AuthSpec {
    enum class Type { None, Bearer, Basic, ApiKey, OAuth2ClientCredentials };
    Type type = Type::None;
    // bearer: token; basic: user, password; api_key: header|query name + value;
    // oauth2: token_url, client_id, client_secret, scope. Values are templates (secrets).
    std::map<std::string, expr::Template> fields;
    std::string apiKeyHeader; // api_key with header:
    std::string apiKeyQuery;  // api_key with query:
};

struct HttpRequestSpec {
    std::string method = "GET";
    std::optional<expr::Template> path; // with `service`
    std::optional<expr::Template> url;  // full URL instead of service + path
    std::optional<expr::JsonTemplate> query;
    std::optional<expr::JsonTemplate> headers;
    std::optional<expr::JsonTemplate> body; // JSON by default; a plain string is sent as text
    std::optional<expr::JsonTemplate> form; // application/x-www-form-urlencoded
    SourceLocation location;
};

struct CircuitBreakerSpec {
    int failures = 5; // failures within `window` that open the circuit
    Micros window = 30 * kSecond;
    Micros openFor = 10 * kSecond;
};

struct ServiceSpec {
    std::string name;
    std::string mockFile;               // absolute path of its mock, "" when none is declared
    std::optional<std::string> baseUrl; // `base_url:` in the flow (overridden by environments)
    std::optional<CircuitBreakerSpec> circuit;
    std::optional<AuthSpec> auth;
    SourceLocation location;
};

struct StatusRange {
    int low = 200, high = 299; // inclusive
};

struct Step;

struct Branch {
    std::string name;
    std::vector<Step> steps;
    SourceLocation location;
};

struct ChoiceCase {
    expr::Template when; // bare expression
    std::string next;
    SourceLocation location;
};

struct Step {
    std::string id;
    StepType type = StepType::Transform;
    std::string description;
    SourceLocation location;
    std::string pointer; // JSON pointer of the step in the document ("/steps/2")
    std::string next;    // `next:` — "" means the following step in the list
    bool end = false;    // `end: true`

    // Shared by steps that can fail: http, script, call, map, parallel.
    std::optional<Micros> timeout;    // per attempt; http falls back to defaults.timeout
    std::optional<RetryPolicy> retry; // replaces defaults.retry when present
    std::vector<CatchRule> catches;

    // http
    std::string service;
    HttpRequestSpec request;
    std::optional<HttpRequestSpec> compensate; // also allowed on call steps
    std::vector<StatusRange> expect;           // empty: 2xx
    std::optional<expr::JsonTemplate> output;  // default {status, headers, body}
    std::optional<AuthSpec> auth;
    bool allowDynamicHost = false;
    std::size_t maxBody = 16u << 20;

    // transform: `set:` in file order
    std::vector<std::pair<std::string, expr::JsonTemplate>> set;

    // script
    std::string code;
    SourceLocation codeLocation;
    std::size_t memory = 256u << 20; // `memory:`: how far the script's address space may grow

    // choice
    std::vector<ChoiceCase> cases;
    std::string defaultNext;

    // parallel
    std::vector<Branch> branches;
    bool failFast = true; // `fail: fast` (default) or `all`

    // map
    std::optional<expr::Template> items; // bare expression
    std::string as = "item";
    int concurrency = 0; // 0: unlimited
    std::vector<Step> body;
    std::optional<int> tolerateCount;
    std::optional<double> toleratepercent;

    // wait
    std::optional<Micros> duration;
    std::optional<expr::Template> until; // bare expression: ISO-8601 time or epoch ms

    // call
    std::string flowPath; // absolute path of the sub-flow file
    std::optional<expr::JsonTemplate> input;

    // respond
    int status = 200;
    std::optional<expr::JsonTemplate> respondBody;

    // fail
    std::string errorName = "failed";
    std::optional<expr::Template> message;
};

struct Flow {
    int version = kFlowFormatVersion;
    std::string name;
    std::string description;
    std::string filePath;     // absolute path, "" for text not from a file
    std::string workspaceDir; // SPEC §2: nearest folder with tutti.yaml, else the flow's folder
    Json inputSchema;         // null when the flow declares none
    Schema inputValidator;    // inputSchema compiled once (its patterns), set with it
    std::map<std::string, ServiceSpec> services;
    Micros defaultTimeout = 10 * kSecond;
    std::optional<RetryPolicy> defaultRetry;
    Micros flowTimeout = 0; // `timeout:` at top level bounds the whole run; 0: none
    std::optional<std::string> triggerMethod, triggerPath;
    std::vector<Step> steps;
    Json document; // the parsed file as JSON, for the editor and exports
};

} // namespace tutti::engine
