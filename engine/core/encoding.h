// Byte-to-text encodings used in more than one place: base64 (the expression function, HTTP
// basic auth, the redactor's search for encoded secrets) and percent-encoding (queries, form
// bodies, the redactor). One implementation each, so what is sent and what is redacted agree.
#pragma once

#include <string>
#include <string_view>

namespace tutti::engine {

enum class Base64Alphabet {
    Standard, // RFC 4648 §4: A-Z a-z 0-9 + /
    Url,      // RFC 4648 §5: A-Z a-z 0-9 - _
};

// `pad`: '=' up to a multiple of 4 characters (base64url usually goes without).
std::string base64Encode(std::string_view bytes, Base64Alphabet alphabet = Base64Alphabet::Standard,
                         bool pad = true);

// RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~) are kept, every other byte becomes %XX
// with upper-case hex. `spaceAsPlus`: ' ' becomes '+' (HTML form encoding).
std::string percentEncode(std::string_view bytes, bool spaceAsPlus = false);

} // namespace tutti::engine
