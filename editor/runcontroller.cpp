// Studio runs on the real clock with mocks in-process or libcurl; see runcontroller.h.
#include <editor/runcontroller.h>

#include <engine/model/flowparser.h>
#include <engine/model/schema.h>
#include <engine/model/workspace.h>
#include <engine/net/curltransport.h>
#include <engine/net/realclock.h>
#include <engine/runtime/circuitbreaker.h>
#include <engine/runtime/executor.h>
#include <engine/trace/tracestore.h>
#include <mocks/inprocesstransport.h>
#include <mocks/mockregistry.h>
#include <mocks/profile.h>

#include <QFileInfo>
#include <QMetaObject>
#include <QRandomGenerator>

#include <map>
#include <set>

namespace tutti::editor {

using namespace tutti::engine;

namespace {

QString q(const std::string &text)
{
    return QString::fromStdString(text);
}

Error joined(const Errors &errors)
{
    Error e = errors.front();
    std::string text;
    for (const Error &each : errors)
        text += (text.empty() ? "" : "\n") + each.toString();
    e.message = text;
    return e;
}

} // namespace

// Everything one run needs, kept together so it all outlives the FlowRun.
struct RunController::Active {
    RealClock clock;
    mocks::MockRegistry registry;
    std::unique_ptr<HttpTransport> transport;
    CircuitBreakers breakers;
    RunEnvironment environment;
    std::unique_ptr<TraceStore> store;
    std::unique_ptr<Sink> sink;
    FanOutSink sinks;
    std::shared_ptr<const Flow> flow;
    std::unique_ptr<FlowRun> run;
    std::map<std::string, int> attempts; // step id -> attempts seen
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

RunController::RunController(QObject *parent)
    : QObject(parent)
{
}

RunController::~RunController()
{
    // A run still in flight is dropped without callbacks: its trace row stays "running", as
    // after a crash, which the store is built for.
    if (m_active && m_active->run)
        m_active->run->onFinished = nullptr;
}

bool RunController::isRunning() const
{
    return m_active && !m_active->finished;
}

Result<void> RunController::start(const RunRequest &request)
{
    if (isRunning())
        return fail(ErrorCode::Validation, "a run is already in progress");
    auto active = std::make_unique<Active>();

    FlowLoad load = request.yamlText.empty() ? loadFlowFile(request.flowPath)
                                             : parseFlow(request.yamlText, request.flowPath);
    if (!load.ok())
        return std::unexpected(
            load.errors.empty() ? Error{ErrorCode::Validation, "the flow cannot be loaded", {}, {}}
                                : joined(load.errors));
    active->flow = load.flow;

    if (!load.flow->inputSchema.is_null()) {
        Errors problems = load.flow->inputValidator.validate(request.input);
        if (!problems.empty()) {
            for (Error &p : problems)
                p.message =
                    "input" + (p.path.empty() ? std::string() : " " + p.path) + ": " + p.message;
            return std::unexpected(joined(problems));
        }
    }

    auto workspace = workspaceForFlow(request.flowPath);
    if (!workspace)
        return std::unexpected(workspace.error());
    auto environment = RunEnvironment::fromWorkspace(*workspace, request.environment);
    if (!environment)
        return std::unexpected(environment.error());
    active->environment = std::move(*environment);

    if (active->environment.name == "mock") {
        Errors errors = active->registry.loadForFlow(*load.flow, request.profileFiles);
        if (!errors.empty())
            return std::unexpected(joined(errors));
        active->transport =
            std::make_unique<mocks::InProcessTransport>(active->registry, active->clock);
    } else {
        active->transport = std::make_unique<CurlTransport>();
    }

    const std::string dbPath =
        request.traceDbPath.empty() ? workspace->traceDbPath() : request.traceDbPath;
    if (request.storeTrace) {
        active->store = std::make_unique<TraceStore>();
        if (auto opened = active->store->open(dbPath); !opened)
            return std::unexpected(opened.error());
        active->sinks.add(active->store.get());
        m_lastDbPath = dbPath;
    }
    active->sink = std::make_unique<Sink>(this);
    active->sinks.add(active->sink.get());

    RunDeps deps;
    deps.clock = &active->clock;
    deps.transport = active->transport.get();
    deps.sink = &active->sinks;
    deps.breakers = &active->breakers;
    deps.environment = &active->environment;
    RunOptions options;
    options.input = request.input;
    options.seed =
        request.seed ? *request.seed : QRandomGenerator::system()->generate64() & 0xFFFFFFFFFFFFull;

    active->run = std::make_unique<FlowRun>(load.flow, deps, options);
    active->run->onFinished = [this](const RunResult &result) { onFinished(result.record); };
    m_active = std::move(active);
    m_active->run->start();
    return {};
}

void RunController::stop()
{
    if (isRunning()) {
        emit eventLogged(tr("Stopping: cancelling the run and compensating completed steps…"),
                         false);
        m_active->run->cancel();
    }
}

void RunController::onSpanStarted(const Span &span)
{
    if (span.kind == SpanKind::Step) {
        emit stepStateChanged(q(span.stepId), NodeState::Running, {});
    } else if (span.kind == SpanKind::Attempt && span.attempt > 1) {
        emit stepStateChanged(q(span.stepId), NodeState::Retrying,
                              tr("attempt %1").arg(span.attempt));
    }
}

void RunController::onSpanFinished(const Span &span)
{
    const QString step = q(span.stepId);
    const QString latency = formatLatency(span.duration);
    const QString errorText = span.error.is_null()
                                  ? QString()
                                  : q(span.error.value("type", std::string()) + ": " +
                                      span.error.value("message", std::string()));
    switch (span.kind) {
    case SpanKind::Step:
        if (span.status == SpanStatus::Ok) {
            emit stepStateChanged(step, NodeState::Succeeded, latency);
            emit eventLogged(tr("✓ %1  %2").arg(step, latency), false);
        } else {
            const QString what = span.status == SpanStatus::Cancelled ? tr("cancelled") : errorText;
            emit stepStateChanged(step, NodeState::Failed, latency);
            emit eventLogged(tr("✗ %1  %2  %3").arg(step, latency, what), true);
        }
        break;
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
    if (m_active->store)
        (void)m_active->store->flush();
    m_last = std::move(record);
    // The FlowRun is calling us: free it once its callback has returned.
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (m_active && m_active->finished)
                m_active.reset();
        },
        Qt::QueuedConnection);
    emit finished(q(toString(m_last->status)));
}

QStringList RunController::environments(const std::string &flowPath)
{
    QStringList names{QStringLiteral("mock")};
    if (auto ws = workspaceForFlow(flowPath))
        for (const auto &[name, _] : ws->environments)
            if (name != "mock")
                names << q(name);
    return names;
}

QStringList RunController::profileFiles(const std::string &flowPath)
{
    QStringList files;
    if (auto ws = workspaceForFlow(flowPath))
        for (const std::string &file : ws->profileFiles())
            files << q(file);
    return files;
}

Json RunController::exampleInput(const Json &schema)
{
    if (!schema.is_object())
        return Json::object();
    if (auto it = schema.find("examples"); it != schema.end() && it->is_array() && !it->empty())
        return it->front();
    Json out = Json::object();
    const Json props = schema.value("properties", Json::object());
    std::set<std::string> required;
    if (auto it = schema.find("required"); it != schema.end() && it->is_array())
        for (const auto &r : *it)
            if (r.is_string())
                required.insert(r.get<std::string>());
    for (const auto &[name, prop] : props.items()) {
        if (prop.is_object() && prop.contains("default")) {
            out[name] = prop["default"];
            continue;
        }
        if (!required.contains(name))
            continue;
        const std::string type = prop.is_object() ? prop.value("type", std::string()) : "";
        if (prop.is_object() && prop.contains("enum") && prop["enum"].is_array() &&
            !prop["enum"].empty())
            out[name] = prop["enum"].front();
        else if (type == "integer")
            out[name] = std::max<std::int64_t>(prop.value("minimum", std::int64_t(1)), 1);
        else if (type == "number")
            out[name] = std::max(prop.value("minimum", 1.0), 1.0) * 10;
        else if (type == "boolean")
            out[name] = false;
        else if (type == "array")
            out[name] = Json::array();
        else if (type == "object")
            out[name] = Json::object();
        else
            out[name] = name + "-1";
    }
    for (const std::string &name : required)
        if (!out.contains(name))
            out[name] = name + "-1";
    return out;
}

QString RunController::formatLatency(Micros value)
{
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
