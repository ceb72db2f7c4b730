// Studio runs through engine::RunSession; see runcontroller.h.
#include <editor/runcontroller.h>

#include <QDateTime>
#include <QMetaObject>

#include <algorithm>
#include <limits>

namespace tutti::editor {

using namespace tutti::engine;

namespace {

QString q(const std::string &text)
{
    return QString::fromStdString(text);
}

} // namespace

// What one run of the studio holds: the session (flow, transport, trace store, the run) and the
// sink forwarding its events, which the session refers to and so must outlive it.
struct RunController::Active {
    std::unique_ptr<Sink> sink;
    std::unique_ptr<RunSession> session;
    bool finished = false;
};

// Forwards the executor's events (same thread) to the controller's signals.
class RunController::Sink final : public TraceSink {
public:
    explicit Sink(RunController *owner)
        : m_owner(owner)
    {
    }
    void runStarted(const RunRecord &run) override
    {
        m_owner->m_runId = q(run.id);
        emit m_owner->runStarted(q(run.id), q(run.flow));
    }
    void spanStarted(const RunRecord &, const Span &span) override { m_owner->onSpanStarted(span); }
    void spanFinished(const RunRecord &, const Span &span) override
    {
        m_owner->onSpanFinished(span);
    }
    void runFinished(const RunRecord &) override {}

private:
    RunController *m_owner;
};

RunController::RunController(TransportProvider &transports, QObject *parent)
    : QObject(parent)
    , m_transports(transports)
{
}

// A run still in flight is dropped with its session, without callbacks (runsession.h).
RunController::~RunController() = default;

bool RunController::isRunning() const
{
    return m_active && !m_active->finished;
}

Result<void> RunController::start(RunRequest request)
{
    if (isRunning())
        return fail(ErrorCode::Validation, "a run is already in progress");
    auto active = std::make_unique<Active>();
    active->sink = std::make_unique<Sink>(this);
    m_tallies.clear();
    m_items.clear();
    m_data.clear();
    m_undoSpans.clear();
    request.sinks.push_back(active->sink.get());
    auto session = RunSession::create(request, m_transports);
    if (!session) {
        // The panel shows one message: every problem, one a line, located.
        Error first = session.error().errors.front();
        first.message = session.error().text();
        return std::unexpected(std::move(first));
    }
    active->session = std::move(*session);
    m_lastDbPath = active->session->traceDatabase();
    active->session->onFinished = [this](const RunResult &result) { onFinished(result.record); };
    m_active = std::move(active);
    m_active->session->start();
    return {};
}

void RunController::stop()
{
    if (isRunning()) {
        emit eventLogged(tr("Stopping: cancelling the run and compensating completed steps…"),
                         false);
        m_active->session->cancel();
    }
}

QString RunController::tallyText(const Tally &t)
{
    QStringList parts;
    if (t.running() > 0)
        parts << tr("%1 running").arg(t.running());
    if (t.ok > 0)
        parts << tr("%1 ok").arg(t.ok);
    if (t.failed > 0)
        parts << tr("%1 failed").arg(t.failed);
    return parts.join(QStringLiteral(" · "));
}

void RunController::onSpanStarted(const Span &span)
{
    if (span.kind == SpanKind::Compensation)
        m_undoSpans.insert(span.id);
    if (span.kind == SpanKind::Step) {
        Tally &t = m_tallies[q(span.stepId)];
        ++t.started;
        // A step inside a map runs once per item: say how many are at it.
        emit stepStateChanged(q(span.stepId), NodeState::Running,
                              t.started > 1 ? tallyText(t) : QString());
    } else if (span.kind == SpanKind::Item) {
        ++m_items[q(span.stepId)].started;
    } else if (span.kind == SpanKind::Attempt && span.attempt > 1) {
        emit stepStateChanged(q(span.stepId), NodeState::Retrying,
                              tr("attempt %1").arg(span.attempt));
    }
}

void RunController::onSpanFinished(const Span &span)
{
    const QString step = q(span.stepId);
    // The attempts of a compensation send the undo request: not what the step itself did.
    if (!step.isEmpty() && (span.kind == SpanKind::Step || (span.kind == SpanKind::Attempt &&
                                                            !m_undoSpans.contains(span.parent)))) {
        StepData &data = m_data[step];
        if (span.kind == SpanKind::Attempt) {
            data.attempt = span.attempt;
            data.request = span.request;
            data.response = span.response;
        } else {
            data.status = span.status;
            data.duration = span.duration;
            data.error = span.error;
        }
        emit stepDataChanged(step);
    }
    const QString latency = formatLatency(span.duration);
    const QString errorText = span.error.is_null()
                                  ? QString()
                                  : q(span.error.value("type", std::string()) + ": " +
                                      span.error.value("message", std::string()));
    switch (span.kind) {
    case SpanKind::Step: {
        Tally &t = m_tallies[step];
        ++(span.status == SpanStatus::Ok ? t.ok : t.failed);
        if (span.status == SpanStatus::Ok)
            emit eventLogged(tr("✓ %1  %2").arg(step, latency), false);
        else
            emit eventLogged(
                tr("✗ %1  %2  %3")
                    .arg(step, latency,
                         span.status == SpanStatus::Cancelled ? tr("cancelled") : errorText),
                true);
        if (t.started > 1) {
            // Several runs of one step (a map's body): the node says how they are going, and
            // is red only once every run has ended and one of them failed.
            const NodeState state = t.running() > 0 ? NodeState::Running
                                    : t.failed > 0  ? NodeState::Failed
                                                    : NodeState::Succeeded;
            emit stepStateChanged(step, state, tallyText(t));
        } else {
            emit stepStateChanged(
                step, span.status == SpanStatus::Ok ? NodeState::Succeeded : NodeState::Failed,
                latency);
        }
        break;
    }
    case SpanKind::Item: {
        // The map's own row stays "running" until its own span ends; its items are counted.
        Tally &items = m_items[step];
        ++(span.status == SpanStatus::Ok ? items.ok : items.failed);
        if (m_tallies.value(step).running() > 0)
            emit stepStateChanged(step, NodeState::Running, tr("items: %1").arg(tallyText(items)));
        break;
    }
    case SpanKind::Attempt:
        if (span.status == SpanStatus::Error) {
            emit stepStateChanged(step, NodeState::Retrying,
                                  tr("attempt %1 failed").arg(span.attempt));
            emit eventLogged(tr("↻ %1  attempt %2 failed after %3  %4")
                                 .arg(step)
                                 .arg(span.attempt)
                                 .arg(latency, errorText),
                             true);
        }
        break;
    case SpanKind::Compensation:
        if (span.status == SpanStatus::Ok) {
            emit stepStateChanged(step, NodeState::Compensated, tr("undone in %1").arg(latency));
            emit eventLogged(tr("↩ %1  compensated in %2").arg(step, latency), false);
        } else {
            emit stepStateChanged(step, NodeState::Failed, tr("undo failed"));
            emit eventLogged(tr("✗ %1  compensation failed  %2").arg(step, errorText), true);
        }
        break;
    default:
        break;
    }
}

void RunController::onFinished(RunRecord record)
{
    m_active->finished = true;
    m_last = std::move(record);
    // The session is calling us: free it once its callback has returned.
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (m_active && m_active->finished)
                m_active.reset();
        },
        Qt::QueuedConnection);
    emit finished(q(toString(m_last->status)));
}

