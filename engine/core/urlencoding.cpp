// Percent-encoding helpers (urlencoding.h).
#include <engine/core/urlencoding.h>

#include <algorithm>

namespace tutti::engine {

namespace {

constexpr char kHex[] = "0123456789ABCDEF";

bool isUnreserved(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

bool startsEscape(std::string_view text, std::size_t i)
{
    return i + 2 < text.size() && hexDigitValue(text[i + 1]) >= 0 &&
           hexDigitValue(text[i + 2]) >= 0;
}

void appendEscaped(unsigned char c, std::string &out)
{
    out += '%';
    out += kHex[c >> 4];
    out += kHex[c & 15];
}

// Bytes that RFC 3986 allows in a URL as they are: unreserved, gen-delims and sub-delims.
bool isUrlByte(unsigned char c)
{
    if (isUnreserved(c))
        return true;
    switch (c) {
    case ':':
    case '/':
    case '?':
    case '#':
    case '[':
    case ']':
    case '@': // gen-delims
    case '!':
    case '$':
    case '&':
    case '\'':
    case '(':
    case ')': // sub-delims
    case '*':
    case '+':
    case ',':
    case ';':
    case '=':
        return true;
    default:
        return false;
    }
}

} // namespace

int hexDigitValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

std::string percentEncode(std::string_view text, bool spaceAsPlus)
{
    std::string out;
    out.reserve(text.size());
    for (const unsigned char c : text) {
        if (isUnreserved(c))
            out += static_cast<char>(c);
        else if (c == ' ' && spaceAsPlus)
            out += '+';
        else
            appendEscaped(c, out);
    }
    return out;
}

std::string percentDecode(std::string_view text, bool plusAsSpace)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '+' && plusAsSpace) {
            out += ' ';
        } else if (c == '%' && startsEscape(text, i)) {
            out += static_cast<char>(hexDigitValue(text[i + 1]) * 16 + hexDigitValue(text[i + 2]));
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

std::string encodeUrlText(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (isUrlByte(c) || (c == '%' && startsEscape(text, i)))
            out += static_cast<char>(c);
        else
            appendEscaped(c, out);
    }
    return out;
}

void UrlScanner::feed(std::string_view text)
{
    for (const char c : text) {
        if (m_part == UrlPart::Query)
            return; // nothing after '?' or '#' leads back to the path
        if (c == '?' || c == '#') {
            m_part = UrlPart::Query;
        } else if (m_part == UrlPart::Start) {
            // "scheme://authority/path": the '/'s of "://" stay in Start, the next one starts
            // the path.
            if (c == '/' && m_start.find("://") == std::string::npos &&
                (m_start.ends_with(':') || m_start.ends_with(":/")))
                m_start += c;
            else if (c == '/')
                m_part = UrlPart::Path;
            else
                m_start += c;
        }
    }
}

std::string encodeUrlValue(std::string_view value, UrlPart part)
{
    switch (part) {
    case UrlPart::Start:
        return encodeUrlText(value);
    case UrlPart::Path:
        if (!value.empty() &&
            std::all_of(value.begin(), value.end(), [](char c) { return c == '.'; })) {
            std::string out;
            for (std::size_t i = 0; i < value.size(); ++i)
                out += "%2E";
            return out;
        }
        return percentEncode(value);
    case UrlPart::Query:
        return percentEncode(value);
    }
    return percentEncode(value);
}

} // namespace tutti::engine
