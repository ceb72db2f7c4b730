// Secret redaction (SPEC §9): what the executor applies to headers, URLs, bodies, inputs and
// outputs before anything reaches a TraceSink, a log or an export.
#pragma once

#include <engine/core/httptransport.h>
#include <engine/core/json.h>

#include <string>
#include <string_view>
#include <vector>

namespace tutti::engine {

// Knows the values of the secrets resolved for a run and replaces them by "[REDACTED]".
//
// - Headers named Authorization, Proxy-Authorization, Cookie, Set-Cookie and X-Api-Key are always
//   redacted, whatever their value (they carry credentials even when no secret is registered).
// - A value that *equals* a registered secret is always redacted, whatever its length.
// - Occurrences of a secret *inside* a longer text are replaced only for secrets of at least
//   kMinSubstringLength characters: replacing every "1" or "ab" in every body would destroy the
//   trace and, by its pattern, reveal the secret anyway.
// - Besides the raw value, its percent-encoded form (as it appears in a query string) and its
//   JSON-escaped form (as it appears in a raw JSON body) are redacted too.
//
// Not thread-safe while secrets are being added; the redact* functions are const and may be
// called from several threads once set up. With no secret registered they are a fast path that
// only looks at header names.
class Redactor {
public:
    static constexpr std::size_t kMinSubstringLength = 4;
    static constexpr std::string_view kMask = "[REDACTED]";

    // Registers a resolved secret value; empty values are ignored, duplicates are harmless.
    void addSecret(std::string_view value);
    bool hasSecrets() const { return !m_exact.empty(); }
    void clear();

    // True for the header names that are always redacted (case-insensitive).
    static bool isSensitiveHeader(std::string_view name);

    // Headers as a JSON object {name: value}; a repeated header's values are joined with ", "
    // under the first spelling of its name (HTTP's own rule for combining field lines).
    Json redactHeaders(const Headers &headers) const;
    // Every occurrence of every secret (see the length rule above) replaced by kMask.
    std::string redactText(std::string_view text) const;
    // In place; returns true when something was replaced.
    bool redactInPlace(std::string &text) const;
    // Every string value, recursively; keys are left as they are.
    Json redactJson(Json value) const;
    void redactJsonInPlace(Json &value) const;

private:
    void addPattern(std::string pattern);

    std::vector<std::string> m_exact;    // raw values, for whole-value matches
    std::vector<std::string> m_patterns; // values and encodings searched inside texts
};

} // namespace tutti::engine
