// Format-preserving YAML edits (see yamlpatch.h). A small scanner reads the text into spans (where
// each mapping entry, list item and scalar starts and ends: yaml-cpp only gives starts), the JSON
// values are diffed over those spans, and the edits are applied to the untouched rest of the text.
// The result is parsed back and compared with `after` before it is returned.
#include <document/yamlpatch.h>

#include <engine/core/jsonio.h>
#include <engine/model/yamldoc.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace tutti::engine {

namespace {

// ---- spans --------------------------------------------------------------------------------------

enum class Kind { Empty, Scalar, BlockMap, BlockSeq, FlowMap, FlowSeq };

struct Entry;

struct Node {
    Kind kind = Kind::Empty;
    std::size_t begin = 0; // first character; Empty nodes are empty spans where a value would go
    std::size_t end = 0;   // one past the last character (comments and line breaks after excluded)
    char style = 0;        // scalars: 'p' plain, '\'' or '"' quoted, '|' or '>' block
    int indent = 0;        // block collections: column of their keys or dashes; block scalars:
                           // column of their content
    std::vector<Entry> entries;

    bool isFlow() const { return kind == Kind::FlowMap || kind == Kind::FlowSeq; }
    bool isMap() const { return kind == Kind::BlockMap || kind == Kind::FlowMap; }
    bool isSeq() const { return kind == Kind::BlockSeq || kind == Kind::FlowSeq; }
};

struct Entry {
    std::size_t begin = 0;  // the key (mappings), the '-' (block lists), the item (flow lists)
    std::size_t keyEnd = 0; // just past the ':' (mappings) or the '-' (block lists)
    std::string key;
    bool startsLine = false; // only indentation before it on its line
    Node value;
};

// Why a text cannot be patched; caught at the API edge and returned as an Error.
struct Refusal {
    std::string why;
    std::size_t at = 0;
};

constexpr int kMaxDepth = 64; // YamlLimits' default nesting limit

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

bool isFlowIndicator(char c)
{
    return c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
}

// Reads the subset of YAML that files are written in (block and flow collections, plain, quoted
// and block scalars, comments) into spans; anything else is refused.
class Scanner {
public:
    explicit Scanner(std::string_view text)
        : m_s(text)
    {
        if (m_s.starts_with("\xEF\xBB\xBF"))
            m_bom = 3;
    }

    Node document()
    {
        std::size_t i = skipToContent(m_bom);
        if (i < m_s.size() && m_s[i] == '%')
            refuse("YAML directives", i);
        if (isMarker(i, "---")) {
            const std::size_t after = i + 3;
            i = skipToContent(after);
            if (i < m_s.size() && lineStart(i) <= after)
                refuse("content on the '---' line", i);
        }
        Node root;
        if (i >= m_s.size()) {
            root.begin = root.end = m_s.size();
            return root;
        }
        root = blockNode(i, -1, true);
        const std::size_t rest = skipToContent(root.end);
        if (rest < m_s.size())
            refuse(isMarker(rest, "---") || isMarker(rest, "...")
                       ? "several documents"
                       : "text after the document's value",
                   rest);
        return root;
    }

private:
    std::string_view m_s;
    std::size_t m_bom = 0;
    int m_depth = 0;

    [[noreturn]] void refuse(const std::string &why, std::size_t at) const
    {
        throw Refusal{why, at};
    }

    char at(std::size_t i) const { return i < m_s.size() ? m_s[i] : '\0'; }
    bool isBreakOrEnd(std::size_t i) const { return i >= m_s.size() || m_s[i] == '\n'; }
    bool blankOrBreakAfter(std::size_t i) const
    {
        return isBreakOrEnd(i + 1) || isBlank(at(i + 1));
    }

    std::size_t lineStart(std::size_t i) const
    {
        const std::size_t nl = i == 0 ? std::string_view::npos : m_s.rfind('\n', i - 1);
        return std::max(nl == std::string_view::npos ? 0 : nl + 1, m_bom);
    }
    int column(std::size_t i) const { return static_cast<int>(i - lineStart(i)); }
    bool onlySpacesBefore(std::size_t i) const
    {
        for (std::size_t k = lineStart(i); k < i; ++k)
            if (m_s[k] != ' ')
                return false;
        return true;
    }
    bool isMarker(std::size_t i, std::string_view marker) const
    {
        return i < m_s.size() && column(i) == 0 && m_s.substr(i).starts_with(marker) &&
               (isBreakOrEnd(i + 3) || isBlank(at(i + 3)));
    }

    // Skips blanks, line breaks and comments; the offset of the next content (size() at the end).
    std::size_t skipToContent(std::size_t i) const
    {
        while (i < m_s.size()) {
            const char c = m_s[i];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                ++i;
            } else if (c == '#' && (i == 0 || isBlank(m_s[i - 1]) || m_s[i - 1] == '\n')) {
                while (i < m_s.size() && m_s[i] != '\n')
                    ++i;
            } else {
                break;
            }
        }
        return i;
    }
    std::size_t skipBlanks(std::size_t i) const
    {
        while (i < m_s.size() && isBlank(m_s[i]))
            ++i;
        return i;
    }
    // A value starting on a later line must start its line, indented with spaces only.
    void checkIndentation(std::size_t i) const
    {
        if (!onlySpacesBefore(i))
            refuse("tabs in indentation or text after a value", i);
    }

    struct Depth {
        Scanner &scanner;
        Depth(Scanner &s, std::size_t at)
            : scanner(s)
        {
            if (++scanner.m_depth > kMaxDepth)
                scanner.refuse("nesting deeper than " + std::to_string(kMaxDepth) + " levels", at);
        }
        ~Depth() { --scanner.m_depth; }
    };

