// The mock file reader: YAML with positions -> MockSpec, collecting every error.
#include <mocks/mockparser.h>

#include <mocks/specreader.h>

#include <engine/core/jsonio.h>

#include <algorithm>
#include <cctype>

namespace tutti::mocks {

using engine::ErrorCode;
using engine::Json;
using internal::child;
using internal::SpecReader;

namespace {

class MockReader {
public:
    MockReader(const engine::YamlDocument &doc, engine::Errors &errors)
        : m_r(doc, errors)
        , m_errors(errors)
    {
    }

    std::shared_ptr<MockSpec> read()
    {
        const Json &root = m_r.doc().root;
        auto spec = std::make_shared<MockSpec>();
        spec->file = m_r.doc().file;
        if (!m_r.checkKeys(
                root, "", "a mock file",
                {"tutti-mock", "service", "description", "state", "latency", "faults", "routes"},
                {"tutti-mock", "service", "routes"}))
            return nullptr;
        if (root.contains("tutti-mock")) {
            const Json &v = root["tutti-mock"];
            if (!v.is_number_integer())
                m_r.error("/tutti-mock", "'tutti-mock' must be the format version number (1)");
            else if (v.get<int>() > kMockFormatVersion)
                m_errors.push_back(engine::Error{
                    ErrorCode::Version,
                    "this mock file uses format version " + std::to_string(v.get<int>()) +
                        "; this build of tutti reads version " +
                        std::to_string(kMockFormatVersion) + " (upgrade tutti)",
                    m_r.locate("/tutti-mock"), "/tutti-mock"});
            else if (v.get<int>() < 1)
                m_r.error("/tutti-mock", "'tutti-mock' must be 1");
        }
        if (root.contains("service")) {
            const Json &v = root["service"];
            if (!v.is_string() || v.get<std::string>().empty() || !isName(v.get<std::string>()))
                m_r.error("/service", "'service' must be a name (letters, digits, '_' and '-')");
            else
                spec->service = v.get<std::string>();
        }
        if (root.contains("description") && !root["description"].is_string())
            m_r.error("/description", "'description' must be text");
        if (root.contains("state")) {
            if (!root["state"].is_object())
                m_r.error("/state", "'state' must be a mapping of initial values");
            else
                spec->initialState = root["state"];
        }
        if (root.contains("latency"))
            spec->latency = m_r.latency(root["latency"], "/latency");
        if (root.contains("faults"))
            spec->faults = m_r.faults(root["faults"], "/faults");
        if (root.contains("routes")) {
            const Json &routes = root["routes"];
            if (!routes.is_array()) {
                m_r.error("/routes", "'routes' must be a list");
            } else {
                for (std::size_t i = 0; i < routes.size(); ++i)
                    if (auto route = readRoute(routes[i], child("/routes", i)))
                        spec->routes.push_back(std::move(*route));
            }
        }
        return spec;
    }

private:
    static bool isName(const std::string &s)
    {
        return std::all_of(s.begin(), s.end(),
                           [](unsigned char c) { return std::isalnum(c) || c == '_' || c == '-'; });
    }

    std::optional<RouteSpec> readRoute(const Json &value, const std::string &p)
    {
        const std::size_t before = m_r.errorCount();
        if (!m_r.checkKeys(value, p, "a route",
                           {"match", "respond", "sequence", "set_state", "latency", "faults"},
                           {"match"}))
            return std::nullopt;
        RouteSpec route;
        route.location = m_r.locate(p);
        if (value.contains("match"))
            readMatch(value["match"], child(p, "match"), route.match);
        const bool hasRespond = value.contains("respond"), hasSequence = value.contains("sequence");
        if (hasRespond && hasSequence)
            m_r.error(child(p, "sequence"), "a route has either 'respond' or 'sequence', not both",
                      true);
        else if (!hasRespond && !hasSequence)
            m_r.error(p, "a route needs 'respond' or 'sequence'");
        if (hasRespond)
            route.respond = readResponse(value["respond"], child(p, "respond"), "respond");
        if (hasSequence) {
            const Json &seq = value["sequence"];
            if (!seq.is_array() || seq.empty()) {
                m_r.error(child(p, "sequence"), "'sequence' must be a non-empty list of responses");
            } else {
                for (std::size_t i = 0; i < seq.size(); ++i)
                    if (auto r = readResponse(seq[i], child(child(p, "sequence"), i),
                                              "a sequence entry"))
                        route.sequence.push_back(std::move(*r));
            }
        }
        if (value.contains("set_state")) {
            const std::string sp = child(p, "set_state");
            if (!value["set_state"].is_object())
                m_r.error(sp, "'set_state' must be a mapping of state keys to values or templates");
            else
                route.setState = jsonTemplate(value["set_state"], sp);
        }
        if (value.contains("latency"))
            route.latency = m_r.latency(value["latency"], child(p, "latency"));
        if (value.contains("faults"))
            route.faults = m_r.faults(value["faults"], child(p, "faults"));
        route.label = (route.match.method.empty() ? std::string("*") : route.match.method) + " " +
                      (route.match.path ? route.match.path->source : std::string("/*"));
        if (m_r.errorCount() != before)
            return std::nullopt;
        return route;
    }

