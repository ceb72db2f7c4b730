// Builds the typed Flow from a *.flow.yaml document (SPEC §3) and reports every problem it finds
// with FILE:LINE:COL and the JSON pointer, in file order, instead of stopping at the first.
#include <engine/core/jsonio.h>
#include <engine/model/flowgraph.h>
#include <engine/model/flowparser.h>
#include <engine/model/schema.h>
#include <engine/model/workspace.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <system_error>
#include <utility>

namespace tutti::engine {

namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kKnownErrors = {
    "timeout", "connection", "http.4xx",     "http.5xx",  "parse",
    "script",  "validation", "circuit_open", "cancelled", "any"};
const std::vector<std::string> kRoots = {"input", "steps", "vars", "env", "secret", "run", "error"};
// Roots whose values never come from a run's input or an upstream response (SSRF rule).
const std::set<std::string> kTrustedRoots = {"env", "secret", "run"};
const std::vector<std::string> kMethods = {"GET",    "POST", "PUT",    "PATCH",
                                           "DELETE", "HEAD", "OPTIONS"};

std::string joined(const std::vector<std::string> &items)
{
    std::string out;
    for (const auto &item : items)
        out += (out.empty() ? "" : ", ") + item;
    return out;
}

// How a wrong value is shown in a message: 'fast', 12, a mapping, a list.
std::string describe(const Json &v)
{
    if (v.is_string()) {
        std::string s = v.get<std::string>();
        if (s.size() > 40)
            s = s.substr(0, 37) + "...";
        return "'" + s + "'";
    }
    if (v.is_object())
        return "a mapping";
    if (v.is_array())
        return "a list";
    if (v.is_null())
        return "nothing";
    return dumpJson(v);
}

bool isIdentifier(std::string_view s)
{
    if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_'))
        return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
    });
}

bool isName(std::string_view s)
{
    if (s.empty() || !std::isalnum(static_cast<unsigned char>(s[0])))
        return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
    });
}

std::string suggestion(const std::string &word, const std::vector<std::string> &candidates)
{
    const std::string match = closestMatch(word, candidates);
    return match.empty() ? std::string() : " (did you mean '" + match + "'?)";
}

struct ServiceRef {
    std::string name;
    std::string pointer;
};

struct StepRef {
    std::string id;
    SourceLocation location;
    std::string pointer;
};

class FlowBuilder {
public:
    FlowBuilder(const YamlDocument &doc, std::string_view text, Errors &errors)
        : m_doc(doc)
        , m_errors(errors)
    {
        std::size_t start = 0;
        while (start <= text.size()) {
            const std::size_t end = text.find('\n', start);
            m_lines.emplace_back(text.substr(
                start, end == std::string_view::npos ? std::string_view::npos : end - start));
            if (end == std::string_view::npos)
                break;
            start = end + 1;
        }
        std::error_code ec;
        m_onDisk = !doc.file.empty();
        m_filePath = doc.file.empty()
                         ? std::string()
                         : fs::weakly_canonical(fs::absolute(doc.file, ec), ec).string();
        m_baseDir = m_filePath.empty() ? fs::current_path(ec) : fs::path(m_filePath).parent_path();
    }

    std::shared_ptr<Flow> build();

private:
    // ---- errors and locations ------------------------------------------------------------
    void error(ErrorCode code, std::string message, const std::string &pointer, bool atKey = false)
    {
        m_errors.push_back(Error{code, std::move(message),
                                 atKey ? m_doc.locateKey(pointer) : m_doc.locate(pointer),
                                 pointer});
    }

    // Where the text of a string value starts: after its opening quote, or on the first line of a
    // block scalar, so expression columns point at the character inside the string.
    SourceLocation textLocation(const std::string &pointer) const
    {
        SourceLocation loc = m_doc.locate(pointer);
        if (!loc.isKnown() || loc.line > static_cast<int>(m_lines.size()))
            return loc;
        const std::string &line = m_lines[loc.line - 1];
        const auto col = static_cast<std::size_t>(loc.column - 1);
        if (col >= line.size())
            return loc;
        const char c = line[col];
        if (c == '"' || c == '\'') {
            ++loc.column;
        } else if (c == '|' || c == '>') {
            for (std::size_t n = loc.line; n < m_lines.size(); ++n) {
                const auto first = m_lines[n].find_first_not_of(" \t\r");
                if (first == std::string::npos)
                    continue;
                loc.line = static_cast<int>(n) + 1;
                loc.column = static_cast<int>(first) + 1;
                break;
            }
        }
        return loc;
    }

    static std::string child(const std::string &pointer, const std::string &key)
    {
        return pointer + "/" + pointerToken(key);
    }
    static std::string child(const std::string &pointer, std::size_t index)
    {
        return pointer + "/" + std::to_string(index);
    }
    // Fields that take one value or a list of them (`on: timeout` or `on: [timeout, http.5xx]`):
    // each value with its JSON pointer.
    static std::vector<std::pair<Json, std::string>> oneOrMany(const Json &v,
                                                               const std::string &pointer)
    {
        std::vector<std::pair<Json, std::string>> items;
        if (v.is_array()) {
            for (std::size_t i = 0; i < v.size(); ++i)
                items.emplace_back(v[i], child(pointer, i));
        } else {
            items.emplace_back(v, pointer);
        }
        return items;
    }