    void refuseSpecial(std::size_t i) const
    {
        const char c = at(i);
        if (c == '&' || c == '*' || c == '!')
            refuse("anchors, aliases and tags", i);
        if (c == '%' || c == '@' || c == '`')
            refuse("a reserved character", i);
        if ((c == '?' || c == ':') && blankOrBreakAfter(i))
            refuse("complex mapping keys", i);
    }

    // One past the closing quote of the quoted scalar at i.
    std::size_t quotedEnd(std::size_t i) const
    {
        const char q = m_s[i];
        for (std::size_t k = i + 1; k < m_s.size(); ++k) {
            if (q == '"' && m_s[k] == '\\') {
                ++k;
            } else if (m_s[k] == q) {
                if (q == '\'' && at(k + 1) == '\'') {
                    ++k;
                    continue;
                }
                return k + 1;
            }
        }
        refuse("an unterminated quoted scalar", i);
    }

    // The text of a quoted key (one line; common escapes only, else refused).
    std::string quotedKey(std::size_t begin, std::size_t end) const
    {
        const std::string_view body = m_s.substr(begin + 1, end - begin - 2);
        std::string out;
        for (std::size_t k = 0; k < body.size(); ++k) {
            const char c = body[k];
            if (c == '\n')
                refuse("a key over several lines", begin);
            if (m_s[begin] == '\'' && c == '\'') {
                out += '\'';
                ++k;
            } else if (m_s[begin] == '"' && c == '\\') {
                const char e = k + 1 < body.size() ? body[++k] : '\0';
                switch (e) {
                case '"':
                case '\\':
                case '/':
                    out += e;
                    break;
                case 'n':
                    out += '\n';
                    break;
                case 't':
                    out += '\t';
                    break;
                default:
                    refuse("an escape in a key", begin);
                }
            } else {
                out += c;
            }
        }
        return out;
    }

    // Block context: the ':' that makes the plain scalar at i a key, or npos.
    std::size_t plainKeyColon(std::size_t i) const
    {
        for (std::size_t k = i; k < m_s.size() && m_s[k] != '\n'; ++k) {
            if (m_s[k] == '#' && k > i && isBlank(m_s[k - 1]))
                return std::string_view::npos;
            if (m_s[k] == ':' && blankOrBreakAfter(k))
                return k;
        }
        return std::string_view::npos;
    }

    // End of the plain text on the line from i (before a comment, trailing blanks trimmed).
    std::size_t plainLineEnd(std::size_t i) const
    {
        std::size_t k = i;
        while (k < m_s.size() && m_s[k] != '\n' && !(m_s[k] == '#' && k > i && isBlank(m_s[k - 1])))
            ++k;
        while (k > i && (isBlank(m_s[k - 1]) || m_s[k - 1] == '\r'))
            --k;
        return k;
    }

    // A node in block context at content offset i; its lines are indented past parentIndent.
    // `compactMap`: a mapping may start here (a list item's `- key: value`), not after a key.
    Node blockNode(std::size_t i, int parentIndent, bool compactMap)
    {
        Depth depth(*this, i);
        const char c = at(i);
        refuseSpecial(i);
        if (c == '-' && blankOrBreakAfter(i)) {
            if (!compactMap)
                refuse("a list on its key's line", i);
            return blockSeq(i);
        }
        if (c == '[' || c == '{') {
            Node n = flowNode(i);
            const std::size_t k = skipBlanks(n.end);
            if (at(k) == ':')
                refuse("complex mapping keys", i);
            return n;
        }
        if (c == '|' || c == '>')
            return blockScalar(i, parentIndent);
        if (c == '"' || c == '\'') {
            const std::size_t end = quotedEnd(i);
            const std::size_t k = skipBlanks(end);
            if (at(k) == ':') {
                if (!compactMap)
                    refuse("a mapping on its key's line", i);
                return blockMap(i);
            }
            Node n;
            n.kind = Kind::Scalar;
            n.style = c;
            n.begin = i;
            n.end = end;
            return n;
        }
        if (plainKeyColon(i) != std::string_view::npos) {
            if (!compactMap)
                refuse("a mapping on its key's line", i);
            return blockMap(i);
        }
        return blockPlain(i, parentIndent);
    }

    Node blockPlain(std::size_t i, int parentIndent)
    {
        Node n;
        n.kind = Kind::Scalar;
        n.style = 'p';
        n.begin = i;
        n.end = plainLineEnd(i);
        // Continuation lines: indented past the parent and not comments.
        while (true) {
            const std::size_t next = skipToContent(n.end);
            if (next >= m_s.size() || column(next) <= parentIndent || !onlySpacesBefore(next))
                break;
            // A comment line between ends the scalar (skipToContent skipped it).
            const std::string_view between = m_s.substr(n.end, next - n.end);
            if (between.find('#') != std::string_view::npos)
                break;
            if (plainKeyColon(next) != std::string_view::npos)
                refuse("a key inside a plain scalar", next);
            n.end = plainLineEnd(next);
        }
        return n;
    }

    Node blockScalar(std::size_t i, int parentIndent)
    {
        Node n;
        n.kind = Kind::Scalar;
        n.style = m_s[i];
        n.begin = i;
        std::size_t k = i + 1;
        while (at(k) == '+' || at(k) == '-')
            ++k;
        if (at(k) >= '0' && at(k) <= '9')
            refuse("block scalar indentation indicators", k);
        n.end = k;
        k = skipBlanks(k);
        if (at(k) == '#')
            while (!isBreakOrEnd(k))
                ++k;
        if (!isBreakOrEnd(k))
            refuse("text after a block scalar's header", k);
        // Content: blank lines and lines indented at least as far as the first non-blank one.
        int contentIndent = -1;
        std::size_t line = k + 1;
        while (k < m_s.size()) {
            std::size_t spaces = line;
            while (at(spaces) == ' ')
                ++spaces;
            const std::size_t eol = std::min(m_s.find('\n', line), m_s.size());
            const bool blank = spaces >= eol;
            if (!blank) {
                const int indent = static_cast<int>(spaces - line);
                if (contentIndent < 0) {
                    if (indent <= parentIndent)
                        break;
                    contentIndent = indent;
                } else if (indent < contentIndent) {
                    break;
                }
                n.end = eol;
            }
            if (eol >= m_s.size())
                break;
            line = eol + 1;
        }
        n.indent = contentIndent;
        return n;
    }

