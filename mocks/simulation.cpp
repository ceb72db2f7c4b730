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
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
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

// A run the keep policy selected in a shard, with its spans when they were buffered for the sink.
struct KeptTrace {
    engine::KeptRun run;
    engine::RunRecord record;
    std::vector<engine::Span> spans;
    bool buffered = false;
};

} // namespace

// What a finished shard hands to the merge: its part of the report and its selected runs.
struct Simulation::ShardResult {
    std::uint64_t index = 0;
    engine::SimulationReport report;
    std::vector<KeptTrace> kept;
};

// One shard: runs [first, last) on a clock, transports, circuit breakers and OAuth2 tokens of its
// own against `registry` (reset before it starts), C lanes of runs in index order. Everything
// here belongs to the thread that drives it. Members are declared so that the runs go first,
// then what they use.
struct Simulation::Shard {
    struct Slot {
        std::unique_ptr<engine::FlowRun> run;
        std::unique_ptr<SimulationCollector> collector;
        std::uint64_t index = 0;
    };

    Shard(Simulation &owner, MockRegistry &mocks)
        : sim(owner)
        , registry(mocks)
    {
    }

    Simulation &sim;
    MockRegistry &registry;
    ShardResult result;
    std::uint64_t first = 0, last = 0, next = 0, inFlight = 0, events = 0;
    std::optional<engine::VirtualClock> virtualClock;
    std::unique_ptr<engine::RealClock> realClock;
    engine::Clock *clock = nullptr;
    std::unique_ptr<InProcessTransport> mockTransport;
    std::unique_ptr<engine::CurlTransport> curl;
    std::unique_ptr<internal::RoutingTransport> routing;
    engine::HttpTransport *transport = nullptr;
    engine::CircuitBreakers breakers;
    engine::OAuth2Tokens tokens;
    engine::ScriptEvaluator *scripts = nullptr;
    std::function<void()> onRunDone; // after each finished run is reaped (progress)
    std::function<void()> wake;      // a real-time run finished: reap from the event loop
    std::deque<std::size_t> finishedSlots;
    bool stopping = false;
    Micros startedAt = 0, lastFinish = 0;
    std::vector<Slot> lanes;

    void start();
    void startIn(std::size_t s);
    void reap();
    void stop();
    // Virtual time: the next event and what it finished; false when no event is left.
    bool step();
    bool done() const { return inFlight == 0; }
    ShardResult finish();
};

// One pass over the shards and the report they are merged into.
struct Simulation::Pass {
    explicit Pass(engine::SimulationReport r)
        : report(std::move(r))
    {
    }

