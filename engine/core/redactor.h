// Secret redaction (SPEC §9): what a run applies to every span, run record and result before
// anything reaches a TraceSink, an output, a log or an export.
#pragma once

#include <engine/core/httptransport.h>
#include <engine/core/json.h>
#include <engine/core/trace.h>

#include <string>
#include <string_view>
#include <vector>

namespace tutti::engine {

// Knows the values of the secrets resolved for a run and replaces them by "[REDACTED]".
//
// - Headers named Authorization, Proxy-Authorization, Cookie, Set-Cookie and X-Api-Key are always
//   redacted, whatever their value (they carry credentials even when no secret is registered).
// - A string that *equals* a secret, or one of its encoded forms below, is always redacted,
//   whatever the secret's length.
// - Inside longer texts, what is searched depends on the secret's length (shorter secrets would
//   mask random substrings everywhere and, by the pattern of the masks, reveal themselves):
//     < kMinSubstringLength (4) bytes: nothing; only whole-string matches (above);
//     >= 4 bytes: the raw value and its JSON-escaped forms (escaped once, as in a JSON body, and
//       twice, as in JSON text inside a JSON string), each also percent-encoded byte by byte in
//       any mix (%XX with either case of hex, '+' for a space): query strings, form bodies,
//       whatever subset of characters a client chose to encode;
//     >= kMinBase64Length (8) bytes: also base64 and base64url, at each of the 3 byte alignments
//       the secret can have inside a longer encoded text (`Basic base64(user:secret)`): the
//       characters of the encoding that depend on the secret's bytes alone, as secret scanners
//       search them (the 1-2 characters at each end, which mix in neighbouring bytes, remain);
//     > kMinFragmentLength (16) bytes: also a leading fragment of at least 16 bytes followed by
//       a truncation mark ("..." or "…"), which is how messages quote long values.
// - JSON documents are walked to any depth without recursion; keys are redacted like values (two
//   keys that become equal get a "#2", "#3", … suffix so no member is lost).
// - The mask is never re-redacted: redacting twice gives the same text as redacting once, even
//   for a secret such as "REDACTED".
//
// Not thread-safe while secrets are being added; the redact* functions are const and may be
// called from several threads once set up. With no secret registered they return at once (only
// redactHeaders looks at header names).
class Redactor {
public:
    static constexpr std::size_t kMinSubstringLength = 4;
    static constexpr std::size_t kMinBase64Length = 8;
    static constexpr std::size_t kMinFragmentLength = 16;
    static constexpr std::string_view kMask = "[REDACTED]";

    // Registers a resolved secret value; empty values are ignored, duplicates are harmless.
    void addSecret(std::string_view value);
    bool hasSecrets() const { return !m_secrets.empty(); }
    // Grows with every secret added: lets a caller re-redact what it redacted before only when
    // new secrets have appeared since.
    std::size_t generation() const { return m_secrets.size(); }
    void clear();

    // True for the header names that are always redacted (case-insensitive).
    static bool isSensitiveHeader(std::string_view name);
    // Every value under a key named like such a header, at any depth, replaced by kMask: for
    // values that hold headers in a shape of the flow's own (a step's result, vars).
    static void maskSensitiveKeys(Json &value);

    // Headers as a JSON object {name: value}; a repeated header's values are joined with ", "
    // under the first spelling of its name (HTTP's own rule for combining field lines).
    Json redactHeaders(const Headers &headers) const;
    // Every occurrence of every secret (see the rules above) replaced by kMask.
    std::string redactText(std::string_view text) const;
    // In place; returns true when something was replaced.
    bool redactInPlace(std::string &text) const;
    // Every string, key or value, at any depth.
    Json redactJson(Json value) const;
    void redactJsonInPlace(Json &value) const;
    // Every text a span or a run record carries to a sink: names, errors, payloads, input,
    // output, step summaries.
    void redactSpan(Span &span) const;
    void redactRecord(RunRecord &record) const;

private:
    struct Range {
        std::size_t begin, end;
    };
    void findForm(std::string_view text, const std::string &form, bool percent,
                  std::vector<Range> &out) const;
    void findFragment(std::string_view text, const std::string &secret,
                      std::vector<Range> &out) const;

    std::vector<std::string> m_secrets;   // raw values
    std::vector<std::string> m_exact;     // raw values and their encodings, whole-string matches
    std::vector<std::string> m_forms;     // raw and JSON-escaped forms, searched %-tolerantly
    std::vector<std::string> m_cores;     // base64/base64url cores, searched literally
    std::vector<std::string> m_fragments; // secrets long enough for the truncation rule
};

} // namespace tutti::engine