    Node blockMap(std::size_t i)
    {
        Node n;
        n.kind = Kind::BlockMap;
        n.begin = i;
        n.indent = column(i);
        std::size_t q = i;
        while (true) {
            Entry e;
            e.begin = q;
            e.startsLine = onlySpacesBefore(q);
            refuseSpecial(q);
            std::size_t colon;
            if (at(q) == '"' || at(q) == '\'') {
                const std::size_t end = quotedEnd(q);
                e.key = quotedKey(q, end);
                colon = skipBlanks(end);
                if (at(colon) != ':')
                    refuse("a key without ':'", q);
            } else {
                if (at(q) == '-' || at(q) == '[' || at(q) == '{' || at(q) == '|' || at(q) == '>' ||
                    at(q) == '"' || at(q) == '\'' || at(q) == '#')
                    refuse("a mapping key expected", q);
                colon = plainKeyColon(q);
                if (colon == std::string_view::npos)
                    refuse("a mapping key expected", q);
                std::size_t end = colon;
                while (end > q && isBlank(m_s[end - 1]))
                    --end;
                e.key = std::string(m_s.substr(q, end - q));
                if (e.key == "<<")
                    refuse("merge keys", q);
            }
            e.keyEnd = colon + 1;
            const std::size_t j = skipBlanks(colon + 1);
            if (isBreakOrEnd(j) || at(j) == '#' || at(j) == '\r') {
                const std::size_t k = skipToContent(j);
                if (k < m_s.size() && column(k) > n.indent) {
                    checkIndentation(k);
                    e.value = blockNode(k, n.indent, true);
                } else if (k < m_s.size() && column(k) == n.indent && at(k) == '-' &&
                           blankOrBreakAfter(k) && onlySpacesBefore(k)) {
                    e.value = blockSeq(k); // a list at its key's column
                } else {
                    e.value.begin = e.value.end = e.keyEnd;
                }
            } else {
                e.value = blockNode(j, n.indent, false);
            }
            const std::size_t valueEnd = e.value.end;
            n.entries.push_back(std::move(e));
            n.end = valueEnd;
            const std::size_t k = skipToContent(valueEnd);
            if (k >= m_s.size() || column(k) < n.indent || isMarker(k, "---") || isMarker(k, "..."))
                break;
            if (column(k) > n.indent || !onlySpacesBefore(k))
                refuse("unexpected indentation", k);
            if (at(k) == '-' && blankOrBreakAfter(k))
                refuse("a list item among mapping keys", k);
            q = k;
        }
        return n;
    }

    Node blockSeq(std::size_t i)
    {
        Node n;
        n.kind = Kind::BlockSeq;
        n.begin = i;
        n.indent = column(i);
        std::size_t q = i;
        while (true) {
            Entry e;
            e.begin = q;
            e.keyEnd = q + 1;
            e.startsLine = onlySpacesBefore(q);
            const std::size_t j = skipBlanks(q + 1);
            if (isBreakOrEnd(j) || at(j) == '#' || at(j) == '\r') {
                const std::size_t k = skipToContent(j);
                if (k < m_s.size() && column(k) > n.indent) {
                    checkIndentation(k);
                    e.value = blockNode(k, n.indent, true);
                } else {
                    e.value.begin = e.value.end = e.keyEnd;
                }
            } else {
                e.value = blockNode(j, n.indent, true);
            }
            const std::size_t valueEnd = e.value.end;
            n.entries.push_back(std::move(e));
            n.end = valueEnd;
            const std::size_t k = skipToContent(valueEnd);
            if (k >= m_s.size() || column(k) < n.indent || isMarker(k, "---") || isMarker(k, "..."))
                break;
            if (!onlySpacesBefore(k))
                refuse("text after a value", k);
            if (column(k) == n.indent && at(k) == '-' && blankOrBreakAfter(k)) {
                q = k;
                continue;
            }
            if (column(k) == n.indent)
                break; // the next key of a mapping this list is the value of
            refuse("unexpected indentation", k);
        }
        return n;
    }

    // ---- flow context ----

    Node flowNode(std::size_t i)
    {
        Depth depth(*this, i);
        const char c = at(i);
        refuseSpecial(i);
        if (c == '{')
            return flowMap(i);
        if (c == '[')
            return flowSeq(i);
        if (c == '|' || c == '>')
            refuse("a block scalar inside { } or [ ]", i);
        Node n;
        n.kind = Kind::Scalar;
        n.begin = i;
        if (c == '"' || c == '\'') {
            n.style = c;
            n.end = quotedEnd(i);
            return n;
        }
        n.style = 'p';
        n.end = flowPlainEnd(i);
        return n;
    }

    std::size_t flowPlainEnd(std::size_t i) const
    {
        if (i >= m_s.size() || isFlowIndicator(m_s[i]) || m_s[i] == '#' || m_s[i] == '\n')
            refuse("a value expected", i);
        std::size_t k = i;
        while (k < m_s.size()) {
            const char c = m_s[k];
            if (c == '\n' || isFlowIndicator(c) || (c == '#' && isBlank(m_s[k - 1])))
                break;
            if (c == ':' &&
                (isBreakOrEnd(k + 1) || isBlank(at(k + 1)) || isFlowIndicator(at(k + 1))))
                break;
            ++k;
        }
        std::size_t end = k;
        while (end > i && (isBlank(m_s[end - 1]) || m_s[end - 1] == '\r'))
            --end;
        // A plain scalar going on on the next line inside { } or [ ]: not worth the rules.
        const std::size_t next = skipToContent(k);
        if (next < m_s.size() && m_s.substr(k, next - k).find('\n') != std::string_view::npos &&
            !isFlowIndicator(m_s[next]) && m_s[next] != ':')
            refuse("a plain scalar over several lines inside { } or [ ]", next);
        return end;
    }

