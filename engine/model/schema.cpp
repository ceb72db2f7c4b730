// The JSON Schema subset of flow inputs: checking a schema once at load time, then validating
// run inputs against it with one readable message per violation.
#include <engine/model/schema.h>

#include <engine/core/jsonio.h>
#include <engine/core/jsonnames.h>
#include <engine/core/text.h>
#include <engine/model/yamldoc.h>

#include <algorithm>
#include <cmath>
#include <set>

namespace tutti::engine {

namespace {

const std::vector<std::string> kTypes = {"null",   "boolean", "object", "array",
                                         "number", "integer", "string"};

// Keywords that are enforced, and annotations that are accepted but never change the outcome.
const std::vector<std::string> kKeywords = {
    "type",     "required",  "properties", "additionalProperties",
    "items",    "enum",      "const",      "minimum",
    "maximum",  "minLength", "maxLength",  "pattern",
    "minItems", "maxItems",  "title",      "description",
    "default",  "examples",  "format",     "$schema",
    "$comment"};

bool isInteger(const Json &value)
{
    if (value.is_number_integer() || value.is_number_unsigned())
        return true;
    if (value.is_number_float()) {
        const double d = value.get<double>();
        return std::isfinite(d) && std::floor(d) == d;
    }
    return false;
}

bool hasType(const Json &value, const std::string &type)
{
    if (type == "integer")
        return isInteger(value);
    if (type == "number")
        return value.is_number();
    return jsonSchemaTypeName(value) == type;
}

std::string where(const std::string &pointer)
{
    return pointer.empty() ? "(root)" : pointer;
}

std::string shortJson(const Json &value)
{
    std::string text = dumpJson(value);
    if (text.size() > 40)
        text = text.substr(0, 37) + "...";
    return text;
}

void add(Errors &errors, const std::string &pointer, const std::string &message,
         ErrorCode code = ErrorCode::Validation)
{
    errors.push_back(Error{code, where(pointer) + ": " + message, {}, pointer});
}

using Patterns = std::unordered_map<const Json *, Regex>;

void validateValue(const Json &value, const Json &schema, const std::string &pointer,
                   const Patterns &patterns, Errors &errors)
{
    if (schema.is_boolean()) {
        if (!schema.get<bool>())
            add(errors, pointer, "no value is allowed here");
        return;
    }
    if (!schema.is_object())
        return;

    if (auto it = schema.find("type"); it != schema.end()) {
        std::vector<std::string> types;
        if (it->is_string())
            types.push_back(it->get<std::string>());
        else if (it->is_array())
            for (const auto &t : *it)
                if (t.is_string())
                    types.push_back(t.get<std::string>());
        bool matched = types.empty();
        for (const auto &t : types)
            matched = matched || hasType(value, t);
        if (!matched) {
            std::string expected;
            for (std::size_t i = 0; i < types.size(); ++i)
                expected += (i == 0 ? "" : i + 1 == types.size() ? " or " : ", ") + types[i];
            add(errors, pointer, "expected " + expected + ", got " + jsonSchemaTypeName(value));
            return; // the other keywords would only repeat the same problem
        }
    }
    if (auto it = schema.find("enum"); it != schema.end() && it->is_array()) {
        bool found = false;
        for (const auto &candidate : *it)
            found = found || candidate == value;
        if (!found) {
            std::string list;
            for (const auto &candidate : *it)
                list += (list.empty() ? "" : ", ") + dumpJson(candidate);
            add(errors, pointer, "must be one of " + list + ", got " + shortJson(value));
        }
    }
    if (auto it = schema.find("const"); it != schema.end() && *it != value)
        add(errors, pointer, "must be " + shortJson(*it) + ", got " + shortJson(value));

    if (value.is_number()) {
        const double d = value.get<double>();
        if (auto it = schema.find("minimum");
            it != schema.end() && it->is_number() && d < it->get<double>())
            add(errors, pointer, "must be at least " + dumpJson(*it) + ", got " + dumpJson(value));
        if (auto it = schema.find("maximum");
            it != schema.end() && it->is_number() && d > it->get<double>())
            add(errors, pointer, "must be at most " + dumpJson(*it) + ", got " + dumpJson(value));
    }
    if (value.is_string()) {
        const auto &s = value.get_ref<const std::string &>();
        const std::size_t length = utf8Length(s);
        if (auto it = schema.find("minLength");
            it != schema.end() && isInteger(*it) && length < it->get<std::size_t>())
            add(errors, pointer,
                "must be at least " + it->dump() + " characters long, got " +
                    std::to_string(length));
        if (auto it = schema.find("maxLength");
            it != schema.end() && isInteger(*it) && length > it->get<std::size_t>())
            add(errors, pointer,
                "must be at most " + it->dump() + " characters long, got " +
                    std::to_string(length));
        if (auto it = schema.find("pattern"); it != schema.end() && it->is_string()) {
            // A pattern that did not compile is absent here: checkSchema reports it.
            if (auto re = patterns.find(&*it); re != patterns.end() && !re->second.search(s))
                add(errors, pointer,
                    "must match the pattern " + it->get<std::string>() + ", got " +
                        shortJson(value));
        }
    }
    if (value.is_array()) {
        if (auto it = schema.find("minItems");
            it != schema.end() && isInteger(*it) && value.size() < it->get<std::size_t>())
            add(errors, pointer,
                "must have at least " + it->dump() + " items, got " + std::to_string(value.size()));
        if (auto it = schema.find("maxItems");
            it != schema.end() && isInteger(*it) && value.size() > it->get<std::size_t>())
            add(errors, pointer,
                "must have at most " + it->dump() + " items, got " + std::to_string(value.size()));
        if (auto it = schema.find("items"); it != schema.end())
            for (std::size_t i = 0; i < value.size(); ++i)
                validateValue(value[i], *it, pointer + "/" + std::to_string(i), patterns, errors);
    }
    if (value.is_object()) {
        if (auto it = schema.find("required"); it != schema.end() && it->is_array())
            for (const auto &name : *it)
                if (name.is_string() && !value.contains(name.get<std::string>()))
                    add(errors, pointer,
                        "missing required property '" + name.get<std::string>() + "'");
        const auto properties = schema.find("properties");
        const auto additional = schema.find("additionalProperties");
        for (auto entry = value.begin(); entry != value.end(); ++entry) {
            const std::string child = pointer + "/" + pointerToken(entry.key());
            if (properties != schema.end() && properties->is_object() &&
                properties->contains(entry.key())) {
                validateValue(entry.value(), (*properties)[entry.key()], child, patterns, errors);
            } else if (additional != schema.end()) {
                if (additional->is_boolean() && !additional->get<bool>())
                    add(errors, child, "unexpected property '" + entry.key() + "'");
                else
                    validateValue(entry.value(), *additional, child, patterns, errors);
            }
        }
    }
}

void check(const Json &schema, const std::string &pointer, Errors &errors)
{
    if (schema.is_boolean())
        return;
    if (!schema.is_object()) {
        add(errors, pointer,
            std::string("a schema must be an object, got ") + jsonSchemaTypeName(schema),
            ErrorCode::Schema);
        return;
    }
    for (auto it = schema.begin(); it != schema.end(); ++it) {
        const std::string &key = it.key();
        const Json &v = it.value();
        const std::string child = pointer + "/" + pointerToken(key);
        const auto bad = [&](const std::string &what) {
            add(errors, child, "'" + key + "' must be " + what + ", got " + jsonSchemaTypeName(v),
                ErrorCode::Schema);
        };
        if (std::find(kKeywords.begin(), kKeywords.end(), key) == kKeywords.end()) {
            const std::string suggestion = closestMatch(key, kKeywords);
            add(errors, child,
                "unknown schema keyword '" + key + "'" +
                    (suggestion.empty() ? "" : " (did you mean '" + suggestion + "'?)") +
                    "; supported: type, required, properties, additionalProperties, items, "
                    "enum, const, minimum, maximum, minLength, maxLength, pattern, minItems, "
                    "maxItems",
                ErrorCode::Schema);
            continue;
        }
        if (key == "type") {
            std::vector<Json> names;
            if (v.is_string())
                names.push_back(v);
            else if (v.is_array() && !v.empty())
                names.assign(v.begin(), v.end());
            else {
                bad("a type name or a list of type names");
                continue;
            }
            for (const auto &name : names) {
                if (!name.is_string() || std::find(kTypes.begin(), kTypes.end(),
                                                   name.get<std::string>()) == kTypes.end()) {
                    const std::string text =
                        name.is_string() ? name.get<std::string>() : dumpJson(name);
                    const std::string suggestion = closestMatch(text, kTypes);
                    add(errors, child,
                        "unknown type '" + text + "'" +
                            (suggestion.empty() ? "" : " (did you mean '" + suggestion + "'?)") +
                            "; types: null, boolean, object, array, number, integer, string",
                        ErrorCode::Schema);
                }
            }
        } else if (key == "required") {
            if (!v.is_array()) {
                bad("a list of property names");
                continue;
            }
            for (const auto &name : v)
                if (!name.is_string())
                    bad("a list of property names");
        } else if (key == "properties") {
            if (!v.is_object()) {
                bad("a mapping of property names to schemas");
                continue;
            }
            for (auto p = v.begin(); p != v.end(); ++p)
                check(p.value(), child + "/" + pointerToken(p.key()), errors);
        } else if (key == "additionalProperties" || key == "items") {
            if (!v.is_boolean() && !v.is_object()) {
                bad("a schema or true/false");
                continue;
            }
            check(v, child, errors);
        } else if (key == "enum") {
            if (!v.is_array() || v.empty())
                bad("a non-empty list");
        } else if (key == "minimum" || key == "maximum") {
            if (!v.is_number())
                bad("a number");
        } else if (key == "minLength" || key == "maxLength" || key == "minItems" ||
                   key == "maxItems") {
            if (!isInteger(v) || v.get<double>() < 0)
                bad("a non-negative integer");
        } else if (key == "pattern") {
            if (!v.is_string()) {
                bad("a regular expression string");
                continue;
            }
            if (auto re = Regex::compile(v.get_ref<const std::string &>()); !re)
                add(errors, child,
                    "'pattern' is not a valid regular expression: " + re.error().message,
                    ErrorCode::Schema);
        } else if (key == "title" || key == "description" || key == "format" || key == "$schema" ||
                   key == "$comment") {
            if (!v.is_string())
                bad("a string");
        }
    }
}

// Compiles every `pattern` of the schemas reachable the way validate() walks them.
void compilePatterns(const Json &schema, Patterns &patterns)
{
    if (!schema.is_object())
        return;
    if (auto it = schema.find("pattern"); it != schema.end() && it->is_string())
        if (auto re = Regex::compile(it->get_ref<const std::string &>()))
            patterns.emplace(&*it, std::move(*re));
    if (auto it = schema.find("properties"); it != schema.end() && it->is_object())
        for (const Json &sub : *it)
            compilePatterns(sub, patterns);
    for (const char *key : {"items", "additionalProperties"})
        if (auto it = schema.find(key); it != schema.end())
            compilePatterns(*it, patterns);
}

} // namespace

Schema Schema::compile(const Json &schema)
{
    auto compiled = std::make_shared<Compiled>();
    compiled->schema = schema;
    compilePatterns(compiled->schema, compiled->patterns);
    Schema out;
    out.m_compiled = std::move(compiled);
    return out;
}

Errors Schema::validate(const Json &value) const
{
    Errors errors;
    if (m_compiled)
        validateValue(value, m_compiled->schema, "", m_compiled->patterns, errors);
    return errors;
}

const Json &Schema::json() const
{
    static const Json kNone;
    return m_compiled ? m_compiled->schema : kNone;
}

Errors validateJson(const Json &value, const Json &schema)
{
    return Schema::compile(schema).validate(value);
}

namespace {

// The type exampleFor builds: `type`, or the first non-"null" one of a list; "object" for a
// schema without one that has `properties` or `required`.
std::string exampleType(const Json &schema)
{
    std::string type;
    if (auto it = schema.find("type"); it != schema.end()) {
        if (it->is_string())
            type = it->get<std::string>();
        else if (it->is_array())
            for (const Json &t : *it)
                if (t.is_string() && (type.empty() || type == "null"))
                    type = t.get<std::string>();
    }
    if (type.empty() && (schema.contains("properties") || schema.contains("required")))
        type = "object";
    return type;
}

double bounded(const Json &schema, double value, bool integral)
{
    if (const auto min = schema.find("minimum"); min != schema.end() && min->is_number())
        value = std::max(value, integral ? std::ceil(min->get<double>()) : min->get<double>());
    if (const auto max = schema.find("maximum"); max != schema.end() && max->is_number())
        value = std::min(value, integral ? std::floor(max->get<double>()) : max->get<double>());
    return value;
}

// A count keyword (minItems, minLength, maxLength) as a number in [0, limit]; 0 when absent.
std::int64_t count(const Json &schema, const char *key, std::int64_t limit)
{
    auto it = schema.find(key);
    if (it == schema.end() || !it->is_number_integer())
        return 0;
    return std::clamp<std::int64_t>(it->get<std::int64_t>(), 0, limit);
}

Json example(const Json &schema, int depth)
{
    if (!schema.is_object() || depth > 16)
        return nullptr;
    for (const char *key : {"const", "default"})
        if (auto it = schema.find(key); it != schema.end())
            return *it;
    for (const char *key : {"examples", "enum"})
        if (auto it = schema.find(key); it != schema.end() && it->is_array() && !it->empty())
            return it->front();
    const std::string type = exampleType(schema);
    if (type == "object") {
        std::set<std::string> required;
        if (auto it = schema.find("required"); it != schema.end() && it->is_array())
            for (const Json &name : *it)
                if (name.is_string())
                    required.insert(name.get<std::string>());
        Json out = Json::object();
        if (auto props = schema.find("properties"); props != schema.end() && props->is_object())
            for (auto it = props->begin(); it != props->end(); ++it) {
                const bool namesValue =
                    it->is_object() && (it->contains("const") || it->contains("default") ||
                                        (it->contains("examples") && (*it)["examples"].is_array() &&
                                         !(*it)["examples"].empty()));
                if (required.contains(it.key()) || namesValue)
                    out[it.key()] = example(*it, depth + 1);
            }
        for (const std::string &name : required)
            if (!out.contains(name))
                out[name] = nullptr;
        return out;
    }
    if (type == "array") {
        Json out = Json::array();
        const Json items = schema.value("items", Json(nullptr));
        for (std::int64_t i = 0; i < count(schema, "minItems", 1000); ++i)
            out.push_back(example(items, depth + 1));
        return out;
    }
    if (type == "string") {
        std::string text = "sample"; // ASCII: its length in bytes is its length in characters
        const auto atLeast = static_cast<std::size_t>(count(schema, "minLength", 1 << 16));
        if (text.size() < atLeast)
            text.append(atLeast - text.size(), 'x');
        if (schema.contains("maxLength"))
            text.resize(std::min(text.size(),
                                 static_cast<std::size_t>(count(schema, "maxLength", 1 << 16))));
        return text;
    }
    if (type == "integer")
        return static_cast<std::int64_t>(bounded(schema, 1, true));
    if (type == "number") {
        const double value = bounded(schema, 1, false);
        if (std::floor(value) == value && std::abs(value) < 1e15)
            return static_cast<std::int64_t>(value);
        return value;
    }
    if (type == "boolean")
        return false;
    return nullptr;
}

} // namespace

Json exampleFor(const Json &schema)
{
    return example(schema, 0);
}

Json exampleInput(const Json &inputSchema)
{
    Json value = exampleFor(inputSchema);
    return value.is_null() ? Json::object() : value;
}

Errors checkSchema(const Json &schema)
{
    Errors errors;
    if (schema.is_null())
        return errors;
    check(schema, "", errors);
    return errors;
}

} // namespace tutti::engine
