// The simulation runner (simulation.h): loading, the virtual-time and real-time drivers, keeping.
#include <mocks/simulation.h>

#include <mocks/inprocesstransport.h>
#include <mocks/mockparser.h>
#include <mocks/profile.h>
#include <mocks/simulationcollector.h>

#include <engine/core/clock.h>
#include <engine/core/random.h>
#include <engine/model/flowparser.h>
#include <engine/model/steps/registry.h>
#include <engine/model/workspace.h>
#include <engine/net/curltransport.h>
#include <engine/net/realclock.h>
#include <engine/runtime/circuitbreaker.h>
#include <engine/runtime/executor.h>
#include <engine/runtime/scriptevaluator.h>

#include <QEventLoop>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <deque>
#include <filesystem>
#include <optional>
#include <set>
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

// A value that satisfies a (sub)schema as far as simple keywords go: its default, example,
// first enum value or const, else a plain value of its type (respecting `minimum`).
Json sampleValue(const Json &schema, int depth = 0)
{
    if (!schema.is_object() || depth > 16)
        return nullptr;
    for (const char *key : {"default", "const"})
        if (auto it = schema.find(key); it != schema.end())
            return *it;
    for (const char *key : {"examples", "enum"})
        if (auto it = schema.find(key); it != schema.end() && it->is_array() && !it->empty())
            return (*it)[0];
    std::string type;
    if (auto it = schema.find("type"); it != schema.end()) {
        if (it->is_string())
            type = it->get<std::string>();
        else if (it->is_array() && !it->empty() && (*it)[0].is_string())
            type = (*it)[0].get<std::string>();
    }
    if (type.empty() && schema.contains("properties"))
        type = "object";
    const Json minimum = schema.value("minimum", Json(nullptr));
    if (type == "object") {
        Json out = Json::object();
        if (auto props = schema.find("properties"); props != schema.end() && props->is_object())
            for (auto it = props->begin(); it != props->end(); ++it)
                out[it.key()] = sampleValue(*it, depth + 1);
        return out;
    }
    if (type == "array")
        return Json::array();
    if (type == "string")
        return "sample";
    if (type == "integer")
        return minimum.is_number()
                   ? Json(static_cast<std::int64_t>(std::ceil(minimum.get<double>())))
                   : Json(1);
    if (type == "number")
        return minimum.is_number() ? minimum : Json(1);
    if (type == "boolean")
        return true;
    return nullptr;
}

} // namespace

Json defaultSimulationInput(const Json &schema)
{
    if (!schema.is_object())
        return Json::object();
    Json value = sampleValue(schema);
    return value.is_object() ? value : Json::object();
}

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
    if (const auto *http = step.tryAs<engine::HttpSpec>())
        if (auto u = check(http->request))
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

std::function<std::shared_ptr<const engine::Flow>(const std::string &, Errors &)>
Simulation::flowLoader() const
{
    return [this](const std::string &path, Errors &errors) -> std::shared_ptr<const engine::Flow> {
        if (auto it = m_subFlows.find(path); it != m_subFlows.end())
            return it->second;
        engine::FlowLoad load = engine::loadFlowFile(path);
        errors.insert(errors.end(), load.errors.begin(), load.errors.end());
        return load.ok() ? load.flow : nullptr;
    };
}

