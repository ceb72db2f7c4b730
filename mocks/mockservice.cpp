// Route matching, templated responses, state, sequences, latency and fault draws (mockservice.h).
#include <mocks/mockservice.h>

#include <mocks/profile.h>

#include <engine/core/jsonio.h>
#include <engine/core/sentbody.h>
#include <engine/core/text.h>
#include <engine/core/urlencoding.h>
#include <engine/model/yamldoc.h>

#include <algorithm>
#include <cmath>

namespace tutti::mocks {

using engine::Json;
using engine::Micros;

namespace {

// Lazily decoded parts of a request: most routes never look at the query or the body.
class RequestView {
public:
    explicit RequestView(const MockRequest &request)
        : m_request(request)
    {
    }

    const Json &query() const
    {
        if (!m_query) {
            m_query = Json::object();
            // O(1) per key, last value wins (ordered_json's operator[] searches linearly).
            engine::JsonObjectBuilder members(*m_query);
            std::string_view q = m_request.query;
            while (!q.empty()) {
                const std::size_t amp = q.find('&');
                const std::string_view pair = q.substr(0, amp);
                q = amp == std::string_view::npos ? std::string_view() : q.substr(amp + 1);
                if (pair.empty())
                    continue;
                const std::size_t eq = pair.find('=');
                *members.insert(engine::percentDecode(pair.substr(0, eq), true)).first =
                    eq == std::string_view::npos ? std::string()
                                                 : engine::percentDecode(pair.substr(eq + 1), true);
            }
        }
        return *m_query;
    }

    // nullptr when there is no body, or when it cannot be used (bodyError()); a JSON body
    // parsed, anything else as a string of its bytes.
    const Json *body() const
    {
        if (m_request.body.empty())
            return nullptr;
        if (m_sent)
            return m_sent;
        if (!m_body && !m_bodyError) {
            // Built by the engine in this process (engine/core/sentbody.h): the value `body` was
            // serialized from, used as is where parsing `body` would give it back.
            const engine::JsonLimits limits;
            if (const Json *sent = engine::SentBody::valueFor(m_request.body);
                sent && m_request.body.size() <= limits.maxBytes &&
                engine::jsonDepth(*sent, limits.maxDepth + 1) <= limits.maxDepth)
                return m_sent = sent;
        }
        if (!m_body && !m_bodyError) {
            auto parsed = engine::parseJson(m_request.body);
            if (parsed) {
                m_body = std::move(*parsed);
            } else if (parsed.error().code == engine::ErrorCode::Limit || declaresJson()) {
                // Too deep (or large) to be walked safely, or JSON that is not: refused, so no
                // route sees half a body.
                m_bodyError = std::move(parsed.error());
            } else {
                m_body = Json(std::string(m_request.body));
            }
        }
        return m_body ? &*m_body : nullptr;
    }
    const std::optional<engine::Error> &bodyError() const { return m_bodyError; }

    Json headersJson() const
    {
        Json out = Json::object();
        if (m_request.headers)
            for (const auto &[name, value] : *m_request.headers)
                out[engine::asciiLower(name)] = value;
        return out;
    }

    const MockRequest &request() const { return m_request; }

private:
    bool declaresJson() const
    {
        const std::string *type =
            m_request.headers ? engine::findHeader(*m_request.headers, "Content-Type") : nullptr;
        if (!type)
            return false;
        const std::string t = engine::asciiLower(type->substr(0, type->find(';')));
        return t.find("application/json") != std::string::npos || t.ends_with("+json");
    }

    const MockRequest &m_request;
    mutable std::optional<Json> m_query;
    mutable std::optional<Json> m_body;
    mutable std::optional<engine::Error> m_bodyError;
    mutable const Json *m_sent = nullptr; // the engine's value of the body (SentBody), not a copy
};

// Why a request cannot be handled as text (path, query or a header that is not UTF-8 even after
// percent-decoding), or "" when it can. Bodies are checked when they are parsed.
std::string undecodablePart(const MockRequest &request)
{
    if (!engine::isValidUtf8(engine::percentDecode(request.path, false)))
        return "the request path is not valid UTF-8";
    if (!engine::isValidUtf8(engine::percentDecode(request.query, true)))
        return "the request query is not valid UTF-8";
    if (request.headers)
        for (const auto &[name, value] : *request.headers)
            if (!engine::isValidUtf8(name) || !engine::isValidUtf8(value))
                return "the request header '" + engine::toValidUtf8(name) + "' is not valid UTF-8";
    return {};
}

// Roots `request`, `params` and `state`; uuid() draws from the request's Rng, now() is the
// clock's time when the request arrived.
class MockContext final : public expr::EvalContext {
public:
    MockContext(const RequestView &view, const Json &params, const Json &state, engine::Rng &rng,
                Micros now)
        : m_view(view)
        , m_params(params)
        , m_state(state)
        , m_rng(rng)
        , m_now(now)
    {
    }

