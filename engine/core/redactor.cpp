// Secret redaction: a multi-pattern search over texts, header maps, JSON documents, spans and run
// records, tolerant of percent-encoding, aware of base64 alignment and of truncated quotes.
#include <engine/core/redactor.h>

#include <engine/core/encoding.h>
#include <engine/core/urlencoding.h>

#include <algorithm>
#include <strings.h>
#include <unordered_set>

namespace tutti::engine {

namespace {

constexpr std::string_view kSensitiveHeaders[] = {"authorization", "proxy-authorization", "cookie",
                                                  "set-cookie", "x-api-key"};
constexpr std::string_view kTruncationMarks[] = {"...", "\u2026"};

bool equalsIgnoreCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

// The form a value takes inside a JSON string literal (without the quotes).
std::string jsonEscape(std::string_view value)
{
    const std::string quoted =
        Json(std::string(value)).dump(-1, ' ', false, nlohmann::detail::error_handler_t::replace);
    return quoted.substr(1, quoted.size() - 2);
}

// The characters of base64(secret) that do not depend on the bytes around the secret when it
// starts `align` (0-2) bytes into a 3-byte group: from the first character whose 6 bits all
// come from the secret to the last one.
std::string base64Core(std::string_view secret, std::size_t align, Base64Alphabet alphabet)
{
    const std::string encoded =
        base64Encode(std::string(align, '\0') + std::string(secret), alphabet, false);
    const std::size_t from = (8 * align + 5) / 6;
    const std::size_t to = 8 * (align + secret.size()) / 6;
    return encoded.substr(from, to - from);
}

void addUnique(std::vector<std::string> &list, std::string value)
{
    if (!value.empty() && std::find(list.begin(), list.end(), value) == list.end())
        list.push_back(std::move(value));
}

// Where `form` ends if it starts at `at` with each byte literal or percent-encoded (either case
// of hex; '+' for a space); npos when it does not.
std::size_t matchPercentTolerant(std::string_view text, std::size_t at, std::string_view form)
{
    std::size_t k = at;
    for (const char c : form) {
        if (k >= text.size())
            return std::string_view::npos;
        if (text[k] == c) {
            ++k;
        } else if (text[k] == '%' && k + 2 < text.size() && hexDigitValue(text[k + 1]) >= 0 &&
                   hexDigitValue(text[k + 2]) >= 0 &&
                   hexDigitValue(text[k + 1]) * 16 + hexDigitValue(text[k + 2]) ==
                       static_cast<unsigned char>(c)) {
            k += 3;
        } else if (c == ' ' && text[k] == '+') {
            ++k;
        } else {
            return std::string_view::npos;
        }
    }
    return k;
}

} // namespace

void Redactor::addSecret(std::string_view value)
{
    if (value.empty())
        return;
    const std::string raw(value);
    if (std::find(m_secrets.begin(), m_secrets.end(), raw) != m_secrets.end())
        return;
    m_secrets.push_back(raw);

    const std::string once = jsonEscape(raw);
    const std::string twice = jsonEscape(once);
    for (std::string form :
         {raw, once, twice, percentEncode(raw), percentEncode(raw, true), base64Encode(raw),
          base64Encode(raw, Base64Alphabet::Standard, false),
          base64Encode(raw, Base64Alphabet::Url), base64Encode(raw, Base64Alphabet::Url, false)})
        addUnique(m_exact, std::move(form));
    if (raw.size() < kMinSubstringLength)
        return;
    for (std::string form : {raw, once, twice})
        addUnique(m_forms, std::move(form));
    if (raw.size() >= kMinBase64Length)
        for (std::size_t align = 0; align < 3; ++align)
            for (Base64Alphabet alphabet : {Base64Alphabet::Standard, Base64Alphabet::Url})
                addUnique(m_cores, base64Core(raw, align, alphabet));
    if (raw.size() > kMinFragmentLength)
        m_fragments.push_back(raw);
}

void Redactor::clear()
{
    m_secrets.clear();
    m_exact.clear();
    m_forms.clear();
    m_cores.clear();
    m_fragments.clear();
}

bool Redactor::isSensitiveHeader(std::string_view name)
{
    return std::any_of(std::begin(kSensitiveHeaders), std::end(kSensitiveHeaders),
                       [name](std::string_view h) { return equalsIgnoreCase(name, h); });
}

void Redactor::findForm(std::string_view text, const std::string &form, bool percent,
                        std::vector<Range> &out) const
{
    if (!percent) {
        for (std::size_t at = text.find(form); at != std::string_view::npos;
             at = text.find(form, at + 1))
            out.push_back({at, at + form.size()});
        return;
    }
    // A match starts with the form's first byte, a '%' (that byte encoded) or, for a space, '+'.
    const char firsts[] = {form.front(), '%', form.front() == ' ' ? '+' : '%'};
    const std::string_view starts(firsts, sizeof firsts);
    for (std::size_t at = text.find_first_of(starts); at != std::string_view::npos;
         at = text.find_first_of(starts, at + 1)) {
        const std::size_t end = matchPercentTolerant(text, at, form);
        if (end != std::string_view::npos)
            out.push_back({at, end});
    }
}

void Redactor::findFragment(std::string_view text, const std::string &secret,
                            std::vector<Range> &out) const
{
    const std::string_view head = std::string_view(secret).substr(0, kMinFragmentLength);
    for (std::size_t at = text.find(head); at != std::string_view::npos;
         at = text.find(head, at + 1)) {
        std::size_t length = head.size();
        while (at + length < text.size() && length < secret.size() &&
               text[at + length] == secret[length])
            ++length;
        if (length == secret.size())
            continue; // the whole secret: a form match already
        const std::string_view rest = text.substr(at + length);
        if (std::any_of(std::begin(kTruncationMarks), std::end(kTruncationMarks),
                        [rest](std::string_view mark) { return rest.starts_with(mark); }))
            out.push_back({at, at + length});
    }
}

bool Redactor::redactInPlace(std::string &text) const
{
    if (m_secrets.empty() || text.empty())
        return false;
    if (std::find(m_exact.begin(), m_exact.end(), text) != m_exact.end()) {
        text = kMask;
        return true;
    }
    // Find every match of every pattern in the original text first, then merge the ranges:
    // replacing pattern by pattern could let a later pattern match inside the mask or across
    // the seam of an earlier replacement.
    const std::string_view view(text);
    const bool percent = view.find_first_of("%+") != std::string_view::npos;
    std::vector<Range> ranges;
    for (const std::string &form : m_forms)
        if (form.size() <= view.size())
            findForm(view, form, percent, ranges);
    for (const std::string &core : m_cores)
        if (core.size() <= view.size())
            findForm(view, core, false, ranges);
    for (const std::string &secret : m_fragments)
        if (kMinFragmentLength <= view.size())
            findFragment(view, secret, ranges);
    if (ranges.empty())
        return false;
    // A match inside a mask that is already there (a secret such as "REDACTED") is not one:
    // redacting must be idempotent.
    // Adjacent masks count as one region ("D][R" is not a secret inside "[REDACTED][REDACTED]").
    std::vector<Range> masks;
    for (std::size_t at = view.find(kMask); at != std::string_view::npos;
         at = view.find(kMask, at + kMask.size())) {
        if (!masks.empty() && masks.back().end == at)
            masks.back().end = at + kMask.size();
        else
            masks.push_back({at, at + kMask.size()});
    }
    if (!masks.empty())
        std::erase_if(ranges, [&masks](const Range &r) {
            return std::any_of(masks.begin(), masks.end(), [&r](const Range &m) {
                return m.begin <= r.begin && r.end <= m.end;
            });
        });
    if (ranges.empty())
        return false;
    std::sort(ranges.begin(), ranges.end(),
              [](const Range &a, const Range &b) { return a.begin < b.begin; });
    std::string out;
    out.reserve(text.size());
    std::size_t copied = 0;
    for (std::size_t i = 0; i < ranges.size();) {
        auto [begin, end] = ranges[i];
        for (++i; i < ranges.size() && ranges[i].begin < end; ++i)
            end = std::max(end, ranges[i].end);
        out.append(view.substr(copied, begin - copied));
        out.append(kMask);
        copied = end;
    }
    out.append(view.substr(copied));
    text = std::move(out);
    return true;
}

std::string Redactor::redactText(std::string_view text) const
{
    std::string out(text);
    redactInPlace(out);
    return out;
}

Json Redactor::redactHeaders(const Headers &headers) const
{
    Json out = Json::object();
    auto &members = out.get_ref<Json::object_t &>();
    members.reserve(headers.size());
    for (const auto &[name, value] : headers) {
        const bool sensitive = isSensitiveHeader(name);
        std::string shown =
            sensitive ? std::string(kMask) : (m_secrets.empty() ? value : redactText(value));
        // Look the name up case-insensitively so "accept" and "Accept" land in one entry.
        auto existing = members.begin();
        while (existing != members.end() && !equalsIgnoreCase(existing->first, name))
            ++existing;
        if (existing == members.end()) {
            members.emplace_back(name, std::move(shown));
        } else if (!sensitive) {
            existing->second = existing->second.get<std::string>() + ", " + shown;
        }
    }
    return out;
}

void Redactor::redactJsonInPlace(Json &value) const
{
    if (m_secrets.empty())
        return;
    // An explicit stack, not recursion: documents from upstream bodies may be deep.
    std::vector<Json *> pending{&value};
    std::vector<std::string> keys;
    std::vector<std::size_t> renamed; // indexes into keys
    while (!pending.empty()) {
        Json &node = *pending.back();
        pending.pop_back();
        switch (node.type()) {
        case Json::value_t::string:
            redactInPlace(node.get_ref<std::string &>());
            break;
        case Json::value_t::array:
            for (Json &child : node)
                if (child.is_structured() || child.is_string())
                    pending.push_back(&child);
            break;
        case Json::value_t::object: {
            keys.clear();
            renamed.clear();
            for (auto it = node.begin(); it != node.end(); ++it) {
                keys.push_back(it.key());
                if (redactInPlace(keys.back()))
                    renamed.push_back(keys.size() - 1);
            }
            if (!renamed.empty()) {
                // Rebuild in order. A renamed key that meets another key ("[REDACTED]" twice,
                // or a key that was already "[REDACTED]") gets "#2", "#3", …: no member is lost.
                std::unordered_set<std::string> taken;
                for (std::size_t i = 0, r = 0; i < keys.size(); ++i) {
                    if (r < renamed.size() && renamed[r] == i)
                        ++r;
                    else
                        taken.insert(keys[i]);
                }
                Json rebuilt = Json::object();
                std::size_t i = 0, r = 0;
                for (auto it = node.begin(); it != node.end(); ++it, ++i) {
                    std::string key = std::move(keys[i]);
                    if (r < renamed.size() && renamed[r] == i) {
                        ++r;
                        if (taken.contains(key)) {
                            int n = 2;
                            while (taken.contains(key + "#" + std::to_string(n)))
                                ++n;
                            key += "#" + std::to_string(n);
                        }
                        taken.insert(key);
                    }
                    rebuilt[std::move(key)] = std::move(it.value());
                }
                node = std::move(rebuilt);
            }
            for (auto it = node.begin(); it != node.end(); ++it)
                if (it.value().is_structured() || it.value().is_string())
                    pending.push_back(&it.value());
            break;
        }
        default:
            break;
        }
    }
}

Json Redactor::redactJson(Json value) const
{
    redactJsonInPlace(value);
    return value;
}

void Redactor::maskSensitiveKeys(Json &value)
{
    std::vector<Json *> stack{&value};
    while (!stack.empty()) {
        Json *v = stack.back();
        stack.pop_back();
        if (v->is_object()) {
            for (auto it = v->begin(); it != v->end(); ++it) {
                if (isSensitiveHeader(it.key()))
                    *it = std::string(kMask);
                else if (it->is_structured())
                    stack.push_back(&*it);
            }
        } else if (v->is_array()) {
            for (Json &item : *v)
                if (item.is_structured())
                    stack.push_back(&item);
        }
    }
}

void Redactor::redactSpan(Span &span) const
{
    // A step's result and the vars hold response headers as the flow reads them (not through
    // redactHeaders, as request/response payloads are): mask the always-redacted ones by name.
    if (span.result && span.result->is_structured())
        maskSensitiveKeys(*span.result);
    if (span.vars.is_structured())
        maskSensitiveKeys(span.vars);
    if (m_secrets.empty())
        return;
    redactInPlace(span.name);
    redactJsonInPlace(span.error);
    redactJsonInPlace(span.request);
    redactJsonInPlace(span.response);
    if (span.result)
        redactJsonInPlace(*span.result);
    redactJsonInPlace(span.vars);
}

void Redactor::redactRecord(RunRecord &record) const
{
    if (m_secrets.empty())
        return;
    redactJsonInPlace(record.input);
    redactJsonInPlace(record.output);
    redactJsonInPlace(record.error);
    for (StepSummary &step : record.steps)
        redactJsonInPlace(step.error);
}

} // namespace tutti::engine
