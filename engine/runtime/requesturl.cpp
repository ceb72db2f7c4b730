// URL text of a request from its templates (requesturl.h).
#include <engine/runtime/requesturl.h>

#include <engine/core/httptransport.h>
#include <engine/core/jsonio.h>

namespace tutti::engine {

std::string scalarText(const Json &v)
{
    if (v.is_string())
        return v.get<std::string>();
    if (v.is_null())
        return {};
    return dumpJson(v);
}

Result<UrlText> renderUrl(const expr::Template &t, expr::EvalContext &context, UrlPart start,
                          const std::string &what)
{
    UrlText out;
    if (t.isSingleExpression()) {
        auto value = t.evaluate(context);
        if (!value)
            return std::unexpected(std::move(value.error()));
        const std::string text = scalarText(*value);
        if (const std::string c = controlCharacterIn(text, false); !c.empty())
            out.refused = what + " holds " + c + " (from '{{ " +
                          t.parts().front().expression->text() + " }}')";
        else
            out.text = encodeUrlText(text);
        return out;
    }
    UrlScanner scanner(start);
    std::size_t scanned = 0;
    auto text = t.evaluateString(context, [&](std::string_view value, std::string &sofar) {
        if (out.refused.empty())
            if (const std::string c = controlCharacterIn(value, false); !c.empty())
                out.refused = what + " holds " + c + " from a {{ }} value";
        scanner.feed(std::string_view(sofar).substr(scanned));
        scanned = sofar.size();
        sofar += encodeUrlValue(value, scanner.part());
    });
    if (!text)
        return std::unexpected(std::move(text.error()));
    if (!out.refused.empty())
        return out;
    // Encoded values hold no control character, so one found now was in the literal text.
    if (const std::string c = controlCharacterIn(*text, false); !c.empty()) {
        out.refused = what + " holds " + c;
        return out;
    }
    out.text = encodeUrlText(*text); // keeps the encoded values as they are
    return out;
}

std::string formEncode(const Json &object)
{
    std::string out;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!out.empty())
            out += '&';
        out += percentEncode(it.key()) + '=' + percentEncode(scalarText(*it));
    }
    return out;
}

std::string queryProblem(const Json &object)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (const std::string c = controlCharacterIn(it.key(), false); !c.empty())
            return "the name of query parameter '" + printableName(it.key()) + "' holds " + c;
        if (const std::string c = controlCharacterIn(scalarText(*it), false); !c.empty())
            return "query parameter '" + printableName(it.key()) + "' holds " + c;
    }
    return {};
}

} // namespace tutti::engine
