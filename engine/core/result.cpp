// Formatting of module-edge errors the way compilers do, so editors can jump to them.
#include <engine/core/result.h>

namespace tutti::engine {

std::string Error::toString() const
{
    std::string out;
    if (!location.file.empty()) {
        out += location.file;
        if (location.line > 0) {
            out += ':' + std::to_string(location.line);
            if (location.column > 0)
                out += ':' + std::to_string(location.column);
        }
        out += ": ";
    }
    out += "error: ";
    out += message;
    return out;
}

} // namespace tutti::engine