    const Json *root(std::string_view name) const override
    {
        if (name == "state")
            return &m_state;
        if (name == "params")
            return &m_params;
        if (name == "request") {
            if (!m_requestJson) {
                const MockRequest &r = m_view.request();
                const Json *body = m_view.body();
                // Field by field: an initializer list would deep-copy every value twice.
                // Keys are distinct: appended without ordered_map's key search.
                Json request = Json::object();
                auto &members = request.get_ref<Json::object_t &>();
                members.reserve(5);
                members.emplace_back("method", std::string(r.method));
                members.emplace_back("path", std::string(r.path));
                members.emplace_back("query", m_view.query());
                members.emplace_back("headers", m_view.headersJson());
                members.emplace_back("body", body ? *body : Json());
                m_requestJson = std::move(request);
            }
            return &*m_requestJson;
        }
        return nullptr;
    }
    Micros now() override { return m_now; }
    std::string uuid() override { return m_rng.uuid(); }

private:
    const RequestView &m_view;
    const Json &m_params;
    const Json &m_state;
    engine::Rng &m_rng;
    Micros m_now;
    mutable std::optional<Json> m_requestJson;
};

engine::HttpResponse jsonResponse(int status, const Json &body)
{
    engine::HttpResponse r;
    r.status = status;
    r.headers.emplace_back("Content-Type", "application/json");
    r.body = engine::dumpJson(body);
    return r;
}

} // namespace

MockService::MockService(std::shared_ptr<const MockSpec> spec)
    : m_spec(std::move(spec))
{
    m_routes.resize(m_spec->routes.size());
    resetEffective();
    reset();
}

void MockService::resetEffective()
{
    m_defaultLatency = m_spec->latency;
    for (std::size_t i = 0; i < m_routes.size(); ++i) {
        const RouteSpec &route = m_spec->routes[i];
        m_routes[i].latency = route.latency ? route.latency : m_spec->latency;
        m_routes[i].faults =
            route.faults ? *route.faults : m_spec->faults.value_or(std::vector<Fault>{});
    }
}

void MockService::reset()
{
    m_state = m_spec->initialState;
    for (RouteState &r : m_routes) {
        r.received = 0;
        r.calls = 0;
    }
    m_received = 0;
    m_unmatched = 0;
}

void MockService::clearOverlays()
{
    resetEffective();
}

engine::Result<void> MockService::applyOverlay(const ProfileServiceOverlay &overlay)
{
    // Validate route overlays first so a failed profile leaves the service untouched.
    std::vector<std::vector<std::size_t>> targets;
    for (const ProfileRouteOverlay &ro : overlay.routes) {
        std::vector<std::size_t> hits;
        std::vector<std::string> labels;
        for (std::size_t i = 0; i < m_spec->routes.size(); ++i) {
            const RouteMatch &m = m_spec->routes[i].match;
            labels.push_back(m_spec->routes[i].label);
            if (m.path && m.path->source == ro.path && (ro.method.empty() || ro.method == m.method))
                hits.push_back(i);
        }
        if (hits.empty()) {
            const std::string asked =
                (ro.method.empty() ? std::string("*") : ro.method) + " " + ro.path;
            std::string message = "service '" + name() + "' has no route " + asked;
            const std::string close = engine::closestMatch(asked, labels);
            if (!close.empty())
                message += "; did you mean '" + close + "'?";
            return engine::fail(engine::ErrorCode::Schema, message, ro.location);
        }
        targets.push_back(std::move(hits));
    }
    if (overlay.latency) {
        m_defaultLatency = overlay.latency;
        for (RouteState &r : m_routes)
            r.latency = overlay.latency;
    }
    if (overlay.faults)
        for (RouteState &r : m_routes)
            r.faults = *overlay.faults;
    for (std::size_t k = 0; k < overlay.routes.size(); ++k) {
        for (std::size_t i : targets[k]) {
            if (overlay.routes[k].latency)
                m_routes[i].latency = overlay.routes[k].latency;
            if (overlay.routes[k].faults)
                m_routes[i].faults = *overlay.routes[k].faults;
        }
    }
    return {};
}

engine::HttpResponse MockService::notFound(const MockRequest &request) const
{
    // Rank routes by how far the path is from each template (segment by segment, a parameter
    // matches anything), with a smaller penalty for a different method.
    std::vector<std::pair<double, std::size_t>> ranked;
    std::vector<std::string_view> segs;
    for (std::size_t i = 0, j; i < request.path.size(); i = j) {
        while (i < request.path.size() && request.path[i] == '/')
            ++i;
        if (i >= request.path.size())
            break;
        j = std::min(request.path.find('/', i), request.path.size());
        segs.push_back(request.path.substr(i, j - i));
    }
    for (std::size_t r = 0; r < m_spec->routes.size(); ++r) {
        const RouteMatch &m = m_spec->routes[r].match;
        double score = 0;
        if (!m.method.empty() && m.method != request.method)
            score += 0.5;
        if (m.path) {
            const auto &ts = m.path->segments;
            const std::size_t n = std::max(ts.size(), segs.size());
            for (std::size_t k = 0; k < n; ++k) {
                if (k >= ts.size() || k >= segs.size()) {
                    score += 1.0;
                } else if (!ts[k].param && ts[k].text != segs[k]) {
                    const double len =
                        static_cast<double>(std::max(ts[k].text.size(), segs[k].size()));
                    score += static_cast<double>(engine::editDistance(ts[k].text, segs[k])) /
                             std::max(1.0, len);
                }
            }
        }
        ranked.emplace_back(score, r);
    }
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](auto &a, auto &b) { return a.first < b.first; });
    Json closest = Json::array();
    for (std::size_t k = 0; k < ranked.size() && closest.size() < 3; ++k) {
        const std::string &label = m_spec->routes[ranked[k].second].label;
        if (std::find(closest.begin(), closest.end(), Json(label)) == closest.end())
            closest.push_back(label);
    }
    return jsonResponse(404, Json{{"error", "no mock route matches " + std::string(request.method) +
                                                " " + std::string(request.path)},
                                  {"service", name()},
                                  {"closest_routes", std::move(closest)}});
}

