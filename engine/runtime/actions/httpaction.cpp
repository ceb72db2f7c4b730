// HttpAction: one attempt of an http request. SPEC §9: what templating put into the request line
// and the headers is encoded or refused here, before any transport sees the request — never
// sent, never silently stripped. The attempt's span is closed here, with the request and the
// response when the trace wants payloads.
#include <engine/runtime/actions/httpaction.h>

#include <engine/core/encoding.h>
#include <engine/core/jsonio.h>
#include <engine/core/random.h>
#include <engine/core/sentbody.h>
#include <engine/core/text.h>
#include <engine/runtime/actions/stepcontext.h>
#include <engine/runtime/circuitbreaker.h>
#include <engine/runtime/executor.h>
#include <engine/runtime/oauth2tokens.h>
#include <engine/runtime/requesturl.h>
#include <engine/runtime/retry.h>

#include <algorithm>
#include <expected>
#include <limits>
#include <optional>

namespace tutti::engine::internal {

namespace {

bool statusExpected(const HttpSpec &http, int status)
{
    if (http.expect.empty())
        return status >= 200 && status <= 299;
    return std::any_of(http.expect.begin(), http.expect.end(),
                       [&](const StatusRange &r) { return status >= r.low && status <= r.high; });
}

bool isJsonContentType(const std::string *type)
{
    return type && (type->find("json") != std::string::npos);
}

// The http fields of a step; a call step's compensation request runs with their defaults.
const HttpSpec &httpOf(const Step &step)
{
    static const HttpSpec none;
    const HttpSpec *http = step.tryAs<HttpSpec>();
    return http ? *http : none;
}

// What the completion of one request needs once the transport answers.
struct Answer {
    ActionContext *run;
    const Step *step;
    const HttpSpec *http;
    const CircuitBreakerSpec *circuit;
    FramePtr frame;
    SpanId span;
    Micros timeout;
    bool shape; // `output:` applies (the step's own request, not a compensation)
    Json requestJson;
    std::string url;
    Done done;

