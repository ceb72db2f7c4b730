// Small byte-string helpers every layer needs: ASCII case folding (HTTP names), UTF-8 code point
// counts (JSON Schema lengths, table widths), the edit distance behind "did you mean …?", and a
// list of names without repeats.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace tutti::engine {

// A-Z as a-z; other bytes (UTF-8 included) as they are.
std::string asciiLower(std::string_view text);
bool equalsNoCase(std::string_view a, std::string_view b);
bool startsWithNoCase(std::string_view text, std::string_view prefix);

// `text` without the bytes of `whitespace` at either end (HTTP's optional white space by default).
std::string_view trimmed(std::string_view text, std::string_view whitespace = " \t");

// Code points in UTF-8 text (bytes that do not continue a sequence), not bytes.
std::size_t utf8Length(std::string_view text);

// Optimal string alignment distance: insertions, deletions, substitutions and a swap of two
// neighbouring bytes ("inptu") each count one edit.
std::size_t editDistance(std::string_view a, std::string_view b, bool ignoreCase = false);

// How close a candidate must be to count as the word someone meant.
struct Closeness {
    bool ignoreCase = false;
    // At most max(1, word.size() / charsPerEdit) edits.
    std::size_t charsPerEdit = 3;
};
// The candidate closest to `word` by editDistance() (the first of equals), or "" when none is
// close enough to be a plausible typo.
std::string closestMatch(std::string_view word, const std::vector<std::string> &candidates,
                         const Closeness &closeness = {});

// Names in the order they were first added, each once; linear however many are added (what an
// expression, a template or a flow reads by name).
class UniqueNames {
public:
    // False when the name was there already.
    bool add(std::string name)
    {
        if (!m_seen.insert(name).second)
            return false;
        m_names.push_back(std::move(name));
        return true;
    }
    void add(const UniqueNames &other)
    {
        for (const std::string &name : other.m_names)
            add(name);
    }
    const std::vector<std::string> &names() const { return m_names; }
    std::vector<std::string> take() { return std::move(m_names); }

private:
    std::vector<std::string> m_names;
    std::unordered_set<std::string> m_seen;
};

} // namespace tutti::engine
