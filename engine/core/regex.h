// The one regular-expression seam of Tutti (schema `pattern`, mock `regex` matchers): RE2 behind
// a small value type, so every match runs in time linear in the text and never recurses.
#pragma once

#include <engine/core/result.h>

#include <memory>
#include <string>
#include <string_view>

namespace re2 {
class RE2;
}

namespace tutti::engine {

// A compiled pattern. The dialect is RE2's (https://github.com/google/re2/wiki/Syntax): the
// usual Perl/ECMAScript syntax minus backreferences (\1) and lookaround ((?=, (?!, (?<=, (?<!),
// which are what make other engines backtrack exponentially. Patterns are UTF-8; `.` and
// classes match code points. Copies share the compiled program, which is immutable, so one
// Regex may be used from several threads at once.
class Regex {
public:
    // Compiles once, at load time. The error (ErrorCode::Schema, no location: the caller knows
    // where the pattern sits) names the pattern and what is wrong with it.
    static Result<Regex> compile(std::string_view pattern);

    // True when the pattern matches somewhere in `text` (unanchored, as JSON Schema's `pattern`
    // and the mocks' `regex`; write ^ and $ to anchor).
    bool search(std::string_view text) const;

    const std::string &pattern() const;

    Regex();
    ~Regex();
    Regex(const Regex &);
    Regex &operator=(const Regex &);
    Regex(Regex &&) noexcept;
    Regex &operator=(Regex &&) noexcept;

private:
    std::shared_ptr<const re2::RE2> m_re; // null only in a default-constructed Regex
};

} // namespace tutti::engine