    // Reports every key of `object` not in `allowed`, at the key, with the closest known key.
    void checkKeys(const Json &object, const std::string &pointer,
                   const std::vector<std::string> &allowed, const std::string &what)
    {
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (std::find(allowed.begin(), allowed.end(), it.key()) != allowed.end())
                continue;
            error(ErrorCode::Schema,
                  "unknown key '" + it.key() + "' in " + what + suggestion(it.key(), allowed) +
                      "; expected: " + joined(allowed),
                  child(pointer, it.key()), true);
        }
    }

    bool expectObject(const Json &value, const std::string &pointer, const std::string &what)
    {
        if (value.is_object())
            return true;
        error(ErrorCode::Schema, what + " must be a mapping, got " + describe(value), pointer);
        return false;
    }

    static const Json *field(const Json &object, const std::string &key)
    {
        auto it = object.find(key);
        return it == object.end() ? nullptr : &*it;
    }

    std::optional<std::string> string(const Json &object, const std::string &key,
                                      const std::string &pointer, bool required = false,
                                      const std::string &what = "")
    {
        const Json *v = field(object, key);
        if (!v) {
            if (required)
                error(ErrorCode::Schema,
                      (what.empty() ? std::string("this") : what) + " needs '" + key + "'",
                      pointer);
            return std::nullopt;
        }
        if (!v->is_string()) {
            error(ErrorCode::Schema, "'" + key + "' must be a string, got " + describe(*v),
                  child(pointer, key));
            return std::nullopt;
        }
        return v->get<std::string>();
    }

    std::optional<long long> integer(const Json &object, const std::string &key,
                                     const std::string &pointer, long long min, long long max)
    {
        const Json *v = field(object, key);
        if (!v)
            return std::nullopt;
        const bool integral = v->is_number_integer() || v->is_number_unsigned() ||
                              (v->is_number_float() && std::isfinite(v->get<double>()) &&
                               std::floor(v->get<double>()) == v->get<double>());
        if (!integral || v->get<double>() < static_cast<double>(min) ||
            v->get<double>() > static_cast<double>(max)) {
            std::string range = max == std::numeric_limits<long long>::max()
                                    ? "≥ " + std::to_string(min)
                                    : "from " + std::to_string(min) + " to " + std::to_string(max);
            error(ErrorCode::Schema,
                  "'" + key + "' must be an integer " + range + ", got " + describe(*v),
                  child(pointer, key));
            return std::nullopt;
        }
        return static_cast<long long>(v->get<double>());
    }

    std::optional<bool> boolean(const Json &object, const std::string &key,
                                const std::string &pointer)
    {
        const Json *v = field(object, key);
        if (!v)
            return std::nullopt;
        if (!v->is_boolean()) {
            error(ErrorCode::Schema, "'" + key + "' must be true or false, got " + describe(*v),
                  child(pointer, key));
            return std::nullopt;
        }
        return v->get<bool>();
    }

    std::optional<Micros> duration(const Json &object, const std::string &key,
                                   const std::string &pointer, bool positive = false)
    {
        const Json *v = field(object, key);
        if (!v)
            return std::nullopt;
        std::optional<Micros> value;
        if (v->is_string())
            value = parseDuration(v->get<std::string>());
        else if (v->is_number() && v->get<double>() >= 0 && v->get<double>() < 9.0e12)
            value = static_cast<Micros>(std::llround(v->get<double>() * kMillisecond));
        if (!value) {
            error(ErrorCode::Schema,
                  "'" + key + "': expected a duration like 250ms or 5s, got " + describe(*v),
                  child(pointer, key));
            return std::nullopt;
        }
        if (positive && *value <= 0) {
            error(ErrorCode::Schema, "'" + key + "' must be longer than 0", child(pointer, key));
            return std::nullopt;
        }
        return value;
    }

    // Bytes, or a size with a unit: 32MiB, 512KiB, 1GiB (also KB/MB/GB, read as binary).
    std::optional<std::size_t> size(const Json &object, const std::string &key,
                                    const std::string &pointer, std::size_t minimum = 1)
    {
        const Json *v = field(object, key);
        if (!v)
            return std::nullopt;
        std::optional<std::size_t> bytes;
        if (v->is_number_integer() && v->get<long long>() > 0) {
            bytes = v->get<std::size_t>();
        } else if (v->is_string()) {
            const std::string text = v->get<std::string>();
            std::size_t digits = 0;
            while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits])))
                ++digits;
            std::string unit = text.substr(digits);
            std::size_t scale = 0;
            if (unit.empty() || unit == "B")
                scale = 1;
            else if (unit == "KiB" || unit == "KB" || unit == "k" || unit == "K")
                scale = 1u << 10;
            else if (unit == "MiB" || unit == "MB" || unit == "M")
                scale = 1u << 20;
            else if (unit == "GiB" || unit == "GB" || unit == "G")
                scale = 1u << 30;
            if (digits > 0 && digits < 10 && scale > 0)
                bytes = std::stoull(text.substr(0, digits)) * scale;
        }
        if (!bytes || *bytes < minimum) {
            error(ErrorCode::Schema,
                  "'" + key + "' must be a size like 32MiB or a number of bytes" +
                      (minimum > 1 ? ", at least " + std::to_string(minimum >> 20) + "MiB" : "") +
                      ", got " + describe(*v),
                  child(pointer, key));
            return std::nullopt;
        }
        return bytes;
    }

    // ---- expressions ---------------------------------------------------------------------
    void checkReferences(const expr::Template &t, const std::string &pointer)
    {
        // Each {{ }} part knows where it starts, so errors point at the expression itself.
        for (const auto &part : t.parts()) {
            if (!part.expression)
                continue;
            const SourceLocation where = part.expression->location().isKnown()
                                             ? part.expression->location()
                                             : textLocation(pointer);
            for (const auto &id : part.expression->referencedSteps())
                m_stepRefs.push_back({id, where, pointer});
            for (const auto &root : part.expression->referencedRoots())
                checkRoot(root, where, pointer);
        }
    }

    void checkRoot(const std::string &root, const SourceLocation &where, const std::string &pointer)
    {
        if (std::find(kRoots.begin(), kRoots.end(), root) != kRoots.end())
            return;
        if (root == "index" && !m_mapVars.empty())
            return;
        if (std::find(m_mapVars.begin(), m_mapVars.end(), root) != m_mapVars.end())
            return;
        std::vector<std::string> known = kRoots;
        if (!m_mapVars.empty()) {
            known.push_back("index");
            known.insert(known.end(), m_mapVars.begin(), m_mapVars.end());
        }
        std::string message;
        if ((root == "item" || root == "index") && m_mapVars.empty())
            message = "'" + root + "' can only be read inside the steps of a map";
        else
            message = "unknown name '" + root + "' in expression" + suggestion(root, known) +
                      "; expressions can read " + joined(known);
        m_errors.push_back(Error{ErrorCode::Validation, message, where, pointer});
    }

    void addExpressionError(Error e, const std::string &pointer)
    {
        // The expression parser puts the expression's text in `path`; the flow error names it in
        // the message and keeps the JSON pointer as the path, like every other flow error.
        if (!e.path.empty() && e.path != pointer)
            e.message += " in '" + e.path + "'";
        e.path = pointer;
        if (e.location.file.empty())
            e.location = textLocation(pointer);
        m_errors.push_back(std::move(e));
    }

    std::optional<expr::Template> templateOf(const Json &v, const std::string &pointer,
                                             const std::string &key, bool bare = false)
    {
        std::string text;
        if (v.is_string())
            text = v.get<std::string>();
        else if (bare && (v.is_boolean() || v.is_number()))
            text = dumpJson(v);
        else {
            error(ErrorCode::Schema,
                  "'" + key + "' must be " + (bare ? "an expression" : "a string") + ", got " +
                      describe(v),
                  pointer);
            return std::nullopt;
        }
        auto t = bare ? expr::Template::parseBareExpression(text, textLocation(pointer))
                      : expr::Template::parse(text, textLocation(pointer));
        if (!t) {
            addExpressionError(t.error(), pointer);
            return std::nullopt;
        }
        checkReferences(*t, pointer);
        return std::move(*t);
    }

    std::optional<expr::Template> templateField(const Json &object, const std::string &key,
                                                const std::string &pointer, bool bare = false)
    {
        const Json *v = field(object, key);
        if (!v)
            return std::nullopt;
        return templateOf(*v, child(pointer, key), key, bare);
    }

    // Parses every string leaf first so all bad expressions are reported, then compiles.
    bool checkLeaves(const Json &v, const std::string &pointer)
    {
        bool ok = true;
        if (v.is_string()) {
            const auto &s = v.get_ref<const std::string &>();
            if (s.find("{{") == std::string::npos)
                return true;
            auto t = expr::Template::parse(s, textLocation(pointer));
            if (!t) {
                addExpressionError(t.error(), pointer);
                return false;
            }
            checkReferences(*t, pointer);
        } else if (v.is_object()) {
            for (auto it = v.begin(); it != v.end(); ++it)
                ok = checkLeaves(*it, child(pointer, it.key())) && ok;
        } else if (v.is_array()) {
            for (std::size_t i = 0; i < v.size(); ++i)
                ok = checkLeaves(v[i], child(pointer, i)) && ok;
        }
        return ok;
    }

    std::optional<expr::JsonTemplate> jsonTemplateOf(const Json &v, const std::string &pointer)
    {
        if (!checkLeaves(v, pointer))
            return std::nullopt;
        auto t = expr::JsonTemplate::compile(
            v, [this, pointer](const std::string &rel) { return textLocation(pointer + rel); });
        if (!t) {
            addExpressionError(t.error(), pointer);
            return std::nullopt;
        }
        return std::move(*t);
    }

    std::optional<expr::JsonTemplate> jsonTemplateField(const Json &object, const std::string &key,
                                                        const std::string &pointer)
    {
        const Json *v = field(object, key);
        if (!v)
            return std::nullopt;
        return jsonTemplateOf(*v, child(pointer, key));
    }

    // SPEC §9: the host of a request comes from the service definition, never from run data.
    // In a full URL, an expression reading anything but env/secret/run before the end of the
    // host part (scheme://host:port) is refused; in a service path, such an expression before
    // the path's first literal '/' is refused (it could splice a new authority onto the base).
    void checkHost(const expr::Template &t, const std::string &pointer, bool isUrl)
    {
        std::string prefix;
        for (const auto &part : t.parts()) {
            if (!part.expression) {
                prefix += part.literal;
                continue;
            }
            bool inHost = false;
            if (isUrl) {
                const auto scheme = prefix.find("://");
                inHost = scheme == std::string::npos ||
                         prefix.find_first_of("/?#", scheme + 3) == std::string::npos;
            } else {
                inHost = prefix.empty() || prefix.front() != '/';
            }
            if (!inHost)
                return;
            for (const auto &root : part.expression->referencedRoots()) {
                if (kTrustedRoots.contains(root))
                    continue;
                error(ErrorCode::Validation,
                      "the host of this request would come from run data ('{{ " +
                          part.expression->text() +
                          " }}'); hosts come from the service definition unless the step sets "
                          "allow_dynamic_host: true (SSRF rule)",
                      pointer);
                return;
            }
            prefix += "x"; // something dynamic but trusted; keep scanning the literal parts
        }
    }

    // ---- pieces --------------------------------------------------------------------------
    std::vector<std::string> errorNames(const Json &v, const std::string &pointer, bool allowCustom)
    {
        std::vector<std::string> names;
        const auto items = oneOrMany(v, pointer);
        for (const auto &[item, p] : items) {
            if (!item.is_string()) {
                error(ErrorCode::Schema,
                      "'on' must list error names like timeout or http.5xx, got " + describe(item),
                      p);
                continue;
            }
            const std::string name = item.get<std::string>();
            bool known =
                std::find(kKnownErrors.begin(), kKnownErrors.end(), name) != kKnownErrors.end();
            if (!known && name.size() == 8 && name.starts_with("http.")) {
                const std::string code = name.substr(5);
                known = std::all_of(code.begin(), code.end(),
                                    [](char c) { return c >= '0' && c <= '9'; }) &&
                        code >= "100" && code <= "599";
            }
            // A call step can catch the custom error name of a sub-flow's `fail` step; a name
            // one typo away from a built-in one is still reported.
            if (!known && allowCustom && isName(name) && closestMatch(name, kKnownErrors).empty())
                known = true;
            if (!known) {
                error(ErrorCode::Schema,
                      "unknown error name '" + name + "'" + suggestion(name, kKnownErrors) +
                          "; names: timeout, connection, http.<code>, http.4xx, http.5xx, "
                          "parse, script, validation, circuit_open, cancelled, any",
                      p);
                continue;
            }
            names.push_back(name);
        }
        return names;
    }

    std::optional<RetryPolicy> retry(const Json &v, const std::string &pointer, bool allowCustom)
    {
        if (!expectObject(v, pointer, "'retry'"))
            return std::nullopt;
        checkKeys(
            v, pointer,
            {"on", "retries", "interval", "backoff", "max_delay", "jitter", "respect_retry_after"},
            "retry");
        RetryPolicy policy;
        if (const Json *on = field(v, "on"))
            policy.on = errorNames(*on, child(pointer, "on"), allowCustom);
        if (auto n = integer(v, "retries", pointer, 0, 1000))
            policy.retries = static_cast<int>(*n);
        if (auto d = duration(v, "interval", pointer))
            policy.interval = *d;
        if (const Json *b = field(v, "backoff")) {
            if (!b->is_number() || b->get<double>() < 1.0 || !std::isfinite(b->get<double>()))
                error(ErrorCode::Schema,
                      "'backoff' must be a number ≥ 1.0 (the delay multiplier), got " +
                          describe(*b),
                      child(pointer, "backoff"));
            else
                policy.backoff = b->get<double>();
        }
        if (auto d = duration(v, "max_delay", pointer))
            policy.maxDelay = *d;
        if (const Json *j = field(v, "jitter")) {
            if (*j == "none")
                policy.jitter = Jitter::None;
            else if (*j == "full")
                policy.jitter = Jitter::Full;
            else
                error(ErrorCode::Schema, "'jitter' must be none or full, got " + describe(*j),
                      child(pointer, "jitter"));
        }
        if (auto r = boolean(v, "respect_retry_after", pointer))
            policy.respectRetryAfter = *r;
        return policy;
    }

    std::vector<CatchRule> catches(const Json &v, const std::string &pointer, bool allowCustom)
    {
        std::vector<CatchRule> rules;
        if (!v.is_array()) {
            error(ErrorCode::Schema,
                  "'catch' must be a list like [{on: [http.409], next: STEP}], got " + describe(v),
                  pointer);
            return rules;
        }
        for (std::size_t i = 0; i < v.size(); ++i) {
            const std::string p = child(pointer, i);
            if (!expectObject(v[i], p, "a catch rule"))
                continue;
            checkKeys(v[i], p, {"on", "next"}, "a catch rule");
            CatchRule rule;
            rule.location = m_doc.locate(p);
            rule.on = {"any"};
            if (const Json *on = field(v[i], "on"))
                rule.on = errorNames(*on, child(p, "on"), allowCustom);
            if (auto next = string(v[i], "next", p, true, "a catch rule"))
                rule.next = *next;
            rules.push_back(std::move(rule));
        }
        return rules;
    }

    std::vector<StatusRange> expect(const Json &v, const std::string &pointer)
    {
        std::vector<StatusRange> ranges;
        const auto items = oneOrMany(v, pointer);
        for (const auto &[item, p] : items) {
            std::optional<StatusRange> range;
            const auto valid = [](long long s) { return s >= 100 && s <= 599; };
            if (item.is_number_integer() && valid(item.get<long long>())) {
                range = StatusRange{item.get<int>(), item.get<int>()};
            } else if (item.is_string()) {
                const std::string s = item.get<std::string>();
                const auto digits = [](std::string_view t) {
                    return !t.empty() && t.size() <= 3 &&
                           std::all_of(t.begin(), t.end(),
                                       [](char c) { return c >= '0' && c <= '9'; });
                };
                const auto dash = s.find('-');
                if (s.size() == 3 && s[0] >= '1' && s[0] <= '5' && (s[1] == 'x' || s[1] == 'X') &&
                    (s[2] == 'x' || s[2] == 'X')) {
                    const int base = (s[0] - '0') * 100;
                    range = StatusRange{base, base + 99};
                } else if (digits(s) && valid(std::stoll(s))) {
                    range = StatusRange{std::stoi(s), std::stoi(s)};
                } else if (dash != std::string::npos && digits(s.substr(0, dash)) &&
                           digits(s.substr(dash + 1))) {
                    const int low = std::stoi(s.substr(0, dash));
                    const int high = std::stoi(s.substr(dash + 1));
                    if (valid(low) && valid(high) && low <= high)
                        range = StatusRange{low, high};
                }
            }
            if (!range) {
                error(ErrorCode::Schema,
                      "'expect' takes statuses like 200, \"2xx\" or \"200-299\", got " +
                          describe(item),
                      p);
                continue;
            }
            ranges.push_back(*range);
        }
        return ranges;
    }

    std::optional<AuthSpec> auth(const Json &v, const std::string &pointer)
    {
        if (!expectObject(v, pointer, "'auth'"))
            return std::nullopt;
        static const std::vector<std::string> types = {"bearer", "basic", "api_key",
                                                       "oauth2_client_credentials"};
        auto type = string(v, "type", pointer, true, "'auth'");
        if (!type)
            return std::nullopt;
        AuthSpec spec;
        std::vector<std::string> required, optional;
        if (*type == "bearer") {
            spec.type = AuthSpec::Type::Bearer;
            required = {"token"};
        } else if (*type == "basic") {
            spec.type = AuthSpec::Type::Basic;
            required = {"user", "password"};
        } else if (*type == "api_key") {
            spec.type = AuthSpec::Type::ApiKey;
            required = {"value"};
            optional = {"header", "query"};
        } else if (*type == "oauth2_client_credentials") {
            spec.type = AuthSpec::Type::OAuth2ClientCredentials;
            required = {"token_url", "client_id", "client_secret"};
            optional = {"scope"};
        } else {
            error(ErrorCode::Schema,
                  "unknown auth type '" + *type + "'" + suggestion(*type, types) +
                      "; types: " + joined(types),
                  child(pointer, "type"));
            return std::nullopt;
        }
        std::vector<std::string> allowed = {"type"};
        allowed.insert(allowed.end(), required.begin(), required.end());
        allowed.insert(allowed.end(), optional.begin(), optional.end());
        checkKeys(v, pointer, allowed, "'auth' of type " + *type);
        for (const auto &key : required) {
            if (!field(v, key)) {
                error(ErrorCode::Schema, "'auth' of type " + *type + " needs '" + key + "'",
                      pointer);
                continue;
            }
            if (auto t = templateField(v, key, pointer))
                spec.fields.emplace(key, std::move(*t));
        }
        if (spec.type == AuthSpec::Type::ApiKey) {
            const auto header = string(v, "header", pointer);
            const auto query = string(v, "query", pointer);
            if (header.has_value() == query.has_value() && !field(v, "header") &&
                !field(v, "query"))
                error(ErrorCode::Schema,
                      "'auth' of type api_key needs 'header: NAME' or 'query: NAME'", pointer);
            else if (field(v, "header") && field(v, "query"))
                error(ErrorCode::Schema,
                      "'auth' of type api_key takes 'header' or 'query', not both", pointer);
            spec.apiKeyHeader = header.value_or("");
            spec.apiKeyQuery = query.value_or("");
        }
        if (spec.type == AuthSpec::Type::OAuth2ClientCredentials) {
            if (auto t = templateField(v, "scope", pointer))
                spec.fields.emplace("scope", std::move(*t));
            if (auto it = spec.fields.find("token_url"); it != spec.fields.end())
                checkHost(it->second, child(pointer, "token_url"), true);
        }
        return spec;
    }

    // `request:` of an http step, or `compensate:` of an http or call step.
    void request(const Json &v, const std::string &pointer, HttpRequestSpec &spec,
                 const std::string &what)
    {
        spec.location = m_doc.locate(pointer);
        if (!expectObject(v, pointer, what))
            return;
        checkKeys(v, pointer, {"method", "path", "url", "query", "headers", "body", "form"}, what);
        if (const Json *m = field(v, "method")) {
            std::string method = m->is_string() ? m->get<std::string>() : std::string();
            std::transform(method.begin(), method.end(), method.begin(),
                           [](unsigned char c) { return std::toupper(c); });
            if (std::find(kMethods.begin(), kMethods.end(), method) == kMethods.end())
                error(ErrorCode::Schema,
                      "'method' must be one of " + joined(kMethods) + ", got " + describe(*m),
                      child(pointer, "method"));
            else
                spec.method = method;
        }
        spec.path = templateField(v, "path", pointer);
        spec.url = templateField(v, "url", pointer);
        spec.query = jsonTemplateField(v, "query", pointer);
        spec.headers = jsonTemplateField(v, "headers", pointer);
        spec.body = jsonTemplateField(v, "body", pointer);
        spec.form = jsonTemplateField(v, "form", pointer);
        if (field(v, "query") && !field(v, "query")->is_object())
            error(ErrorCode::Schema,
                  "'query' must be a mapping of parameter names to values, got " +
                      describe(v["query"]),
                  child(pointer, "query"));
        if (field(v, "headers") && !field(v, "headers")->is_object())
            error(ErrorCode::Schema,
                  "'headers' must be a mapping of header names to values, got " +
                      describe(v["headers"]),
                  child(pointer, "headers"));
        if (field(v, "form") && !field(v, "form")->is_object())
            error(ErrorCode::Schema,
                  "'form' must be a mapping of field names to values, got " + describe(v["form"]),
                  child(pointer, "form"));
        if (field(v, "body") && field(v, "form"))
            error(ErrorCode::Schema, what + " takes 'body' or 'form', not both",
                  child(pointer, "form"), true);
        if (field(v, "path") && field(v, "url"))
            error(ErrorCode::Schema,
                  what + " takes 'path' (with the step's service) or a full 'url', not both",
                  child(pointer, "url"), true);
    }

    // ---- steps ---------------------------------------------------------------------------
    void steps(const Json &v, const std::string &pointer, std::vector<Step> &out,
               const std::string &what)
    {
        if (!v.is_array()) {
            error(ErrorCode::Schema, what + " must be a list of steps, got " + describe(v),
                  pointer);
            return;
        }
        if (v.empty()) {
            error(ErrorCode::Validation, what + " must hold at least one step", pointer);
            return;
        }
        for (std::size_t i = 0; i < v.size(); ++i)
            out.push_back(step(v[i], child(pointer, i)));
    }

    Step step(const Json &v, const std::string &pointer);
    void httpStep(const Json &v, const std::string &pointer, const Step &step, HttpSpec &s);
    void services(const Json &v, const std::string &pointer, Flow &flow);

    const YamlDocument &m_doc;
    Errors &m_errors;
    std::vector<std::string> m_lines;
    bool m_onDisk = false;
    std::string m_filePath;
    fs::path m_baseDir;
    std::vector<std::string> m_mapVars;       // `as` names of the enclosing maps, innermost last
    int m_nesting = 0;                        // inside a branch or a map body
    std::map<std::string, std::string> m_ids; // id -> pointer of its first step
    std::vector<StepRef> m_stepRefs;
    std::vector<ServiceRef> m_serviceRefs;
};

