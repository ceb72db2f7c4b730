// How a request's `path:`/`url:` template and `query:` become URL text (SPEC §9): values from
// {{ }} are percent-encoded for where they land, the literal text is made sendable, and CR, LF,
// NUL and other control characters are refused, never encoded away or stripped.
#pragma once

#include <engine/core/json.h>
#include <engine/core/result.h>
#include <engine/core/urlencoding.h>
#include <engine/expr/expression.h>

#include <string>

namespace tutti::engine {

struct UrlText {
    std::string text;    // encoded, ready to append
    std::string refused; // why it cannot be sent (names the part, never the value); "" if it can
};

// Renders `t` as the URL part `start` (UrlPart::Path for `path:`, UrlPart::Start for a full
// `url:`). A {{ }} next to literal text is a value: in the path it is one segment ('/' -> %2F;
// "a b/c" -> a%20b%2Fc), in the query one component. A template that is one {{ }} and nothing
// else is a whole path or URL from data (a "next" link): only what cannot appear in a URL is
// encoded. `what` names the part in `refused` ("the path", "the url"). Fails only when an
// expression does.
Result<UrlText> renderUrl(const expr::Template &t, expr::EvalContext &context, UrlPart start,
                          const std::string &what);

// key=value&... with both sides percent-encoded (RFC 3986 unreserved kept, space as %20, which
// application/x-www-form-urlencoded readers decode too). Values: strings as-is, null as "",
// others as compact JSON.
// A value as it is written into a URL, a header or a form: strings as they are, null as
// nothing, anything else as compact JSON.
std::string scalarText(const Json &v);

std::string formEncode(const Json &object);

// Why the query parameters in `object` cannot be sent ("query parameter 'q' holds a line
// break (LF)"), or "" when they can.
std::string queryProblem(const Json &object);

} // namespace tutti::engine
