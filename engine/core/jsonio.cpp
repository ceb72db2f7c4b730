// Bounded JSON parsing and non-throwing dumping (jsonio.h): a SAX handler that builds the DOM
// with a depth limit and O(1) member insertion; a serializer that falls back to an explicit stack
// for values too deep for nlohmann's recursive dump.
#include <engine/core/jsonio.h>

#include <algorithm>
#include <optional>
#include <unordered_set>
#include <vector>

namespace tutti::engine {

namespace {

using nlohmann::detail::error_handler_t;

constexpr std::size_t kIndexFrom = 16; // below this a linear scan is faster than hashing

// The i-th member in insertion order (ordered_map's own operator[] takes a key).
template <typename Members>
auto &memberAt(Members &members, std::size_t i)
{
    return members.begin()[static_cast<std::ptrdiff_t>(i)];
}

// 1-based line and column of byte `offset` of `text`.
SourceLocation locationOf(std::string_view text, std::size_t offset)
{
    offset = std::min(offset, text.size());
    const std::string_view before = text.substr(0, offset);
    const std::size_t newline = before.rfind('\n');
    const std::size_t lineStart = newline == std::string_view::npos ? 0 : newline + 1;
    SourceLocation at;
    at.line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
    at.column = static_cast<int>(offset - lineStart) + 1;
    return at;
}

// "[json.exception.parse_error.101] parse error at line 1, column 4: syntax error …" -> "syntax
// error …": the position is reported in the Error's location instead.
std::string plainMessage(const std::string &what)
{
    std::string message = what;
    if (message.starts_with("[json.exception.")) {
        const std::size_t close = message.find("] ");
        if (close != std::string::npos)
            message.erase(0, close + 2);
    }
    if (message.starts_with("parse error")) {
        const std::size_t colon = message.find(": ");
        if (colon != std::string::npos)
            message.erase(0, colon + 2);
    }
    return message;
}

// Where nesting first goes past `maxDepth` in text that is valid JSON up to that point.
std::size_t depthOffset(std::string_view text, int maxDepth)
{
    int depth = 0;
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > maxDepth)
                return i;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return text.size();
}

// nlohmann's SAX events to a DOM, refusing to nest deeper than the limit.
class BoundedDomBuilder {
public:
    BoundedDomBuilder(Json &root, int maxDepth)
        : m_root(root)
        , m_maxDepth(maxDepth)
    {
    }

    bool null() { return put(Json(nullptr)); }
    bool boolean(bool v) { return put(Json(v)); }
    bool number_integer(Json::number_integer_t v) { return put(Json(v)); }
    bool number_unsigned(Json::number_unsigned_t v) { return put(Json(v)); }
    bool number_float(Json::number_float_t v, const std::string &) { return put(Json(v)); }
    bool string(std::string &v) { return put(Json(std::move(v))); }
    bool binary(Json::binary_t &v) { return put(Json::binary(std::move(v))); }

    bool start_object(std::size_t) { return open(Json::object()); }
    bool start_array(std::size_t) { return open(Json::array()); }
    bool key(std::string &k)
    {
        Frame &frame = m_stack.back();
        frame.slot = frame.object->insert(std::move(k)).first;
        return true;
    }
    bool end_object() { return close(); }
    bool end_array() { return close(); }

    bool parse_error(std::size_t position, const std::string &token,
                     const nlohmann::detail::exception &e)
    {
        // `position` counts the bytes read: the offending one for syntax errors (so the error is
        // at position - 1), the whole token for a number that overflows (406; point at its start).
        m_errorOffset = position > 0 ? position - 1 : 0;
        if (e.id == 406 && position >= token.size())
            m_errorOffset = position - token.size();
        m_errorMessage = plainMessage(e.what());
        return false;
    }

    bool depthExceeded() const { return m_depthExceeded; }
    std::size_t errorOffset() const { return m_errorOffset; }
    const std::string &errorMessage() const { return m_errorMessage; }

private:
    struct Frame {
        Json *value;
        std::optional<JsonObjectBuilder> object; // for objects
        Json *slot = nullptr;                    // where the next object member goes
    };

    // Where the next value goes: the root, the next array element, or the last key's slot.
    Json *target()
    {
        if (m_stack.empty())
            return &m_root;
        Frame &frame = m_stack.back();
        if (frame.object)
            return frame.slot;
        auto &elements = frame.value->get_ref<Json::array_t &>();
        elements.emplace_back();
        return &elements.back();
    }