std::vector<std::string> allowedKeys(StepType type)
{
    std::vector<std::string> keys = {"id", "type", "description"};
    const auto add = [&](std::initializer_list<const char *> more) {
        keys.insert(keys.end(), more.begin(), more.end());
    };
    switch (type) {
    case StepType::Http:
        add({"next", "end", "service", "request", "url", "timeout", "retry", "catch", "compensate",
             "expect", "output", "auth", "allow_dynamic_host", "max_body"});
        break;
    case StepType::Transform:
        add({"next", "end", "set"});
        break;
    case StepType::Script:
        add({"next", "end", "code", "timeout", "memory", "retry", "catch"});
        break;
    case StepType::Choice:
        add({"cases", "default"});
        break;
    case StepType::Parallel:
        add({"next", "end", "branches", "fail", "timeout", "catch"});
        break;
    case StepType::Map:
        add({"next", "end", "items", "as", "concurrency", "steps", "tolerate", "timeout", "catch"});
        break;
    case StepType::Wait:
        add({"next", "end", "duration", "until"});
        break;
    case StepType::Call:
        add({"next", "end", "flow", "input", "timeout", "retry", "catch", "compensate"});
        break;
    case StepType::Respond:
        add({"status", "body"});
        break;
    case StepType::Fail:
        add({"error", "message"});
        break;
    }
    return keys;
}

