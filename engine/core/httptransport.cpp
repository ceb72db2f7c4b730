// Small helpers around the transport seam's value types.
#include <engine/core/httptransport.h>

#include <engine/core/text.h>

#include <algorithm>

namespace tutti::engine {

namespace {

// A switch, not a search of the 15 symbols: every request line and header name the serve
// parser reads goes through here.
bool isTokenChar(unsigned char c)
{
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
        return true;
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return false;
    }
}

} // namespace

const std::string *findHeader(const Headers &headers, std::string_view name)
{
    for (const auto &[key, value] : headers)
        if (equalsNoCase(key, name))
            return &value;
    return nullptr;
}

bool isHttpToken(std::string_view text)
{
    if (text.empty())
        return false;
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return isTokenChar(static_cast<unsigned char>(c)); });
}

std::string controlCharacterIn(std::string_view text, bool allowTab)
{
    for (const unsigned char c : text) {
        if (c == '\r')
            return "a line break (CR)";
        if (c == '\n')
            return "a line break (LF)";
        if (c == 0)
            return "a NUL byte";
        if ((c < 0x20 && !(c == '\t' && allowTab)) || c == 0x7F) {
            static constexpr char kHex[] = "0123456789ABCDEF";
            return std::string("a control character (0x") + kHex[c >> 4] + kHex[c & 15] + ")";
        }
    }
    return {};
}

std::string printableName(std::string_view text)
{
    constexpr std::size_t kShown = 60;
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (const unsigned char c : text.substr(0, kShown)) {
        if (c == '\r')
            out += "\\r";
        else if (c == '\n')
            out += "\\n";
        else if (c < 0x20 || c == 0x7F)
            out += std::string("\\x") + kHex[c >> 4] + kHex[c & 15];
        else
            out += static_cast<char>(c);
    }
    if (text.size() > kShown)
        out += "...";
    return out;
}

std::string requestProblem(const HttpRequest &request)
{
    if (!isHttpToken(request.method))
        return "the method '" + printableName(request.method) +
               "' is not an HTTP token (letters, digits and !#$%&'*+-.^_`|~)";
    for (const auto &[name, value] : request.headers) {
        if (!isHttpToken(name))
            return "the header name '" + printableName(name) +
                   "' is not an HTTP token (letters, digits and !#$%&'*+-.^_`|~)";
        if (const std::string what = controlCharacterIn(value); !what.empty())
            return "the value of header '" + name + "' holds " + what +
                   ", which would end the header on the wire";
    }
    for (const char c : request.url) {
        // A sendable URL is printable ASCII without spaces (the executor percent-encodes).
        const auto byte = static_cast<unsigned char>(c);
        if (byte > 0x20 && byte < 0x7F)
            continue;
        std::string what = controlCharacterIn(std::string_view(&c, 1), false);
        if (what.empty())
            what = byte == ' ' ? "a space" : "a byte that is not ASCII";
        return "the URL holds " + what + "; it cannot be sent as built";
    }
    return {};
}

} // namespace tutti::engine