    bool put(Json &&value)
    {
        *target() = std::move(value);
        return true;
    }

    bool open(Json &&container)
    {
        if (static_cast<int>(m_stack.size()) >= m_maxDepth) {
            m_depthExceeded = true;
            return false;
        }
        Json *slot = target();
        *slot = std::move(container);
        Frame frame{slot, std::nullopt};
        if (slot->is_object())
            frame.object.emplace(*slot);
        m_stack.push_back(std::move(frame));
        return true;
    }

    bool close()
    {
        m_stack.pop_back();
        return true;
    }

    Json &m_root;
    int m_maxDepth;
    std::vector<Frame> m_stack;
    bool m_depthExceeded = false;
    std::size_t m_errorOffset = 0;
    std::string m_errorMessage;
};

// The same bytes as nlohmann's serializer, with an explicit stack instead of recursion.
void dumpIteratively(const Json &value, int indent, std::string &out)
{
    using Serializer = nlohmann::detail::serializer<Json>;
    Serializer leaf(std::make_shared<nlohmann::detail::output_string_adapter<char>>(out), ' ',
                    error_handler_t::replace);
    const bool pretty = indent >= 0;
    const auto step = static_cast<std::size_t>(std::max(indent, 0));
    auto newline = [&](std::size_t level) {
        if (!pretty)
            return;
        out += '\n';
        out.append(level * step, ' ');
    };
    struct Frame {
        const Json *container;
        std::size_t next;
    };
    std::vector<Frame> stack;
    // Writes a scalar or empty container, or opens a container (pushed on the stack).
    auto begin = [&](const Json &v) {
        if (!v.is_structured() || v.empty()) {
            leaf.dump(v, pretty, false, static_cast<unsigned>(step));
            return;
        }
        out += v.is_object() ? '{' : '[';
        stack.push_back({&v, 0});
    };
    begin(value);
    while (!stack.empty()) {
        Frame &frame = stack.back();
        const Json &container = *frame.container;
        if (frame.next == container.size()) {
            const char closing = container.is_object() ? '}' : ']';
            stack.pop_back();
            newline(stack.size());
            out += closing;
            continue;
        }
        if (frame.next > 0)
            out += ',';
        newline(stack.size());
        const std::size_t i = frame.next++;
        if (container.is_object()) {
            const auto &member = memberAt(container.get_ref<const Json::object_t &>(), i);
            leaf.dump(Json(member.first), false, false, 0);
            out += pretty ? ": " : ":";
            begin(member.second); // may invalidate `frame`
        } else {
            begin(container.get_ref<const Json::array_t &>()[i]);
        }
    }
}

// Deep enough to need the explicit stack: nlohmann's dump uses a few hundred bytes of stack per
// level, so this stays well inside even a worker thread's stack.
constexpr int kRecursiveDumpDepth = 1000;

bool isContinuation(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

// Length of the valid UTF-8 sequence at text[i], 0 when there is none (RFC 3629: no overlongs,
// no surrogates, nothing above U+10FFFF).
std::size_t sequenceLength(std::string_view text, std::size_t i)
{
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80)
        return 1;
    std::size_t n = 0;
    unsigned char lo = 0x80, hi = 0xBF; // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else {
        return 0;
    }
    if (i + n > text.size())
        return 0;
    const auto second = static_cast<unsigned char>(text[i + 1]);
    if (second < lo || second > hi)
        return 0;
    for (std::size_t k = 2; k < n; ++k)
        if (!isContinuation(static_cast<unsigned char>(text[i + k])))
            return 0;
    return n;
}

} // namespace

// ---- JsonObjectBuilder ----

struct JsonObjectBuilder::Index {
    // Member indices hashed by their key: no key is stored twice, and reallocation of the members
    // cannot invalidate anything.
    struct Hash {
        const Json::object_t *members;
        std::size_t operator()(std::size_t i) const
        {
            return std::hash<std::string_view>()(memberAt(*members, i).first);
        }
    };
    struct Equal {
        const Json::object_t *members;
        bool operator()(std::size_t a, std::size_t b) const
        {
            return memberAt(*members, a).first == memberAt(*members, b).first;
        }
    };
    explicit Index(const Json::object_t *members)
        : set(0, Hash{members}, Equal{members})
    {
    }
    std::unordered_set<std::size_t, Hash, Equal> set;
};

JsonObjectBuilder::JsonObjectBuilder(Json &object)
{
    if (!object.is_object())
        object = Json::object();
    m_members = &object.get_ref<Json::object_t &>();
}