Step FlowBuilder::step(const Json &v, const std::string &pointer)
{
    Step s;
    s.pointer = pointer;
    s.location = m_doc.locate(pointer);
    if (!expectObject(v, pointer, "a step"))
        return s;

    if (auto id = string(v, "id", pointer, true, "a step")) {
        s.id = *id;
        const std::string idPointer = child(pointer, "id");
        if (!isIdentifier(s.id)) {
            error(ErrorCode::Schema,
                  "step id '" + s.id +
                      "' must be letters, digits and underscores, starting with a letter (it "
                      "is read as steps." +
                      s.id + ")",
                  idPointer);
        } else if (auto [it, inserted] = m_ids.emplace(s.id, idPointer); !inserted) {
            const SourceLocation first = m_doc.locate(it->second);
            error(ErrorCode::Validation,
                  "duplicate step id '" + s.id + "' (first used at line " +
                      std::to_string(first.line) + "); step ids are unique in the whole file",
                  idPointer);
        }
    }
    if (auto d = string(v, "description", pointer))
        s.description = *d;

    const Json *typeValue = field(v, "type");
    std::optional<StepType> type;
    if (!typeValue) {
        // `tpye: http` is reported below as a misspelt key; "needs 'type'" would only repeat it.
        bool misspelt = false;
        for (auto it = v.begin(); it != v.end(); ++it)
            misspelt =
                misspelt || (it.key() != "type" && closestMatch(it.key(), {"type"}) == "type");
        if (!misspelt)
            error(ErrorCode::Schema, "a step needs 'type'; types: " + joined(stepTypeNames()),
                  pointer);
    } else if (!typeValue->is_string()) {
        error(ErrorCode::Schema,
              "'type' must be a step type (" + joined(stepTypeNames()) + "), got " +
                  describe(*typeValue),
              child(pointer, "type"));
    } else {
        const std::string name = typeValue->get<std::string>();
        type = parseStepType(name);
        if (!type)
            error(ErrorCode::Schema,
                  "unknown step type '" + name + "'" + suggestion(name, stepTypeNames()) +
                      "; types: " + joined(stepTypeNames()),
                  child(pointer, "type"));
    }
    if (!type) {
        // Without a type only keys that no step type takes can be judged; keep id/next for the
        // graph checks.
        std::vector<std::string> anyKeys;
        for (const auto &name : stepTypeNames())
            for (const auto &key : allowedKeys(*parseStepType(name)))
                if (std::find(anyKeys.begin(), anyKeys.end(), key) == anyKeys.end())
                    anyKeys.push_back(key);
        checkKeys(v, pointer, anyKeys, "a step");
        if (auto next = string(v, "next", pointer))
            s.next = *next;
        return s;
    }
    s.type = *type;
    s.spec = defaultStepSpec(s.type);
    checkKeys(v, pointer, allowedKeys(s.type), std::string("a ") + toString(s.type) + " step");

    if ((s.type == StepType::Respond || s.type == StepType::Fail) && m_nesting > 0)
        error(ErrorCode::Validation,
              std::string("a ") + toString(s.type) +
                  " step ends the whole run, so it may only be in the top-level steps, not "
                  "inside a parallel branch or a map body",
              child(pointer, "type"));

    if (auto next = string(v, "next", pointer))
        s.next = *next;
    if (auto end = boolean(v, "end", pointer))
        s.end = *end;
    if (field(v, "next") && s.end)
        error(ErrorCode::Schema, "a step takes 'next' or 'end: true', not both",
              child(pointer, "end"), true);

    const bool custom = s.type == StepType::Call;
    s.timeout = duration(v, "timeout", pointer, true);
    if (const Json *r = field(v, "retry"))
        s.retry = retry(*r, child(pointer, "retry"), custom);
    if (const Json *c = field(v, "catch"))
        s.catches = catches(*c, child(pointer, "catch"), custom);

    switch (s.type) {
    case StepType::Http:
        httpStep(v, pointer, s, s.as<HttpSpec>());
        break;
    case StepType::Transform: {
        const Json *set = field(v, "set");
        if (!set) {
            error(ErrorCode::Schema, "a transform step needs 'set: {name: value, …}'", pointer);
            break;
        }
        if (!expectObject(*set, child(pointer, "set"), "'set'"))
            break;
        for (auto it = set->begin(); it != set->end(); ++it)
            if (auto t = jsonTemplateOf(*it, child(child(pointer, "set"), it.key())))
                s.as<TransformSpec>().set.emplace_back(it.key(), std::move(*t));
        break;
    }
    case StepType::Script: {
        ScriptSpec &script = s.as<ScriptSpec>();
        if (auto code = string(v, "code", pointer, true, "a script step")) {
            script.code = *code;
            script.codeLocation = textLocation(child(pointer, "code"));
        }
        if (!s.timeout)
            s.timeout = kSecond;
        if (auto bytes = size(v, "memory", pointer, 1u << 20))
            script.memory = *bytes;
        break;
    }
    case StepType::Choice: {
        const Json *cases = field(v, "cases");
        if (!cases) {
            error(ErrorCode::Schema, "a choice step needs 'cases: [{when: EXPR, next: STEP}]'",
                  pointer);
        } else if (!cases->is_array() || cases->empty()) {
            error(ErrorCode::Schema,
                  "'cases' must be a non-empty list of {when, next}, got " + describe(*cases),
                  child(pointer, "cases"));
        } else {
            for (std::size_t i = 0; i < cases->size(); ++i) {
                const std::string p = child(child(pointer, "cases"), i);
                const Json &c = (*cases)[i];
                if (!expectObject(c, p, "a case"))
                    continue;
                checkKeys(c, p, {"when", "next"}, "a choice case");
                ChoiceCase choice;
                choice.location = m_doc.locate(p);
                if (!field(c, "when"))
                    error(ErrorCode::Schema, "a choice case needs 'when: EXPR'", p);
                auto when = templateField(c, "when", p, true);
                auto next = string(c, "next", p, true, "a choice case");
                if (when && next) {
                    choice.when = std::move(*when);
                    choice.next = *next;
                    s.as<ChoiceSpec>().cases.push_back(std::move(choice));
                }
            }
        }
        if (auto d = string(v, "default", pointer))
            s.as<ChoiceSpec>().defaultNext = *d;
        break;
    }
    case StepType::Parallel: {
        const Json *branches = field(v, "branches");
        if (!branches) {
            error(ErrorCode::Schema, "a parallel step needs 'branches: [{name, steps}]'", pointer);
        } else if (!branches->is_array() || branches->empty()) {
            error(ErrorCode::Schema,
                  "'branches' must be a non-empty list of {name, steps}, got " +
                      describe(*branches),
                  child(pointer, "branches"));
        } else {
            std::set<std::string> names;
            for (std::size_t i = 0; i < branches->size(); ++i) {
                const std::string p = child(child(pointer, "branches"), i);
                const Json &b = (*branches)[i];
                if (!expectObject(b, p, "a branch"))
                    continue;
                checkKeys(b, p, {"name", "steps"}, "a branch");
                Branch branch;
                branch.location = m_doc.locate(p);
                if (auto name = string(b, "name", p, true, "a branch")) {
                    branch.name = *name;
                    if (!isIdentifier(*name))
                        error(ErrorCode::Schema,
                              "branch name '" + *name +
                                  "' must be letters, digits and underscores (it is read as "
                                  "steps." +
                                  s.id + "." + *name + ")",
                              child(p, "name"));
                    else if (!names.insert(*name).second)
                        error(ErrorCode::Validation,
                              "duplicate branch name '" + *name + "' in this parallel step",
                              child(p, "name"));
                }
                ++m_nesting;
                if (const Json *bs = field(b, "steps"))
                    steps(*bs, child(p, "steps"), branch.steps, "'steps' of a branch");
                else
                    error(ErrorCode::Schema, "a branch needs 'steps'", p);
                --m_nesting;
                s.as<ParallelSpec>().branches.push_back(std::move(branch));
            }
        }
        if (const Json *f = field(v, "fail")) {
            if (*f == "fast")
                s.as<ParallelSpec>().failFast = true;
            else if (*f == "all")
                s.as<ParallelSpec>().failFast = false;
            else
                error(ErrorCode::Schema, "'fail' must be fast or all, got " + describe(*f),
                      child(pointer, "fail"));
        }
        break;
    }
    case StepType::Map: {
        MapSpec &map = s.as<MapSpec>();
        if (!field(v, "items"))
            error(ErrorCode::Schema, "a map step needs 'items: EXPR' (the array to run over)",
                  pointer);
        map.items = templateField(v, "items", pointer, true);
        if (auto as = string(v, "as", pointer)) {
            if (!isIdentifier(*as))
                error(ErrorCode::Schema,
                      "'as' must be a name of letters, digits and underscores, got '" + *as + "'",
                      child(pointer, "as"));
            else if (std::find(kRoots.begin(), kRoots.end(), *as) != kRoots.end() || *as == "index")
                error(ErrorCode::Schema,
                      "'as' cannot be '" + *as + "': that name is already an expression root",
                      child(pointer, "as"));
            else
                map.as = *as;
        }
        if (auto c = integer(v, "concurrency", pointer, 0, 100000))
            map.concurrency = static_cast<int>(*c);
        if (const Json *t = field(v, "tolerate")) {
            const std::string p = child(pointer, "tolerate");
            if (expectObject(*t, p, "'tolerate'")) {
                checkKeys(*t, p, {"count", "percent"}, "'tolerate'");
                if (field(*t, "count") && field(*t, "percent"))
                    error(ErrorCode::Schema, "'tolerate' takes 'count' or 'percent', not both", p);
                if (auto n = integer(*t, "count", p, 0, std::numeric_limits<int>::max()))
                    map.tolerateCount = static_cast<int>(*n);
                if (const Json *pc = field(*t, "percent")) {
                    if (!pc->is_number() || pc->get<double>() < 0 || pc->get<double>() > 100)
                        error(ErrorCode::Schema,
                              "'percent' must be a number from 0 to 100, got " + describe(*pc),
                              child(p, "percent"));
                    else
                        map.toleratePercent = pc->get<double>();
                }
                if (!field(*t, "count") && !field(*t, "percent"))
                    error(ErrorCode::Schema, "'tolerate' needs 'count' or 'percent'", p);
            }
        }
        m_mapVars.push_back(map.as);
        ++m_nesting;
        if (const Json *body = field(v, "steps"))
            steps(*body, child(pointer, "steps"), map.body, "'steps' of a map");
        else
            error(ErrorCode::Schema, "a map step needs 'steps' (the body run per item)", pointer);
        --m_nesting;
        m_mapVars.pop_back();
        break;
    }
    case StepType::Wait:
        s.as<WaitSpec>().duration = duration(v, "duration", pointer);
        s.as<WaitSpec>().until = templateField(v, "until", pointer, true);
        if (field(v, "duration") && field(v, "until"))
            error(ErrorCode::Schema, "a wait step takes 'duration' or 'until', not both",
                  child(pointer, "until"), true);
        else if (!field(v, "duration") && !field(v, "until"))
            error(ErrorCode::Schema, "a wait step needs 'duration' (like 5s) or 'until: EXPR'",
                  pointer);
        break;
    case StepType::Call: {
        CallSpec &call = s.as<CallSpec>();
        if (auto flow = string(v, "flow", pointer, true, "a call step")) {
            std::error_code ec;
            fs::path path(*flow);
            if (path.is_relative())
                path = m_baseDir / path;
            call.flowPath = path.lexically_normal().string();
            if (m_onDisk && !fs::exists(path, ec))
                error(ErrorCode::Io, "sub-flow file not found: " + call.flowPath,
                      child(pointer, "flow"));
            else if (!m_filePath.empty() && fs::weakly_canonical(path, ec).string() == m_filePath)
                error(ErrorCode::Validation, "a flow cannot call itself", child(pointer, "flow"));
        }
        call.input = jsonTemplateField(v, "input", pointer);
        if (const Json *c = field(v, "compensate")) {
            HttpRequestSpec spec;
            request(*c, child(pointer, "compensate"), spec, "'compensate'");
            if (c->is_object() && !spec.url)
                error(ErrorCode::Schema,
                      "'compensate' of a call step needs a full 'url' (a call step has no service)",
                      child(pointer, "compensate"));
            if (spec.url && !field(v, "allow_dynamic_host"))
                checkHost(*spec.url, child(child(pointer, "compensate"), "url"), true);
            call.compensate = std::move(spec);
        }
        break;
    }
    case StepType::Respond:
        if (auto status = integer(v, "status", pointer, 100, 599))
            s.as<RespondSpec>().status = static_cast<int>(*status);
        s.as<RespondSpec>().body = jsonTemplateField(v, "body", pointer);
        break;
    case StepType::Fail:
        if (auto e = string(v, "error", pointer)) {
            if (!isName(*e))
                error(ErrorCode::Schema,
                      "'error' must be an error name of letters, digits, '_', '-' or '.', got '" +
                          *e + "'",
                      child(pointer, "error"));
            else
                s.as<FailSpec>().errorName = *e;
        }
        s.as<FailSpec>().message = templateField(v, "message", pointer);
        break;
    }
    return s;
}

