// The step lines `tutti run` prints as a run goes ("  ✓ reserve   12 ms  HTTP 201"), shared with
// `tutti debug --dap`, which sends the same lines to its client as `output` events.
#pragma once

#include <engine/core/duration.h>
#include <engine/core/trace.h>
#include <engine/runtime/executor.h>

#include <functional>
#include <map>
#include <string>

namespace tutti::cli {

// "3.2 ms" below 10 ms, "42 ms" above.
std::string formatMs(engine::Micros value);

// The lines after a run: "\ncheckout succeeded in 412 ms (status 201)  run ID\n" and, when it
// failed, "error: TYPE at step 'ID': MESSAGE\n".
std::string runSummary(const engine::RunResult &result);

// Prints each step as it finishes, so a person watching a slow run sees where it is. Each line
// (newline-terminated) goes to `write`.
class ConsoleSink final : public engine::TraceSink {
public:
    ConsoleSink(bool colour, std::function<void(const std::string &line)> write);
    void runStarted(const engine::RunRecord &) override {}
    void spanStarted(const engine::RunRecord &, const engine::Span &) override {}
    void spanFinished(const engine::RunRecord &, const engine::Span &span) override;
    void runFinished(const engine::RunRecord &) override {}

private:
    std::string colour(const char *mark, engine::SpanStatus status) const;
    bool m_colour;
    std::function<void(const std::string &)> m_write;
    std::map<std::string, std::string> m_lastStatus;
};

} // namespace tutti::cli