    Node flowMap(std::size_t i)
    {
        Node n;
        n.kind = Kind::FlowMap;
        n.begin = i;
        std::size_t q = i + 1;
        while (true) {
            q = skipToContent(q);
            if (at(q) == '}') {
                n.end = q + 1;
                return n;
            }
            if (q >= m_s.size())
                refuse("an unterminated { }", i);
            Entry e;
            e.begin = q;
            e.startsLine = onlySpacesBefore(q);
            refuseSpecial(q);
            std::size_t keyEnd;
            if (at(q) == '"' || at(q) == '\'') {
                keyEnd = quotedEnd(q);
                e.key = quotedKey(q, keyEnd);
            } else {
                if (at(q) == '[' || at(q) == '{')
                    refuse("complex mapping keys", q);
                keyEnd = flowPlainEnd(q);
                e.key = std::string(m_s.substr(q, keyEnd - q));
                if (e.key == "<<")
                    refuse("merge keys", q);
            }
            const std::size_t colon = skipBlanks(keyEnd);
            if (at(colon) != ':')
                refuse("a { } entry without ':'", q);
            e.keyEnd = colon + 1;
            const std::size_t v = skipToContent(colon + 1);
            if (at(v) == ',' || at(v) == '}')
                e.value.begin = e.value.end = e.keyEnd;
            else
                e.value = flowNode(v);
            const std::size_t r = skipToContent(e.value.end);
            n.entries.push_back(std::move(e));
            if (at(r) == ',') {
                q = r + 1;
            } else if (at(r) == '}') {
                n.end = r + 1;
                return n;
            } else {
                refuse("',' or '}' expected", r);
            }
        }
    }

    Node flowSeq(std::size_t i)
    {
        Node n;
        n.kind = Kind::FlowSeq;
        n.begin = i;
        std::size_t q = i + 1;
        while (true) {
            q = skipToContent(q);
            if (at(q) == ']') {
                n.end = q + 1;
                return n;
            }
            if (q >= m_s.size())
                refuse("an unterminated [ ]", i);
            Entry e;
            e.value = flowNode(q);
            e.begin = e.keyEnd = e.value.begin;
            e.startsLine = onlySpacesBefore(q);
            const std::size_t r = skipToContent(e.value.end);
            n.entries.push_back(std::move(e));
            if (at(r) == ',') {
                q = r + 1;
            } else if (at(r) == ']') {
                n.end = r + 1;
                return n;
            } else {
                refuse(at(r) == ':' ? "a mapping inside [ ] without { }" : "',' or ']' expected",
                       r);
            }
        }
    }
};

// The spans must hold `before`: same kinds, keys in the same order, lists as long.
void checkShape(std::string_view text, const Node &n, const Json &v)
{
    const auto mismatch = [&] {
        throw Refusal{"the text does not hold the value it was said to", n.begin};
    };
    switch (n.kind) {
    case Kind::Empty:
        if (!v.is_null())
            mismatch();
        return;
    case Kind::Scalar:
        if (v.is_structured() || (n.style != 'p' && !v.is_string()))
            mismatch();
        // A one-line plain string is its own text.
        if (n.style == 'p' && v.is_string()) {
            const std::string_view t = text.substr(n.begin, n.end - n.begin);
            if (t.find('\n') == std::string_view::npos && t != v.get_ref<const std::string &>())
                mismatch();
        }
        return;
    case Kind::BlockMap:
    case Kind::FlowMap: {
        if (!v.is_object() || v.size() != n.entries.size())
            mismatch();
        std::size_t i = 0;
        for (auto it = v.begin(); it != v.end(); ++it, ++i) {
            if (n.entries[i].key != it.key())
                mismatch();
            checkShape(text, n.entries[i].value, *it);
        }
        return;
    }
    case Kind::BlockSeq:
    case Kind::FlowSeq:
        if (!v.is_array() || v.size() != n.entries.size())
            mismatch();
        for (std::size_t i = 0; i < v.size(); ++i)
            checkShape(text, n.entries[i].value, v[i]);
        return;
    }
}

// Whether the file indents block lists under their keys ("steps:\n  - id: a"); the first such
// list found decides, none found means yes (the common hand-written style).
bool indentsSequences(const Node &n)
{
    std::vector<const Node *> todo{&n};
    while (!todo.empty()) {
        const Node *node = todo.back();
        todo.pop_back();
        for (const Entry &e : node->entries) {
            if (node->kind == Kind::BlockMap && e.value.kind == Kind::BlockSeq)
                return e.value.indent > node->indent;
            todo.push_back(&e.value);
        }
    }
    return true;
}

// ---- edits ------------------------------------------------------------------------------------

struct Edit {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::string text;
    std::size_t order = 0;
};

class Patcher {
public:
    Patcher(std::string_view text, bool indentSequences)
        : m_s(text)
    {
        m_style.indentSequences = indentSequences;
    }

    void patchRoot(const Node &root, const Json &before, const Json &after)
    {
        if (patchValue(root, before, after, false))
            return;
        if (root.kind == Kind::Empty) {
            const bool needsBreak = root.begin > 0 && m_s[root.begin - 1] != '\n';
            add(root.begin, root.begin, (needsBreak ? "\n" : "") + toYaml(after, m_style));
            return;
        }
        std::string text =
            root.isFlow() && after.is_structured() ? toFlowYaml(after) : toYaml(after, m_style);
        if (!text.empty() && text.back() == '\n')
            text.pop_back();
        add(root.begin, root.end, std::move(text));
    }

