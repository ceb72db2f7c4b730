// JSON type names and JSON-pointer token escaping (jsonnames.h).
#include <engine/core/jsonnames.h>

namespace tutti::engine {

const char *jsonTypeName(const Json &value)
{
    switch (value.type()) {
    case Json::value_t::null:
        return "null";
    case Json::value_t::boolean:
        return "boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
        return "number";
    case Json::value_t::string:
        return "string";
    case Json::value_t::array:
        return "array";
    case Json::value_t::object:
        return "object";
    default:
        return "value";
    }
}

const char *jsonSchemaTypeName(const Json &value)
{
    return value.is_number_integer() ? "integer" : jsonTypeName(value);
}

void appendPointerToken(std::string &out, std::string_view key)
{
    if (key.find_first_of("~/") == std::string_view::npos) {
        out += key;
        return;
    }
    for (const char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
}

std::string pointerToken(std::string_view key)
{
    std::string out;
    out.reserve(key.size());
    appendPointerToken(out, key);
    return out;
}

} // namespace tutti::engine
