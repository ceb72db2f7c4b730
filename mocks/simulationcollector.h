// The simulator's per-run TraceSink: keeps only what the report needs (a compact record per span)
// and folds it into a SimulationReport when the run finishes — counts, latencies, errors by name
// and the critical path — so 10,000 runs never build trace rows nobody reads. When asked, it
// also buffers the run's full spans so a kept run can be written to a trace store afterwards.
#pragma once

#include <engine/core/trace.h>
#include <engine/trace/simulationreport.h>

#include <vector>

namespace tutti::mocks {

class SimulationCollector final : public engine::TraceSink {
public:
    explicit SimulationCollector(engine::SimulationReport &report)
        : m_report(report)
    {
    }

    // Before each run: clears the previous run; `bufferSpans` keeps full spans for keeping. The
    // run record itself comes with FlowRun::onFinished.
    void reset(bool bufferSpans);
    bool finished() const { return m_finished; }
    const std::vector<engine::Span> &spans() const { return m_spans; }
    bool buffered() const { return m_buffer; }
    // Request/response payloads are only needed for runs that may be kept: for the others the
    // executor skips building payload JSON.
    bool wantsPayloads() const override { return m_buffer; }

    void runStarted(const engine::RunRecord &run) override;
    void spanStarted(const engine::RunRecord &run, const engine::Span &span) override;
    void spanFinished(const engine::RunRecord &run, const engine::Span &span) override;
    void runFinished(const engine::RunRecord &run) override;

private:
    struct Node {
        engine::SpanId parent = 0;
        engine::SpanKind kind = engine::SpanKind::Step;
        engine::SpanStatus status = engine::SpanStatus::Running;
        bool closed = false;
        engine::Micros start = 0, end = 0;
        std::uint32_t attempts = 0; // attempt children (of a step span)
        std::string stepId;
        std::string errorType;
    };

    // The node of `span`, created when new, with what both span events carry copied in.
    Node &nodeOf(const engine::Span &span);
    void fold(const engine::RunRecord &run);

    engine::SimulationReport &m_report;
    std::vector<Node> m_nodes; // by span id
    std::vector<engine::Span> m_spans;
    bool m_buffer = false;
    bool m_finished = false;
};

} // namespace tutti::mocks