Errors Simulation::load(const std::string &flowPath, const SimulationOptions &options)
{
    Errors errors;
    m_options = options;
    m_options.concurrency = std::max(1, m_options.concurrency);
    m_flow.reset();
    m_subFlows.clear();
    m_registry = MockRegistry();
    m_virtual = true;
    m_realReason.clear();

    engine::FlowLoad load = engine::loadFlowFile(flowPath);
    if (!load.ok()) {
        errors = std::move(load.errors);
        if (errors.empty())
            errors.push_back({engine::ErrorCode::Io, "cannot read the flow", {flowPath}, {}});
        return errors;
    }
    m_flow = load.flow;

    // The flow and every sub-flow it calls, transitively, each read once.
    std::vector<std::shared_ptr<const engine::Flow>> flows{m_flow};
    for (std::size_t i = 0; i < flows.size(); ++i)
        for (const engine::Step *step : engine::allSteps(*flows[i])) {
            const auto *call = step->tryAs<engine::CallSpec>();
            if (!call || call->flowPath.empty() || m_subFlows.contains(call->flowPath) ||
                call->flowPath == m_flow->filePath)
                continue;
            engine::FlowLoad sub = engine::loadFlowFile(call->flowPath);
            if (!sub.ok()) {
                errors.insert(errors.end(), sub.errors.begin(), sub.errors.end());
                if (sub.errors.empty())
                    errors.push_back({engine::ErrorCode::Io,
                                      "cannot read the sub-flow " + call->flowPath,
                                      step->location,
                                      {}});
                continue;
            }
            m_subFlows.emplace(call->flowPath, sub.flow);
            flows.push_back(sub.flow);
        }

    if (m_options.environment != "mock") {
        m_virtual = false;
        m_realReason = "environment '" + m_options.environment + "' reaches real services";
    }
    for (const auto &flow : flows)
        for (const engine::Step *step : engine::allSteps(*flow))
            if (auto url = realUrlOf(*step); url && m_virtual) {
                m_virtual = false;
                m_realReason = "step '" + step->id + "' calls " + *url;
            }

    // Mocks: the file a service declares, else a mock of that service in the workspace.
    auto workspace = engine::workspaceForFlow(flowPath);
    std::map<std::string, std::shared_ptr<const MockSpec>> workspaceMocks;
    bool workspaceMocksRead = false;
    std::set<std::string> added;
    for (const auto &flow : flows)
        for (const auto &[name, service] : flow->services) {
            if (added.contains(name))
                continue;
            std::shared_ptr<const MockSpec> spec;
            if (!service.mockFile.empty()) {
                MockLoad mock = loadMockFile(service.mockFile);
                if (!mock.ok()) {
                    errors.insert(errors.end(), mock.errors.begin(), mock.errors.end());
                    added.insert(name);
                    continue;
                }
                spec = mock.spec;
                if (spec->service != name) {
                    errors.push_back({engine::ErrorCode::Validation,
                                      "service '" + name + "' declares the mock " +
                                          service.mockFile + ", which mocks '" + spec->service +
                                          "'",
                                      service.location,
                                      {}});
                    added.insert(name);
                    continue;
                }
            } else {
                if (!workspaceMocksRead && workspace) {
                    workspaceMocksRead = true;
                    // Unreadable workspace mocks only matter if a service needs them.
                    for (const std::string &file : workspace->mockFiles())
                        if (MockLoad mock = loadMockFile(file); mock.ok())
                            workspaceMocks.emplace(mock.spec->service, mock.spec);
                }
                if (auto it = workspaceMocks.find(name); it != workspaceMocks.end())
                    spec = it->second;
            }
            if (!spec) {
                if (m_options.environment == "mock")
                    errors.push_back({engine::ErrorCode::Validation,
                                      "service '" + name +
                                          "' has no mock: declare `mock:` on it "
                                          "or add mocks/" +
                                          name + ".mock.yaml to the workspace",
                                      service.location,
                                      {}});
                continue;
            }
            added.insert(name);
            if (auto r = m_registry.add(spec); !r)
                errors.push_back(r.error());
        }

    for (const std::string &file : m_options.profileFiles) {
        ProfileLoad profile = loadProfileFile(file);
        if (!profile.ok()) {
            errors.insert(errors.end(), profile.errors.begin(), profile.errors.end());
            if (profile.errors.empty())
                errors.push_back({engine::ErrorCode::Io, "cannot read the profile", {file}, {}});
            continue;
        }
        if (auto r = m_registry.applyProfile(*profile.profile); !r)
            errors.push_back(r.error());
    }

    auto environment =
        workspace ? engine::RunEnvironment::fromWorkspace(*workspace, m_options.environment)
                  : std::unexpected(workspace.error());
    if (!environment) {
        errors.push_back(environment.error());
    } else {
        m_environment = std::move(*environment);
        if (m_options.environment == "mock") {
            // Mocks do not check credentials: a secret that is not set gets a stand-in, so a
            // simulation needs no keychain. (Real environments keep the missing-secret error.)
            auto lookup = m_environment.secret;
            m_environment.secret = [lookup](const std::string &name) -> std::optional<std::string> {
                if (lookup)
                    if (auto value = lookup(name))
                        return value;
                return "simulated-" + name;
            };
        }
    }

    m_input =
        m_options.input.is_null() ? defaultSimulationInput(m_flow->inputSchema) : m_options.input;
    for (const auto &flow : flows)
        for (const engine::Step *step : engine::allSteps(*flow))
            if (engine::stepDescriptor(*step).usesScriptEngine)
                m_needsScripts = true;
    return errors;
}

