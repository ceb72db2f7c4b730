// Secret redaction: a multi-pattern replace over texts, header maps and JSON documents.
#include <engine/core/redactor.h>

#include <algorithm>
#include <strings.h>

namespace tutti::engine {

namespace {

constexpr std::string_view kSensitiveHeaders[] = {"authorization", "proxy-authorization", "cookie",
                                                  "set-cookie", "x-api-key"};

bool equalsIgnoreCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

// The form a value takes in a URL query: RFC 3986 unreserved characters kept, the rest %XX.
std::string percentEncode(std::string_view value, bool spaceAsPlus)
{
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(value.size() * 3);
    for (unsigned char c : value) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '_' || c == '.' || c == '~') {
            out.push_back(static_cast<char>(c));
        } else if (c == ' ' && spaceAsPlus) {
            out.push_back('+');
        } else {
            out.push_back('%');
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 15]);
        }
    }
    return out;
}

// The form a value takes inside a JSON string literal (without the quotes).
std::string jsonEscape(std::string_view value)
{
    const std::string quoted =
        Json(std::string(value)).dump(-1, ' ', false, nlohmann::detail::error_handler_t::replace);
    return quoted.substr(1, quoted.size() - 2);
}

} // namespace

void Redactor::addSecret(std::string_view value)
{
    if (value.empty())
        return;
    std::string raw(value);
    if (std::find(m_exact.begin(), m_exact.end(), raw) != m_exact.end())
        return;
    m_exact.push_back(raw);
    if (raw.size() < kMinSubstringLength)
        return;
    addPattern(raw);
    addPattern(percentEncode(raw, false));
    addPattern(percentEncode(raw, true));
    addPattern(jsonEscape(raw));
    // Longest first, so that when two secrets overlap the merge below still masks both fully.
    std::stable_sort(
        m_patterns.begin(), m_patterns.end(),
        [](const std::string &a, const std::string &b) { return a.size() > b.size(); });
}

void Redactor::addPattern(std::string pattern)
{
    if (std::find(m_patterns.begin(), m_patterns.end(), pattern) == m_patterns.end())
        m_patterns.push_back(std::move(pattern));
}

void Redactor::clear()
{
    m_exact.clear();
    m_patterns.clear();
}

bool Redactor::isSensitiveHeader(std::string_view name)
{
    return std::any_of(std::begin(kSensitiveHeaders), std::end(kSensitiveHeaders),
                       [name](std::string_view h) { return equalsIgnoreCase(name, h); });
}

bool Redactor::redactInPlace(std::string &text) const
{
    if (m_exact.empty() || text.empty())
        return false;
    if (std::find(m_exact.begin(), m_exact.end(), text) != m_exact.end()) {
        text = kMask;
        return true;
    }
    // Find every match of every pattern in the original text first, then merge the ranges:
    // replacing pattern by pattern could let a later pattern match inside the mask or across
    // the seam of an earlier replacement.
    std::vector<std::pair<std::size_t, std::size_t>> ranges; // [begin, end)
    const std::string_view view(text);
    for (const std::string &pattern : m_patterns) {
        if (pattern.size() > view.size())
            continue;
        for (std::size_t at = view.find(pattern); at != std::string_view::npos;
             at = view.find(pattern, at + 1))
            ranges.emplace_back(at, at + pattern.size());
    }
    if (ranges.empty())
        return false;
    std::sort(ranges.begin(), ranges.end());
    std::string out;
    out.reserve(text.size());
    std::size_t copied = 0;
    for (std::size_t i = 0; i < ranges.size();) {
        auto [begin, end] = ranges[i];
        for (++i; i < ranges.size() && ranges[i].first < end; ++i)
            end = std::max(end, ranges[i].second);
        out.append(view.substr(copied, begin - copied));
        out.append(kMask);
        copied = end;
    }
    out.append(view.substr(copied));
    text = std::move(out);
    return true;
}

std::string Redactor::redactText(std::string_view text) const
{
    std::string out(text);
    redactInPlace(out);
    return out;
}

Json Redactor::redactHeaders(const Headers &headers) const
{
    Json out = Json::object();
    for (const auto &[name, value] : headers) {
        std::string shown = isSensitiveHeader(name) ? std::string(kMask) : redactText(value);
        // Look the name up case-insensitively so "accept" and "Accept" land in one entry.
        auto existing = out.begin();
        while (existing != out.end() && !equalsIgnoreCase(existing.key(), name))
            ++existing;
        if (existing == out.end()) {
            out[name] = std::move(shown);
        } else if (!isSensitiveHeader(name)) {
            existing.value() = existing.value().get<std::string>() + ", " + shown;
        }
    }
    return out;
}

void Redactor::redactJsonInPlace(Json &value) const
{
    if (m_exact.empty())
        return;
    switch (value.type()) {
    case Json::value_t::string:
        redactInPlace(value.get_ref<std::string &>());
        break;
    case Json::value_t::array:
    case Json::value_t::object:
        for (Json &child : value)
            redactJsonInPlace(child);
        break;
    default:
        break;
    }
}

Json Redactor::redactJson(Json value) const
{
    redactJsonInPlace(value);
    return value;
}

} // namespace tutti::engine
