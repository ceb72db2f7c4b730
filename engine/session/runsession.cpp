// Setting one run up and running it as a job (runsession.h).
#include <engine/session/runsession.h>

#include <engine/net/realclock.h>
#include <engine/trace/tracestore.h>

#include <QRandomGenerator>

namespace tutti::engine {

std::string TraceTarget::databaseFor(const Workspace &workspace) const
{
    switch (kind) {
    case Kind::WorkspaceDatabase:
        return workspace.traceDbPath();
    case Kind::Database:
        return databasePath;
    case Kind::Sink:
    case Kind::None:
        break;
    }
    return {};
}

RunSession::RunSession(RunPlan plan)
    : m_plan(std::move(plan))
{
}

RunSession::~RunSession()
{
    if (m_run)
        m_run->onFinished = nullptr;
}

std::expected<std::unique_ptr<RunSession>, SetupError>
RunSession::create(const RunRequest &request, TransportProvider &transports)
{
    auto plan = RunPlan::load(request.flow, request.environment);
    if (!plan)
        return std::unexpected(std::move(plan.error()));
    return create(std::move(*plan), request, transports);
}

std::expected<std::unique_ptr<RunSession>, SetupError>
RunSession::create(RunPlan plan, const RunRequest &request, TransportProvider &transports)
{
    // Run from a step: the earlier run's context, from the database the trace goes to unless
    // the request names another (where `tutti run` stored it).
    std::optional<Reuse> reuse;
    if (request.from) {
        std::string database = request.from->traceDatabase;
        if (database.empty())
            database = request.trace.databaseFor(plan.workspace());
        if (database.empty())
            database = plan.workspace().traceDbPath();
        auto found = reuseRun(*plan.flow(), database, request.from->step, request.from->run);
        if (!found)
            return std::unexpected(std::move(found.error()));
        reuse = std::move(*found);
    }
    const Json &input = reuse && request.from->reuseInput ? reuse->input : request.input;
    if (Errors problems = plan.inputProblems(input); !problems.empty())
        return std::unexpected(SetupError{SetupStage::Input, std::move(problems)});

    std::unique_ptr<RunSession> session(new RunSession(std::move(plan)));
    Clock *clock = request.clock;
    if (!clock) {
        session->m_ownClock = std::make_unique<RealClock>();
        clock = session->m_ownClock.get();
    }
    auto transport =
        transports.transport(session->m_plan.transportRequest(request.profiles, *clock));
    if (!transport) {
        Errors errors = std::move(transport.error());
        if (errors.empty())
            errors.push_back({ErrorCode::Internal, "no transport for this environment", {}, {}});
        return std::unexpected(SetupError{SetupStage::Transport, std::move(errors)});
    }
    session->m_transport = std::move(*transport);

    switch (request.trace.kind) {
    case TraceTarget::Kind::WorkspaceDatabase:
    case TraceTarget::Kind::Database: {
        const std::string path = request.trace.databaseFor(session->m_plan.workspace());
        session->m_store = std::make_unique<TraceStore>();
        if (auto opened = session->m_store->open(path); !opened)
            return std::unexpected(SetupError{SetupStage::Trace, {opened.error()}});
        session->m_traceDatabase = path;
        session->m_sinks.add(session->m_store.get());
        break;
    }
    case TraceTarget::Kind::Sink:
        if (request.trace.sink)
            session->m_sinks.add(request.trace.sink);
        break;
    case TraceTarget::Kind::None:
        break;
    }
    for (TraceSink *sink : request.sinks)
        if (sink)
            session->m_sinks.add(sink);

    // Seeds print and replay as decimal numbers: 48 bits keep them short.
    session->m_seed =
        request.seed ? *request.seed : QRandomGenerator::system()->generate64() & 0xFFFFFFFFFFFFull;
    RunOptions options;
    options.input = input;
    if (reuse) {
        options.reuse = reuse->context;
        session->m_reusedRun = reuse->run;
        session->m_reuseWarnings = reuse->warnings;
    }
    options.seed = session->m_seed;
    options.runId = request.runId;
    RunWiring wiring;
    wiring.clock = clock;
    wiring.transport = session->m_transport.get();
    wiring.sink = &session->m_sinks;
    wiring.breakers = &session->m_breakers;
    wiring.tokens = &session->m_tokens;
    wiring.debugger = request.debugger;
    session->m_run = session->m_plan.newRun(wiring, std::move(options));
    RunSession *self = session.get();
    session->m_run->onFinished = [self](const RunResult &result) {
        self->m_finished = true;
        if (self->m_store)
            if (auto flushed = self->m_store->flush(); !flushed)
                self->m_traceError = flushed.error();
        if (self->onFinished)
            self->onFinished(result);
    };
    return session;
}

void RunSession::start()
{
    if (m_started)
        return;
    m_started = true;
    m_run->start();
}

void RunSession::cancel()
{
    if (m_started && !m_finished)
        m_run->cancel();
}

const RunRecord &RunSession::record() const
{
    return m_run->record();
}

} // namespace tutti::engine
