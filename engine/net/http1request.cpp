// The incremental HTTP/1.1 request parser (see http1request.h).
#include "http1request.h"

#include <engine/core/httptransport.h>
#include <engine/core/text.h>

#include <algorithm>
#include <charconv>

namespace tutti::engine {

namespace {

// True when `list` (a comma-separated header value) holds `token`, case-insensitively.
bool listHas(std::string_view list, std::string_view token)
{
    while (!list.empty()) {
        const auto comma = list.find(',');
        if (equalsNoCase(trimmed(list.substr(0, comma)), token))
            return true;
        if (comma == std::string_view::npos)
            break;
        list.remove_prefix(comma + 1);
    }
    return false;
}

} // namespace

std::optional<std::string_view> Http1Request::header(std::string_view name) const
{
    for (const auto &[n, v] : headers)
        if (equalsNoCase(n, name))
            return std::string_view(v);
    return std::nullopt;
}

std::string_view Http1Request::path() const
{
    return std::string_view(target).substr(0, target.find('?'));
}

std::string_view Http1Request::query() const
{
    const auto q = target.find('?');
    return q == std::string::npos ? std::string_view() : std::string_view(target).substr(q + 1);
}

Http1RequestParser::Http1RequestParser(Http1Limits limits)
    : m_limits(limits)
{
}

Http1RequestParser::State Http1RequestParser::fail(int status, std::string message)
{
    m_state = State::Error;
    m_error = {status, std::move(message)};
    m_buffer.clear();
    return m_state;
}

Http1RequestParser::State Http1RequestParser::feed(std::string_view bytes)
{
    if (m_state == State::Error || m_state == State::Complete) {
        if (m_state == State::Complete)
            m_buffer.append(bytes); // pipelined: kept for after take()
        return m_state;
    }
    m_buffer.append(bytes);
    if (!m_headDone) {
        // Empty lines before a request line are ignored (RFC 9112 §2.2).
        std::size_t skip = 0;
        while (skip < m_buffer.size() && (m_buffer[skip] == '\r' || m_buffer[skip] == '\n'))
            ++skip;
        if (skip) {
            m_buffer.erase(0, skip);
            m_scanFrom = 0;
        }
        // The head ends at the first empty line; a bare LF is accepted as a line end.
        // Scanning resumes where the last feed stopped, so a client dribbling one byte at a
        // time costs linear, not quadratic, work.
        std::size_t end = std::string::npos, bodyStart = 0;
        for (std::size_t i = m_scanFrom; i < m_buffer.size(); ++i) {
            if (m_buffer[i] != '\n')
                continue;
            if (i + 1 < m_buffer.size() && m_buffer[i + 1] == '\n') {
                end = i + 1, bodyStart = i + 2;
                break;
            }
            if (i + 2 < m_buffer.size() && m_buffer[i + 1] == '\r' && m_buffer[i + 2] == '\n') {
                end = i + 1, bodyStart = i + 3;
                break;
            }
        }
        if (end == std::string::npos) {
            m_scanFrom = m_buffer.size() > 2 ? m_buffer.size() - 2 : 0;
            if (m_buffer.size() > m_limits.maxHeadBytes) {
                if (m_buffer.find('\n') == std::string::npos)
                    return fail(414, "request line longer than " +
                                         std::to_string(m_limits.maxHeadBytes) + " bytes");
                return fail(431, "request headers longer than " +
                                     std::to_string(m_limits.maxHeadBytes) + " bytes");
            }
            return m_state;
        }
        if (bodyStart > m_limits.maxHeadBytes)
            return fail(431, "request headers longer than " +
                                 std::to_string(m_limits.maxHeadBytes) + " bytes");
        const std::string head = m_buffer.substr(0, end);
        m_buffer.erase(0, bodyStart);
        m_scanFrom = 0;
        if (parseHead(head) == State::Error)
            return m_state;
        m_headDone = true;
    }
    if (m_buffer.size() < m_bodyLength)
        return m_state;
    m_request.body = m_buffer.substr(0, m_bodyLength);
    m_buffer.erase(0, m_bodyLength);
    m_state = State::Complete;
    return m_state;
}

Http1RequestParser::State Http1RequestParser::parseHead(std::string_view head)
{
    std::vector<std::string_view> lines;
    while (!head.empty()) {
        auto nl = head.find('\n');
        std::string_view line = head.substr(0, nl);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        lines.push_back(line);
        if (nl == std::string_view::npos)
            break;
        head.remove_prefix(nl + 1);
    }
    if (lines.empty())
        return fail(400, "empty request");

    // Request line: METHOD SP TARGET SP VERSION, single spaces, nothing else.
    const std::string_view line = lines.front();
    const auto sp1 = line.find(' ');
    const auto sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
    if (sp1 == std::string_view::npos || sp2 == std::string_view::npos ||
        line.find(' ', sp2 + 1) != std::string_view::npos)
        return fail(400, "malformed request line (expected METHOD TARGET HTTP/1.1)");
    const std::string_view method = line.substr(0, sp1);
    const std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
    const std::string_view version = line.substr(sp2 + 1);
    if (!isHttpToken(method))
        return fail(400, "malformed method in the request line");
    if (target.empty() || target.front() != '/')
        return fail(400, "the request target must be a path starting with '/'");
    for (char c : target) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7F)
            return fail(400, "the request target holds a control, space or non-ASCII byte "
                             "(percent-encode it)");
    }
    if (version.size() != 8 || version.substr(0, 5) != "HTTP/" || version[6] != '.' ||
        version[5] < '0' || version[5] > '9' || version[7] < '0' || version[7] > '9')
        return fail(400, "malformed HTTP version in the request line");
    if (version != "HTTP/1.1" && version != "HTTP/1.0")
        return fail(505, "only HTTP/1.0 and HTTP/1.1 are supported");
    m_request.method = std::string(method);
    m_request.target = std::string(target);
    m_request.version = std::string(version);

    if (lines.size() - 1 > m_limits.maxHeaders)
        return fail(431, "more than " + std::to_string(m_limits.maxHeaders) + " request headers");
    for (std::size_t i = 1; i < lines.size(); ++i) {
        const std::string_view h = lines[i];
        if (!h.empty() && (h.front() == ' ' || h.front() == '\t'))
            return fail(400, "folded header lines are not accepted");
        const auto colon = h.find(':');
        if (colon == std::string_view::npos || colon == 0)
            return fail(400, "malformed header line (expected NAME: VALUE)");
        const std::string_view name = h.substr(0, colon);
        if (!isHttpToken(name))
            return fail(400, "malformed header name");
        const std::string_view value = trimmed(h.substr(colon + 1));
        for (char c : value) {
            const auto u = static_cast<unsigned char>(c);
            if ((u < 0x20 && u != '\t') || u == 0x7F)
                return fail(400, "control character in a header value");
        }
        m_request.headers.emplace_back(std::string(name), std::string(value));
    }

    // Body framing: Content-Length only. Transfer-Encoding is refused rather than half-supported,
    // and both together are a request-smuggling shape (RFC 9112 §6.1).
    const auto te = m_request.header("Transfer-Encoding");
    std::optional<std::size_t> length;
    for (const auto &[n, v] : m_request.headers) {
        if (!equalsNoCase(n, "Content-Length"))
            continue;
        std::size_t value = 0;
        const auto *first = v.data(), *last = v.data() + v.size();
        const auto [ptr, ec] = std::from_chars(first, last, value);
        if (v.empty() || ec != std::errc() || ptr != last || v.front() == '+' || v.front() == '-')
            return fail(400, "malformed Content-Length");
        if (length && *length != value)
            return fail(400, "conflicting Content-Length headers");
        length = value;
    }
    if (te && length)
        return fail(400, "both Transfer-Encoding and Content-Length");
    if (te)
        return fail(501, "Transfer-Encoding is not supported; send the body with Content-Length");
    m_bodyLength = length.value_or(0);
    if (m_bodyLength > m_limits.maxBody)
        return fail(413, "request body larger than " + std::to_string(m_limits.maxBody) + " bytes");

    const auto connection = m_request.header("Connection");
    if (m_request.version == "HTTP/1.1")
        m_request.keepAlive = !(connection && listHas(*connection, "close"));
    else
        m_request.keepAlive = connection && listHas(*connection, "keep-alive");
    return m_state;
}

Http1Request Http1RequestParser::take()
{
    Http1Request request = std::move(m_request);
    m_request = {};
    m_headDone = false;
    m_bodyLength = 0;
    if (m_state == State::Complete)
        m_state = State::NeedMore;
    return request;
}

const char *httpReasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 402:
        return "Payment Required";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 413:
        return "Payload Too Large";
    case 414:
        return "URI Too Long";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return status < 200   ? "Informational"
               : status < 300 ? "Success"
               : status < 400 ? "Redirection"
               : status < 500 ? "Client Error"
                              : "Server Error";
    }
}

} // namespace tutti::engine