MockOutcome MockService::handle(const MockRequest &request, engine::Rng &rng, Micros now)
{
    // A last line of defence: nothing a client sends may take the whole mock (and every other
    // client, or the run using it in-process) down with an exception.
    try {
        return decide(request, rng, now);
    } catch (const std::exception &e) {
        MockOutcome out;
        out.response = jsonResponse(
            500, Json{{"error", std::string("the mock failed on this request: ") + e.what()}});
        return out;
    }
}

MockOutcome MockService::decide(const MockRequest &request, engine::Rng &rng, Micros now)
{
    ++m_received;
    MockOutcome out;
    RequestView view(request);
    // Parts a route or template reads as text must decode; a body that claims to be JSON must
    // parse within the limits. Either way the client gets a 400, and the service lives on.
    std::string undecodable = undecodablePart(request);
    if (undecodable.empty()) {
        view.body(); // parsed once here, kept for the matchers and templates
        if (const auto &e = view.bodyError())
            undecodable = "the request body is not valid JSON (" + engine::jsonErrorText(*e) + ")";
    }
    if (!undecodable.empty()) {
        ++m_unmatched;
        out.response = jsonResponse(400, Json{{"error", std::move(undecodable)}});
        return out;
    }
    std::vector<std::pair<std::string_view, std::string_view>> params;
    int matched = -1;
    for (std::size_t i = 0; i < m_spec->routes.size() && matched < 0; ++i) {
        const RouteMatch &m = m_spec->routes[i].match;
        params.clear();
        if (!m.method.empty() && m.method != request.method)
            continue;
        if (m.path && !m.path->match(request.path, params))
            continue;
        bool ok = true;
        for (const auto &[key, matcher] : m.query) {
            const Json &q = view.query();
            auto it = q.find(key);
            if (!matcher.matches(it == q.end() ? nullptr : &*it)) {
                ok = false;
                break;
            }
        }
        for (std::size_t h = 0; ok && h < m.headers.size(); ++h) {
            const std::string *value =
                request.headers ? engine::findHeader(*request.headers, m.headers[h].first)
                                : nullptr;
            if (value) {
                const Json v(*value);
                ok = m.headers[h].second.matches(&v);
            } else {
                ok = m.headers[h].second.matches(nullptr);
            }
        }
        if (ok && m.body)
            ok = m.body->matches(view.body());
        if (ok)
            matched = static_cast<int>(i);
    }

    if (matched < 0) {
        ++m_unmatched;
        if (m_defaultLatency)
            out.latency = m_defaultLatency->draw(rng);
        out.response = notFound(request);
        return out;
    }

    out.route = matched;
    RouteState &state = m_routes[static_cast<std::size_t>(matched)];
    const RouteSpec &route = m_spec->routes[static_cast<std::size_t>(matched)];
    ++state.received;
    if (state.latency)
        out.latency = state.latency->draw(rng);
    if (!state.faults.empty()) {
        const double u = rng.uniform();
        double edge = 0;
        for (const Fault &f : state.faults) {
            edge += f.rate;
            if (u < edge) {
                out.fault = f.kind;
                out.faultDuration = f.duration;
                if (f.kind == FaultKind::Status)
                    out.response = jsonResponse(
                        f.status, Json{{"error", "injected fault"}, {"status", f.status}});
                break;
            }
        }
    }
    switch (out.fault) {
    case FaultKind::Status:
        return out;
    case FaultKind::Hang:
    case FaultKind::Reset:
        return out;
    case FaultKind::Malformed:
        out.response.status = 200;
        out.response.headers.emplace_back("Content-Type", "application/json");
        out.response.body = R"({"id": "malformed", "truncated": tr)";
        return out;
    default:
        break;
    }

    const std::uint64_t call = state.calls++;
    const ResponseSpec &spec =
        route.respond ? *route.respond
                      : route.sequence[std::min<std::size_t>(call, route.sequence.size() - 1)];
    Json paramsJson = Json::object();
    // A path segment is decoded without '+' as a space: that is a query-string convention.
    for (const auto &[k, v] : params)
        paramsJson[std::string(k)] = engine::percentDecode(v, false);
    MockContext context(view, paramsJson, m_state, rng, now);

    auto templateError = [&](const engine::Error &e) {
        out.response = jsonResponse(500, Json{{"error", "mock template failed: " + e.toString()}});
    };
    out.response.status = spec.status;
    bool hasContentType = false;
    for (const auto &[header, tmpl] : spec.headers) {
        auto value = tmpl.evaluateString(context);
        if (!value) {
            templateError(value.error());
            return out;
        }
        hasContentType = hasContentType || engine::asciiLower(header) == "content-type";
        out.response.headers.emplace_back(header, std::move(*value));
    }
    if (spec.body && spec.body->isConstant()) {
        // Most stubs are fixed: their text is written once, not once per request.
        auto [cached, fresh] = m_constantBodies.try_emplace(&spec);
        if (fresh)
            cached->second = engine::dumpJson(spec.body->source());
        out.response.body = cached->second;
        if (!hasContentType) {
            out.response.headers.emplace_back("Content-Type", "application/json");
            if (!request.textOnly)
                out.response.json = spec.body->source();
        }
    } else if (spec.body && request.textOnly) {
        auto text = spec.body->evaluateText(context);
        if (!text) {
            templateError(text.error());
            return out;
        }
        out.response.body = std::move(*text);
        if (!hasContentType)
            out.response.headers.emplace_back("Content-Type", "application/json");
    } else if (spec.body) {
        auto body = spec.body->evaluate(context);
        if (!body) {
            templateError(body.error());
            return out;
        }
        out.response.body = engine::dumpJson(*body);
        if (!hasContentType) {
            out.response.headers.emplace_back("Content-Type", "application/json");
            // In-process callers take the parsed body as is (see engine::HttpResponse::json).
            if (!request.textOnly)
                out.response.json = std::move(*body);
        }
    } else if (spec.bodyText) {
        auto body = spec.bodyText->evaluateString(context);
        if (!body) {
            templateError(body.error());
            return out;
        }
        out.response.body = std::move(*body);
        if (!hasContentType)
            out.response.headers.emplace_back("Content-Type", "text/plain; charset=utf-8");
    }
    if (route.setState) {
        auto updates = route.setState->evaluate(context);
        if (!updates) {
            templateError(updates.error());
            return out;
        }
        for (auto it = updates->begin(); it != updates->end(); ++it)
            m_state[it.key()] = std::move(it.value());
    }
    return out;
}

} // namespace tutti::mocks
