// Case folding, UTF-8 lengths and edit distance (text.h).
#include <engine/core/text.h>

#include <algorithm>
#include <limits>

namespace tutti::engine {

namespace {

char lowerByte(char c)
{
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

} // namespace

std::string asciiLower(std::string_view text)
{
    std::string out(text);
    for (char &c : out)
        c = lowerByte(c);
    return out;
}

bool equalsNoCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && startsWithNoCase(a, b);
}

bool startsWithNoCase(std::string_view text, std::string_view prefix)
{
    if (text.size() < prefix.size())
        return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (lowerByte(text[i]) != lowerByte(prefix[i]))
            return false;
    return true;
}

std::string_view trimmed(std::string_view text, std::string_view whitespace)
{
    const std::size_t first = text.find_first_not_of(whitespace);
    if (first == std::string_view::npos)
        return {};
    return text.substr(first, text.find_last_not_of(whitespace) - first + 1);
}

std::size_t utf8Length(std::string_view text)
{
    std::size_t n = 0;
    for (const char c : text)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
            ++n;
    return n;
}

std::size_t editDistance(std::string_view a, std::string_view b, bool ignoreCase)
{
    auto same = [ignoreCase](char x, char y) {
        return ignoreCase ? lowerByte(x) == lowerByte(y) : x == y;
    };
    // Three rows of the (a.size()+1) x (b.size()+1) table: the swap looks two rows back.
    std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        previous[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = same(a[i - 1], b[j - 1]) ? 0 : 1;
            row[j] = std::min({previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost});
            if (i > 1 && j > 1 && same(a[i - 1], b[j - 2]) && same(a[i - 2], b[j - 1]))
                row[j] = std::min(row[j], before[j - 2] + 1);
        }
        std::swap(before, previous);
        std::swap(previous, row);
    }
    return previous[b.size()];
}

std::string closestMatch(std::string_view word, const std::vector<std::string> &candidates,
                         const Closeness &closeness)
{
    std::string best;
    std::size_t bestDistance = std::numeric_limits<std::size_t>::max();
    for (const std::string &candidate : candidates) {
        const std::size_t d = editDistance(word, candidate, closeness.ignoreCase);
        if (d < bestDistance) {
            bestDistance = d;
            best = candidate;
        }
    }
    const std::size_t allowed =
        std::max<std::size_t>(1, word.size() / std::max<std::size_t>(1, closeness.charsPerEdit));
    return bestDistance <= allowed ? best : std::string();
}

} // namespace tutti::engine
