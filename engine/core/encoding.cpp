// base64 and percent-encoding (see encoding.h for who shares them).
#include <engine/core/encoding.h>

namespace tutti::engine {

std::string base64Encode(std::string_view bytes, Base64Alphabet alphabet, bool pad)
{
    const char *table = alphabet == Base64Alphabet::Standard
                            ? "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
                            : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) |
                           (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                           static_cast<unsigned char>(bytes[i + 2]);
        out += table[(v >> 18) & 63];
        out += table[(v >> 12) & 63];
        out += table[(v >> 6) & 63];
        out += table[v & 63];
    }
    if (i < bytes.size()) {
        const bool two = i + 1 < bytes.size();
        unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
        if (two)
            v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
        out += table[(v >> 18) & 63];
        out += table[(v >> 12) & 63];
        if (two)
            out += table[(v >> 6) & 63];
        if (pad)
            out.append(two ? 1 : 2, '=');
    }
    return out;
}

} // namespace tutti::engine
