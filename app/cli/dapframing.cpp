// DapReader and dapFrame (dapframing.h).
#include "dapframing.h"

#include <engine/core/jsonio.h>

#include <algorithm>
#include <cctype>

namespace tutti::cli {

using engine::Json;

namespace {

constexpr std::string_view kEnd = "\r\n\r\n";
constexpr std::string_view kLengthField = "content-length";

std::string lower(std::string_view text)
{
    std::string out(text);
    for (char &c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string_view trim(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
        text.remove_suffix(1);
    return text;
}

// The Content-Length of a header block (without its final blank line); -1 when missing or not
// a plain decimal number (of at most 12 digits).
long long contentLength(std::string_view header)
{
    long long length = -1;
    while (!header.empty()) {
        const std::size_t eol = header.find("\r\n");
        const std::string_view line = header.substr(0, eol);
        header = eol == std::string_view::npos ? std::string_view() : header.substr(eol + 2);
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos)
            return -1;
        if (lower(trim(line.substr(0, colon))) != kLengthField)
            continue; // other fields (Content-Type) are allowed and ignored
        const std::string_view value = trim(line.substr(colon + 1));
        if (value.empty() || value.size() > 12 ||
            !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return -1;
        length = std::stoll(std::string(value));
    }
    return length;
}

} // namespace

void DapReader::problem(const std::string &text)
{
    if (onProblem)
        onProblem(text);
}

void DapReader::feed(std::string_view bytes)
{
    if (m_skip > 0) {
        const std::size_t dropped = std::min(m_skip, bytes.size());
        m_skip -= dropped;
        bytes.remove_prefix(dropped);
    }
    m_buffer.append(bytes);
    while (step()) {
    }
}

bool DapReader::step()
{
    if (m_skip > 0) {
        const std::size_t dropped = std::min(m_skip, m_buffer.size());
        m_skip -= dropped;
        m_buffer.erase(0, dropped);
        if (m_skip > 0)
            return false;
    }
    if (m_bodyLength < 0) {
        const std::size_t end = m_buffer.find(kEnd);
        if (end == std::string::npos) {
            if (m_buffer.size() > m_limits.maxHeaderBytes) {
                problem("header block longer than " + std::to_string(m_limits.maxHeaderBytes) +
                        " bytes: dropped");
                // Keep a tail that may hold the start of the next header's terminator.
                m_buffer.erase(0, m_buffer.size() - kEnd.size());
            }
            return false;
        }
        if (end + kEnd.size() > m_limits.maxHeaderBytes) {
            problem("header block longer than " + std::to_string(m_limits.maxHeaderBytes) +
                    " bytes: dropped");
            m_buffer.erase(0, end + kEnd.size());
            return true;
        }
        const long long length = contentLength(std::string_view(m_buffer).substr(0, end));
        m_buffer.erase(0, end + kEnd.size());
        if (length >= 0 && static_cast<unsigned long long>(length) > m_limits.maxBodyBytes) {
            // Never buffered: its bytes are dropped as they come, then the next frame is read.
            problem("message of " + std::to_string(length) + " bytes is larger than " +
                    std::to_string(m_limits.maxBodyBytes) + ": dropped");
            m_skip = static_cast<std::size_t>(length);
            return true;
        }
        if (length < 0) {
            problem("header without a valid Content-Length: dropped");
            return true;
        }
        m_bodyLength = length;
    }
    if (m_buffer.size() < static_cast<std::size_t>(m_bodyLength))
        return false;
    const std::string body = m_buffer.substr(0, static_cast<std::size_t>(m_bodyLength));
    m_buffer.erase(0, static_cast<std::size_t>(m_bodyLength));
    m_bodyLength = -1;
    engine::JsonLimits limits;
    limits.maxBytes = m_limits.maxBodyBytes;
    limits.maxDepth = m_limits.maxDepth;
    auto parsed = engine::parseJson(body, limits);
    if (!parsed) {
        problem("message is not JSON: " + parsed.error().message);
        return true;
    }
    if (!parsed->is_object()) {
        problem("message is not a JSON object");
        return true;
    }
    if (onMessage)
        onMessage(std::move(*parsed));
    return true;
}

std::string dapFrame(const Json &message)
{
    const std::string body = engine::dumpJson(message);
    return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

} // namespace tutti::cli
