// JsonTemplate: a JSON value whose string leaves may be templates. Compiled once; evaluation
// copies the source and overwrites only the template slots.
#include <engine/expr/expression.h>

#include <engine/core/jsonio.h>
#include <engine/core/jsonnames.h>

#include <algorithm>

namespace tutti::engine::expr {

namespace {

// Walks `value` and compiles every string leaf holding "{{" (escaped or not).
Result<void> compileInto(Json &value, const std::string &pointer, const LocationLookup &locate,
                         std::vector<std::pair<std::string, Template>> &slots)
{
    if (value.is_object()) {
        for (auto it = value.begin(); it != value.end(); ++it) {
            std::string child = pointer + '/';
            appendPointerToken(child, it.key());
            auto ok = compileInto(it.value(), child, locate, slots);
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

// The compact text of `value` (as dumpJson writes it) cut at each slot, slots in walk order.
template <typename Slots, typename Pieces>
void appendText(const Json &value, std::string &pointer, const Slots &slots, std::size_t &next,
                Pieces &pieces, std::string &text)
{
    if (next < slots.size() && slots[next].pointer == pointer) {
        pieces.push_back({std::move(text), static_cast<int>(next++)});
        text.clear();
        return;
    }
    const std::size_t mark = pointer.size();
    if (value.is_object()) {
        text += '{';
        for (auto it = value.begin(); it != value.end(); ++it) {
            if (it != value.begin())
                text += ',';
            text += dumpJson(Json(it.key()));
            text += ':';
            pointer += '/';
            appendPointerToken(pointer, it.key());
            appendText(it.value(), pointer, slots, next, pieces, text);
            pointer.resize(mark);
        }
        text += '}';
    } else if (value.is_array()) {
        text += '[';
        for (std::size_t i = 0; i < value.size(); ++i) {
            if (i > 0)
                text += ',';
            pointer += '/';
            pointer += std::to_string(i);
            appendText(value[i], pointer, slots, next, pieces, text);
            pointer.resize(mark);
        }
        text += ']';
    } else {
        text += dumpJson(value);
    }
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
    std::string pointer, text;
    std::size_t next = 0;
    appendText(t.m_source, pointer, t.m_slots, next, t.m_text, text);
    t.m_text.push_back({std::move(text), -1});
    return t;
}

Result<std::string> JsonTemplate::evaluateText(EvalContext &context) const
{
    std::string out;
    for (const TextPiece &piece : m_text) {
        out += piece.text;
        if (piece.slot < 0)
            continue;
        auto value = m_slots[static_cast<std::size_t>(piece.slot)].value.evaluate(context);
        if (!value)
            return std::unexpected(std::move(value.error()));
        out += dumpJson(*value);
    }
    return out;
}

Result<Json> JsonTemplate::evaluate(EvalContext &context) const
{
    if (m_constant)
        return m_source;
    if (m_slots.size() == 1 && m_slots.front().pointer.empty())
        return m_slots.front().value.evaluate(context);

    // Builds the result in one walk over the source, in the order compile() recorded the slots:
    // subtrees without slots are copied whole, slot leaves are evaluated in place (never copied
    // first), so there is no second pass looking pointers up.
    struct Builder {
        const std::vector<Slot> &slots;
        EvalContext &context;
        std::size_t next = 0;
        std::string pointer;

        bool slotInside() const
        {
            if (next >= slots.size())
                return false;
            const std::string &p = slots[next].pointer;
            return p.size() > pointer.size() && p.starts_with(pointer) && p[pointer.size()] == '/';
        }

        Result<void> build(const Json &source, Json &out)
        {
            if (next < slots.size() && slots[next].pointer == pointer) {
                auto value = slots[next++].value.evaluate(context);
                if (!value)
                    return std::unexpected(std::move(value.error()));
                out = std::move(*value);
                return {};
            }
            if (!slotInside()) {
                out = source;
                return {};
            }
            const std::size_t mark = pointer.size();
            if (source.is_object()) {
                out = Json::object();
                auto &members = out.get_ref<Json::object_t &>();
                members.reserve(source.size());
                for (auto it = source.begin(); it != source.end(); ++it) {
                    pointer += '/';
                    appendPointerToken(pointer, it.key());
                    // Keys are unique in the source: append without ordered_map's key search.
                    members.emplace_back(it.key(), Json());
                    auto ok = build(it.value(), members.back().second);
                    pointer.resize(mark);
                    if (!ok)
                        return ok;
                }
            } else {
                out = Json::array();
                auto &elements = out.get_ref<Json::array_t &>();
                elements.resize(source.size());
                for (std::size_t i = 0; i < source.size(); ++i) {
                    pointer += '/';
                    pointer += std::to_string(i);
                    auto ok = build(source[i], elements[i]);
                    pointer.resize(mark);
                    if (!ok)
                        return ok;
                }
            }
            return {};
        }
    };

    Builder builder{m_slots, context, 0, {}};
    Json out;
    auto ok = builder.build(m_source, out);
    if (!ok)
        return std::unexpected(std::move(ok.error()));
    return out;
}

const Template *JsonTemplate::templateAt(std::string_view pointer) const
{
    for (const Slot &slot : m_slots)
        if (slot.pointer == pointer)
            return &slot.value;
    return nullptr;
}

std::vector<std::string> JsonTemplate::referenced(Reference what) const
{
    UniqueNames out;
    addReferenced(what, out);
    return out.take();
}

void JsonTemplate::addReferenced(Reference what, UniqueNames &out) const
{
    for (const Slot &slot : m_slots)
        slot.value.addReferenced(what, out);
}

} // namespace tutti::engine::expr
