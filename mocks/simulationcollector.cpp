// Folding one run's spans into the simulation report (simulationcollector.h).
#include <mocks/simulationcollector.h>

#include <engine/core/softassert.h>

namespace tutti::mocks {

using engine::SimulationReport;
using engine::SimulationStepStats;
using engine::SpanKind;
using engine::SpanStatus;

namespace {

std::string errorType(const engine::Json &error)
{
    if (error.is_object())
        if (auto it = error.find("type"); it != error.end() && it->is_string())
            return it->get<std::string>();
    return "error";
}

} // namespace

void SimulationCollector::reset(bool bufferSpans)
{
    m_nodes.clear();
    m_spans.clear();
    m_buffer = bufferSpans;
    m_finished = false;
}

void SimulationCollector::runStarted(const engine::RunRecord &) {}

SimulationCollector::Node &SimulationCollector::nodeOf(const engine::Span &span)
{
    // Span ids are small and sequential within a run, so a vector indexed by id is the map.
    if (span.id >= m_nodes.size())
        m_nodes.resize(span.id + 1);
    Node &n = m_nodes[span.id];
    n.parent = span.parent;
    n.kind = span.kind;
    n.start = span.start;
    return n;
}

void SimulationCollector::spanStarted(const engine::RunRecord &, const engine::Span &span)
{
    nodeOf(span).stepId = span.stepId;
}

void SimulationCollector::spanFinished(const engine::RunRecord &, const engine::Span &span)
{
    Node &n = nodeOf(span);
    n.end = span.start + span.duration;
    n.status = span.status;
    n.closed = true;
    if (n.stepId.empty())
        n.stepId = span.stepId;
    if (span.status == SpanStatus::Error || span.status == SpanStatus::Cancelled)
        n.errorType = span.status == SpanStatus::Cancelled && span.error.is_null()
                          ? std::string("cancelled")
                          : errorType(span.error);
    if (m_buffer)
        m_spans.push_back(span);
}

void SimulationCollector::runFinished(const engine::RunRecord &run)
{
    fold(run);
    m_finished = true;
}

void SimulationCollector::fold(const engine::RunRecord &run)
{
    SimulationReport &r = m_report;
    ++r.runs;
    ++r.statuses[static_cast<int>(run.status)];
    r.durations.record(run.duration);
    if (!run.error.is_null())
        ++r.runErrors[errorType(run.error)];

    const std::size_t n = m_nodes.size();
    // Attempts belong to the step (or compensation) span that is their parent.
    for (std::size_t id = 1; id < n; ++id) {
        const Node &node = m_nodes[id];
        if (!node.closed || node.kind != SpanKind::Attempt)
            continue;
        TUTTI_ASSERT(node.parent < n, continue); // parents open before their children
        Node &parent = m_nodes[node.parent];
        if (parent.kind != SpanKind::Step)
            continue;
        ++parent.attempts;
        if (node.status == SpanStatus::Error)
            ++r.step(node.stepId).errors[node.errorType];
    }

    // The critical path: top-level spans run one after another, so they are all on it; under a
    // parallel or map step only the branch or item that finished last is; everything else
    // inherits from its parent. Parents are opened, hence numbered, before their children.
    std::vector<engine::SpanId> latest(n, 0); // parent -> its latest-ending branch/item child
    for (std::size_t id = 1; id < n; ++id) {
        const Node &node = m_nodes[id];
        if (!node.closed || (node.kind != SpanKind::Branch && node.kind != SpanKind::Item))
            continue;
        TUTTI_ASSERT(node.parent < n, continue);
        engine::SpanId &best = latest[node.parent];
        if (best == 0 || node.end > m_nodes[best].end)
            best = id;
    }
    std::vector<char> critical(n, 0);
    const double runDuration = static_cast<double>(run.duration);
    for (std::size_t id = 1; id < n; ++id) {
        const Node &node = m_nodes[id];
        if (!node.closed)
            continue;
        const bool parentCritical = node.parent == 0 || (node.parent < n && critical[node.parent]);
        if (node.kind == SpanKind::Branch || node.kind == SpanKind::Item)
            critical[id] = parentCritical && latest[node.parent] == id;
        else
            critical[id] = parentCritical;

        if (node.kind == SpanKind::Step) {
            SimulationStepStats &s = r.step(node.stepId);
            ++s.calls;
            s.attempts += node.attempts == 0 ? 1 : node.attempts;
            s.latencies.record(node.end - node.start);
            if (node.status != SpanStatus::Ok)
                ++s.failures[node.errorType];
            if (critical[id] && runDuration > 0)
                s.criticalShareSum += static_cast<double>(node.end - node.start) / runDuration;
        } else if (node.kind == SpanKind::Compensation) {
            SimulationStepStats &s = r.step(node.stepId);
            ++s.compensations;
            ++r.compensations;
            if (node.status != SpanStatus::Ok) {
                ++s.compensationsFailed;
                ++r.compensationsFailed;
            }
        }
    }
}

} // namespace tutti::mocks