void FlowBuilder::httpStep(const Json &v, const std::string &pointer, const Step &step, HttpSpec &s)
{
    if (const Json *r = field(v, "request"))
        request(*r, child(pointer, "request"), s.request, "'request'");
    else
        s.request.location = step.location;
    if (const Json *u = field(v, "url")) {
        // `url:` on the step is shorthand for a GET (or request.method) of a full URL.
        if (s.request.url)
            error(ErrorCode::Schema, "'url' is given both on the step and in 'request'",
                  child(pointer, "url"), true);
        else
            s.request.url = templateOf(*u, child(pointer, "url"), "url");
    }
    const std::string urlPointer =
        field(v, "url") ? child(pointer, "url") : child(child(pointer, "request"), "url");
    const std::string pathPointer = child(child(pointer, "request"), "path");
    if (auto service = string(v, "service", pointer)) {
        s.service = *service;
        m_serviceRefs.push_back({*service, child(pointer, "service")});
        if (s.request.url)
            error(ErrorCode::Schema,
                  "an http step takes 'service' with a 'path', or a full 'url', not both",
                  urlPointer, true);
    } else if (!field(v, "service")) {
        if (!s.request.url && !s.request.path)
            error(ErrorCode::Schema,
                  "an http step needs 'service' with 'request.path', or a full 'url'", pointer);
        else if (s.request.path)
            error(ErrorCode::Schema,
                  "'path' is relative to a service; add 'service: NAME' or use a full 'url'",
                  pathPointer);
    }
    if (auto allow = boolean(v, "allow_dynamic_host", pointer))
        s.allowDynamicHost = *allow;
    if (!s.allowDynamicHost) {
        if (s.request.url)
            checkHost(*s.request.url, urlPointer, true);
        if (s.request.path)
            checkHost(*s.request.path, pathPointer, false);
    }
    if (const Json *e = field(v, "expect"))
        s.expect = expect(*e, child(pointer, "expect"));
    s.output = jsonTemplateField(v, "output", pointer);
    if (const Json *a = field(v, "auth"))
        s.auth = auth(*a, child(pointer, "auth"));
    if (const Json *c = field(v, "compensate")) {
        HttpRequestSpec spec;
        const std::string cp = child(pointer, "compensate");
        request(*c, cp, spec, "'compensate'");
        if (c->is_object()) {
            if (!spec.url && !spec.path)
                error(ErrorCode::Schema,
                      "'compensate' needs a 'path' (on the step's service) or a full 'url'", cp);
            if (spec.path && s.service.empty())
                error(ErrorCode::Schema,
                      "'compensate' has a 'path' but the step has no service; use a full 'url'",
                      child(cp, "path"));
            if (!s.allowDynamicHost) {
                if (spec.url)
                    checkHost(*spec.url, child(cp, "url"), true);
                if (spec.path)
                    checkHost(*spec.path, child(cp, "path"), false);
            }
        }
        s.compensate = std::move(spec);
    }
    if (auto bytes = size(v, "max_body", pointer))
        s.maxBody = *bytes;
}

