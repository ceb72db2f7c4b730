// Canonical spellings of run and span enums, shared by JSON output and the trace database.
#include <engine/core/trace.h>

#include <engine/core/softassert.h>

namespace tutti::engine {

namespace {
constexpr const char *kRunStatus[] = {"running",     "succeeded",           "failed",
                                      "compensated", "compensation_failed", "interrupted"};
constexpr const char *kSpanKind[] = {"step",   "attempt", "wait", "compensation",
                                     "branch", "item",    "debug"};
constexpr const char *kSpanStatus[] = {"running", "ok", "error", "cancelled"};
constexpr const char *kStepStatus[] = {"running",   "succeeded",   "failed",
                                       "cancelled", "compensated", "compensation_failed"};

template <typename E, std::size_t N>
bool parseEnum(std::string_view text, const char *const (&names)[N], E &out)
{
    for (std::size_t i = 0; i < N; ++i)
        if (text == names[i]) {
            out = static_cast<E>(i);
            return true;
        }
    return false;
}

// The name of enumerator `value`; an out-of-range value (a cast from a corrupt number) would
// read past the table.
template <typename E, std::size_t N>
const char *nameOf(E value, const char *const (&names)[N])
{
    const auto index = static_cast<std::size_t>(value);
    TUTTI_ASSERT(index < N, return "unknown");
    return names[index];
}
} // namespace

const char *toString(RunStatus status)
{
    return nameOf(status, kRunStatus);
}
const char *toString(SpanKind kind)
{
    return nameOf(kind, kSpanKind);
}
const char *toString(SpanStatus status)
{
    return nameOf(status, kSpanStatus);
}
const char *toString(StepStatus status)
{
    return nameOf(status, kStepStatus);
}
bool parseRunStatus(std::string_view text, RunStatus &out)
{
    return parseEnum(text, kRunStatus, out);
}
std::string runStatusNames()
{
    std::string out;
    for (const char *name : kRunStatus)
        out += (out.empty() ? "" : ", ") + std::string(name);
    return out;
}
bool parseSpanKind(std::string_view text, SpanKind &out)
{
    return parseEnum(text, kSpanKind, out);
}
bool parseSpanStatus(std::string_view text, SpanStatus &out)
{
    return parseEnum(text, kSpanStatus, out);
}
bool parseStepStatus(std::string_view text, StepStatus &out)
{
    return parseEnum(text, kStepStatus, out);
}

} // namespace tutti::engine