JsonObjectBuilder::~JsonObjectBuilder() = default;
JsonObjectBuilder::JsonObjectBuilder(JsonObjectBuilder &&) noexcept = default;
JsonObjectBuilder &JsonObjectBuilder::operator=(JsonObjectBuilder &&) noexcept = default;

std::pair<Json *, bool> JsonObjectBuilder::insert(std::string key)
{
    auto &members = *m_members;
    if (!m_index && members.size() < kIndexFrom) {
        for (auto &member : members)
            if (member.first == key)
                return {&member.second, false};
        members.emplace_back(std::move(key), Json());
        return {&members.back().second, true};
    }
    if (!m_index) {
        m_index = std::make_unique<Index>(m_members);
        for (std::size_t i = 0; i < members.size(); ++i)
            m_index->set.insert(i);
    }
    // Append first, then look the new index up: a duplicate is taken back out.
    members.emplace_back(std::move(key), Json());
    const auto [it, inserted] = m_index->set.insert(members.size() - 1);
    if (!inserted) {
        members.pop_back();
        return {&memberAt(members, *it).second, false};
    }
    return {&members.back().second, true};
}

// ---- parsing ----

Result<Json> parseJson(std::string_view text, const JsonLimits &limits)
{
    if (text.size() > limits.maxBytes)
        return fail(ErrorCode::Limit, "JSON text is " + std::to_string(text.size()) +
                                          " bytes; the limit is " +
                                          std::to_string(limits.maxBytes));
    Json root;
    BoundedDomBuilder builder(root, limits.maxDepth);
    bool ok = false;
    try {
        ok = Json::sax_parse(text.begin(), text.end(), &builder);
    } catch (const std::exception &e) {
        // The SAX interface reports errors through parse_error(); this is only a safety net.
        return fail(ErrorCode::Syntax, plainMessage(e.what()));
    }
    if (ok)
        return root;
    if (builder.depthExceeded()) {
        const std::size_t offset = depthOffset(text, limits.maxDepth);
        return fail(ErrorCode::Limit,
                    "JSON nested deeper than " + std::to_string(limits.maxDepth) + " levels",
                    locationOf(text, offset));
    }
    return fail(ErrorCode::Syntax, builder.errorMessage(), locationOf(text, builder.errorOffset()));
}

std::string jsonErrorText(const Error &error)
{
    return "line " + std::to_string(error.location.line) + ", column " +
           std::to_string(error.location.column) + ": " + error.message;
}

// ---- dumping ----

int jsonDepth(const Json &value, int stopAt)
{
    if (!value.is_structured())
        return 0;
    struct Frame {
        const Json *container;
        std::size_t next;
    };
    std::vector<Frame> stack{{&value, 0}};
    int deepest = 1;
    while (!stack.empty()) {
        Frame &frame = stack.back();
        const Json &container = *frame.container;
        if (frame.next == container.size()) {
            stack.pop_back();
            continue;
        }
        const std::size_t i = frame.next++;
        const Json &child = container.is_object() ? container.get_ref<const Json::object_t &>()
                                                        .begin()[static_cast<std::ptrdiff_t>(i)]
                                                        .second
                                                  : container.get_ref<const Json::array_t &>()[i];
        if (!child.is_structured())
            continue;
        stack.push_back({&child, 0});
        deepest = std::max(deepest, static_cast<int>(stack.size()));
        if (deepest > stopAt)
            return deepest;
    }
    return deepest;
}

std::string dumpJson(const Json &value, int indent)
{
    if (jsonDepth(value, kRecursiveDumpDepth) <= kRecursiveDumpDepth)
        return value.dump(indent, ' ', false, error_handler_t::replace);
    std::string out;
    dumpIteratively(value, indent, out);
    return out;
}

// ---- UTF-8 ----

bool isValidUtf8(std::string_view text)
{
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t n = sequenceLength(text, i);
        if (n == 0)
            return false;
        i += n;
    }
    return true;
}

std::string toValidUtf8(std::string_view text)
{
    if (isValidUtf8(text))
        return std::string(text);
    std::string out;
    out.reserve(text.size() + 8);
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t n = sequenceLength(text, i);
        if (n == 0) {
            out += "\xEF\xBF\xBD"; // U+FFFD for each byte that starts no valid sequence
            ++i;
        } else {
            out.append(text.substr(i, n));
            i += n;
        }
    }
    return out;
}

} // namespace tutti::engine