    void operator()(TransportResult r);
};

void Answer::operator()(TransportResult r)
{
    Json responseJson = nullptr;
    std::optional<StepError> error;
    bool serviceFailed = false; // counts against the service's circuit
    Json result;
    switch (r.error) {
    case TransportError::None: {
        HttpResponse &resp = r.response;
        Json body = nullptr;
        if (resp.json) {
            body = std::move(*resp.json); // in-process mocks hand over parsed bodies
        } else if (!resp.body.empty()) {
            if (isJsonContentType(findHeader(resp.headers, "Content-Type"))) {
                // Depth-bounded: a 100,000-deep body is this step's parse error, not a stack
                // overflow in a later dump or copy. Its size is max_body's business.
                JsonLimits limits;
                limits.maxBytes = std::numeric_limits<std::size_t>::max();
                auto parsed = parseJson(resp.body, limits);
                if (parsed) {
                    body = std::move(*parsed);
                } else {
                    body = resp.body;
                    error = StepError::failure("parse",
                                               "response body is not valid JSON (" +
                                                   jsonErrorText(parsed.error()) + ")",
                                               step->id, resp.status);
                }
            } else {
                body = resp.body;
            }
        }
        if (!statusExpected(*http, resp.status)) {
            StepError e = StepError::failure("http." + std::to_string(resp.status),
                                             "HTTP " + std::to_string(resp.status) + " from " + url,
                                             step->id, resp.status);
            if (const std::string *ra = findHeader(resp.headers, "Retry-After"))
                e.retryAfter = parseRetryAfter(*ra, run->now());
            error = std::move(e);
            serviceFailed = resp.status >= 500 && resp.status <= 599;
        }
        // Objects with distinct keys are appended to directly (ordered_json's operator[]
        // searches the members and grows the vector one step at a time).
        if (run->wantsPayloads()) {
            responseJson = Json::object();
            auto &members = responseJson.get_ref<Json::object_t &>();
            members.reserve(3);
            members.emplace_back("status", resp.status);
            members.emplace_back("headers", run->redactHeaders(resp.headers));
            members.emplace_back("body", error ? std::move(body) : body);
        }
        if (!error) {
            Json lowered = Json::object();
            auto &headers = lowered.get_ref<Json::object_t &>();
            headers.reserve(resp.headers.size());
            for (const auto &[k, v] : resp.headers) {
                std::string key = asciiLower(k);
                // A repeated header: the last value wins, at the first one's place.
                auto it = std::find_if(headers.begin(), headers.end(),
                                       [&](const auto &member) { return member.first == key; });
                if (it != headers.end())
                    it->second = v;
                else
                    headers.emplace_back(std::move(key), v);
            }
            result = Json::object();
            auto &members = result.get_ref<Json::object_t &>();
            members.reserve(3);
            members.emplace_back("status", resp.status);
            members.emplace_back("headers", std::move(lowered));
            members.emplace_back("body", std::move(body));
        }
        break;
    }
    case TransportError::Connection:
        error = StepError::failure("connection", r.errorMessage, step->id);
        serviceFailed = true;
        break;
    case TransportError::Timeout:
        error = StepError::timeout("no answer within " + formatDuration(timeout), step->id);
        serviceFailed = true;
        break;
    case TransportError::TooLarge:
        error = StepError::failure("parse",
                                   "response body is larger than " + std::to_string(http->maxBody) +
                                       " bytes (raise max_body)",
                                   step->id);
        break;
    case TransportError::Cancelled:
        error = StepError::cancelled("cancelled", step->id);
        break;
    }
    // A cancelled request says nothing about the service; timeouts, connection errors and 5xx
    // answers count as its failures (see circuitbreaker.h).
    if (circuit && (!error || !error->isCancellation()))
        run->breakers().record(http->service, *circuit, serviceFailed, run->now());
    if (error) {
        run->closeSpan(span, error->spanStatus(), error->toJson(), std::move(requestJson),
                       std::move(responseJson));
        auto d = std::move(done);
        d(Outcome::failure(std::move(*error)));
        return;
    }
    run->closeSpan(span, SpanStatus::Ok, nullptr, std::move(requestJson), std::move(responseJson));
    if (shape && http->output) {
        // `output:` shapes the stored result; the raw one is readable as `response`.
        auto shaped = evaluate(*run, *http->output, *frame, &result, "response");
        if (!shaped) {
            auto d = std::move(done);
            d(Outcome::failure(expressionError(shaped.error(), *step)));
            return;
        }
        result = std::move(*shaped);
    }
    auto d = std::move(done);
    d(Outcome::ok(std::move(result)));
}

// Sends `request` with the client's bearer token (cached, or fetched once for every run that
// waits on it). A 401 answer is retried once with a token fetched anew; a token that cannot be
// had is the step's `auth` error. The token is registered with the run's redactor before it is
// sent, so no trace, output or log shows it.
void sendWithToken(ActionContext &run, HttpRequest request, Micros timeout, const ScopePtr &scope,
                   OAuth2Client client, Answer answer, bool retried)
{
    ActionContext *ctx = &run;
    OAuth2Send viaRun = [ctx, timeout, scope](HttpRequest r,
                                              std::function<void(TransportResult)> done) {
        ctx->send(std::move(r), timeout, scope, std::move(done));
    };
    OAuth2Client key = client;
    run.tokens().get(
        key, run.now(), std::move(viaRun),
        [ctx, request = std::move(request), timeout, scope, client = std::move(client),
         answer = std::move(answer), retried](OAuth2TokenResult token) mutable {
            if (!token) {
                const std::string &stepId = answer.step->id;
                StepError e =
                    scope->cancelled()
                        ? StepError::cancelled("cancelled", stepId)
                        : StepError::failure("auth", "no OAuth2 token: " + token.error(), stepId);
                ctx->closeSpan(answer.span, e.spanStatus(), e.toJson(),
                               std::move(answer.requestJson));
                ctx->later([done = std::move(answer.done), e = std::move(e)]() mutable {
                    done(Outcome::failure(std::move(e)));
                });
                return;
            }
            ctx->keepSecret(*token);
            HttpRequest withToken = request;
            withToken.headers.emplace_back("Authorization", "Bearer " + *token);
            ctx->send(
                std::move(withToken), timeout, scope,
                [ctx, request = std::move(request), timeout, scope, client = std::move(client),
                 answer = std::move(answer), retried, used = *token](TransportResult r) mutable {
                    if (!retried && r.error == TransportError::None && r.response.status == 401) {
                        ctx->tokens().invalidate(client, used);
                        sendWithToken(*ctx, std::move(request), timeout, scope, std::move(client),
                                      std::move(answer), true);
                        return;
                    }
                    answer(std::move(r));
                });
        });
}

// A request as the step's templates make it from one frame, checked and ready to send.
struct BuiltRequest {
    HttpRequest request;
    Json body;             // the body as a value when it is JSON, or text and `keepBody`
    bool jsonBody = false; // `body` is what request.body is the dump of
    std::optional<OAuth2Client> oauth; // its bearer token is fetched just before sending
    const ServiceSpec *service = nullptr;
};

// Renders the URL, query, headers, auth and body of `spec` in `frame`, and checks that what
// templating put there can be sent (SPEC §9): the step's error when an expression fails or the
// request would have to be refused. Sends nothing; a debugger's preview runs it too.
std::expected<BuiltRequest, StepError> buildRequest(ActionContext &run, const Step &step,
                                                    const Frame &frame, const HttpSpec &http,
                                                    const HttpRequestSpec &spec, bool keepBody)
{
    using Failed = std::unexpected<StepError>;
    const auto refused = [&](const std::string &why) {
        return Failed(StepError::validation("request not sent: " + why, step.id));
    };
    StepContext context(run, frame);
    BuiltRequest built;
    HttpRequest &request = built.request;
    const auto &services = frame.flow->flow->services;
    if (auto it = services.find(http.service); it != services.end())
        built.service = &it->second;
    const ServiceSpec *svc = built.service;
    request.method = spec.method;
    request.service = http.service;
    request.maxBody = http.maxBody;
    // A URL template rendered into `into`; the step's error when it failed or was refused.
    const auto render = [&](const expr::Template &t, UrlPart part, const char *what,
                            std::string &into) -> std::optional<StepError> {
        auto r = renderUrl(t, context, part, what);
        if (!r)
            return expressionError(r.error(), step);
        if (!r->refused.empty())
            return StepError::validation("request not sent: " + r->refused, step.id);
        into = std::move(r->text);
        return std::nullopt;
    };
    // Base URL: the service's, per environment; or the step's full URL.
    std::string url;
    if (spec.url) {
        if (auto e = render(*spec.url, UrlPart::Start, "the url", url))
            return Failed(std::move(*e));
    } else {
        const RunEnvironment &environment = run.environment();
        const std::string &env = environment.name;
        if (env == "mock") {
            url = "mock://" + http.service;
        } else if (auto it = environment.serviceUrls.find(http.service);
                   it != environment.serviceUrls.end()) {
            url = it->second;
        } else if (svc && svc->baseUrl) {
            url = *svc->baseUrl;
        } else {
            return Failed(StepError::validation(
                "service '" + http.service + "' has no base URL in environment '" + env + "'",
                step.id));
        }
        std::string path;
        if (spec.path)
            if (auto e = render(*spec.path, UrlPart::Path, "the path", path))
                return Failed(std::move(*e));
        if (!url.empty() && url.back() == '/' && !path.empty() && path.front() == '/')
            url.pop_back();
        else if (!path.empty() && path.front() != '/')
            url += '/';
        url += path;
    }
    if (spec.query) {
        auto q = evaluate(run, *spec.query, frame);
        if (!q)
            return Failed(expressionError(q.error(), step));
        if (q->is_object() && !q->empty()) {
            if (const std::string why = queryProblem(*q); !why.empty())
                return refused(why);
            url += (url.find('?') == std::string::npos ? "?" : "&") + formEncode(*q);
        }
    }
    if (spec.headers) {
        auto h = evaluate(run, *spec.headers, frame);
        if (!h)
            return Failed(expressionError(h.error(), step));
        if (h->is_object())
            for (auto it = h->begin(); it != h->end(); ++it)
                request.headers.emplace_back(it.key(), scalarText(*it));
    }
    // Authentication: the step's, else the service's.
    const AuthSpec *auth = http.auth ? &*http.auth : nullptr;
    if (!auth && svc && svc->auth)
        auth = &*svc->auth;
    if (auth && auth->type != AuthSpec::Type::None) {
        auto field = [&](const char *name) -> Result<std::string> {
            auto it = auth->fields.find(name);
            if (it == auth->fields.end())
                return std::string();
            auto v = evaluate(run, it->second, frame);
            if (!v)
                return std::unexpected(v.error());
            return scalarText(*v);
        };
        Result<std::string> a = std::string(), b = std::string();
        switch (auth->type) {
        case AuthSpec::Type::Bearer:
            a = field("token");
            if (a)
                request.headers.emplace_back("Authorization", "Bearer " + *a);
            break;
        case AuthSpec::Type::Basic:
            a = field("user");
            b = field("password");
            if (a && b)
                request.headers.emplace_back("Authorization",
                                             "Basic " + base64Encode(*a + ":" + *b));
            break;
        case AuthSpec::Type::ApiKey:
            a = field("value");
            if (a && !auth->apiKeyHeader.empty())
                request.headers.emplace_back(auth->apiKeyHeader, *a);
            else if (a && !auth->apiKeyQuery.empty()) {
                const Json key = {{auth->apiKeyQuery, *a}};
                if (const std::string why = queryProblem(key); !why.empty())
                    return refused(why + " (api_key auth)");
                url += (url.find('?') == std::string::npos ? "?" : "&") + formEncode(key);
            }
            break;
        case AuthSpec::Type::OAuth2ClientCredentials: {
            // The token is fetched (or taken from the cache) just before sending: sendWithToken.
            OAuth2Client client;
            for (auto [name, out] : {std::pair{"token_url", &client.tokenUrl},
                                     std::pair{"client_id", &client.clientId},
                                     std::pair{"client_secret", &client.clientSecret},
                                     std::pair{"scope", &client.scope}}) {
                a = field(name);
                if (!a)
                    break;
                *out = *a;
            }
            if (a) {
                if (const std::string why = requestProblem(OAuth2Tokens::tokenRequest(client));
                    !why.empty())
                    return refused(why + " (the OAuth2 token request)");
                built.oauth = std::move(client);
            }
            break;
        }
        case AuthSpec::Type::None:
            break;
        }
        if (!a)
            return Failed(expressionError(a.error(), step));
        if (!b)
            return Failed(expressionError(b.error(), step));
    }
    if (spec.form) {
        auto f = evaluate(run, *spec.form, frame);
        if (!f)
            return Failed(expressionError(f.error(), step));
        request.body = formEncode(*f);
        request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    } else if (spec.body) {
        auto b = evaluate(run, *spec.body, frame);
        if (!b)
            return Failed(expressionError(b.error(), step));
        if (b->is_string()) {
            request.body = b->get<std::string>();
            if (keepBody)
                built.body = std::move(*b);
            if (!findHeader(request.headers, "Content-Type"))
                request.headers.emplace_back("Content-Type", "text/plain; charset=utf-8");
        } else {
            request.body = b->dump();
            built.body = std::move(*b);
            built.jsonBody = true;
            if (!findHeader(request.headers, "Content-Type"))
                request.headers.emplace_back("Content-Type", "application/json");
        }
    }
    request.url = std::move(url);
    // Method, header names (tokens) and values (no CR, LF, NUL), and the URL as assembled.
    if (const std::string why = requestProblem(request); !why.empty())
        return refused(why);
    return built;
}

// The request as an attempt span shows it: method, url, headers (redacted), body. Takes the
// body value out of `built`; returns where the JSON body now lives (nullptr when it is not JSON).
Json requestPayload(ActionContext &run, BuiltRequest &built, const Json **jsonBody)
{
    const HttpRequest &request = built.request;
    Json out = Json::object();
    auto &members = out.get_ref<Json::object_t &>();
    members.reserve(4);
    members.emplace_back("method", request.method);
    members.emplace_back("url", request.url);
    members.emplace_back("headers", run.redactHeaders(request.headers));
    if (!built.body.is_null()) {
        members.emplace_back("body", std::move(built.body));
        // Moving the payload (into the Answer) keeps its members where they are.
        if (jsonBody && built.jsonBody)
            *jsonBody = &members.back().second;
    } else if (!request.body.empty()) {
        members.emplace_back("body", request.body);
    }
    return out;
}

void sendRequest(ActionContext &run, const ActionCall &call, const HttpSpec &http,
                 const HttpRequestSpec &spec, std::uint64_t seedKey, bool shape, Done done)
{
    const Step &step = call.step;
    const SpanId attemptSpan = call.span;
    // Failures before anything is sent still end asynchronously, like an answer.
    const auto fail = [&](StepError e) {
        run.closeSpan(attemptSpan, SpanStatus::Error, e.toJson());
        run.later([done = std::move(done), e = std::move(e)]() mutable {
            done(Outcome::failure(std::move(e)));
        });
    };
    if (call.scope->cancelled())
        return fail(StepError::cancelled("cancelled", step.id));

    const bool payloads = run.wantsPayloads();
    auto built = buildRequest(run, step, *call.frame, http, spec, payloads);
    if (!built)
        return fail(std::move(built.error()));
    HttpRequest &request = built->request;
    const Micros timeout = call.timeout;
    request.drawSeed =
        mixSeed(mixSeed(run.seed(), seedKey), static_cast<std::uint64_t>(call.attempt));

    // The request as the trace shows it (redacted later, in closeSpan); only when traced. A JSON
    // body is also what an in-process far side reads instead of parsing request.body again
    // (engine/core/sentbody.h).
    Json requestJson;
    const Json *sentBody = nullptr;
    if (payloads)
        requestJson = requestPayload(run, *built, &sentBody);
    else if (built->jsonBody)
        sentBody = &built->body; // lives until run.send() below has returned

    // Circuit breaker of the service.
    const ServiceSpec *svc = built->service;
    const CircuitBreakerSpec *circuit = svc && svc->circuit ? &*svc->circuit : nullptr;
    if (circuit && !run.breakers().allow(http.service, *circuit, run.now())) {
        StepError e = StepError::failure(
            "circuit_open", "the circuit of service '" + http.service + "' is open", step.id);
        run.closeSpan(attemptSpan, SpanStatus::Error, e.toJson(), std::move(requestJson));
        run.later([done = std::move(done), e]() mutable { done(Outcome::failure(e)); });
        return;
    }

    std::string sentUrl = request.url;
    Answer answer{&run,
                  &step,
                  &http,
                  circuit,
                  shape ? call.frame : nullptr,
                  attemptSpan,
                  timeout,
                  shape,
                  std::move(requestJson),
                  std::move(sentUrl),
                  std::move(done)};
    if (built->oauth) {
        sendWithToken(run, std::move(request), timeout, call.scope, std::move(*built->oauth),
                      std::move(answer), false);
    } else if (sentBody) {
        const SentBody published(*sentBody, request.body);
        run.send(std::move(request), timeout, call.scope, std::move(answer));
    } else {
        run.send(std::move(request), timeout, call.scope, std::move(answer));
    }
}

} // namespace

void HttpAction::act(ActionContext &run, const ActionCall &call, Done done) const
{
    sendRequest(run, call, call.step.as<HttpSpec>(), call.step.as<HttpSpec>().request,
                mixSeed(call.frame->key, hashString(call.step.id)), true, std::move(done));
}

void sendCompensation(ActionContext &run, const ActionCall &call, const HttpRequestSpec &undo,
                      Done done)
{
    sendRequest(run, call, httpOf(call.step), undo,
                mixSeed(call.frame->key, hashString(call.step.id) ^ 0xC0C0), false,
                std::move(done));
}

Json previewRequest(ActionContext &run, const Step &step, const Frame &frame)
{
    const HttpSpec *http = step.tryAs<HttpSpec>();
    if (!http)
        return nullptr;
    auto built = buildRequest(run, step, frame, *http, http->request, true);
    if (!built)
        return Json{{"not_sent", built.error().toJson()}};
    Json out = requestPayload(run, *built, nullptr);
    if (built->oauth) {
        // Fetched (or taken from the token cache) only when the request is sent.
        auto &members = out.get_ref<Json::object_t &>();
        members.emplace_back("auth", "Authorization: Bearer <OAuth2 token from " +
                                         built->oauth->tokenUrl + ", fetched when sent>");
    }
    return out;
}

} // namespace tutti::engine::internal
