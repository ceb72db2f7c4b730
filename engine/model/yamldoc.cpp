// yaml-cpp behind one seam: exceptions become Errors with positions; nodes become ordered JSON.
#include <engine/model/yamldoc.h>

#include <engine/core/jsonio.h>

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

namespace tutti::engine {

namespace {

SourceLocation at(const std::string &file, const YAML::Mark &mark)
{
    if (mark.line < 0)
        return {file, 0, 0};
    return {file, mark.line + 1, mark.column + 1};
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// [-+]?[0-9]+ (a hand-written check: std::regex matches recursively and is slow).
bool looksLikeInt(std::string_view s)
{
    std::size_t i = !s.empty() && (s[0] == '-' || s[0] == '+') ? 1 : 0;
    if (i == s.size())
        return false;
    for (; i < s.size(); ++i)
        if (!isDigit(s[i]))
            return false;
    return true;
}

// [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
bool looksLikeFloat(std::string_view s)
{
    std::size_t i = !s.empty() && (s[0] == '-' || s[0] == '+') ? 1 : 0;
    auto digits = [&] {
        const std::size_t start = i;
        while (i < s.size() && isDigit(s[i]))
            ++i;
        return i - start;
    };
    if (i < s.size() && s[i] == '.') {
        ++i;
        if (digits() == 0)
            return false;
    } else {
        if (digits() == 0)
            return false;
        if (i < s.size() && s[i] == '.') {
            ++i;
            digits();
        }
    }
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '-' || s[i] == '+'))
            ++i;
        if (digits() == 0)
            return false;
    }
    return i == s.size();
}

// YAML 1.2 core schema resolution of a plain scalar.
Json plainScalar(const std::string &s)
{
    if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL")
        return nullptr;
    if (s == "true" || s == "True" || s == "TRUE")
        return true;
    if (s == "false" || s == "False" || s == "FALSE")
        return false;
    if (looksLikeInt(s)) {
        long long v = 0;
        const char *begin = s.data() + (s[0] == '+' ? 1 : 0);
        auto [p, ec] = std::from_chars(begin, s.data() + s.size(), v);
        if (ec == std::errc() && p == s.data() + s.size())
            return v;
    }
    if (looksLikeFloat(s)) {
        try {
            return std::stod(s);
        } catch (...) {
        }
    }
    if (s == ".inf" || s == ".Inf" || s == "+.inf")
        return std::numeric_limits<double>::infinity();
    if (s == "-.inf" || s == "-.Inf")
        return -std::numeric_limits<double>::infinity();
    return s;
}

// Walks the node graph as the converter will (aliases expanded at every use) without building
// anything, so that a small file whose aliases expand to billions of nodes, or an anchor holding
// an alias of itself (`x: &a [1, *a]`, an endless cycle), is refused in milliseconds with where it
// is. The recursion is bounded by the depth limit.
struct ExpansionCheck {
    const std::string &file;
    const YamlLimits &limits;
    YAML::Mark rootMark; // an expansion is the whole document's doing: reported at its start
    std::size_t count = 0;
    std::vector<YAML::Node> ancestors; // the containers above the node being visited

    Result<void> visit(const YAML::Node &node)
    {
        if (++count > limits.maxNodes)
            return fail(ErrorCode::Limit,
                        "document expands to more than " + std::to_string(limits.maxNodes) +
                            " nodes (check YAML aliases)",
                        at(file, rootMark));
        if (!node.IsSequence() && !node.IsMap())
            return {};
        for (const YAML::Node &ancestor : ancestors)
            if (ancestor.is(node))
                return fail(ErrorCode::Limit,
                            "a YAML alias refers to the anchor of a node that contains it (an "
                            "endless cycle)",
                            at(file, node.Mark()));
        if (static_cast<int>(ancestors.size()) >= limits.maxDepth)
            return fail(ErrorCode::Limit,
                        "nesting deeper than " + std::to_string(limits.maxDepth) + " levels",
                        at(file, node.Mark()));
        ancestors.push_back(node);
        Result<void> ok;
        for (auto it = node.begin(); ok && it != node.end(); ++it)
            ok = visit(node.IsMap() ? it->second : *it);
        ancestors.pop_back();
        return ok;
    }
};

struct Converter {
    YamlDocument &doc;
    const YamlLimits &limits;
    std::size_t nodes = 0;