    Result<std::string> apply()
    {
        std::stable_sort(m_edits.begin(), m_edits.end(), [](const Edit &a, const Edit &b) {
            if (a.begin != b.begin)
                return a.begin < b.begin;
            const bool aInsert = a.begin == a.end, bInsert = b.begin == b.end;
            if (aInsert != bInsert)
                return aInsert; // insertions at an offset go before a range starting there
            return a.order < b.order;
        });
        std::string out;
        out.reserve(m_s.size() + 256);
        std::size_t pos = 0;
        for (const Edit &e : m_edits) {
            if (e.begin < pos || e.end < e.begin || e.end > m_s.size())
                return fail(ErrorCode::Internal, "overlapping edits");
            out.append(m_s.substr(pos, e.begin - pos));
            out += e.text;
            pos = e.end;
        }
        out.append(m_s.substr(pos));
        return out;
    }

private:
    std::string_view m_s;
    YamlStyle m_style;
    std::vector<Edit> m_edits;

    void add(std::size_t begin, std::size_t end, std::string text)
    {
        m_edits.push_back(Edit{begin, end, std::move(text), m_edits.size()});
    }

    std::size_t lineStart(std::size_t i) const
    {
        const std::size_t nl = i == 0 ? std::string_view::npos : m_s.rfind('\n', i - 1);
        return nl == std::string_view::npos ? 0 : nl + 1;
    }
    // The offset of the line break ending the line of i (size() on the last line).
    std::size_t lineEnd(std::size_t i) const { return std::min(m_s.find('\n', i), m_s.size()); }
    // The whole lines from the one of `begin` to the one of `end`, with the last line break.
    std::pair<std::size_t, std::size_t> lines(std::size_t begin, std::size_t end) const
    {
        const std::size_t last = lineEnd(end);
        return {lineStart(begin), last < m_s.size() ? last + 1 : last};
    }

    // Text rendered at column 0 re-indented for a place at `indent`: every line after the
    // first gains the indentation; the final line break goes.
    static std::string indented(std::string text, int indent)
    {
        if (!text.empty() && text.back() == '\n')
            text.pop_back();
        const std::string pad(static_cast<std::size_t>(indent), ' ');
        std::string out;
        out.reserve(text.size() + 32);
        for (char c : text) {
            out += c;
            if (c == '\n')
                out += pad;
        }
        return out;
    }
    // "key: value" (and the lines under it) for a block mapping at `indent`.
    std::string blockEntry(const std::string &key, const Json &value, int indent) const
    {
        return indented(toYaml(Json::object({{key, value}}), m_style), indent);
    }
    // What follows the "-" of a block list item at `indent`.
    std::string blockItemTail(const Json &value, int indent) const
    {
        return indented(toYaml(Json::array({value}), m_style), indent).substr(1);
    }
    // What follows "key:" of a block mapping entry at `indent`.
    std::string blockValueTail(const Json &value, int indent) const
    {
        return blockEntry("k", value, indent).substr(2);
    }

    // ---- scalars ----

    static bool hasControl(const std::string &s)
    {
        return std::any_of(s.begin(), s.end(), [](char c) {
            return static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t';
        });
    }

    std::string blockScalar(const Node &old, const std::string &s) const
    {
        // Literal style where it reads back exactly: a trailing line break at most, no line
        // starting with a blank first (that needs an indentation indicator), no carriage returns.
        if (s.find('\n') == std::string::npos || hasControl(s) || s.find('\r') != std::string::npos)
            return {};
        std::string body = s;
        std::string header = "|-";
        if (body.back() == '\n') {
            body.pop_back();
            header = "|";
            if (!body.empty() && body.back() == '\n')
                return {};
        }
        if (body.empty() || isBlank(body.front()) || body.front() == '\n')
            return {};
        int indent = old.indent;
        if (indent <= 0) {
            const std::size_t ls = lineStart(old.begin);
            std::size_t k = ls;
            while (k < m_s.size() && m_s[k] == ' ')
                ++k;
            indent = static_cast<int>(k - ls) + 2;
        }
        const std::string pad(static_cast<std::size_t>(indent), ' ');
        std::string out = header;
        std::size_t start = 0;
        while (start <= body.size()) {
            const std::size_t nl = std::min(body.find('\n', start), body.size());
            const std::string_view line(body.data() + start, nl - start);
            out += '\n';
            if (!line.empty())
                out += pad + std::string(line);
            start = nl + 1;
        }
        return out;
    }

    // A new scalar in the quoting style of the one it replaces.
    std::string scalarText(const Node &old, const Json &value, bool inFlow) const
    {
        if (!value.is_string())
            return yamlScalar(value, inFlow);
        const std::string &s = value.get_ref<const std::string &>();
        switch (old.style) {
        case '"':
            return dumpJson(value);
        case '\'':
            if (s.find('\n') == std::string::npos && !hasControl(s)) {
                std::string out = "'";
                for (char c : s)
                    out += c == '\'' ? std::string("''") : std::string(1, c);
                return out + "'";
            }
            return dumpJson(value);
        case '|':
        case '>':
            if (!inFlow)
                if (std::string text = blockScalar(old, s); !text.empty())
                    return text;
            return yamlScalar(value, inFlow);
        default:
            return yamlScalar(value, inFlow);
        }
    }

    // ---- values ----