void FlowBuilder::services(const Json &v, const std::string &pointer, Flow &flow)
{
    if (v.is_null())
        return;
    if (!expectObject(v, pointer, "'services'"))
        return;
    for (auto it = v.begin(); it != v.end(); ++it) {
        const std::string p = child(pointer, it.key());
        ServiceSpec spec;
        spec.name = it.key();
        spec.location = m_doc.locateKey(p);
        if (!isName(spec.name))
            error(ErrorCode::Schema,
                  "service name '" + spec.name + "' must be letters, digits, '_', '-' or '.'", p,
                  true);
        const Json &s = *it;
        if (!s.is_null() && expectObject(s, p, "service '" + spec.name + "'")) {
            checkKeys(s, p, {"mock", "base_url", "circuit", "auth"}, "service '" + spec.name + "'");
            if (auto mock = string(s, "mock", p)) {
                std::error_code ec;
                fs::path path(*mock);
                if (path.is_relative())
                    path = m_baseDir / path;
                spec.mockFile = path.lexically_normal().string();
                if (m_onDisk && !fs::exists(path, ec))
                    error(ErrorCode::Io, "mock file not found: " + spec.mockFile, child(p, "mock"));
            }
            if (auto url = string(s, "base_url", p)) {
                if (!url->starts_with("http://") && !url->starts_with("https://"))
                    error(ErrorCode::Schema,
                          "'base_url' must start with http:// or https://, got '" + *url + "'",
                          child(p, "base_url"));
                else
                    spec.baseUrl = *url;
            }
            if (const Json *c = field(s, "circuit")) {
                const std::string cp = child(p, "circuit");
                if (expectObject(*c, cp, "'circuit'")) {
                    checkKeys(*c, cp, {"failures", "window", "open_for"}, "'circuit'");
                    CircuitBreakerSpec circuit;
                    if (auto n = integer(*c, "failures", cp, 1, 1000000))
                        circuit.failures = static_cast<int>(*n);
                    if (auto d = duration(*c, "window", cp, true))
                        circuit.window = *d;
                    if (auto d = duration(*c, "open_for", cp, true))
                        circuit.openFor = *d;
                    spec.circuit = circuit;
                }
            }
            if (const Json *a = field(s, "auth"))
                spec.auth = auth(*a, child(p, "auth"));
        }
        flow.services[spec.name] = std::move(spec);
    }
}

