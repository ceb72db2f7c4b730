// Percent-encoding (RFC 3986) in one place: query and form components, path segments, and URLs
// as authors write them. Used by the executor to build requests and by the mocks to read them.
#pragma once

#include <string>
#include <string_view>

namespace tutti::engine {

// RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~) kept, every other byte as %XX; with
// `spaceAsPlus`, a space as '+' (application/x-www-form-urlencoded). A value encoded this way is
// one path segment or one query/form component whatever it holds ('/', '?', '&', '=', '#').
std::string percentEncode(std::string_view text, bool spaceAsPlus = false);

// The value of one hex digit (0-15), or -1 when `c` is not one.
int hexDigitValue(char c);

// %XX decoded to its byte; with `plusAsSpace` (query strings and forms, not paths) '+' as a
// space. A '%' that starts no %XX stays as written.
std::string percentDecode(std::string_view text, bool plusAsSpace);

// A URL (or part of one) made sendable without changing what it means: every byte that may
// not appear in a URL (controls, space, non-ASCII, " < > \ ^ ` { | } and a '%' that starts no
// %XX) becomes %XX; reserved delimiters (: / ? # [ ] @ ! $ & ' ( ) * + , ; =) and valid %XX
// escapes are kept. Idempotent.
std::string encodeUrlText(std::string_view text);

// Where text appended to a URL lands, by what came before it.
enum class UrlPart {
    Start, // scheme and authority (host, port) of a full URL
    Path,
    Query, // after '?' (and the fragment, after '#')
};

// Follows a URL being built left to right and says in which part the next byte lands. Fed
// incrementally, so building a URL of n bytes costs O(n).
class UrlScanner {
public:
    explicit UrlScanner(UrlPart start)
        : m_part(start)
    {
    }
    void feed(std::string_view text);
    UrlPart part() const { return m_part; }

private:
    UrlPart m_part;
    std::string m_start; // the text seen while in Start (scheme and authority: short)
};

// How a value substituted into a URL at `part` is written: in the path, one segment ('/'
// encoded; a value of only dots encoded too, so "." and ".." cannot climb the path); in the
// query, one component ('&', '=', '+', '#' encoded); in Start, as encodeUrlText.
std::string encodeUrlValue(std::string_view value, UrlPart part);

} // namespace tutti::engine
