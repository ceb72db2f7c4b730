// Reads the values of a flow file's fields into the typed model (see fieldreader.h): one place
// for the wording of every "must be …, got …" message and for what expressions may read.
#include <engine/core/jsonio.h>
#include <engine/model/steps/fieldreader.h>
#include <engine/model/steps/registry.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <system_error>

namespace tutti::engine::internal {

namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kKnownErrors = {
    "timeout", "connection", "http.4xx",     "http.5xx",  "parse",
    "script",  "validation", "circuit_open", "cancelled", "any"};
const std::vector<std::string> kRoots = {"input", "steps", "vars", "env", "secret", "run", "error"};
// Roots whose values never come from a run's input or an upstream response (SSRF rule).
const std::set<std::string> kTrustedRoots = {"env", "secret", "run"};
const std::vector<std::string> kMethods = {"GET",    "POST", "PUT",    "PATCH",
                                           "DELETE", "HEAD", "OPTIONS"};

} // namespace

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
    return describeYamlValue(v);
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

const std::vector<std::string> &httpMethods()
{
    return kMethods;
}

bool isExpressionRoot(std::string_view s)
{
    return std::find(kRoots.begin(), kRoots.end(), s) != kRoots.end();
}

FieldReader::FieldReader(const YamlDocument &doc, std::string_view text, Errors &errors)
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
    // Lexical only: parsing never touches the disk (the resolver makes the path canonical).
    std::error_code ec;
    m_external.fileName = doc.file;
    m_filePath =
        doc.file.empty() ? std::string() : fs::absolute(doc.file, ec).lexically_normal().string();
    m_baseDir = m_filePath.empty() ? fs::current_path(ec) : fs::path(m_filePath).parent_path();
}

// ---- errors and locations ------------------------------------------------------------
void FieldReader::error(ErrorCode code, std::string message, const std::string &pointer, bool atKey)
{
    m_errors.push_back(Error{code, std::move(message),
                             atKey ? m_doc.locateKey(pointer) : m_doc.locate(pointer), pointer});
}

// Where the text of a string value starts: after its opening quote, or on the first line of a
// block scalar, so expression columns point at the character inside the string.
SourceLocation FieldReader::textLocation(const std::string &pointer) const
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

std::string FieldReader::child(const std::string &pointer, const std::string &key)
{
    return pointer + "/" + pointerToken(key);
}

std::string FieldReader::child(const std::string &pointer, std::size_t index)
{
    return pointer + "/" + std::to_string(index);
}