std::shared_ptr<Flow> FlowBuilder::build()
{
    const Json &root = m_doc.root;
    if (!root.is_object()) {
        error(ErrorCode::Schema,
              "a flow file must be a mapping with 'tutti: 1', 'name' and 'steps', got " +
                  describe(root),
              "");
        return nullptr;
    }
    auto flow = std::make_shared<Flow>();
    flow->filePath = m_filePath;
    flow->document = root;

    if (const Json *version = field(root, "tutti")) {
        if (!version->is_number_integer() || version->get<long long>() < 1) {
            error(ErrorCode::Schema,
                  "'tutti' is the format version and must be 1, got " + describe(*version),
                  "/tutti");
        } else if (version->get<long long>() > kFlowFormatVersion) {
            // A newer file may use keys this build does not know; judging them would only add
            // noise, so the version error is the only one.
            error(ErrorCode::Version,
                  "this file is format " + std::to_string(version->get<long long>()) +
                      "; this build reads up to " + std::to_string(kFlowFormatVersion),
                  "/tutti");
            return nullptr;
        } else {
            flow->version = version->get<int>();
        }
    }

    const std::vector<std::string> topKeys = {"tutti",   "name",     "description",
                                              "input",   "services", "defaults",
                                              "timeout", "trigger",  "steps"};
    checkKeys(root, "", topKeys, "a flow");
    // "missing 'steps'" adds nothing when the file has 'step:' (already reported as a typo).
    const auto misspelled = [&](const std::string &key) {
        for (auto it = root.begin(); it != root.end(); ++it)
            if (std::find(topKeys.begin(), topKeys.end(), it.key()) == topKeys.end() &&
                closestMatch(it.key(), topKeys) == key)
                return true;
        return false;
    };
    if (!field(root, "tutti") && !misspelled("tutti"))
        m_errors.push_back(Error{ErrorCode::Schema,
                                 "missing 'tutti: 1' (the flow format version) at the top",
                                 m_doc.locate(""), "/tutti"});

    if (auto name = string(root, "name", "", false)) {
        if (!isName(*name))
            error(ErrorCode::Schema,
                  "'name' must be letters, digits, '_', '-' or '.' (it names the endpoint "
                  "/flows/NAME), got '" +
                      *name + "'",
                  "/name");
        flow->name = *name;
    } else if (!field(root, "name") && !misspelled("name")) {
        m_errors.push_back(Error{ErrorCode::Schema, "missing 'name' (the flow's name) at the top",
                                 m_doc.locate(""), "/name"});
    }
    if (auto d = string(root, "description", ""))
        flow->description = *d;

    if (const Json *input = field(root, "input")) {
        flow->inputSchema = *input;
        flow->inputValidator = Schema::compile(*input);
        for (const auto &e : checkSchema(*input)) {
            const std::string p = "/input" + e.path;
            m_errors.push_back(Error{e.code, "input schema " + e.message, m_doc.locateKey(p), p});
        }
    }
    if (const Json *s = field(root, "services"))
        services(*s, "/services", *flow);

    if (const Json *d = field(root, "defaults")) {
        if (expectObject(*d, "/defaults", "'defaults'")) {
            checkKeys(*d, "/defaults", {"timeout", "retry"}, "'defaults'");
            if (auto t = duration(*d, "timeout", "/defaults", true))
                flow->defaultTimeout = *t;
            if (const Json *r = field(*d, "retry"))
                flow->defaultRetry = retry(*r, "/defaults/retry", false);
        }
    }
    if (auto t = duration(root, "timeout", "", true))
        flow->flowTimeout = *t;

    if (const Json *t = field(root, "trigger")) {
        if (expectObject(*t, "/trigger", "'trigger'")) {
            checkKeys(*t, "/trigger", {"http"}, "'trigger'");
            if (const Json *h = field(*t, "http")) {
                if (expectObject(*h, "/trigger/http", "'trigger.http'")) {
                    checkKeys(*h, "/trigger/http", {"method", "path"}, "'trigger.http'");
                    if (auto m = string(*h, "method", "/trigger/http")) {
                        std::string method = *m;
                        std::transform(method.begin(), method.end(), method.begin(),
                                       [](unsigned char c) { return std::toupper(c); });
                        if (std::find(kMethods.begin(), kMethods.end(), method) == kMethods.end())
                            error(ErrorCode::Schema,
                                  "'method' must be one of " + joined(kMethods) + ", got '" + *m +
                                      "'",
                                  "/trigger/http/method");
                        else
                            flow->triggerMethod = method;
                    }
                    if (auto path = string(*h, "path", "/trigger/http", true, "'trigger.http'")) {
                        if (!path->starts_with("/"))
                            error(ErrorCode::Schema,
                                  "'path' must start with '/', got '" + *path + "'",
                                  "/trigger/http/path");
                        else
                            flow->triggerPath = *path;
                    }
                    if (flow->triggerPath && !flow->triggerMethod)
                        flow->triggerMethod = "POST";
                }
            }
        }
    }

    if (const Json *s = field(root, "steps"))
        steps(*s, "/steps", flow->steps, "'steps'");
    else if (!misspelled("steps"))
        m_errors.push_back(Error{ErrorCode::Schema, "missing 'steps' (the list of steps)",
                                 m_doc.locate(""), "/steps"});

    // Workspace: where the flow lives decides its environments and the mocks that can stand in
    // for services the flow does not declare (SPEC §2).
    std::map<std::string, std::string> workspaceMocks;
    // Mock files that cannot be read: they only matter to flows that need the service they
    // would provide (guessed from the file name), never to the others.
    std::map<std::string, std::pair<Error, bool>> brokenMocks; // error, reported yet
    if (m_onDisk) {
        auto workspace = workspaceForFlow(m_filePath);
        if (!workspace) {
            m_errors.push_back(workspace.error());
            flow->workspaceDir = m_baseDir.string();
        } else {
            flow->workspaceDir = workspace->dir;
            for (const auto &mockFile : workspace->mockFiles()) {
                auto mock = loadYamlFile(mockFile);
                if (!mock || !mock->root.is_object()) {
                    // Reported when the mock itself is loaded, or below if this flow needs it.
                    const std::string stem = std::filesystem::path(mockFile).filename().string();
                    brokenMocks.try_emplace(
                        stem.substr(0, stem.size() - std::string_view(".mock.yaml").size()),
                        std::pair(mock ? Error{ErrorCode::Schema, "a mock file must be a mapping",
                                               mock->locate(""), ""}
                                       : mock.error(),
                                  false));
                    continue;
                }
                const Json *service = field(mock->root, "service");
                if (service && service->is_string())
                    workspaceMocks.try_emplace(service->get<std::string>(), mockFile);
            }
        }
    } else {
        flow->workspaceDir = m_baseDir.string();
    }
    for (auto &[name, spec] : flow->services)
        if (spec.mockFile.empty())
            if (auto it = workspaceMocks.find(name); it != workspaceMocks.end())
                spec.mockFile = it->second;
    for (const auto &ref : m_serviceRefs) {
        if (flow->services.contains(ref.name))
            continue;
        if (auto it = workspaceMocks.find(ref.name); it != workspaceMocks.end()) {
            ServiceSpec spec;
            spec.name = ref.name;
            spec.mockFile = it->second;
            spec.location = SourceLocation{it->second, 1, 1};
            flow->services.emplace(ref.name, std::move(spec));
            continue;
        }
        if (auto broken = brokenMocks.find(ref.name); broken != brokenMocks.end()) {
            // The mock that would provide this service is broken: say so, where it is broken.
            auto &[mockError, reported] = broken->second;
            error(ErrorCode::Validation,
                  "unknown service '" + ref.name + "': its mock " + mockError.location.file +
                      " cannot be read",
                  ref.pointer);
            if (!std::exchange(reported, true))
                m_errors.push_back(mockError);
            continue;
        }
        std::vector<std::string> known;
        for (const auto &[name, spec] : flow->services)
            known.push_back(name);
        for (const auto &[name, file] : workspaceMocks)
            if (!flow->services.contains(name))
                known.push_back(name);
        error(ErrorCode::Validation,
              "unknown service '" + ref.name + "'" + suggestion(ref.name, known) +
                  (known.empty() ? std::string("; no services are declared in 'services:' or "
                                               "provided by mocks/*.mock.yaml")
                                 : "; known services: " + joined(known)),
              ref.pointer);
    }

    // `steps.ID` in expressions must name a step somewhere in the file.
    std::vector<std::string> ids;
    for (const auto &[id, p] : m_ids)
        ids.push_back(id);
    for (const auto &ref : m_stepRefs) {
        if (m_ids.contains(ref.id))
            continue;
        m_errors.push_back(Error{ErrorCode::Validation,
                                 "expression reads steps." + ref.id + " but no step has id '" +
                                     ref.id + "'" + suggestion(ref.id, ids),
                                 ref.location, ref.pointer});
    }

    internal::checkFlowGraph(*flow, m_doc, m_errors);
    return flow;
}

