// Runs a flow from the studio, in the GUI thread on the real clock, through engine::RunSession
// like every other entry point: the transports come from the provider the studio injects (its
// mocks in-process for `mock`, libcurl otherwise), the run is stored in WORKSPACE/.tutti/traces.db
// like a CLI run, and every span event is forwarded as Qt signals so the canvas can light nodes up.
#pragma once

#include <editor/nodeitem.h>

#include <engine/core/json.h>
#include <engine/core/result.h>
#include <engine/core/trace.h>
#include <engine/runtime/transportprovider.h>
#include <engine/session/runsession.h>
#include <engine/trace/tracestore.h>

#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tutti::editor {

class RunController : public QObject {
    Q_OBJECT
public:
    // `transports` must outlive the controller.
    explicit RunController(engine::TransportProvider &transports, QObject *parent = nullptr);
    ~RunController() override;

    // Checks the flow, the environment, the input, its mocks and profiles and the trace
    // database, then starts the run. On error nothing has started and the error says why (every
    // problem, one a line). The controller adds its own sink to request.sinks.
    engine::Result<void> start(engine::RunRequest request);
    // Cancels the run: in-flight requests stop and completed steps are compensated.
    void stop();
    bool isRunning() const;

    // The last finished run (status, output, error, step summaries).
    const std::optional<engine::RunRecord> &lastRecord() const { return m_last; }

    // What a step last did in the current (or last, or shown) run, for the Inspector: its last
    // attempt's request and response (HTTP steps record them; others have none) and how the
    // step ended.
    struct StepData {
        engine::Json request, response, error;
        int attempt = 0;
        engine::Micros duration = 0;
        engine::SpanStatus status = engine::SpanStatus::Running;
    };
    const StepData *stepData(const QString &stepId) const; // nullptr: it did not run
    QString runId() const { return m_runId; } // the current, last or shown run ("" before any)

    // Shows a stored run (TraceStore::loadRun) as if it had just run: its spans are replayed in
    // the order they happened through the same path a live run's events take — the canvas
    // lights up, the tallies and stepData() fill — then finished() follows. `dbPath` is where it
    // is stored. False, doing nothing, while a run is in flight.
    bool showRun(const engine::RunTrace &run, const std::string &dbPath);
    const std::string &lastTraceDbPath() const { return m_lastDbPath; }

    // How often a step ran in the current (or last) run and how those runs ended: a step in a
    // map's body runs once per item, so one failed item is not the step's whole story. For a
    // map step, `items` counts its items the same way.
    struct Tally {
        int started = 0, ok = 0, failed = 0;
        int running() const { return started - ok - failed; }
    };
    Tally tally(const QString &stepId) const { return m_tallies.value(stepId); }
    Tally items(const QString &mapStepId) const { return m_items.value(mapStepId); }
    // "3 running · 16 ok · 1 failed" (the parts that are not zero).
    static QString tallyText(const Tally &tally);

    // A starting input for the run panel: engine::exampleInput (engine/model/schema.h).
    static engine::Json exampleInput(const engine::Json &inputSchema);
    // "40 µs", "8.2 ms", "82 ms", "1.24 s": every duration the studio shows (node badges, the run
    // and simulation tables) goes through this one function.
    static QString formatLatency(engine::Micros value);

signals:
    void runStarted(const QString &runId, const QString &flow);
    void stepStateChanged(const QString &stepId, tutti::editor::NodeState state,
                          const QString &detail);
    // One human line per notable event (step done, attempt failed, compensation), for the log.
    void eventLogged(const QString &line, bool error);
    void finished(const QString &status); // lastRecord() holds the whole record
    void stepDataChanged(const QString &stepId);

private:
    struct Active;
    class Sink;
    void onSpanStarted(const engine::Span &span);
    void onSpanFinished(const engine::Span &span);
    void onFinished(engine::RunRecord record);

    engine::TransportProvider &m_transports;
    std::unique_ptr<Active> m_active;
    std::optional<engine::RunRecord> m_last;
    std::string m_lastDbPath;
    QHash<QString, Tally> m_tallies;  // step spans per step id
    QHash<QString, Tally> m_items;    // item spans per map step id
    QHash<QString, StepData> m_data;  // per step id
    QSet<engine::SpanId> m_undoSpans; // compensation spans of the run
    QString m_runId;
};

} // namespace tutti::editor
