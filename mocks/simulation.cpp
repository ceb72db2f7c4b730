// The simulation runner (simulation.h): loading, the virtual-time and real-time drivers, keeping.
#include <mocks/simulation.h>

#include <mocks/inprocesstransport.h>
#include <mocks/mocktransportprovider.h>
#include <mocks/simulationcollector.h>

#include <engine/core/clock.h>
#include <engine/core/random.h>
#include <engine/model/flowparser.h>
#include <engine/model/steps/registry.h>
#include <engine/net/curltransport.h>
#include <engine/net/realclock.h>
#include <engine/runtime/circuitbreaker.h>
#include <engine/runtime/executor.h>
#include <engine/runtime/oauth2tokens.h>
#include <engine/runtime/scriptevaluator.h>

#include <QEventLoop>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <deque>
#include <filesystem>
#include <optional>
#include <unordered_map>

namespace tutti::mocks {

using engine::Errors;
using engine::Json;
using engine::Micros;

namespace internal {

// Real-time simulations may mix mocks and real services: mock:// URLs go to the in-process
// transport, everything else to libcurl.
class RoutingTransport final : public engine::HttpTransport {
public:
    RoutingTransport(engine::HttpTransport &mock, engine::HttpTransport &real)
        : m_mock(mock)
        , m_real(real)
    {
    }

    engine::RequestId send(engine::HttpRequest request,
                           std::function<void(engine::TransportResult)> done) override
    {
        const engine::RequestId id = m_nextId++;
        const bool mock = request.url.starts_with("mock://");
        engine::HttpTransport &target = mock ? m_mock : m_real;
        const engine::RequestId inner = target.send(
            std::move(request), [this, id, done = std::move(done)](engine::TransportResult r) {
                m_routes.erase(id);
                done(std::move(r));
            });
        m_routes.emplace(id, std::make_pair(&target, inner));
        return id;
    }

    void cancel(engine::RequestId id) override
    {
        auto it = m_routes.find(id);
        if (it == m_routes.end())
            return;
        it->second.first->cancel(it->second.second);
        m_routes.erase(it);
    }

private:
    engine::HttpTransport &m_mock;
    engine::HttpTransport &m_real;
    std::unordered_map<engine::RequestId, std::pair<engine::HttpTransport *, engine::RequestId>>
        m_routes;
    engine::RequestId m_nextId = 1;
};

} // namespace internal

namespace {

// A step with a full `url:` that is not a mock:// constant may reach a real service.
std::optional<std::string> realUrlOf(const engine::Step &step)
{
    auto check = [](const engine::HttpRequestSpec &spec) -> std::optional<std::string> {
        if (!spec.url)
            return std::nullopt;
        if (spec.url->isConstant() && spec.url->source().starts_with("mock://"))
            return std::nullopt;
        return spec.url->source();
    };
    if (const engine::HttpRequestSpec *request = engine::requestOf(step))
        if (auto u = check(*request))
            return u;
    if (const engine::HttpRequestSpec *compensate = engine::compensationOf(step))
        if (auto u = check(*compensate))
            return u;
    return std::nullopt;
}

std::string fileName(const std::string &path)
{
    return std::filesystem::path(path).filename().string();
}

} // namespace

bool parseKeepPolicy(std::string_view text, KeepPolicy &out)
{
    if (text == "failed")
        out = KeepPolicy::Failed;
    else if (text == "all")
        out = KeepPolicy::All;
    else if (text == "none")
        out = KeepPolicy::None;
    else
        return false;
    return true;
}

namespace {

bool wantKeep(KeepPolicy keep, engine::RunStatus status)
{
    switch (keep) {
    case KeepPolicy::All:
        return true;
    case KeepPolicy::Failed:
        return status != engine::RunStatus::Succeeded;
    case KeepPolicy::None:
        return false;
    }
    return false;
}

using WallClock = std::chrono::steady_clock;

// How long a job's slice of virtual time may hold the event loop.
constexpr std::chrono::milliseconds kSliceBudget{12};

} // namespace

// One pass over the runs: the clock, the transports, C lanes of runs and the report they fill.
// Members are declared so that the runs go first, then what they use.
struct Simulation::Pass {
    explicit Pass(engine::SimulationReport r)
        : report(std::move(r))
    {
    }

    struct Slot {
        std::unique_ptr<engine::FlowRun> run;
        std::unique_ptr<SimulationCollector> collector;
        std::uint64_t index = 0;
    };