    Result<Json> convert(const YAML::Node &node, const std::string &pointer, int depth)
    {
        if (++nodes > limits.maxNodes)
            return fail(ErrorCode::Limit,
                        "document expands to more than " + std::to_string(limits.maxNodes) +
                            " nodes (check YAML aliases)",
                        at(doc.file, node.Mark()), pointer);
        if (depth > limits.maxDepth)
            return fail(ErrorCode::Limit,
                        "nesting deeper than " + std::to_string(limits.maxDepth) + " levels",
                        at(doc.file, node.Mark()), pointer);
        // Aliased nodes share marks; only record the first (the anchor) position.
        doc.locations.try_emplace(pointer, at(doc.file, node.Mark()));
        switch (node.Type()) {
        case YAML::NodeType::Undefined:
        case YAML::NodeType::Null:
            return Json(nullptr);
        case YAML::NodeType::Scalar:
            if (node.Tag() == "?")
                return plainScalar(node.Scalar());
            return Json(node.Scalar());
        case YAML::NodeType::Sequence: {
            Json array = Json::array();
            std::size_t i = 0;
            for (const auto &item : node) {
                auto value = convert(item, pointer + "/" + std::to_string(i++), depth + 1);
                if (!value)
                    return value;
                array.push_back(std::move(*value));
            }
            return array;
        }
        case YAML::NodeType::Map: {
            Json object = Json::object();
            // O(1) per key: ordered_json's contains() and operator[] search linearly, which made
            // a 100,000-key mapping take many seconds.
            JsonObjectBuilder members(object);
            for (const auto &entry : node) {
                if (!entry.first.IsScalar())
                    return fail(ErrorCode::Syntax, "mapping keys must be plain strings",
                                at(doc.file, entry.first.Mark()), pointer);
                const std::string &key = entry.first.Scalar();
                const std::string child = pointer + "/" + pointerToken(key);
                auto [slot, inserted] = members.insert(key);
                if (!inserted)
                    return fail(ErrorCode::Syntax, "duplicate key '" + key + "'",
                                at(doc.file, entry.first.Mark()), child);
                doc.locations.try_emplace(child + "#key", at(doc.file, entry.first.Mark()));
                auto value = convert(entry.second, child, depth + 1);
                if (!value)
                    return value;
                *slot = std::move(*value);
            }
            return object;
        }
        }
        return Json(nullptr);
    }
};

} // namespace

SourceLocation YamlDocument::locate(const std::string &pointer) const
{
    std::string p = pointer;
    while (true) {
        auto it = locations.find(p);
        if (it != locations.end())
            return it->second;
        if (p.empty())
            return {file, 0, 0};
        p.erase(p.rfind('/'));
    }
}

SourceLocation YamlDocument::locateKey(const std::string &pointer) const
{
    auto it = locations.find(pointer + "#key");
    return it != locations.end() ? it->second : locate(pointer);
}

Result<YamlDocument> parseYaml(std::string_view text, const std::string &fileName,
                               const YamlLimits &limits)
{
    YamlDocument doc;
    doc.file = fileName;
    if (text.size() > limits.maxBytes)
        return fail(ErrorCode::Limit,
                    "file is " + std::to_string(text.size()) + " bytes; the limit is " +
                        std::to_string(limits.maxBytes),
                    {fileName, 0, 0});
    YAML::Node node;
    try {
        node = YAML::Load(std::string(text));
    } catch (const YAML::DeepRecursion &e) {
        // yaml-cpp's own guard against deep recursion, far past our limit.
        return fail(ErrorCode::Limit,
                    "nesting deeper than " + std::to_string(limits.maxDepth) + " levels",
                    at(fileName, e.mark));
    } catch (const YAML::Exception &e) {
        return fail(ErrorCode::Syntax, e.msg, at(fileName, e.mark));
    }
    Converter converter{doc, limits};
    try {
        // Only anchors make aliases, and only aliases make expansion or cycles possible.
        if (text.find('&') != std::string_view::npos) {
            ExpansionCheck check{fileName, limits, node.Mark(), 0, {}};
            if (auto ok = check.visit(node); !ok)
                return std::unexpected(ok.error());
        }
        auto root = converter.convert(node, "", 0);
        if (!root)
            return std::unexpected(root.error());
        doc.root = std::move(*root);
    } catch (const YAML::Exception &e) {
        return fail(ErrorCode::Syntax, e.msg, at(fileName, e.mark));
    }
    return doc;
}

Result<YamlDocument> loadYamlFile(const std::string &path, const YamlLimits &limits)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return fail(ErrorCode::Io, "cannot open file", {path, 0, 0});
    in.seekg(0, std::ios::end);
    const auto size = static_cast<std::size_t>(in.tellg());
    if (size > limits.maxBytes)
        return fail(ErrorCode::Limit,
                    "file is " + std::to_string(size) + " bytes; the limit is " +
                        std::to_string(limits.maxBytes),
                    {path, 0, 0});
    in.seekg(0);
    std::string text(size, '\0');
    in.read(text.data(), static_cast<std::streamsize>(size));
    return parseYaml(text, path, limits);
}