void collect(const std::vector<Step> &steps, std::vector<const Step *> &out)
{
    for (const auto &s : steps) {
        out.push_back(&s);
        if (const auto *parallel = s.tryAs<ParallelSpec>())
            for (const auto &b : parallel->branches)
                collect(b.steps, out);
        if (const auto *map = s.tryAs<MapSpec>())
            collect(map->body, out);
    }
}

} // namespace

FlowLoad parseFlow(std::string_view text, const std::string &fileName)
{
    FlowLoad load;
    auto doc = parseYaml(text, fileName);
    if (!doc) {
        load.errors.push_back(doc.error());
        return load;
    }
    FlowBuilder builder(*doc, text, load.errors);
    load.flow = builder.build();
    // File order: callers show the first error first, and editors list them top to bottom.
    std::stable_sort(load.errors.begin(), load.errors.end(), [&](const Error &a, const Error &b) {
        const bool aHere = a.location.file == fileName, bHere = b.location.file == fileName;
        if (aHere != bHere)
            return !aHere;
        if (a.location.line != b.location.line)
            return a.location.line < b.location.line;
        return a.location.column < b.location.column;
    });
    return load;
}

FlowLoad loadFlowFile(const std::string &path)
{
    FlowLoad load;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        load.errors.push_back(Error{ErrorCode::Io, "cannot open file", {path, 0, 0}, ""});
        return load;
    }
    in.seekg(0, std::ios::end);
    const auto size = static_cast<std::size_t>(in.tellg());
    const YamlLimits limits;
    if (size > limits.maxBytes) {
        // Checked before reading, so a huge file is never pulled into memory.
        load.errors.push_back(Error{ErrorCode::Limit,
                                    "file is " + std::to_string(size) + " bytes; the limit is " +
                                        std::to_string(limits.maxBytes),
                                    {path, 0, 0},
                                    ""});
        return load;
    }
    in.seekg(0);
    std::string text(size, '\0');
    in.read(text.data(), static_cast<std::streamsize>(size));
    return parseFlow(text, path);
}

std::vector<const Step *> allSteps(const Flow &flow)
{
    std::vector<const Step *> out;
    collect(flow.steps, out);
    return out;
}

} // namespace tutti::engine