SimulationReport Simulation::newReport() const
{
    SimulationReport report;
    report.flow = m_flow->name;
    report.flowFile = m_options.flowFileLabel.empty() ? m_flow->filePath : m_options.flowFileLabel;
    report.requestedRuns = m_options.runs;
    report.seed = m_options.seed;
    report.concurrency = m_options.concurrency;
    report.virtualTime = m_virtual;
    report.environment = m_options.environment;
    report.input = m_input;
    for (const std::string &p : m_options.profileFiles)
        report.profiles.push_back(fileName(p));
    for (const engine::Step *step : engine::allSteps(*m_flow))
        report.step(step->id);
    report.durations.reserve(m_options.runs);
    return report;
}

SimulationReport Simulation::run()
{
    if (!m_flow)
        return {};
    m_registry.reset();
    SimulationReport report = newReport();

    std::optional<engine::VirtualClock> virtualClock;
    std::unique_ptr<engine::RealClock> realClock;
    engine::Clock *clock = nullptr;
    if (m_virtual) {
        virtualClock.emplace();
        clock = &*virtualClock;
    } else {
        realClock = std::make_unique<engine::RealClock>();
        clock = realClock.get();
    }
    InProcessTransport mockTransport(m_registry, *clock);
    std::unique_ptr<engine::CurlTransport> curl;
    std::unique_ptr<internal::RoutingTransport> routing;
    engine::HttpTransport *transport = &mockTransport;
    if (!m_virtual) {
        curl = std::make_unique<engine::CurlTransport>();
        routing = std::make_unique<internal::RoutingTransport>(mockTransport, *curl);
        transport = routing.get();
    }
    engine::CircuitBreakers breakers;
    std::unique_ptr<engine::ScriptEvaluator> scripts;
    if (m_needsScripts)
        scripts = std::make_unique<engine::ScriptEvaluator>();
    const auto loader = flowLoader();

    struct Slot {
        std::unique_ptr<engine::FlowRun> run;
        std::unique_ptr<SimulationCollector> collector;
        std::uint64_t index = 0;
    };
    const std::uint64_t total = m_options.runs;
    const auto width = static_cast<std::size_t>(
        std::max<std::uint64_t>(1, std::min<std::uint64_t>(total, m_options.concurrency)));
    std::vector<Slot> lanes(width);
    for (Slot &slot : lanes)
        slot.collector = std::make_unique<SimulationCollector>(report);
    std::deque<std::size_t> finishedSlots;
    std::uint64_t next = 0, inFlight = 0, done = 0;
    bool stopping = false;
    const Micros startedAt = clock->now();
    Micros lastFinish = startedAt;

    auto wantKeep = [this](engine::RunStatus status) {
        switch (m_options.keep) {
        case KeepPolicy::All:
            return true;
        case KeepPolicy::Failed:
            return status != engine::RunStatus::Succeeded;
        case KeepPolicy::None:
            return false;
        }
        return false;
    };

    auto startIn = [&](std::size_t s) {
        Slot &slot = lanes[s];
        slot.index = next++;
        slot.collector->reset(m_options.keptSink && m_options.keep != KeepPolicy::None &&
                              report.kept.size() < m_options.keepLimit);
        engine::RunDeps deps;
        deps.clock = clock;
        deps.transport = transport;
        deps.sink = slot.collector.get();
        deps.breakers = &breakers;
        deps.scripts = scripts.get();
        deps.environment = &m_environment;
        deps.loadFlow = loader;
        engine::RunOptions options;
        options.input = m_input;
        options.seed = runSeed(m_options.seed, slot.index);
        options.runId = runId(m_flow->name, m_options.seed, slot.index);
        slot.run = std::make_unique<engine::FlowRun>(m_flow, std::move(deps), std::move(options));
        slot.run->onFinished = [&, s](const engine::RunResult &result) {
            Slot &me = lanes[s];
            lastFinish = clock->now();
            const engine::RunRecord &record = result.record;
            if (wantKeep(record.status)) {
                ++report.keepCandidates;
                if (report.kept.size() < m_options.keepLimit) {
                    report.kept.push_back({record.id, me.index, record.seed, record.status,
                                           record.duration, record.error});
                    if (m_options.keptSink && me.collector->buffered()) {
                        m_options.keptSink->runStarted(record);
                        for (const engine::Span &span : me.collector->spans())
                            m_options.keptSink->spanFinished(record, span);
                        m_options.keptSink->runFinished(record);
                    }
                }
            }
            finishedSlots.push_back(s);
        };
        ++inFlight;
        slot.run->start();
    };

    auto cancelled = [this] {
        return m_options.cancel && m_options.cancel->load(std::memory_order_relaxed);
    };
    auto stop = [&] {
        if (stopping)
            return;
        stopping = true;
        report.cancelled = true;
        for (Slot &slot : lanes)
            if (slot.run && !slot.run->isFinished())
                slot.run->cancel();
    };

    using WallClock = std::chrono::steady_clock;
    auto lastProgress = WallClock::now();
    auto reportProgress = [&](bool force) {
        if (!m_options.progress)
            return;
        const auto now = WallClock::now();
        if (!force && now - lastProgress < m_options.progressInterval)
            return;
        lastProgress = now;
        m_options.progress({done, total, clock->now() - startedAt});
    };

    // Finished runs are destroyed here, outside their own callbacks, and their slot takes the
    // next run: C runs stay in flight, started in index order, so interleaving is reproducible.
    auto reap = [&] {
        while (!finishedSlots.empty()) {
            const std::size_t s = finishedSlots.front();
            finishedSlots.pop_front();
            lanes[s].run.reset();
            --inFlight;
            ++done;
            if (!stopping && cancelled())
                stop();
            if (!stopping && next < total)
                startIn(s);
            reportProgress(false);
        }
    };

    for (std::size_t s = 0; s < lanes.size() && next < total; ++s)
        startIn(s);
    if (m_virtual) {
        std::uint64_t events = 0;
        while (inFlight > 0 && virtualClock->runNext()) {
            reap();
            if ((++events & 1023) == 0 && !stopping && cancelled())
                stop();
        }
    } else {
        QEventLoop loop;
        while (inFlight > 0) {
            loop.processEvents(QEventLoop::WaitForMoreEvents);
            reap();
            if (!stopping && cancelled())
                stop();
        }
    }
    reap();
    // Runs still "in flight" here never finished (nothing left to wake them): drop them.
    for (Slot &slot : lanes)
        slot.run.reset();

    report.simulatedTime = lastFinish - startedAt;
    for (const auto &service : m_registry.services()) {
        SimulationServiceStats stats;
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
    if (m_options.progress)
        m_options.progress({done, total, report.simulatedTime});
    return report;
}

engine::Result<SimulationReport> runSimulation(const std::string &flowPath,
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
