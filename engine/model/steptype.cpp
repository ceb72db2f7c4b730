// Names of step types, shared by the parser, the editor palette and error messages.
#include <engine/model/flow.h>

#include <array>

namespace tutti::engine {

namespace {
const std::array<const char *, 10> kNames = {"http", "transform", "script", "choice",  "parallel",
                                             "map",  "wait",      "call",   "respond", "fail"};
}

const char *toString(StepType type)
{
    return kNames[static_cast<std::size_t>(type)];
}

std::optional<StepType> parseStepType(std::string_view text)
{
    for (std::size_t i = 0; i < kNames.size(); ++i)
        if (text == kNames[i])
            return static_cast<StepType>(i);
    return std::nullopt;
}

const std::vector<std::string> &stepTypeNames()
{
    static const std::vector<std::string> names(kNames.begin(), kNames.end());
    return names;
}

} // namespace tutti::engine