namespace {

bool needsQuotes(const std::string &s)
{
    if (s.empty())
        return true;
    const Json asPlain = plainScalar(s);
    if (!asPlain.is_string())
        return true; // "true", "12", "null" must stay strings
    static const std::string special = ":{}[],&*#?|-<>=!%@`\"'";
    if (special.find(s.front()) != std::string::npos || s.front() == ' ' || s.back() == ' ')
        return true;
    if (s.find(": ") != std::string::npos || s.find(" #") != std::string::npos ||
        s.find('\n') != std::string::npos || s.find('\t') != std::string::npos)
        return true;
    return s.back() == ':';
}

// Inside { } and [ ] the flow indicators end a plain scalar anywhere, not only at its start.
std::string scalarText(const Json &v, bool inFlow = false)
{
    if (v.is_string()) {
        const auto &s = v.get_ref<const std::string &>();
        const bool quote =
            needsQuotes(s) || (inFlow && s.find_first_of(",[]{}") != std::string::npos);
        return quote ? dumpJson(Json(s)) : s;
    }
    return dumpJson(v);
}

bool isFlowSized(const Json &v)
{
    // Short leaf-only containers read best inline: { sku: x, qty: 2 } and [a, b].
    if (!v.is_structured())
        return true;
    if (v.empty())
        return true;
    if (v.size() > 4)
        return false;
    std::size_t width = 0;
    for (auto it = v.begin(); it != v.end(); ++it) {
        if (it->is_structured())
            return false;
        width += scalarText(*it, true).size() + (v.is_object() ? it.key().size() + 2 : 0) + 2;
    }
    return width <= 60;
}

// Flow style, nested: for the short leaf-only values toYaml() writes inline, and for every
// value toFlowYaml() is asked for.
std::string inlineText(const Json &v, bool inFlow = false)
{
    if (!v.is_structured())
        return scalarText(v, inFlow);
    if (v.empty())
        return v.is_object() ? "{}" : "[]";
    std::string out = v.is_object() ? "{ " : "[";
    bool first = true;
    for (auto it = v.begin(); it != v.end(); ++it) {
        if (!first)
            out += ", ";
        first = false;
        if (v.is_object())
            out += scalarText(Json(it.key()), true) + ": ";
        out += inlineText(*it, true);
    }
    out += v.is_object() ? " }" : "]";
    return out;
}

void emit(std::ostringstream &out, const Json &v, int indent, const YamlStyle &style)
{
    const std::string pad(indent, ' ');
    if (v.is_object()) {
        for (auto it = v.begin(); it != v.end(); ++it) {
            out << pad << scalarText(Json(it.key())) << ":";
            if (isFlowSized(*it)) {
                out << ' ' << inlineText(*it) << '\n';
            } else {
                out << '\n';
                emit(out, *it, it->is_array() && !style.indentSequences ? indent : indent + 2,
                     style);
            }
        }
    } else if (v.is_array()) {
        for (const auto &item : v) {
            if (isFlowSized(item)) {
                out << pad << "- " << inlineText(item) << '\n';
            } else if (item.is_object()) {
                // First key on the dash line, the rest aligned under it.
                std::ostringstream inner;
                emit(inner, item, indent + 2, style);
                std::string text = inner.str();
                text.replace(indent, 2, "- ");
                out << text;
            } else {
                out << pad << "-\n";
                emit(out, item, indent + 2, style);
            }
        }
    } else {
        out << pad << scalarText(v) << '\n';
    }
}

} // namespace

std::string describeYamlValue(const Json &value)
{
    if (value.is_string()) {
        std::string s = value.get<std::string>();
        if (s.size() > 40)
            s = s.substr(0, 37) + "...";
        return "'" + s + "'";
    }
    if (value.is_object())
        return "a mapping";
    if (value.is_array())
        return "a list";
    if (value.is_null())
        return "nothing";
    return dumpJson(value);
}

std::string toYaml(const Json &value, const YamlStyle &style)
{
    std::ostringstream out;
    if (value.is_structured() && !value.empty())
        emit(out, value, 0, style);
    else
        out << inlineText(value) << '\n';
    return out.str();
}

std::string toFlowYaml(const Json &value)
{
    return inlineText(value);
}

std::string yamlScalar(const Json &value, bool inFlow)
{
    return value.is_structured() ? inlineText(value, inFlow) : scalarText(value, inFlow);
}

} // namespace tutti::engine
