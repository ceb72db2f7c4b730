// Regex on RE2 (regex.h): the only file that includes an RE2 header.
#include <engine/core/regex.h>

#include <re2/re2.h>

namespace tutti::engine {

namespace {

// Constructs RE2 rejects because they need backtracking; named so an author knows why a pattern
// that works elsewhere is refused here.
std::string unsupportedConstruct(std::string_view pattern)
{
    for (std::size_t i = 0; i + 1 < pattern.size(); ++i) {
        if (pattern[i] == '\\') {
            if (pattern[i + 1] >= '1' && pattern[i + 1] <= '9')
                return "a backreference (\\" + std::string(1, pattern[i + 1]) + ")";
            ++i; // skip the escaped character, so "\\(?=" is not lookahead
            continue;
        }
        const std::string_view rest = pattern.substr(i);
        if (rest.starts_with("(?=") || rest.starts_with("(?!"))
            return "lookahead (" + std::string(rest.substr(0, 3)) + ")";
        if (rest.starts_with("(?<=") || rest.starts_with("(?<!"))
            return "lookbehind (" + std::string(rest.substr(0, 4)) + ")";
    }
    return {};
}

std::string quoted(std::string_view pattern)
{
    constexpr std::size_t kShown = 60; // a long pattern would drown the message
    if (pattern.size() <= kShown)
        return "'" + std::string(pattern) + "'";
    return "'" + std::string(pattern.substr(0, kShown)) + "...'";
}

} // namespace

Regex::Regex() = default;
Regex::~Regex() = default;
Regex::Regex(const Regex &) = default;
Regex &Regex::operator=(const Regex &) = default;
Regex::Regex(Regex &&) noexcept = default;
Regex &Regex::operator=(Regex &&) noexcept = default;

Result<Regex> Regex::compile(std::string_view pattern)
{
    RE2::Options options;
    options.set_log_errors(false); // errors are returned, never written to stderr
    auto re =
        std::make_shared<const RE2>(re2::StringPiece(pattern.data(), pattern.size()), options);
    if (!re->ok()) {
        std::string message = "invalid regular expression " + quoted(pattern) + ": ";
        const std::string construct = unsupportedConstruct(pattern);
        if (!construct.empty())
            message += construct +
                       " is not supported (patterns use RE2 syntax: no backreferences or "
                       "lookaround, so matching always takes linear time)";
        else if (re->error_code() == RE2::ErrorPatternTooLarge)
            message += "the pattern is too large once compiled; simplify its repetitions";
        else
            message += re->error();
        return fail(ErrorCode::Schema, std::move(message));
    }
    Regex out;
    out.m_re = std::move(re);
    return out;
}

bool Regex::search(std::string_view text) const
{
    if (!m_re)
        return false;
    return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *m_re);
}

const std::string &Regex::pattern() const
{
    static const std::string kNone;
    return m_re ? m_re->pattern() : kNone;
}

} // namespace tutti::engine
