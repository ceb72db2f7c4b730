// Small helpers around the transport seam's value types.
#include <engine/core/httptransport.h>

#include <strings.h>

namespace tutti::engine {

const std::string *findHeader(const Headers &headers, std::string_view name)
{
    for (const auto &[key, value] : headers)
        if (key.size() == name.size() && strncasecmp(key.data(), name.data(), name.size()) == 0)
            return &value;
    return nullptr;
}

} // namespace tutti::engine
