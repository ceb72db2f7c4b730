// The step lines of `tutti run` (consolesink.h).
#include "consolesink.h"

#include <engine/core/jsonio.h>

#include <cstdio>
#include <utility>

namespace tutti::cli {

using namespace tutti::engine;

std::string formatMs(Micros value)
{
    char buffer[32];
    if (value < 10 * kMillisecond)
        std::snprintf(buffer, sizeof buffer, "%.1f ms", static_cast<double>(value) / 1000.0);
    else
        std::snprintf(buffer, sizeof buffer, "%lld ms", static_cast<long long>(value / 1000));
    return buffer;
}

std::string runSummary(const RunResult &result)
{
    const RunRecord &record = result.record;
    std::string summary =
        "\n" + record.flow + " " + toString(record.status) + " in " + formatMs(record.duration);
    if (result.httpStatus)
        summary += " (status " + std::to_string(result.httpStatus) + ")";
    summary += "  run " + record.id + "\n";
    if (!record.error.is_null())
        summary += "error: " + record.error.value("type", std::string()) + " at step '" +
                   record.error.value("step", std::string()) +
                   "': " + record.error.value("message", std::string()) + "\n";
    return summary;
}

ConsoleSink::ConsoleSink(bool colour, std::function<void(const std::string &line)> write)
    : m_colour(colour)
    , m_write(std::move(write))
{
}

void ConsoleSink::spanFinished(const RunRecord &, const Span &span)
{
    const char *mark = nullptr;
    std::string detail;
    switch (span.kind) {
    case SpanKind::Step:
        if (!span.reusedFrom.empty()) { // taken over from an earlier run: no time, no HTTP
            std::string line = "  " + colour("↷", SpanStatus::Cancelled) + " " + span.name;
            if (line.size() < 28)
                line.resize(28, ' ');
            m_write(line + " reused from " + span.reusedFrom + "\n");
            return;
        }
        mark = span.status == SpanStatus::Ok ? "✓"
                                             : (span.status == SpanStatus::Cancelled ? "–" : "✗");
        break;
    case SpanKind::Attempt:
        if (!span.response.is_null() && span.response.contains("status"))
            m_lastStatus[span.stepId] = dumpJson(span.response["status"]);
        if (span.status != SpanStatus::Error)
            return;
        mark = "↻";
        detail = "attempt " + std::to_string(span.attempt) + " ";
        break;
    case SpanKind::Compensation:
        mark = span.status == SpanStatus::Ok ? "↩" : "✗";
        break;
    default:
        return;
    }
    // Attempt lines name their step ("↻ charge  attempt 2"), not the attempt twice.
    const std::string &name = span.kind == SpanKind::Attempt ? span.stepId : span.name;
    std::string line = "  " + colour(mark, span.status) + " " + name;
    if (line.size() < 28)
        line.resize(28, ' ');
    line += " " + detail + formatMs(span.duration);
    if (span.kind == SpanKind::Step)
        if (auto it = m_lastStatus.find(span.stepId); it != m_lastStatus.end())
            line += "  HTTP " + it->second;
    if (!span.response.is_null() && span.response.contains("status"))
        line += "  HTTP " + dumpJson(span.response["status"]);
    if (!span.error.is_null())
        line += "  " + span.error.value("type", std::string()) + ": " +
                span.error.value("message", std::string());
    m_write(line + "\n");
}

std::string ConsoleSink::colour(const char *mark, SpanStatus status) const
{
    if (!m_colour)
        return mark;
    const char *code = status == SpanStatus::Ok
                           ? "\033[32m"
                           : (status == SpanStatus::Error ? "\033[31m" : "\033[33m");
    return std::string(code) + mark + "\033[0m";
}

} // namespace tutti::cli