    engine::SimulationReport report;
    bool job = false; // started by start(): finished runs are reaped from the event loop
    std::optional<engine::VirtualClock> virtualClock;
    std::unique_ptr<engine::RealClock> realClock;
    engine::Clock *clock = nullptr;
    std::unique_ptr<InProcessTransport> mockTransport;
    std::unique_ptr<engine::CurlTransport> curl;
    std::unique_ptr<internal::RoutingTransport> routing;
    engine::HttpTransport *transport = nullptr;
    engine::CircuitBreakers breakers;
    engine::OAuth2Tokens tokens;
    std::unique_ptr<engine::ScriptEvaluator> scripts;
    std::vector<Slot> lanes;
    std::deque<std::size_t> finishedSlots;
    std::uint64_t total = 0, next = 0, inFlight = 0, done = 0, events = 0;
    bool stopping = false;
    bool inSlice = false;
    Micros startedAt = 0, lastFinish = 0;
    WallClock::time_point lastProgress;
};

Simulation::Simulation() = default;
Simulation::~Simulation() = default;

std::string Simulation::runId(const std::string &flow, std::uint64_t seed, std::uint64_t index)
{
    return "sim-" + flow + "-" + std::to_string(seed) + "-" + std::to_string(index);
}

std::uint64_t Simulation::runSeed(std::uint64_t seed, std::uint64_t index)
{
    return engine::mixSeed(seed, index);
}

const std::shared_ptr<const engine::Flow> &Simulation::flow() const
{
    static const std::shared_ptr<const engine::Flow> none;
    return m_plan ? m_plan->flow() : none;
}

engine::FlowLoader Simulation::flowLoader() const
{
    return m_plan ? m_plan->flowLoader() : engine::FlowLoader();
}

Errors Simulation::load(const std::string &flowPath, const SimulationOptions &options)
{
    return load(engine::FlowSource{flowPath, {}, {}}, options);
}

Errors Simulation::load(const engine::FlowSource &source, const SimulationOptions &options)
{
    m_options = options;
    m_options.concurrency = std::max(1, m_options.concurrency);
    m_plan.reset();
    m_registry = MockRegistry();
    m_virtual = true;
    m_realReason.clear();
    m_needsScripts = false;

    // The flow, every sub-flow it calls (each read once), the workspace and the environment.
    auto plan = engine::RunPlan::load(source, m_options.environment);
    if (!plan)
        return std::move(plan.error().errors);
    Errors errors = plan->subFlowErrors();
    const bool mockEnvironment = plan->environment().name == "mock";

    if (!mockEnvironment) {
        m_virtual = false;
        m_realReason = "environment '" + m_options.environment + "' reaches real services";
    }
    for (const auto &flow : plan->flows())
        for (const engine::Step *step : engine::allSteps(*flow)) {
            if (auto url = realUrlOf(*step); url && m_virtual) {
                m_virtual = false;
                m_realReason = "step '" + step->id + "' calls " + *url;
            }
            if (engine::stepDescriptor(*step).usesScriptEngine)
                m_needsScripts = true;
        }

    // Outside `mock`, only mock:// URLs reach the mocks: a service without one is fine there.
    Errors mockErrors = MockTransportProvider::loadMocks(
        m_registry, plan->flows(), m_options.profileFiles,
        mockEnvironment ? MissingMock::Error : MissingMock::Allowed);
    errors.insert(errors.end(), mockErrors.begin(), mockErrors.end());

    if (mockEnvironment) {
        // Mocks do not check credentials: a secret that is not set gets a stand-in, so a
        // simulation needs no keychain. (Real environments keep the missing-secret error.)
        engine::RunEnvironment environment = plan->environment();
        auto lookup = environment.secret;
        environment.secret = [lookup](const std::string &name) -> std::optional<std::string> {
            if (lookup)
                if (auto value = lookup(name))
                    return value;
            return "simulated-" + name;
        };
        plan->setEnvironment(std::move(environment));
    }

    const engine::Flow &flow = *plan->flow();
    m_input = m_options.input.is_null() ? engine::exampleInput(flow.inputSchema) : m_options.input;
    m_plan = std::move(*plan);
    return errors;
}

engine::SimulationReport Simulation::newReport() const
{
    engine::SimulationReport report;
    const engine::Flow &flow = *m_plan->flow();
    report.flow = flow.name;
    report.flowFile = m_options.flowFileLabel.empty() ? flow.filePath : m_options.flowFileLabel;
    report.requestedRuns = m_options.runs;
    report.seed = m_options.seed;
    report.concurrency = m_options.concurrency;
    report.virtualTime = m_virtual;
    report.environment = m_options.environment;
    report.input = m_input;
    for (const std::string &p : m_options.profileFiles)
        report.profiles.push_back(fileName(p));
    for (const engine::Step *step : engine::allSteps(flow))
        report.step(step->id);
    report.durations.reserve(m_options.runs);
    return report;
}

void Simulation::begin(bool job)
{
    m_registry.reset();
    m_cancel = false;
    m_pass = std::make_unique<Pass>(newReport());
    Pass &p = *m_pass;
    p.job = job;
    if (m_virtual) {
        p.virtualClock.emplace();
        p.clock = &*p.virtualClock;
    } else {
        p.realClock = std::make_unique<engine::RealClock>();
        p.clock = p.realClock.get();
    }
    p.mockTransport = std::make_unique<InProcessTransport>(m_registry, *p.clock);
    p.transport = p.mockTransport.get();
    if (!m_virtual) {
        p.curl = std::make_unique<engine::CurlTransport>();
        p.routing = std::make_unique<internal::RoutingTransport>(*p.mockTransport, *p.curl);
        p.transport = p.routing.get();
    }
    if (m_needsScripts)
        p.scripts = std::make_unique<engine::ScriptEvaluator>();

    p.total = m_options.runs;
    const auto width = static_cast<std::size_t>(
        std::max<std::uint64_t>(1, std::min<std::uint64_t>(p.total, m_options.concurrency)));
    p.lanes.resize(width);
    for (Pass::Slot &slot : p.lanes)
        slot.collector = std::make_unique<SimulationCollector>(p.report);
    p.startedAt = p.clock->now();
    p.lastFinish = p.startedAt;
    p.lastProgress = WallClock::now();
    for (std::size_t s = 0; s < p.lanes.size() && p.next < p.total; ++s)
        startIn(s);
}

void Simulation::startIn(std::size_t s)
{
    Pass &p = *m_pass;
    Pass::Slot &slot = p.lanes[s];
    slot.index = p.next++;
    slot.collector->reset(m_options.keptSink && m_options.keep != KeepPolicy::None &&
                          p.report.kept.size() < m_options.keepLimit);
    engine::RunWiring wiring;
    wiring.clock = p.clock;
    wiring.transport = p.transport;
    wiring.sink = slot.collector.get();
    wiring.breakers = &p.breakers;
    wiring.tokens = &p.tokens;
    wiring.scripts = p.scripts.get();
    engine::RunOptions options;
    options.input = m_input;
    options.seed = runSeed(m_options.seed, slot.index);
    options.runId = runId(m_plan->flow()->name, m_options.seed, slot.index);
    slot.run = m_plan->newRun(wiring, std::move(options));
    slot.run->onFinished = [this, s](const engine::RunResult &result) {
        Pass &p = *m_pass;
        Pass::Slot &me = p.lanes[s];
        p.lastFinish = p.clock->now();
        const engine::RunRecord &record = result.record;
        if (wantKeep(m_options.keep, record.status)) {
            ++p.report.keepCandidates;
            if (p.report.kept.size() < m_options.keepLimit) {
                p.report.kept.push_back({record.id, me.index, record.seed, record.status,
                                         record.duration, record.error});
                if (m_options.keptSink && me.collector->buffered()) {
                    m_options.keptSink->runStarted(record);
                    for (const engine::Span &span : me.collector->spans())
                        m_options.keptSink->spanFinished(record, span);
                    m_options.keptSink->runFinished(record);
                }
            }
        }
        p.finishedSlots.push_back(s);
        // In real time a job reaps from the event loop, outside this run's own callback.
        if (p.job && !p.virtualClock)
            m_slice->start();
    };
    ++p.inFlight;
    slot.run->start();
}

bool Simulation::cancelled() const
{
    return m_cancel.load(std::memory_order_relaxed) ||
           (m_options.cancel && m_options.cancel->load(std::memory_order_relaxed));
}

void Simulation::stop()
{
    Pass &p = *m_pass;
    if (p.stopping)
        return;
    p.stopping = true;
    p.report.cancelled = true;
    for (Pass::Slot &slot : p.lanes)
        if (slot.run && !slot.run->isFinished())
            slot.run->cancel();
}

void Simulation::reportProgress(bool force)
{
    if (!m_options.progress)
        return;
    Pass &p = *m_pass;
    const auto now = WallClock::now();
    if (!force && now - p.lastProgress < m_options.progressInterval)
        return;
    p.lastProgress = now;
    m_options.progress({p.done, p.total, p.clock->now() - p.startedAt});
}

// Finished runs are destroyed here, outside their own callbacks, and their slot takes the next
// run: C runs stay in flight, started in index order, so interleaving is reproducible.
void Simulation::reap()
{
    Pass &p = *m_pass;
    while (!p.finishedSlots.empty()) {
        const std::size_t s = p.finishedSlots.front();
        p.finishedSlots.pop_front();
        p.lanes[s].run.reset();
        --p.inFlight;
        ++p.done;
        if (!p.stopping && cancelled())
            stop();
        if (!p.stopping && p.next < p.total)
            startIn(s);
        reportProgress(false);
    }
}

engine::SimulationReport Simulation::finish()
{
    Pass &p = *m_pass;
    reap();
    // Runs still "in flight" here never finished (nothing left to wake them): drop them.
    for (Pass::Slot &slot : p.lanes)
        slot.run.reset();

    p.report.simulatedTime = p.lastFinish - p.startedAt;
    for (const auto &service : m_registry.services()) {
        engine::SimulationServiceStats stats;
        stats.name = service->name();
        stats.requests = service->requestCount();
        stats.unmatched = service->unmatchedCount();
        const auto &routes = service->spec().routes;
        for (std::size_t i = 0; i < routes.size(); ++i)
            stats.routes[routes[i].label] += service->routeRequestCount(i);
        p.report.services.push_back(std::move(stats));
    }
    std::sort(p.report.services.begin(), p.report.services.end(),
              [](const auto &a, const auto &b) { return a.name < b.name; });
    if (m_options.progress)
        m_options.progress({p.done, p.total, p.report.simulatedTime});
    engine::SimulationReport report = std::move(p.report);
    m_pass.reset();
    return report;
}

engine::SimulationReport Simulation::run()
{
    if (!m_plan || m_pass)
        return {};
    begin(false);
    Pass &p = *m_pass;
    if (p.virtualClock) {
        while (p.inFlight > 0 && p.virtualClock->runNext()) {
            reap();
            if ((++p.events & 1023) == 0 && !p.stopping && cancelled())
                stop();
        }
    } else {
        QEventLoop loop;
        while (p.inFlight > 0) {
            loop.processEvents(QEventLoop::WaitForMoreEvents);
            reap();
            if (!p.stopping && cancelled())
                stop();
        }
    }
    return finish();
}

bool Simulation::start()
{
    if (!m_plan || m_pass)
        return false;
    if (!m_slice) {
        m_slice = std::make_unique<QTimer>();
        m_slice->setSingleShot(true);
        m_slice->setInterval(0);
        QObject::connect(m_slice.get(), &QTimer::timeout, m_slice.get(), [this] { slice(); });
    }
    begin(true);
    // The first slice runs from the event loop, so onFinished never comes from inside start().
    m_slice->start();
    return true;
}

void Simulation::cancel()
{
    m_cancel = true;
    if (m_pass && m_pass->job)
        m_slice->start(); // real time: stop now, not when the next run happens to finish
}

// One turn of a job: a slice of virtual time (the same steps as run(), paused between events),
// or reaping the real-time runs that finished; then either the next turn or the end.
void Simulation::slice()
{
    if (!m_pass || m_pass->inSlice)
        return;
    Pass &p = *m_pass;
    p.inSlice = true;
    bool over = false;
    if (p.virtualClock) {
        const auto deadline = WallClock::now() + kSliceBudget;
        for (;;) {
            if (p.inFlight == 0 || !p.virtualClock->runNext()) {
                over = true;
                break;
            }
            reap();
            if ((++p.events & 1023) == 0 && !p.stopping && cancelled())
                stop();
            if ((p.events & 255) == 0 && WallClock::now() >= deadline)
                break;
        }
    } else {
        reap();
        if (!p.stopping && cancelled())
            stop();
        over = p.inFlight == 0;
    }
    p.inSlice = false;
    if (!over) {
        if (p.virtualClock)
            m_slice->start();
        return;
    }
    const engine::SimulationReport report = finish();
    if (onFinished)
        onFinished(report);
}

engine::Result<engine::SimulationReport> runSimulation(const std::string &flowPath,
                                                       const SimulationOptions &options)
{
    Simulation simulation;
    Errors errors = simulation.load(flowPath, options);
    if (!errors.empty()) {
        engine::Error first = errors.front();
        for (std::size_t i = 1; i < errors.size(); ++i)
            first.message += "\n" + errors[i].toString();
        return std::unexpected(std::move(first));
    }
    return simulation.run();
}

} // namespace tutti::mocks