// Fields that take one value or a list of them (`on: timeout` or `on: [timeout, http.5xx]`):
// each value with its JSON pointer.
std::vector<std::pair<Json, std::string>> FieldReader::oneOrMany(const Json &v,
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
void FieldReader::checkKeys(const Json &object, const std::string &pointer,
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

bool FieldReader::expectObject(const Json &value, const std::string &pointer,
                               const std::string &what)
{
    if (value.is_object())
        return true;
    error(ErrorCode::Schema, what + " must be a mapping, got " + describe(value), pointer);
    return false;
}

const Json *FieldReader::field(const Json &object, const std::string &key)
{
    auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

std::optional<std::string> FieldReader::string(const Json &object, const std::string &key,
                                               const std::string &pointer, bool required,
                                               const std::string &what)
{
    const Json *v = field(object, key);
    if (!v) {
        if (required)
            error(ErrorCode::Schema,
                  (what.empty() ? std::string("this") : what) + " needs '" + key + "'", pointer);
        return std::nullopt;
    }
    if (!v->is_string()) {
        error(ErrorCode::Schema, "'" + key + "' must be a string, got " + describe(*v),
              child(pointer, key));
        return std::nullopt;
    }
    return v->get<std::string>();
}

std::optional<long long> FieldReader::integer(const Json &object, const std::string &key,
                                              const std::string &pointer, long long min,
                                              long long max)
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

std::optional<bool> FieldReader::boolean(const Json &object, const std::string &key,
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

std::optional<Micros> FieldReader::duration(const Json &object, const std::string &key,
                                            const std::string &pointer, bool positive)
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
std::optional<std::size_t> FieldReader::size(const Json &object, const std::string &key,
                                             const std::string &pointer, std::size_t minimum)
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
void FieldReader::checkReferences(const expr::Template &t, const std::string &pointer)
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

void FieldReader::checkRoot(const std::string &root, const SourceLocation &where,
                            const std::string &pointer)
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

void FieldReader::addExpressionError(Error e, const std::string &pointer)
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

std::optional<expr::Template> FieldReader::templateOf(const Json &v, const std::string &pointer,
                                                      const std::string &key, bool bare)
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

std::optional<expr::Template> FieldReader::templateField(const Json &object, const std::string &key,
                                                         const std::string &pointer, bool bare)
{
    const Json *v = field(object, key);
    if (!v)
        return std::nullopt;
    return templateOf(*v, child(pointer, key), key, bare);
}

// Parses every string leaf first so all bad expressions are reported, then compiles.
bool FieldReader::checkLeaves(const Json &v, const std::string &pointer)
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

std::optional<expr::JsonTemplate> FieldReader::jsonTemplateOf(const Json &v,
                                                              const std::string &pointer)
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

std::optional<expr::JsonTemplate> FieldReader::jsonTemplateField(const Json &object,
                                                                 const std::string &key,
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
void FieldReader::checkHost(const expr::Template &t, const std::string &pointer, bool isUrl)
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
std::vector<std::string> FieldReader::errorNames(const Json &v, const std::string &pointer,
                                                 bool allowCustom)
{
    std::vector<std::string> names;
    const auto items = oneOrMany(v, pointer);
    for (const auto &[item, p] : items) {
        if (!item.is_string()) {
            error(ErrorCode::Schema,
                  "'on' must list error names like timeout or http.5xx, got " + describe(item), p);
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

std::optional<RetryPolicy> FieldReader::retry(const Json &v, const std::string &pointer,
                                              bool allowCustom)
{
    if (!expectObject(v, pointer, "'retry'"))
        return std::nullopt;
    static const std::vector<std::string> keys = stepfields::retry().keys();
    checkKeys(v, pointer, keys, "retry");
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
                  "'backoff' must be a number ≥ 1.0 (the delay multiplier), got " + describe(*b),
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

std::vector<CatchRule> FieldReader::catches(const Json &v, const std::string &pointer,
                                            bool allowCustom)
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
        static const std::vector<std::string> keys = stepfields::catches().keys();
        checkKeys(v[i], p, keys, "a catch rule");
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

std::vector<StatusRange> FieldReader::expect(const Json &v, const std::string &pointer)
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
                       std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
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
                  "'expect' takes statuses like 200, \"2xx\" or \"200-299\", got " + describe(item),
                  p);
            continue;
        }
        ranges.push_back(*range);
    }
    return ranges;
}

std::optional<AuthSpec> FieldReader::auth(const Json &v, const std::string &pointer)
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
            error(ErrorCode::Schema, "'auth' of type " + *type + " needs '" + key + "'", pointer);
            continue;
        }
        if (auto t = templateField(v, key, pointer))
            spec.fields.emplace(key, std::move(*t));
    }
    if (spec.type == AuthSpec::Type::ApiKey) {
        const auto header = string(v, "header", pointer);
        const auto query = string(v, "query", pointer);
        if (header.has_value() == query.has_value() && !field(v, "header") && !field(v, "query"))
            error(ErrorCode::Schema, "'auth' of type api_key needs 'header: NAME' or 'query: NAME'",
                  pointer);
        else if (field(v, "header") && field(v, "query"))
            error(ErrorCode::Schema, "'auth' of type api_key takes 'header' or 'query', not both",
                  pointer);
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
void FieldReader::request(const Json &v, const std::string &pointer, HttpRequestSpec &spec,
                          const std::string &what)
{
    spec.location = m_doc.locate(pointer);
    if (!expectObject(v, pointer, what))
        return;
    static const std::vector<std::string> keys = stepfields::request({}, {}).keys();
    checkKeys(v, pointer, keys, what);
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
              "'query' must be a mapping of parameter names to values, got " + describe(v["query"]),
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
        error(ErrorCode::Schema, what + " takes 'body' or 'form', not both", child(pointer, "form"),
              true);
    if (field(v, "path") && field(v, "url"))
        error(ErrorCode::Schema,
              what + " takes 'path' (with the step's service) or a full 'url', not both",
              child(pointer, "url"), true);
}

void FieldReader::useService(const std::string &name, const std::string &pointer)
{
    m_external.services.push_back({name, m_doc.locate(pointer), pointer});
}

std::string FieldReader::absolutePath(const std::string &path) const
{
    fs::path p(path);
    if (p.is_relative())
        p = m_baseDir / p;
    return p.lexically_normal().string();
}

std::string FieldReader::useSubFlow(const std::string &written, const std::string &pointer)
{
    const std::string path = absolutePath(written);
    m_external.subFlows.push_back(
        {pointer.substr(0, pointer.rfind('/')), written, path, m_doc.locate(pointer), pointer});
    return path;
}

std::string FieldReader::useMock(const std::string &service, const std::string &written,
                                 const std::string &pointer)
{
    const std::string path = absolutePath(written);
    m_external.mocks.push_back({service, written, path, m_doc.locate(pointer), pointer});
    return path;
}

// ---- step lists --------------------------------------------------------------------------
void FieldReader::steps(const Json &v, const std::string &pointer, std::vector<Step> &out,
                        const std::string &what)
{
    if (!v.is_array()) {
        error(ErrorCode::Schema, what + " must be a list of steps, got " + describe(v), pointer);
        return;
    }
    if (v.empty()) {
        error(ErrorCode::Validation, what + " must hold at least one step", pointer);
        return;
    }
    for (std::size_t i = 0; i < v.size(); ++i)
        out.push_back(parseStep(v[i], child(pointer, i)));
}

void FieldReader::nestedSteps(const Json &v, const std::string &pointer, std::vector<Step> &out,
                              const std::string &what, const std::string &mapVariable)
{
    if (!mapVariable.empty())
        m_mapVars.push_back(mapVariable);
    ++m_nesting;
    steps(v, pointer, out, what);
    --m_nesting;
    if (!mapVariable.empty())
        m_mapVars.pop_back();
}

} // namespace tutti::engine::internal
