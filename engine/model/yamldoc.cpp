// yaml-cpp behind one seam: exceptions become Errors with positions; parser events become
// ordered JSON.
#include <engine/model/yamldoc.h>

#include <engine/core/jsonio.h>

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <istream>
#include <optional>
#include <sstream>
#include <streambuf>

namespace tutti::engine {

namespace {

YamlPosition position(const YAML::Mark &mark)
{
    if (mark.line < 0)
        return {};
    return {mark.line + 1, mark.column + 1};
}

SourceLocation located(const std::string &file, YamlPosition where)
{
    return {file, where.line, where.column};
}

SourceLocation at(const std::string &file, const YAML::Mark &mark)
{
    return located(file, position(mark));
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

// Builds the JSON tree and the location map straight from yaml-cpp's parser events: no
// YAML::Node graph is built and walked a second time (that tree and its walk were a third of a
// 10,000-step flow's load). Aliases are expanded at every use, as YAML::Load's nodes would be
// read: each anchor keeps a copy of its value, its node count, its depth and the locations inside
// it, so a small file whose aliases expand to billions of nodes, or an anchor holding an alias of
// itself (`x: &a [1, *a]`, an endless cycle), is refused before anything is copied.
//
// The first problem found is kept and every later event ignored; a syntax error the parser
// throws further on still wins, as it did when the whole document was loaded before converting.
class JsonBuilder final : public YAML::EventHandler {
public:
    JsonBuilder(YamlDocument &doc, const YamlLimits &limits)
        : m_doc(doc)
        , m_limits(limits)
    {
    }

    std::optional<Error> &problem() { return m_problem; }

    void OnDocumentStart(const YAML::Mark &) override {}
    void OnDocumentEnd() override {}

    void OnNull(const YAML::Mark &mark, YAML::anchor_t anchor) override
    {
        if (m_problem)
            return;
        if (expectingKey())
            return keyProblem(mark);
        Node node = begin(mark);
        if (!node.value)
            return;
        *node.value = nullptr;
        if (anchor != YAML::NullAnchor)
            keepLeaf(anchor, *node.value, std::nullopt, mark);
    }

    void OnScalar(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
                  const std::string &text) override
    {
        if (m_problem)
            return;
        if (expectingKey()) {
            if (anchor != YAML::NullAnchor)
                keepLeaf(anchor, scalarValue(tag, text), text, mark);
            return takeKey(text, mark);
        }
        Node node = begin(mark);
        if (!node.value)
            return;
        *node.value = scalarValue(tag, text);
        if (anchor != YAML::NullAnchor)
            keepLeaf(anchor, *node.value, text, mark);
    }

    void OnAlias(const YAML::Mark &, YAML::anchor_t anchor) override
    {
        if (m_problem)
            return;
        const auto found = m_anchors.find(anchor);
        if (found == m_anchors.end())
            return; // the parser refuses unknown anchors itself
        const Anchor &a = found->second;
        if (!a.complete) {
            m_problem = Error{ErrorCode::Limit,
                              "a YAML alias refers to the anchor of a node that contains it (an "
                              "endless cycle)",
                              at(m_doc.file, a.mark),
                              {}};
            return;
        }
        if (expectingKey()) {
            if (!a.scalarText)
                return keyProblem(a.mark);
            return takeKey(*a.scalarText, a.mark);
        }
        Node node = begin(a.mark, &a);
        if (!node.value)
            return;
        *node.value = a.value;
        for (const auto &[suffix, where] : a.locations)
            record(node.pointer + suffix, where);
    }

    void OnSequenceStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override
    {
        open(mark, anchor, false);
    }
    void OnSequenceEnd() override { close(); }

    void OnMapStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override
    {
        open(mark, anchor, true);
    }
    void OnMapEnd() override { close(); }

private:
    // Where the value being read goes, and its pointer; value is null after a problem.
    struct Node {
        Json *value = nullptr;
        std::string pointer;
        int depth = 0;
    };

    // A sequence or mapping being read. Its value is built in place in the parent (a slot whose
    // address holds until the parent's next member, which only comes after this one is closed).
    struct Container {
        Json *value;
        std::string pointer;
        int depth;
        int deepest; // the deepest node below it so far (for anchors)
        std::size_t nodesBefore;
        std::optional<JsonObjectBuilder> members; // mappings only
        std::size_t items = 0;                    // sequences: the next index
        Json *slot = nullptr;                     // mappings: the value slot of the last key
        std::string slotPointer;
        bool expectKey = true;
        YAML::anchor_t anchor;
        std::size_t logStart; // where its locations begin in m_log (anchors only)
    };

    struct Anchor {
        Json value;
        std::optional<std::string> scalarText; // a scalar's text, for use as a mapping key
        YAML::Mark mark;
        std::size_t nodes = 1;
        int depth = 0;
        std::vector<std::pair<std::string, YamlPosition>> locations; // pointer suffix -> where
        bool complete = false;
    };

    static Json scalarValue(const std::string &tag, const std::string &text)
    {
        return tag == "?" ? plainScalar(text) : Json(text);
    }

    bool expectingKey() const
    {
        return !m_open.empty() && m_open.back().members && m_open.back().expectKey;
    }

    void keyProblem(const YAML::Mark &mark)
    {
        m_problem = Error{ErrorCode::Syntax, "mapping keys must be plain strings",
                          at(m_doc.file, mark), m_open.back().pointer};
    }

    void takeKey(const std::string &key, const YAML::Mark &mark)
    {
        Container &map = m_open.back();
        std::string child = map.pointer + "/" + pointerToken(key);
        auto [slot, inserted] = map.members->insert(key);
        if (!inserted) {
            m_problem = Error{ErrorCode::Syntax, "duplicate key '" + key + "'",
                              at(m_doc.file, mark), child};
            return;
        }
        record(child + "#key", position(mark));
        map.slot = slot;
        map.slotPointer = std::move(child);
        map.expectKey = false;
    }

    // Counts the node (an alias: every node it expands to), checks the limits, records where it
    // starts and hands out its slot in the parent.
    Node begin(const YAML::Mark &mark, const Anchor *alias = nullptr)
    {
        Node node;
        if (m_open.empty()) {
            node.value = &m_doc.root;
        } else {
            Container &parent = m_open.back();
            node.depth = parent.depth + 1;
            if (parent.members) {
                node.value = parent.slot;
                node.pointer = std::move(parent.slotPointer);
                parent.expectKey = true;
            } else {
                node.value = &parent.value->emplace_back();
                node.pointer = parent.pointer + "/" + std::to_string(parent.items++);
            }
        }
        m_nodes += alias ? alias->nodes : 1;
        if (m_nodes > m_limits.maxNodes) {
            m_problem = Error{ErrorCode::Limit,
                              "document expands to more than " + std::to_string(m_limits.maxNodes) +
                                  " nodes (check YAML aliases)",
                              // An expansion is the whole document's doing: reported at its start.
                              at(m_doc.file, alias ? m_rootMark : mark),
                              alias ? std::string() : node.pointer};
            node.value = nullptr;
            return node;
        }
        const int deepest = node.depth + (alias ? alias->depth : 0);
        if (deepest > m_limits.maxDepth) {
            m_problem =
                Error{ErrorCode::Limit,
                      "nesting deeper than " + std::to_string(m_limits.maxDepth) + " levels",
                      at(m_doc.file, mark), node.pointer};
            node.value = nullptr;
            return node;
        }
        if (m_open.empty())
            m_rootMark = mark;
        else
            m_open.back().deepest = std::max(m_open.back().deepest, deepest);
        // An alias's locations are its anchor's, replayed under its own pointer.
        if (!alias)
            record(node.pointer, position(mark));
        return node;
    }

    void open(const YAML::Mark &mark, YAML::anchor_t anchor, bool isMap)
    {
        if (m_problem)
            return;
        if (expectingKey())
            return keyProblem(mark);
        const std::size_t logStart = m_log.size();
        if (anchor != YAML::NullAnchor) {
            // Open until its end: an alias of it before then is a cycle.
            m_anchors[anchor] = Anchor{nullptr, std::nullopt, mark, 1, 0, {}, false};
            ++m_openAnchors;
        }
        const std::size_t nodesBefore = m_nodes;
        Node node = begin(mark);
        if (!node.value)
            return;
        *node.value = isMap ? Json::object() : Json::array();
        Container c{node.value,  std::move(node.pointer),
                    node.depth,  node.depth,
                    nodesBefore, std::nullopt,
                    0,           nullptr,
                    {},          true,
                    anchor,      logStart};
        if (isMap)
            c.members.emplace(*node.value);
        m_open.push_back(std::move(c));
    }

    void close()
    {
        if (m_problem)
            return;
        Container c = std::move(m_open.back());
        m_open.pop_back();
        if (!m_open.empty())
            m_open.back().deepest = std::max(m_open.back().deepest, c.deepest);
        if (c.anchor == YAML::NullAnchor)
            return;
        Anchor &a = m_anchors[c.anchor];
        c.members.reset();
        a.value = *c.value;
        a.nodes = m_nodes - c.nodesBefore;
        a.depth = c.deepest - c.depth;
        a.locations.reserve(m_log.size() - c.logStart);
        for (std::size_t i = c.logStart; i < m_log.size(); ++i)
            a.locations.emplace_back(m_log[i].first.substr(c.pointer.size()), m_log[i].second);
        a.complete = true;
        if (--m_openAnchors == 0)
            m_log.clear();
    }

    void keepLeaf(YAML::anchor_t anchor, const Json &value, std::optional<std::string> text,
                  const YAML::Mark &mark)
    {
        Anchor a{value, std::move(text), mark, 1, 0, {}, true};
        a.locations.emplace_back(std::string(), position(mark));
        m_anchors[anchor] = std::move(a);
    }

    // Aliased nodes share their anchor's locations; only the first one recorded counts.
    void record(const std::string &pointer, YamlPosition where)
    {
        if (m_openAnchors > 0)
            m_log.emplace_back(pointer, where);
        m_doc.locations.try_emplace(pointer, where);
    }

    YamlDocument &m_doc;
    const YamlLimits &m_limits;
    std::optional<Error> m_problem;
    std::vector<Container> m_open;
    std::unordered_map<YAML::anchor_t, Anchor> m_anchors;
    std::vector<std::pair<std::string, YamlPosition>> m_log; // while an anchor is open
    int m_openAnchors = 0;
    std::size_t m_nodes = 0;
    YAML::Mark m_rootMark;
};

// The text as an input stream, without copying it.
class TextBuffer final : public std::streambuf {
public:
    explicit TextBuffer(std::string_view text)
    {
        char *begin = const_cast<char *>(text.data());
        setg(begin, begin, begin + text.size());
    }
};

} // namespace

SourceLocation YamlDocument::locate(const std::string &pointer) const
{
    std::string p = pointer;
    while (true) {
        auto it = locations.find(p);
        if (it != locations.end())
            return located(file, it->second);
        if (p.empty())
            return {file, 0, 0};
        p.erase(p.rfind('/'));
    }
}

SourceLocation YamlDocument::locateKey(const std::string &pointer) const
{
    auto it = locations.find(pointer + "#key");
    return it != locations.end() ? located(file, it->second) : locate(pointer);
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
    // About one node or key per 6 bytes in a flow file: sized once instead of rehashed ~17 times.
    doc.locations.reserve(std::min(text.size() / 6, limits.maxNodes));
    JsonBuilder builder(doc, limits);
    TextBuffer buffer(text);
    std::istream in(&buffer);
    try {
        YAML::Parser parser(in);
        // Only the first document counts (as YAML::Load read it); an empty file is null.
        if (!parser.HandleNextDocument(builder))
            doc.locations.try_emplace(std::string(), YamlPosition{});
    } catch (const YAML::DeepRecursion &e) {
        // yaml-cpp's own guard against deep recursion, far past our limit.
        return fail(ErrorCode::Limit,
                    "nesting deeper than " + std::to_string(limits.maxDepth) + " levels",
                    at(fileName, e.mark));
    } catch (const YAML::Exception &e) {
        return fail(ErrorCode::Syntax, e.msg, at(fileName, e.mark));
    }
    if (builder.problem())
        return std::unexpected(std::move(*builder.problem()));
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
