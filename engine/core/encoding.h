// Base64 in one place (the expression function, HTTP basic auth, the redactor's search for
// encoded secrets), so what is sent and what is redacted agree. Percent-encoding lives beside
// it in urlencoding.h.
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

} // namespace tutti::engine
