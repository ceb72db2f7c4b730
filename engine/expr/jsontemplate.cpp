// JsonTemplate: a JSON value whose string leaves may be templates. Compiled once; evaluation
// copies the source and overwrites only the template slots.
#include <engine/expr/expression.h>

#include <algorithm>
#include <charconv>

namespace tutti::engine::expr {

namespace {

std::string escapePointerToken(const std::string &token)
{
    std::string out;
    for (const char c : token) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

// Walks `value` and compiles every string leaf holding "{{" (escaped or not).
Result<void> compileInto(Json &value, const std::string &pointer, const LocationLookup &locate,
                         std::vector<std::pair<std::string, Template>> &slots)
{
    if (value.is_object()) {
        for (auto it = value.begin(); it != value.end(); ++it) {
            auto ok = compileInto(it.value(), pointer + '/' + escapePointerToken(it.key()), locate,
                                  slots);
            if (!ok)
                return ok;
        }
    } else if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i) {
            auto ok = compileInto(value[i], pointer + '/' + std::to_string(i), locate, slots);
            if (!ok)
                return ok;
        }
    } else if (value.is_string()) {
        const std::string &text = value.get_ref<const std::string &>();
        if (text.find("{{") == std::string::npos)
            return {};
        auto t = Template::parse(text, locate ? locate(pointer) : SourceLocation{});
        if (!t) {
            // The pointer finds the leaf even when the caller has no file positions.
            t.error().path = pointer;
            return std::unexpected(std::move(t.error()));
        }
        if (t->isConstant()) {
            // Only escaped "\{{": store the unescaped text, no slot needed.
            value = t->parts().empty() ? std::string() : t->parts().front().literal;
            return {};
        }
        slots.emplace_back(pointer, std::move(*t));
    }
    return {};
}

// The node at an escaped JSON pointer inside `root` (created by compile, so it exists).
Json *resolve(Json &root, std::string_view pointer)
{
    Json *at = &root;
    while (!pointer.empty()) {
        pointer.remove_prefix(1); // '/'
        const std::size_t slash = pointer.find('/');
        const std::string_view raw = pointer.substr(0, slash);
        pointer = slash == std::string_view::npos ? std::string_view() : pointer.substr(slash);
        if (at->is_array()) {
            std::size_t index = 0;
            std::from_chars(raw.data(), raw.data() + raw.size(), index);
            if (index >= at->size())
                return nullptr;
            at = &(*at)[index];
            continue;
        }
        if (raw.find('~') == std::string_view::npos) {
            // The common case: look the key up without building a string.
            const auto it = at->find(raw);
            if (it == at->end())
                return nullptr;
            at = &*it;
            continue;
        }
        std::string key;
        {
            for (std::size_t i = 0; i < raw.size(); ++i) {
                if (raw[i] == '~' && i + 1 < raw.size()) {
                    key += raw[i + 1] == '1' ? '/' : '~';
                    ++i;
                } else {
                    key += raw[i];
                }
            }
        }
        const auto it = at->find(key);
        if (it == at->end())
            return nullptr;
        at = &*it;
    }
    return at;
}

} // namespace

Result<JsonTemplate> JsonTemplate::compile(const Json &value, const LocationLookup &locate)
{
    JsonTemplate t;
    t.m_source = value;
    std::vector<std::pair<std::string, Template>> slots;
    auto ok = compileInto(t.m_source, std::string(), locate, slots);
    if (!ok)
        return std::unexpected(std::move(ok.error()));
    for (auto &[pointer, tmpl] : slots)
        t.m_slots.push_back(Slot{std::move(pointer), std::move(tmpl)});
    t.m_constant = t.m_slots.empty();
    return t;
}

Result<Json> JsonTemplate::evaluate(EvalContext &context) const
{
    if (m_constant)
        return m_source;
    if (m_slots.size() == 1 && m_slots.front().pointer.empty())
        return m_slots.front().value.evaluate(context);
    Json out = m_source;
    for (const Slot &slot : m_slots) {
        auto value = slot.value.evaluate(context);
        if (!value)
            return std::unexpected(std::move(value.error()));
        if (Json *target = resolve(out, slot.pointer))
            *target = std::move(*value);
    }
    return out;
}

std::vector<std::string> JsonTemplate::referencedSteps() const
{
    std::vector<std::string> out;
    for (const Slot &slot : m_slots) {
        for (std::string &id : slot.value.referencedSteps()) {
            if (std::find(out.begin(), out.end(), id) == out.end())
                out.push_back(std::move(id));
        }
    }
    return out;
}

} // namespace tutti::engine::expr