    // Patches `n` from `b` to `a` in place; false when it has to be replaced as a whole (the
    // caller knows how it sits). Edits of a failed attempt are taken back.
    bool patchValue(const Node &n, const Json &b, const Json &a, bool inFlow)
    {
        if (b == a)
            return true;
        const std::size_t mark = m_edits.size();
        bool ok = false;
        if (!a.is_structured()) {
            if (n.kind == Kind::Scalar) {
                add(n.begin, n.end, scalarText(n, a, inFlow));
                ok = true;
            } else if (n.kind == Kind::Empty) {
                add(n.begin, n.end, " " + scalarText(n, a, inFlow));
                ok = true;
            }
        } else if (a.is_object() && b.is_object() && n.isMap()) {
            ok = patchMap(n, b, a);
        } else if (a.is_array() && b.is_array() && n.isSeq()) {
            ok = patchSeq(n, b, a);
        }
        if (!ok)
            m_edits.resize(mark);
        return ok;
    }

    // A value inside { } or [ ]: strings holding , [ ] { } quoted.
    static std::string flowText(const Json &a)
    {
        return a.is_structured() ? toFlowYaml(a) : yamlScalar(a, true);
    }

    void replaceMapValue(const Node &map, const Entry &e, const Json &a)
    {
        const Node &v = e.value;
        if (map.kind == Kind::FlowMap) {
            if (v.kind == Kind::Empty)
                add(v.begin, v.end, " " + flowText(a));
            else
                add(v.begin, v.end, flowText(a));
        } else if (v.isFlow() && a.is_structured()) {
            add(v.begin, v.end, toFlowYaml(a)); // the author's compact style stays
        } else {
            add(e.keyEnd, v.end, blockValueTail(a, map.indent));
        }
    }

    void replaceSeqItem(const Node &seq, const Entry &e, const Json &a)
    {
        const Node &v = e.value;
        if (seq.kind == Kind::FlowSeq || (v.isFlow() && a.is_structured()))
            add(v.begin, v.end, flowText(a));
        else
            add(e.keyEnd, v.end, blockItemTail(a, seq.indent));
    }

    // Removal ranges of the entries not in `kept`, whole lines in block style, with the
    // separating comma in flow style. False when an entry shares its line in a way that
    // leaves no clean cut.
    bool removeEntries(const Node &n, const std::vector<bool> &kept)
    {
        const std::size_t count = n.entries.size();
        std::size_t lastKept = count;
        for (std::size_t i = 0; i < count; ++i)
            if (kept[i])
                lastKept = i;
        if (lastKept == count)
            return false;
        if (n.isFlow()) {
            for (std::size_t i = 0; i < count; ++i) {
                if (kept[i])
                    continue;
                if (i < lastKept)
                    add(n.entries[i].begin, n.entries[i + 1].begin, {});
                else
                    add(n.entries[i - 1].value.end, n.entries[i].value.end, {});
            }
            return true;
        }
        for (std::size_t i = 0; i < count; ++i) {
            if (kept[i])
                continue;
            const Entry &e = n.entries[i];
            if (!e.startsLine) {
                // The first key of a list item ("- id: a"): what follows moves up to the dash.
                if (n.kind != Kind::BlockMap)
                    return false;
                std::size_t k = i + 1;
                while (k < count && !kept[k])
                    ++k;
                if (k == count)
                    return false;
                add(e.begin, n.entries[k].begin, {});
                i = k; // the entries in between went with it
                continue;
            }
            const auto [begin, end] = lines(e.begin, e.value.end);
            add(begin, end, {});
        }
        return true;
    }

    // Where text joining the collection after entry `anchor` (or before its first kept entry
    // `first` when there is no anchor) goes, and the text around it.
    void insert(const Node &n, const Entry *anchor, const Entry &first, std::string item)
    {
        const std::string pad(static_cast<std::size_t>(n.indent), ' ');
        if (n.isFlow()) {
            if (anchor)
                add(anchor->value.end, anchor->value.end, ", " + item);
            else
                add(first.begin, first.begin, item + ", ");
        } else if (anchor) {
            // At the start of the next line: a removal of the anchor's own last lines ends there.
            const std::size_t eol = lineEnd(anchor->value.end);
            if (eol < m_s.size())
                add(eol + 1, eol + 1, pad + item + "\n");
            else
                add(eol, eol, "\n" + pad + item);
        } else {
            add(first.begin, first.begin, item + "\n" + pad);
        }
    }

    bool patchMap(const Node &n, const Json &b, const Json &a)
    {
        const bool flow = n.kind == Kind::FlowMap;
        std::unordered_map<std::string, std::size_t> inBefore;
        std::size_t i = 0;
        for (auto it = b.begin(); it != b.end(); ++it)
            inBefore.emplace(it.key(), i++);
        // The keys both have must keep their order.
        std::vector<std::size_t> common;
        for (auto it = a.begin(); it != a.end(); ++it)
            if (auto f = inBefore.find(it.key()); f != inBefore.end())
                common.push_back(f->second);
        if (!std::is_sorted(common.begin(), common.end()) || common.empty())
            return false;
        std::vector<bool> kept(n.entries.size(), false);
        for (std::size_t k : common)
            kept[k] = true;
        for (std::size_t k : common) {
            const Entry &e = n.entries[k];
            const Json &bv = b.at(e.key), &av = a.at(e.key);
            if (bv != av && !patchValue(e.value, bv, av, flow))
                replaceMapValue(n, e, av);
        }
        if (!removeEntries(n, kept))
            return false;
        const Entry *anchor = nullptr;
        const Entry &first = n.entries[common.front()];
        for (auto it = a.begin(); it != a.end(); ++it) {
            if (auto f = inBefore.find(it.key()); f != inBefore.end()) {
                anchor = &n.entries[f->second];
                continue;
            }
            std::string item = flow ? yamlScalar(Json(it.key()), true) + ": " + flowText(*it)
                                    : blockEntry(it.key(), *it, n.indent);
            insert(n, anchor, first, std::move(item));
        }
        return true;
    }