const RunController::StepData *RunController::stepData(const QString &stepId) const
{
    auto it = m_data.constFind(stepId);
    return it == m_data.constEnd() ? nullptr : &*it;
}

bool RunController::showRun(const RunTrace &run, const std::string &dbPath)
{
    if (isRunning())
        return false;
    m_tallies.clear();
    m_items.clear();
    m_data.clear();
    m_undoSpans.clear();
    m_runId = q(run.first.id);
    m_lastDbPath = dbPath;
    emit eventLogged(tr("Stored run %1 of %2, started %3")
                         .arg(m_runId, q(run.first.flow),
                              QDateTime::fromMSecsSinceEpoch(run.first.startedAt / 1000)
                                  .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))),
                     false);
    // The store keeps finished spans only. A span starts at `start` and ends at start+duration;
    // span ids grow in the order spans opened, so at equal times a parent starts first and ends
    // last. Before a span starts, every open span that ended by then (and is not its ancestor)
    // finishes.
    const std::vector<Span> &spans = run.second;
    std::vector<std::size_t> order(spans.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return std::pair(spans[a].start, spans[a].id) < std::pair(spans[b].start, spans[b].id);
    });
    QHash<SpanId, SpanId> parentOf;
    for (const Span &s : spans)
        parentOf.insert(s.id, s.parent);
    const auto isAncestor = [&](SpanId ancestor, SpanId of) {
        for (SpanId p = parentOf.value(of); p != 0; p = parentOf.value(p))
            if (p == ancestor)
                return true;
        return false;
    };
    const auto endsBefore = [&](std::size_t a, std::size_t b) { // a ends first
        const Micros ea = spans[a].start + spans[a].duration;
        const Micros eb = spans[b].start + spans[b].duration;
        return ea != eb ? ea < eb : spans[a].id > spans[b].id;
    };
    std::vector<std::size_t> open;
    const auto finishUntil = [&](Micros t, SpanId next) {
        std::sort(open.begin(), open.end(), endsBefore);
        std::vector<std::size_t> still;
        for (std::size_t i : open) {
            const Span &s = spans[i];
            const Micros end = s.start + s.duration;
            if (end > t || (end == t && next != 0 && isAncestor(s.id, next)))
                still.push_back(i);
            else
                onSpanFinished(s);
        }
        open = std::move(still);
    };
    for (std::size_t i : order) {
        finishUntil(spans[i].start, spans[i].id);
        onSpanStarted(spans[i]);
        open.push_back(i);
    }
    finishUntil(std::numeric_limits<Micros>::max(), 0);
    m_last = run.first;
    emit finished(q(toString(m_last->status)));
    return true;
}

Json RunController::exampleInput(const Json &schema)
{
    return engine::exampleInput(schema);
}

QString RunController::formatLatency(Micros value)
{
    // Below 0.1 ms one decimal of milliseconds would read "0.0 ms" (or 0.1 for 60 µs).
    if (value < 100)
        return tr("%1 µs").arg(value);
    if (value < 10 * kMillisecond)
        return tr("%1 ms").arg(static_cast<double>(value) / 1000.0, 0, 'f', 1);
    if (value < 10 * kSecond)
        return tr("%1 ms").arg(value / 1000);
    if (value < 120 * kSecond)
        return tr("%1 s").arg(static_cast<double>(value) / 1e6, 0, 'f', 2);
    if (value < 2 * 3600 * kSecond)
        return tr("%1 min").arg(static_cast<double>(value) / 60e6, 0, 'f', 1);
    return tr("%1 h").arg(static_cast<double>(value) / 3600e6, 0, 'f', 1);
}

} // namespace tutti::editor