    void readMatch(const Json &value, const std::string &p, RouteMatch &match)
    {
        if (!m_r.checkKeys(value, p, "'match'", {"method", "path", "query", "headers", "body"}))
            return;
        if (value.contains("method")) {
            const Json &m = value["method"];
            if (!m.is_string() || m.get<std::string>().empty()) {
                m_r.error(child(p, "method"),
                          "'method' must be an HTTP method such as GET or POST");
            } else {
                match.method = m.get<std::string>();
                std::transform(match.method.begin(), match.method.end(), match.method.begin(),
                               [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
            }
        }
        if (value.contains("path")) {
            const Json &path = value["path"];
            if (!path.is_string() || !path.get<std::string>().starts_with('/'))
                m_r.error(child(p, "path"),
                          "'path' must start with '/' (templates like /charges/{id})");
            else
                match.path = PathTemplate::parse(path.get<std::string>());
        }
        for (const char *key : {"query", "headers"}) {
            if (!value.contains(key))
                continue;
            const std::string kp = child(p, key);
            const Json &map = value[key];
            if (!map.is_object()) {
                m_r.error(kp, std::string("'") + key +
                                  "' must be a mapping of names to values or operators");
                continue;
            }
            auto &target = std::string_view(key) == "query" ? match.query : match.headers;
            for (auto it = map.begin(); it != map.end(); ++it) {
                auto m = ValueMatcher::compile(it.value(), m_r.locator(""), child(kp, it.key()));
                if (!m)
                    m_errors.push_back(m.error());
                else
                    target.emplace_back(it.key(), std::move(*m));
            }
        }
        if (value.contains("body")) {
            auto m = ValueMatcher::compile(value["body"], m_r.locator(""), child(p, "body"));
            if (!m)
                m_errors.push_back(m.error());
            else
                match.body = std::move(*m);
        }
    }

    std::optional<ResponseSpec> readResponse(const Json &value, const std::string &p,
                                             const std::string &what)
    {
        const std::size_t before = m_r.errorCount();
        if (!m_r.checkKeys(value, p, what, {"status", "headers", "body", "body_text"}))
            return std::nullopt;
        ResponseSpec r;
        r.location = m_r.locate(p);
        if (value.contains("status")) {
            const Json &s = value["status"];
            if (!s.is_number_integer() || s.get<int>() < 100 || s.get<int>() > 599)
                m_r.error(child(p, "status"), "status must be an HTTP status code (100-599)");
            else
                r.status = s.get<int>();
        }
        if (value.contains("headers")) {
            const std::string hp = child(p, "headers");
            const Json &h = value["headers"];
            if (!h.is_object()) {
                m_r.error(hp, "'headers' must be a mapping of names to values");
            } else {
                for (auto it = h.begin(); it != h.end(); ++it) {
                    const std::string vp = child(hp, it.key());
                    if (!it.value().is_string() && !it.value().is_number() &&
                        !it.value().is_boolean()) {
                        m_r.error(vp, "a header value must be text");
                        continue;
                    }
                    const std::string text = it.value().is_string() ? it.value().get<std::string>()
                                                                    : engine::dumpJson(it.value());
                    auto t = expr::Template::parse(text, m_r.locate(vp));
                    if (!t)
                        m_errors.push_back(t.error());
                    else
                        r.headers.emplace_back(it.key(), std::move(*t));
                }
            }
        }
        if (value.contains("body") && value.contains("body_text"))
            m_r.error(child(p, "body_text"),
                      "a response has either 'body' or 'body_text', not both", true);
        else if (value.contains("body"))
            r.body = jsonTemplate(value["body"], child(p, "body"));
        else if (value.contains("body_text")) {
            const std::string tp = child(p, "body_text");
            if (!value["body_text"].is_string()) {
                m_r.error(tp, "'body_text' must be text");
            } else {
                auto t =
                    expr::Template::parse(value["body_text"].get<std::string>(), m_r.locate(tp));
                if (!t)
                    m_errors.push_back(t.error());
                else
                    r.bodyText = std::move(*t);
            }
        }
        if (m_r.errorCount() != before)
            return std::nullopt;
        return r;
    }

    std::optional<expr::JsonTemplate> jsonTemplate(const Json &value, const std::string &p)
    {
        const engine::YamlDocument *doc = &m_r.doc();
        auto t = expr::JsonTemplate::compile(
            value, [doc, p](const std::string &rel) { return doc->locate(p + rel); });
        if (!t) {
            m_errors.push_back(t.error());
            return std::nullopt;
        }
        return std::move(*t);
    }

    SpecReader m_r;
    engine::Errors &m_errors;
};

} // namespace

namespace {
// The mock spec of a parsed YAML document, with every error sorted by position.
MockLoad readMockDocument(const engine::YamlDocument &doc)
{
    MockLoad load;
    std::shared_ptr<MockSpec> spec;
    try {
        MockReader reader(doc, load.errors);
        spec = reader.read();
    } catch (const std::exception &e) {
        // nlohmann throws on type surprises we did not foresee; keep it at the edge.
        load.errors.push_back(engine::Error{ErrorCode::Internal,
                                            std::string("could not read mock: ") + e.what(),
                                            {doc.file, 0, 0},
                                            {}});
    }
    std::stable_sort(load.errors.begin(), load.errors.end(),
                     [](const engine::Error &a, const engine::Error &b) {
                         return std::pair(a.location.line, a.location.column) <
                                std::pair(b.location.line, b.location.column);
                     });
    if (load.errors.empty())
        load.spec = std::move(spec);
    return load;
}
} // namespace

MockLoad parseMock(std::string_view text, const std::string &fileName)
{
    auto doc = engine::parseYaml(text, fileName);
    if (!doc) {
        MockLoad load;
        load.errors.push_back(doc.error());
        return load;
    }
    return readMockDocument(*doc);
}

MockLoad loadMockFile(const std::string &path)
{
    auto doc = engine::loadYamlFile(path);
    if (!doc) {
        MockLoad load;
        load.errors.push_back(doc.error());
        return load;
    }
    return readMockDocument(*doc);
}

} // namespace tutti::mocks
