// A pure, incremental, bounded HTTP/1.1 request parser (RFC 9112 origin-form requests): feed it
// bytes as they arrive and it answers NeedMore, a complete request, or an error with the status
// to answer (400, 413, 414, 431, 501, 505). No sockets, no Qt: `tutti serve` and the mock server
// both read requests through it, and it is fed garbage in tests.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tutti::engine {

struct Http1Limits {
    std::size_t maxHeadBytes = 16 * 1024; // request line + headers + blank line
    std::size_t maxHeaders = 100;
    std::size_t maxBody = 1024 * 1024;
};

struct Http1Request {
    std::string method;  // as sent (methods are case-sensitive)
    std::string target;  // origin-form: "/path?query"
    std::string version; // "HTTP/1.1" or "HTTP/1.0"
    std::vector<std::pair<std::string, std::string>> headers; // names as sent, values trimmed
    std::string body;
    bool keepAlive = true; // from the version and Connection

    // First header of that name (case-insensitive), or nullopt.
    std::optional<std::string_view> header(std::string_view name) const;
    std::string_view path() const;  // target before '?'
    std::string_view query() const; // target after '?', "" when none
};

struct Http1Error {
    int status = 400; // what to answer before closing the connection
    std::string message;
};

class Http1RequestParser {
public:
    enum class State { NeedMore, Complete, Error };

    explicit Http1RequestParser(Http1Limits limits = {});

    // Appends bytes and parses as far as they go. After Complete, take() the request; bytes of
    // a pipelined next request stay buffered (call feed({}) to parse them). After Error the
    // parser stays in Error: the connection must be closed.
    State feed(std::string_view bytes);
    State state() const { return m_state; }

    // The complete request; resets for the next one (keeping buffered bytes).
    Http1Request take();
    const Http1Error &error() const { return m_error; }

    // True once a request's head is parsed and its body is still being read: the head is
    // readable through head(), e.g. to answer `Expect: 100-continue`.
    bool headComplete() const { return m_headDone; }
    const Http1Request &head() const { return m_request; }
    // Whether any byte of the current request has arrived (an idle keep-alive connection has
    // none; a stalled one has some).
    bool hasPartialRequest() const { return !m_buffer.empty() || m_headDone; }
    std::size_t bufferedBytes() const { return m_buffer.size(); }

private:
    State fail(int status, std::string message);
    State parseHead(std::string_view head);

    Http1Limits m_limits;
    State m_state = State::NeedMore;
    std::string m_buffer;
    std::size_t m_scanFrom = 0; // where the search for the head's end resumes
    bool m_headDone = false;
    std::size_t m_bodyLength = 0;
    Http1Request m_request;
    Http1Error m_error;
};

// The reason phrase of a status line ("Not Found"), for every server that writes responses.
const char *httpReasonPhrase(int status);

} // namespace tutti::engine