    engine::SimulationReport report;
    bool job = false; // started by start(): shards run one after another from the event loop
    bool inSlice = false;
    std::uint64_t shards = 0, nextShard = 0;
    std::atomic<std::uint64_t> done{0};     // finished runs, all threads
    std::atomic<std::size_t> keptMerged{0}; // kept runs merged so far (shards stop buffering)
    std::unique_ptr<engine::ScriptEvaluator> scripts; // for shards on the calling thread
    std::unique_ptr<Shard> current;                   // the shard a job is running
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
    m_options.jobs = std::max(1, m_options.jobs);
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

std::uint64_t Simulation::shardSize(int concurrency)
{
    return std::max<std::uint64_t>(1000, 10 * static_cast<std::uint64_t>(std::max(1, concurrency)));
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
    report.shardRuns = shardSize(m_options.concurrency);
    report.virtualTime = m_virtual;
    report.environment = m_options.environment;
    report.input = m_input;
    for (const std::string &p : m_options.profileFiles)
        report.profiles.push_back(fileName(p));
    for (const engine::Step *step : engine::allSteps(flow))
        report.step(step->id);
    return report;
}

void Simulation::begin(bool job)
{
    m_cancel = false;
    m_pass = std::make_unique<Pass>(newReport());
    Pass &p = *m_pass;
    p.job = job;
    const std::uint64_t size = shardSize(m_options.concurrency);
    p.shards = (m_options.runs + size - 1) / size;
    if (m_needsScripts)
        p.scripts = std::make_unique<engine::ScriptEvaluator>();
    p.lastProgress = WallClock::now();
}

// The next shard of the pass on `registry` (reset here): its runs, clock and transports.
std::unique_ptr<Simulation::Shard> Simulation::newShard(MockRegistry &registry,
                                                        engine::ScriptEvaluator *scripts)
{
    Pass &p = *m_pass;
    registry.reset();
    auto shard = std::make_unique<Shard>(*this, registry);
    Shard &s = *shard;
    const std::uint64_t size = shardSize(m_options.concurrency);
    s.result.index = p.nextShard++;
    s.first = s.result.index * size;
    s.last = std::min(m_options.runs, s.first + size);
    s.next = s.first;
    s.scripts = scripts;
    if (m_virtual) {
        s.virtualClock.emplace();
        s.clock = &*s.virtualClock;
    } else {
        s.realClock = std::make_unique<engine::RealClock>();
        s.clock = s.realClock.get();
    }
    s.mockTransport = std::make_unique<InProcessTransport>(registry, *s.clock);
    s.transport = s.mockTransport.get();
    if (!m_virtual) {
        s.curl = std::make_unique<engine::CurlTransport>();
        s.routing = std::make_unique<internal::RoutingTransport>(*s.mockTransport, *s.curl);
        s.transport = s.routing.get();
    }
    return shard;
}

void Simulation::Shard::start()
{
    const auto width = static_cast<std::size_t>(std::max<std::uint64_t>(
        1, std::min<std::uint64_t>(last - first, sim.m_options.concurrency)));
    lanes.resize(width);
    for (Slot &slot : lanes)
        slot.collector = std::make_unique<SimulationCollector>(result.report);
    startedAt = clock->now();
    lastFinish = startedAt;
    for (std::size_t s = 0; s < lanes.size() && next < last; ++s)
        startIn(s);
}

void Simulation::Shard::startIn(std::size_t s)
{
    const SimulationOptions &o = sim.m_options;
    Slot &slot = lanes[s];
    slot.index = next++;
    // Spans are buffered only while this run could still be among the kept ones.
    slot.collector->reset(o.keptSink && o.keep != KeepPolicy::None &&
                          result.kept.size() < o.keepLimit &&
                          sim.m_pass->keptMerged.load(std::memory_order_relaxed) < o.keepLimit);
    engine::RunWiring wiring;
    wiring.clock = clock;
    wiring.transport = transport;
    wiring.sink = slot.collector.get();
    wiring.breakers = &breakers;
    wiring.tokens = &tokens;
    wiring.scripts = scripts;
    engine::RunOptions options;
    options.input = sim.m_input;
    options.seed = runSeed(o.seed, slot.index);
    options.runId = runId(sim.m_plan->flow()->name, o.seed, slot.index);
    slot.run = sim.m_plan->newRun(wiring, std::move(options));
    slot.run->onFinished = [this, s](const engine::RunResult &r) {
        const SimulationOptions &o = sim.m_options;
        Slot &me = lanes[s];
        lastFinish = clock->now();
        const engine::RunRecord &record = r.record;
        if (wantKeep(o.keep, record.status)) {
            ++result.report.keepCandidates;
            if (result.kept.size() < o.keepLimit) {
                KeptTrace k;
                k.run = {record.id,     me.index,        record.seed,
                         record.status, record.duration, record.error};
                k.buffered = me.collector->buffered();
                if (k.buffered) {
                    k.record = record;
                    k.spans = me.collector->spans();
                }
                result.kept.push_back(std::move(k));
            }
        }
        finishedSlots.push_back(s);
        if (wake)
            wake();
    };
    ++inFlight;
    slot.run->start();
}

void Simulation::Shard::stop()
{
    if (stopping)
        return;
    stopping = true;
    result.report.cancelled = true;
    for (Slot &slot : lanes)
        if (slot.run && !slot.run->isFinished())
            slot.run->cancel();
}

// Finished runs are destroyed here, outside their own callbacks, and their slot takes the next
// run: C runs stay in flight, started in index order, so interleaving is reproducible.
void Simulation::Shard::reap()
{
    while (!finishedSlots.empty()) {
        const std::size_t s = finishedSlots.front();
        finishedSlots.pop_front();
        lanes[s].run.reset();
        --inFlight;
        sim.m_pass->done.fetch_add(1, std::memory_order_relaxed);
        if (!stopping && sim.cancelled())
            stop();
        if (!stopping && next < last)
            startIn(s);
        if (onRunDone)
            onRunDone();
    }
}

bool Simulation::Shard::step()
{
    if (!virtualClock->runNext())
        return false;
    reap();
    if ((++events & 1023) == 0 && !stopping && sim.cancelled())
        stop();
    return true;
}

Simulation::ShardResult Simulation::Shard::finish()
{
    reap();
    // Runs still "in flight" here never finished (nothing left to wake them): drop them.
    for (Slot &slot : lanes)
        slot.run.reset();
    engine::SimulationReport &report = result.report;
    report.simulatedTime = lastFinish - startedAt;
    for (const auto &service : registry.services()) {
        engine::SimulationServiceStats stats;
        stats.name = service->name();
        stats.requests = service->requestCount();
        stats.unmatched = service->unmatchedCount();
        const auto &routes = service->spec().routes;
        for (std::size_t i = 0; i < routes.size(); ++i)
            stats.routes[routes[i].label] += service->routeRequestCount(i);
        report.services.push_back(std::move(stats));
    }
    std::sort(report.services.begin(), report.services.end(),
              [](const auto &a, const auto &b) { return a.name < b.name; });
    return std::move(result);
}

// Shards are merged in shard order, on the calling thread, whatever thread ran them: the figures
// add up in the same order for any number of threads, and kept runs reach the sink in run order
// within the keep limit.
void Simulation::merge(ShardResult result)
{
    Pass &p = *m_pass;
    p.report.merge(result.report);
    for (KeptTrace &k : result.kept) {
        if (p.report.kept.size() >= m_options.keepLimit)
            break;
        p.report.kept.push_back(k.run);
        if (m_options.keptSink && k.buffered) {
            m_options.keptSink->runStarted(k.record);
            for (const engine::Span &span : k.spans)
                m_options.keptSink->spanFinished(k.record, span);
            m_options.keptSink->runFinished(k.record);
        }
    }
    p.keptMerged.store(p.report.kept.size(), std::memory_order_relaxed);
}

bool Simulation::cancelled() const
{
    return m_cancel.load(std::memory_order_relaxed) ||
           (m_options.cancel && m_options.cancel->load(std::memory_order_relaxed));
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
    Micros simulated = p.report.simulatedTime;
    if (p.current)
        simulated += p.current->clock->now() - p.current->startedAt;
    m_options.progress({p.done.load(std::memory_order_relaxed), m_options.runs, simulated});
}

engine::SimulationReport Simulation::finish()
{
    Pass &p = *m_pass;
    p.current.reset();
    if (p.report.runs < p.report.requestedRuns && cancelled())
        p.report.cancelled = true;
    if (m_options.progress)
        m_options.progress(
            {p.done.load(std::memory_order_relaxed), m_options.runs, p.report.simulatedTime});
    engine::SimulationReport report = std::move(p.report);
    m_pass.reset();
    return report;
}

// Virtual time on several threads: each worker takes the next shard, runs it to the end on its
// own copy of the mocks and its own script evaluator, and hands the result over; this thread
// merges results in shard order as they become contiguous and reports progress meanwhile.
// Workers stay at most a few shards ahead of the merge, so finished-but-unmerged shards (their
// kept spans) stay bounded.
void Simulation::runThreads()
{
    Pass &p = *m_pass;
    const auto workers = static_cast<std::size_t>(
        std::min<std::uint64_t>(static_cast<std::uint64_t>(m_options.jobs), p.shards));
    const std::uint64_t window = 4 * workers;
    std::mutex mutex;
    std::condition_variable changed;
    std::map<std::uint64_t, ShardResult> ready;
    std::uint64_t merged = 0;
    std::size_t active = workers;

    auto work = [&] {
        MockRegistry registry = m_registry.clone();
        std::unique_ptr<engine::ScriptEvaluator> scripts;
        if (m_needsScripts)
            scripts = std::make_unique<engine::ScriptEvaluator>();
        for (;;) {
            std::unique_ptr<Shard> shard;
            {
                std::unique_lock lock(mutex);
                changed.wait(lock, [&] {
                    return p.nextShard >= p.shards || cancelled() || p.nextShard < merged + window;
                });
                if (p.nextShard >= p.shards || cancelled())
                    break;
                shard = newShard(registry, scripts.get());
            }
            shard->start();
            while (!shard->done() && shard->step()) {
            }
            ShardResult result = shard->finish();
            shard.reset();
            {
                std::lock_guard lock(mutex);
                const std::uint64_t index = result.index;
                ready.emplace(index, std::move(result));
            }
            changed.notify_all();
        }
        {
            std::lock_guard lock(mutex);
            --active;
        }
        changed.notify_all();
    };

    std::vector<std::thread> threads;
    threads.reserve(workers);
    for (std::size_t i = 0; i < workers; ++i)
        threads.emplace_back(work);

    const auto tick = std::max(m_options.progressInterval, std::chrono::milliseconds(10));
    std::unique_lock lock(mutex);
    for (;;) {
        changed.wait_for(lock, tick, [&] { return ready.contains(merged) || active == 0; });
        while (auto node = ready.extract(merged)) {
            lock.unlock();
            merge(std::move(node.mapped()));
            lock.lock();
            ++merged;
            changed.notify_all();
        }
        if (active == 0 && ready.empty())
            break;
        lock.unlock();
        reportProgress(false);
        // Workers waiting for the merge window also wake for a cancel.
        changed.notify_all();
        lock.lock();
    }
    lock.unlock();
    for (std::thread &t : threads)
        t.join();
}

engine::SimulationReport Simulation::run()
{
    if (!m_plan || m_pass)
        return {};
    begin(false);
    Pass &p = *m_pass;
    if (m_virtual && m_options.jobs > 1 && p.shards > 1) {
        runThreads();
        return finish();
    }
    while (p.nextShard < p.shards && !cancelled()) {
        p.current = newShard(m_registry, p.scripts.get());
        Shard &shard = *p.current;
        shard.onRunDone = [this] { reportProgress(false); };
        shard.start();
        if (m_virtual) {
            while (!shard.done() && shard.step()) {
            }
        } else {
            QEventLoop loop;
            while (!shard.done()) {
                loop.processEvents(QEventLoop::WaitForMoreEvents);
                shard.reap();
                if (!shard.stopping && cancelled())
                    shard.stop();
            }
        }
        ShardResult result = shard.finish();
        p.current.reset();
        merge(std::move(result));
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

// A job's next shard, started; false when every shard ran or the job was cancelled.
bool Simulation::nextJobShard()
{
    Pass &p = *m_pass;
    if (p.nextShard >= p.shards || cancelled())
        return false;
    p.current = newShard(m_registry, p.scripts.get());
    p.current->onRunDone = [this] { reportProgress(false); };
    if (!m_virtual)
        p.current->wake = [this] { m_slice->start(); }; // reap outside the run's own callback
    p.current->start();
    return true;
}

// One turn of a job: a slice of virtual time (the same steps as run(), paused between events),
// or reaping the real-time runs that finished; a finished shard is merged and the next one
// starts; then either the next turn or the end.
void Simulation::slice()
{
    if (!m_pass || m_pass->inSlice)
        return;
    Pass &p = *m_pass;
    p.inSlice = true;
    bool over = false;
    const auto deadline = WallClock::now() + kSliceBudget;
    if (!p.current && !nextJobShard())
        over = true;
    while (!over) {
        Shard &shard = *p.current;
        if (m_virtual) {
            if (!shard.done() && shard.step()) {
                if ((shard.events & 255) == 0 && WallClock::now() >= deadline)
                    break;
                continue;
            }
        } else {
            shard.reap();
            if (!shard.stopping && cancelled())
                shard.stop();
            if (!shard.done())
                break;
        }
        ShardResult result = shard.finish();
        p.current.reset();
        merge(std::move(result));
        if (!nextJobShard())
            over = true;
        else if (!m_virtual || WallClock::now() >= deadline)
            break;
    }
    p.inSlice = false;
    if (!over) {
        if (m_virtual)
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
