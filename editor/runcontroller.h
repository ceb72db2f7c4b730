// Runs a flow from the studio, in the GUI thread on the real clock: against its mocks in-process
// (the default) or a named environment over libcurl, stored in WORKSPACE/.tutti/traces.db like a
// CLI run, with every span event forwarded as Qt signals so the canvas can light nodes up.
#pragma once

#include <editor/nodeitem.h>

#include <engine/core/json.h>
#include <engine/core/result.h>
#include <engine/core/trace.h>

#include <QObject>
#include <QStringList>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tutti::editor {

struct RunRequest {
    std::string flowPath; // the flow file (workspace, relative mock and sub-flow paths)
    std::string yamlText; // what to run; "" reads flowPath (so unsaved edits can run)
    engine::Json input = engine::Json::object();
    std::string environment = "mock";
    std::vector<std::string> profileFiles; // overlaid on the mocks (mock environment only)
    std::optional<std::uint64_t> seed;     // none: a fresh random seed
    std::string traceDbPath;               // "": WORKSPACE/.tutti/traces.db
    bool storeTrace = true;
};

class RunController : public QObject {
    Q_OBJECT
public:
    explicit RunController(QObject *parent = nullptr);
    ~RunController() override;

    // Checks the flow, its mocks and profiles, the environment, the input and the trace
    // database, then starts the run. On error nothing has started and the error says why.
    engine::Result<void> start(const RunRequest &request);
    // Cancels the run: in-flight requests stop and completed steps are compensated.
    void stop();
    bool isRunning() const;

    // The last finished run (status, output, error, step summaries).
    const std::optional<engine::RunRecord> &lastRecord() const { return m_last; }
    const std::string &lastTraceDbPath() const { return m_lastDbPath; }

    // For the panels' choosers: "mock" first, then the environments of the flow's tutti.yaml;
    // the workspace's profiles/*.profile.yaml.
    static QStringList environments(const std::string &flowPath);
    static QStringList profileFiles(const std::string &flowPath);
    // A starting input for the run panel: the schema's first example, else its defaults and
    // a placeholder per required property, else {}.
    static engine::Json exampleInput(const engine::Json &inputSchema);
    // "82 ms", "1.24 s".
    static QString formatLatency(engine::Micros value);

signals:
    void runStarted(const QString &runId, const QString &flow);
    void stepStateChanged(const QString &stepId, tutti::editor::NodeState state,
                          const QString &detail);
    // One human line per notable event (step done, attempt failed, compensation), for the log.
    void eventLogged(const QString &line, bool error);
    void finished(const QString &status); // lastRecord() holds the whole record

private:
    struct Active;
    class Sink;
    void onSpanStarted(const engine::Span &span);
    void onSpanFinished(const engine::Span &span);
    void onFinished(engine::RunRecord record);

    std::unique_ptr<Active> m_active;
    std::optional<engine::RunRecord> m_last;
    std::string m_lastDbPath;
};

} // namespace tutti::editor
