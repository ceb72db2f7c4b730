// Names of step types, shared by the parser, the editor palette and error messages.
#include <engine/model/flow.h>

#include <array>
#include <utility>

namespace tutti::engine {

namespace {
template <std::size_t... I>
StepSpec specAt(std::size_t index, std::index_sequence<I...>)
{
    StepSpec spec;
    ((index == I ? (void)spec.emplace<I>() : (void)0), ...);
    return spec;
}

const std::array<const char *, 10> kNames = {"http", "transform", "script", "choice",  "parallel",
                                             "map",  "wait",      "call",   "respond", "fail"};
} // namespace

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

StepSpec defaultStepSpec(StepType type)
{
    return specAt(static_cast<std::size_t>(type),
                  std::make_index_sequence<std::variant_size_v<StepSpec>>());
}

const HttpRequestSpec *compensationOf(const Step &step)
{
    if (const auto *http = step.tryAs<HttpSpec>(); http && http->compensate)
        return &*http->compensate;
    if (const auto *call = step.tryAs<CallSpec>(); call && call->compensate)
        return &*call->compensate;
    return nullptr;
}

const std::vector<std::string> &stepTypeNames()
{
    static const std::vector<std::string> names(kNames.begin(), kNames.end());
    return names;
}

} // namespace tutti::engine