    // Item i of `b` matched with item match[j] of `a` (-1: new), monotone over the stable ones.
    struct Alignment {
        std::vector<long> ofAfter; // after index -> before index, -1 when new
        std::vector<bool> stable;  // per after index: matched in order (not moved)
        std::vector<bool> keptBefore;
    };

    static std::string idOf(const Json &v)
    {
        if (!v.is_object())
            return {};
        auto it = v.find("id");
        return it != v.end() && it->is_string() ? it->get<std::string>() : std::string();
    }

    // Lists of mappings with unique ids are matched by id.
    static bool matchById(const Json &b, const Json &a, std::vector<long> &ofAfter)
    {
        std::unordered_map<std::string, long> ids;
        for (std::size_t i = 0; i < b.size(); ++i) {
            const std::string id = idOf(b[i]);
            if (id.empty() || !ids.emplace(id, static_cast<long>(i)).second)
                return false;
        }
        std::unordered_set<std::string> seen;
        for (std::size_t j = 0; j < a.size(); ++j) {
            const std::string id = idOf(a[j]);
            if (id.empty() || !seen.insert(id).second)
                return false;
            auto it = ids.find(id);
            ofAfter[j] = it == ids.end() ? -1 : it->second;
        }
        return true;
    }

    // Longest common subsequence of equal items (hashes first), after trimming equal ends.
    static bool matchByValue(const Json &b, const Json &a, std::vector<long> &ofAfter)
    {
        const std::size_t n = b.size(), m = a.size();
        std::size_t head = 0;
        while (head < n && head < m && b[head] == a[head]) {
            ofAfter[head] = static_cast<long>(head);
            ++head;
        }
        std::size_t tail = 0;
        while (tail < n - head && tail < m - head && b[n - 1 - tail] == a[m - 1 - tail]) {
            ofAfter[m - 1 - tail] = static_cast<long>(n - 1 - tail);
            ++tail;
        }
        const std::size_t bn = n - head - tail, an = m - head - tail;
        if (bn == 0 || an == 0)
            return true;
        if (bn * an > 4'000'000)
            return false;
        std::vector<std::size_t> hb(bn), ha(an);
        const std::hash<std::string> hash;
        for (std::size_t i = 0; i < bn; ++i)
            hb[i] = hash(dumpJson(b[head + i]));
        for (std::size_t j = 0; j < an; ++j)
            ha[j] = hash(dumpJson(a[head + j]));
        std::vector<std::uint16_t> table((bn + 1) * (an + 1), 0);
        const auto cell = [&](std::size_t i, std::size_t j) -> std::uint16_t & {
            return table[i * (an + 1) + j];
        };
        for (std::size_t i = bn; i-- > 0;)
            for (std::size_t j = an; j-- > 0;)
                cell(i, j) = hb[i] == ha[j] && b[head + i] == a[head + j]
                                 ? static_cast<std::uint16_t>(cell(i + 1, j + 1) + 1)
                                 : std::max(cell(i + 1, j), cell(i, j + 1));
        for (std::size_t i = 0, j = 0; i < bn && j < an;) {
            if (hb[i] == ha[j] && b[head + i] == a[head + j]) {
                ofAfter[head + j] = static_cast<long>(head + i);
                ++i;
                ++j;
            } else if (cell(i + 1, j) >= cell(i, j + 1)) {
                ++i;
            } else {
                ++j;
            }
        }
        return true;
    }

    static Alignment align(const Json &b, const Json &a, bool &ok)
    {
        Alignment al;
        al.ofAfter.assign(a.size(), -1);
        al.stable.assign(a.size(), false);
        al.keptBefore.assign(b.size(), false);
        ok = true;
        if (!matchById(b, a, al.ofAfter)) {
            al.ofAfter.assign(a.size(), -1);
            ok = matchByValue(b, a, al.ofAfter);
            if (!ok)
                return al;
        }
        // Stable: the longest run of matches in increasing order (the others moved).
        std::vector<std::size_t> tails, prev(a.size(), SIZE_MAX), js;
        std::vector<std::size_t> tailJ;
        for (std::size_t j = 0; j < a.size(); ++j) {
            if (al.ofAfter[j] < 0)
                continue;
            const long v = al.ofAfter[j];
            auto pos = std::lower_bound(tails.begin(), tails.end(), static_cast<std::size_t>(v));
            const std::size_t k = static_cast<std::size_t>(pos - tails.begin());
            if (pos == tails.end()) {
                tails.push_back(static_cast<std::size_t>(v));
                tailJ.push_back(j);
            } else {
                *pos = static_cast<std::size_t>(v);
                tailJ[k] = j;
            }
            prev[j] = k > 0 ? tailJ[k - 1] : SIZE_MAX;
        }
        if (!tailJ.empty())
            for (std::size_t j = tailJ.back(); j != SIZE_MAX; j = prev[j])
                al.stable[j] = true;
        // Within each gap between stable matches, unmatched items pair up in order: an item
        // edited (or renamed) in place, not one removed and another added.
        std::vector<bool> movedBefore(b.size(), false);
        for (std::size_t j = 0; j < a.size(); ++j)
            if (al.ofAfter[j] >= 0) {
                if (al.stable[j])
                    al.keptBefore[static_cast<std::size_t>(al.ofAfter[j])] = true;
                else
                    movedBefore[static_cast<std::size_t>(al.ofAfter[j])] = true;
            }
        std::size_t bi = 0;
        std::size_t j = 0;
        while (j <= a.size()) {
            // The gap ends at the next stable after item (or the end).
            std::size_t jEnd = j;
            while (jEnd < a.size() && !al.stable[jEnd])
                ++jEnd;
            const std::size_t biEnd =
                jEnd < a.size() ? static_cast<std::size_t>(al.ofAfter[jEnd]) : b.size();
            std::size_t pb = bi;
            for (std::size_t pj = j; pj < jEnd; ++pj) {
                if (al.ofAfter[pj] >= 0)
                    continue; // moved here
                while (pb < biEnd && (al.keptBefore[pb] || movedBefore[pb]))
                    ++pb;
                if (pb >= biEnd)
                    break;
                al.ofAfter[pj] = static_cast<long>(pb);
                al.stable[pj] = true;
                al.keptBefore[pb] = true;
                ++pb;
            }
            if (jEnd >= a.size())
                break;
            bi = biEnd + 1;
            j = jEnd + 1;
        }
        return al;
    }

