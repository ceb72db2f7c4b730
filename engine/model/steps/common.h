// Field types that more than one step type uses (retry, catch, requests, auth, status ranges),
// and the StepType enum. The per-type specs live next to this file, one header per type.
#pragma once

#include <engine/core/duration.h>
#include <engine/core/json.h>
#include <engine/core/result.h>
#include <engine/expr/expression.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tutti::engine {

// The order is the order of the alternatives of StepSpec (flow.h).
enum class StepType { Http, Transform, Script, Choice, Parallel, Map, Wait, Call, Respond, Fail };
const char *toString(StepType type); // "http", "transform", …
std::optional<StepType> parseStepType(std::string_view text);
const std::vector<std::string> &stepTypeNames();

struct Step; // flow.h; lists of steps (branches, map bodies) only need it declared

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

// `request:` of an http step, or `compensate:` of an http or call step.
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

struct StatusRange {
    int low = 200, high = 299; // inclusive
};

} // namespace tutti::engine