    bool patchSeq(const Node &n, const Json &b, const Json &a)
    {
        const bool flow = n.kind == Kind::FlowSeq;
        if (a.empty() || b.empty())
            return false;
        bool ok = false;
        const Alignment al = align(b, a, ok);
        if (!ok)
            return false;
        const Entry *first = nullptr;
        for (std::size_t i = 0; i < b.size() && !first; ++i)
            if (al.keptBefore[i])
                first = &n.entries[i];
        if (!first)
            return false;
        for (std::size_t j = 0; j < a.size(); ++j) {
            if (!al.stable[j])
                continue;
            const Entry &e = n.entries[static_cast<std::size_t>(al.ofAfter[j])];
            const Json &bv = b[static_cast<std::size_t>(al.ofAfter[j])];
            if (bv != a[j] && !patchValue(e.value, bv, a[j], flow))
                replaceSeqItem(n, e, a[j]);
        }
        if (!removeEntries(n, al.keptBefore))
            return false;
        const bool blockItems = std::any_of(n.entries.begin(), n.entries.end(), [](const Entry &e) {
            return e.value.kind == Kind::BlockMap;
        });
        const Entry *anchor = nullptr;
        for (std::size_t j = 0; j < a.size(); ++j) {
            if (al.stable[j]) {
                anchor = &n.entries[static_cast<std::size_t>(al.ofAfter[j])];
                continue;
            }
            std::string item;
            if (al.ofAfter[j] >= 0 && b[static_cast<std::size_t>(al.ofAfter[j])] == a[j]) {
                // Moved as it was: its own text goes along.
                const Entry &moved = n.entries[static_cast<std::size_t>(al.ofAfter[j])];
                const std::size_t end = flow ? moved.value.end : lineEnd(moved.value.end);
                item = std::string(m_s.substr(moved.begin, end - moved.begin));
                if (!flow && !moved.startsLine)
                    return false;
            } else if (flow) {
                item = flowText(a[j]);
            } else if (a[j].is_object() && !a[j].empty() && blockItems) {
                // Among block mappings, a new mapping is one too, whatever its size.
                item = "- " + indented(toYaml(a[j], m_style), n.indent + 2);
            } else {
                item = "-" + blockItemTail(a[j], n.indent);
            }
            insert(n, anchor, *first, std::move(item));
        }
        return true;
    }
};

SourceLocation locationOf(std::string_view text, std::size_t at)
{
    at = std::min(at, text.size());
    int line = 1;
    std::size_t start = 0;
    for (std::size_t i = 0; i < at; ++i)
        if (text[i] == '\n') {
            ++line;
            start = i + 1;
        }
    return {{}, line, static_cast<int>(at - start) + 1};
}

Result<std::string> patchLf(std::string_view text, const Json &before, const Json &after)
{
    Node root;
    std::string out;
    try {
        Scanner scanner(text);
        root = scanner.document();
        checkShape(text, root, before);
        Patcher patcher(text, indentsSequences(root));
        patcher.patchRoot(root, before, after);
        auto applied = patcher.apply();
        if (!applied)
            return applied;
        out = std::move(*applied);
    } catch (const Refusal &r) {
        return fail(ErrorCode::Syntax, "cannot edit this YAML in place: " + r.why,
                    locationOf(text, r.at));
    }
    // The safety net: never text that means anything but `after`.
    auto check = parseYaml(out, "patched");
    if (!check)
        return fail(ErrorCode::Internal,
                    "the edited YAML would not parse: " + check.error().message);
    if (check->root != after)
        return fail(ErrorCode::Internal, "the edited YAML would not read back as the new value");
    return out;
}

} // namespace

Result<std::string> patchYaml(std::string_view text, const Json &before, const Json &after)
{
    if (before == after)
        return std::string(text);
    const YamlLimits limits;
    if (text.size() > limits.maxBytes)
        return fail(ErrorCode::Limit,
                    "the YAML is larger than " + std::to_string(limits.maxBytes) + " bytes");
    // toYaml() recurses; the parse of the result refuses what is too deep anyway.
    if (jsonDepth(after, limits.maxDepth + 2) > limits.maxDepth + 1)
        return fail(ErrorCode::Limit,
                    "nesting deeper than " + std::to_string(limits.maxDepth) + " levels");
    if (text.find('\r') == std::string_view::npos)
        return patchLf(text, before, after);
    // Windows line breaks: edited as '\n' and put back, when every line ends so.
    std::string lf;
    lf.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r') {
            if (i + 1 >= text.size() || text[i + 1] != '\n')
                return fail(ErrorCode::Syntax,
                            "cannot edit this YAML in place: a lone carriage return",
                            locationOf(text, i));
            continue;
        }
        if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r'))
            return fail(ErrorCode::Syntax, "cannot edit this YAML in place: mixed line breaks",
                        locationOf(text, i));
        lf += text[i];
    }
    auto patched = patchLf(lf, before, after);
    if (!patched)
        return patched;
    std::string crlf;
    crlf.reserve(patched->size() + patched->size() / 16);
    for (char c : *patched) {
        if (c == '\n')
            crlf += '\r';
        crlf += c;
    }
    return crlf;
}

} // namespace tutti::engine
