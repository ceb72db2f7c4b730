// Loopback HTTP benchmark (SPEC §10): 5 sequential calls per flow through a minimal keep-alive
// libcurl easy client and through CurlTransport on the event loop, measured in the same run.
//
//   bench_http [--flows N] [--rounds R] [--port P] [--path /p] [--method M] [--only NAME]
//
// Without --port an in-process loopback server (its own threads) answers a fixed small JSON;
// with --port P the calls go to 127.0.0.1:P (e.g. `tutti mock`). Client CPU is the main thread's
// CPU time, so the in-process server's work is not charged to the client. To add a variant (the
// engine running a whole flow through FlowRun), write one more `Measurement runX(const
// BenchConfig &)` and add a row to kVariants.
#include "../engine/net/loopbackserver.h"

#include <engine/model/flowparser.h>
#include <engine/net/curltransport.h>
#include <engine/net/realclock.h>
#include <engine/runtime/executor.h>

#include <QCoreApplication>
#include <QEventLoop>

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <functional>
#include <string>
#include <vector>

namespace {

using namespace tutti::engine;

struct BenchConfig {
    int flows = 2000;
    int rounds = 5;
    int warmupFlows = 200;
    int callsPerFlow = 5;
    std::string baseUrl; // http://127.0.0.1:PORT
    std::string path = "/bench";
    std::string method = "POST";
    std::string only; // run only the variants whose name contains this (for profiling)

    std::string url(int call) const
    {
        return baseUrl + path + (path == "/bench" ? "/" + std::to_string(call) : "");
    }
    bool hasBody() const { return method == "POST" || method == "PUT" || method == "PATCH"; }
    std::string body(int flow, int call) const
    {
        if (!hasBody())
            return {};
        return "{\"flow\":" + std::to_string(flow) + ",\"call\":" + std::to_string(call) + "}";
    }
};

struct Measurement {
    int flows = 0;
    int failures = 0;
    double wallSeconds = 0;
    double clientCpuMicros = 0;  // the calling thread only
    double processCpuMicros = 0; // includes the in-process server's threads

    double flowsPerSecond() const { return flows / wallSeconds; }
    double clientCpuPerFlow() const { return clientCpuMicros / flows; }
    double processCpuPerFlow() const { return processCpuMicros / flows; }
};

double cpuMicros(clockid_t clock)
{
    timespec ts{};
    clock_gettime(clock, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

// Wraps a run with wall and CPU accounting.
Measurement measure(int flows, const std::function<int()> &run)
{
    const double thread0 = cpuMicros(CLOCK_THREAD_CPUTIME_ID);
    const double process0 = cpuMicros(CLOCK_PROCESS_CPUTIME_ID);
    const auto wall0 = std::chrono::steady_clock::now();
    Measurement m;
    m.failures = run();
    m.wallSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
    m.clientCpuMicros = cpuMicros(CLOCK_THREAD_CPUTIME_ID) - thread0;
    m.processCpuMicros = cpuMicros(CLOCK_PROCESS_CPUTIME_ID) - process0;
    m.flows = flows;
    return m;
}

// (a) The reference: one easy handle, kept alive, blocking curl_easy_perform.
std::size_t appendBody(char *data, std::size_t size, std::size_t count, void *userp)
{
    static_cast<std::string *>(userp)->append(data, size * count);
    return size * count;
}

int easyFlows(CURL *easy, const BenchConfig &config, int flows)
{
    int failures = 0;
    std::string response;
    std::string body;
    for (int flow = 0; flow < flows; ++flow) {
        for (int call = 0; call < config.callsPerFlow; ++call) {
            const std::string url = config.url(call);
            body = config.body(flow, call);
            response.clear();
            curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
            if (config.hasBody()) {
                curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
                curl_easy_setopt(easy, CURLOPT_POSTFIELDS, body.c_str());
            }
            long status = 0;
            const CURLcode code = curl_easy_perform(easy);
            curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
            if (code != CURLE_OK || status >= 400) {
                if (failures++ == 0)
                    std::fprintf(stderr, "easy client: %s, status %ld\n", curl_easy_strerror(code),
                                 status);
            }
        }
    }
    return failures;
}

Measurement runEasyClient(const BenchConfig &config)
{
    CURL *easy = curl_easy_init();
    std::string response;
    curl_slist *headers = curl_slist_append(nullptr, "Expect:");
    if (config.hasBody())
        headers = curl_slist_append(headers, "Content-Type: application/json");
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_TCP_NODELAY, 1L);
    curl_easy_setopt(easy, CURLOPT_PROXY, "");
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &appendBody);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &response);
    if (config.method == "HEAD")
        curl_easy_setopt(easy, CURLOPT_NOBODY, 1L);
    else if (config.method != "POST" && config.method != "GET")
        curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, config.method.c_str());
    easyFlows(easy, config, config.warmupFlows);
    const Measurement m =
        measure(config.flows, [&] { return easyFlows(easy, config, config.flows); });
    curl_easy_cleanup(easy);
    curl_slist_free_all(headers);
    return m;
}

// (b) CurlTransport: each call is sent from the previous call's callback, as a flow run does.
int transportFlows(CurlTransport &transport, const BenchConfig &config, int flows)
{
    QEventLoop loop;
    int failures = 0;
    std::function<void(int, int)> call = [&](int flow, int index) {
        HttpRequest request;
        request.method = config.method;
        request.url = config.url(index);
        if (config.hasBody())
            request.headers = {{"Content-Type", "application/json"}};
        request.body = config.body(flow, index);
        request.timeout = 10 * kSecond;
        transport.send(std::move(request), [&, flow, index](TransportResult result) {
            if (result.error != TransportError::None || result.response.status >= 400) {
                if (failures++ == 0)
                    std::fprintf(stderr, "transport: %s, status %d\n", result.errorMessage.c_str(),
                                 result.response.status);
            }
            if (index + 1 < config.callsPerFlow)
                call(flow, index + 1);
            else if (flow + 1 < flows)
                call(flow + 1, 0);
            else
                loop.quit();
        });
    };
    if (flows <= 0)
        return 0;
    call(0, 0);
    loop.exec();
    return failures;
}

Measurement runCurlTransport(const BenchConfig &config)
{
    CurlTransport transport;
    transportFlows(transport, config, config.warmupFlows);
    return measure(config.flows, [&] { return transportFlows(transport, config, config.flows); });
}

// (c) The engine: a whole flow of 5 sequential http steps through FlowRun (RealClock,
// CurlTransport, tracing on into a sink that keeps the spans of the current run).
class KeepLastRunSink final : public TraceSink {
public:
    void runStarted(const RunRecord &) override { m_spans.clear(); }
    void spanStarted(const RunRecord &, const Span &) override {}
    void spanFinished(const RunRecord &, const Span &span) override { m_spans.push_back(span); }
    void runFinished(const RunRecord &) override {}

private:
    std::vector<Span> m_spans;
};

int engineFlows(const std::shared_ptr<const Flow> &flow, RunDeps deps, int flows)
{
    int failures = 0;
    QEventLoop loop;
    std::unique_ptr<FlowRun> run;
    std::function<void(int)> start = [&](int index) {
        RunOptions options;
        options.seed = static_cast<std::uint64_t>(index);
        options.runId = "bench-" + std::to_string(index);
        run = std::make_unique<FlowRun>(flow, deps, options);
        run->onFinished = [&, index](const RunResult &r) {
            if (r.record.status != RunStatus::Succeeded && failures++ == 0)
                std::fprintf(stderr, "engine: %s\n", r.record.error.dump().c_str());
            if (index + 1 < flows)
                QMetaObject::invokeMethod(
                    &loop, [&, index] { start(index + 1); }, Qt::QueuedConnection);
            else
                QMetaObject::invokeMethod(
                    &loop, [&] { loop.quit(); }, Qt::QueuedConnection);
        };
        run->start();
    };
    if (flows <= 0)
        return 0;
    start(0);
    loop.exec();
    run.reset();
    return failures;
}

Measurement runEngine(const BenchConfig &config)
{
    std::string yaml = "tutti: 1\nname: bench\nservices:\n  bench: {}\nsteps:\n";
    for (int i = 0; i < config.callsPerFlow; ++i) {
        std::string path = config.path == "/bench" ? "/bench/" + std::to_string(i) : config.path;
        yaml += "  - { id: c" + std::to_string(i) +
                ", type: http, service: bench, request: { method: " + config.method + ", path: \"" +
                path + "\"";
        if (config.hasBody())
            yaml += ", body: { flow: \"{{ run.id }}\", call: " + std::to_string(i) + " }";
        yaml += " } }\n";
    }
    FlowLoad load = parseFlow(yaml, "/tmp/bench.flow.yaml");
    if (!load.ok()) {
        for (const auto &e : load.errors)
            std::fprintf(stderr, "%s\n", e.toString().c_str());
        return Measurement{1, 1, 1, 1, 1};
    }
    RealClock clock;
    CurlTransport transport;
    KeepLastRunSink sink;
    RunEnvironment environment;
    environment.name = "bench";
    environment.serviceUrls = {{"bench", config.baseUrl}};
    RunDeps deps;
    deps.clock = &clock;
    deps.transport = &transport;
    deps.sink = &sink;
    deps.environment = &environment;
    engineFlows(load.flow, deps, config.warmupFlows);
    return measure(config.flows, [&] { return engineFlows(load.flow, deps, config.flows); });
}

struct Variant {
    const char *name;
    Measurement (*run)(const BenchConfig &);
};

// The first row is the reference the others are compared with.
const Variant kVariants[] = {
    {"libcurl easy (minimal client)", &runEasyClient},
    {"CurlTransport (event loop)", &runCurlTransport},
    {"engine: FlowRun, 5 http steps", &runEngine},
};

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

int usage(const char *argv0)
{
    std::fprintf(
        stderr,
        "usage: %s [--flows N] [--rounds R] [--port P] [--path /p] [--method M] [--only NAME]\n",
        argv0);
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    // Same event dispatcher as the `tutti` CLI (see app/cli/main.cpp).
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    curl_global_init(CURL_GLOBAL_DEFAULT);

    BenchConfig config;
    int port = 0;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (i + 1 >= argc)
            return usage(argv[0]);
        const char *value = argv[++i];
        if (arg == "--flows")
            config.flows = std::max(1, std::atoi(value));
        else if (arg == "--rounds")
            config.rounds = std::max(1, std::atoi(value));
        else if (arg == "--port")
            port = std::atoi(value);
        else if (arg == "--path")
            config.path = value;
        else if (arg == "--method")
            config.method = value;
        else if (arg == "--only")
            config.only = value;
        else
            return usage(argv[0]);
    }

    tutti::engine::test::LoopbackServer server(/*record=*/false);
    if (port == 0) {
        if (!server.start()) {
            std::fprintf(stderr, "cannot start the loopback server\n");
            return 1;
        }
        port = server.port();
    }
    config.baseUrl = "http://127.0.0.1:" + std::to_string(port);

    std::printf("loopback HTTP: %d flows x %d sequential %s calls, %d rounds, server %s:%d\n",
                config.flows, config.callsPerFlow, config.method.c_str(), config.rounds,
                server.port() == port ? "in-process" : "external", port);
    constexpr std::size_t kCount = std::size(kVariants);
    std::vector<std::vector<Measurement>> results(kCount);
    int failures = 0;
    for (int round = 0; round < config.rounds; ++round) {
        // Variants alternate within each round so drift on a shared machine hits all of them.
        for (std::size_t v = 0; v < kCount; ++v) {
            if (!config.only.empty() && !std::strstr(kVariants[v].name, config.only.c_str())) {
                results[v].push_back(Measurement{1, 0, 1, 1, 1});
                continue;
            }
            const Measurement m = kVariants[v].run(config);
            failures += m.failures;
            results[v].push_back(m);
            std::printf("  round %d  %-32s %8.0f flows/s  client CPU %6.1f us/flow  "
                        "process CPU %6.1f us/flow%s\n",
                        round + 1, kVariants[v].name, m.flowsPerSecond(), m.clientCpuPerFlow(),
                        m.processCpuPerFlow(), m.failures ? "  (FAILURES)" : "");
        }
    }

    // Rates swing with the load others put on a shared machine; comparing variants within the
    // same round (paired) and taking the median of those ratios is the stable figure.
    std::printf("median over %d rounds:\n", config.rounds);
    for (std::size_t v = 0; v < kCount; ++v) {
        std::vector<double> rate, cpu, processCpu, rateRatio, cpuRatio;
        for (int round = 0; round < config.rounds; ++round) {
            const Measurement &m = results[v][round];
            const Measurement &reference = results[0][round];
            rate.push_back(m.flowsPerSecond());
            cpu.push_back(m.clientCpuPerFlow());
            processCpu.push_back(m.processCpuPerFlow());
            rateRatio.push_back(m.flowsPerSecond() / reference.flowsPerSecond());
            cpuRatio.push_back(m.clientCpuPerFlow() / reference.clientCpuPerFlow());
        }
        std::printf("  %-32s %8.0f flows/s  client CPU %6.1f us/flow  process CPU %6.1f us/flow\n",
                    kVariants[v].name, median(rate), median(cpu), median(processCpu));
        if (v > 0 && config.only.empty())
            std::printf("  %-32s rate %.0f%% of the minimal client (target >= 80%%), client CPU "
                        "x%.2f (paired per round)\n",
                        "", 100.0 * median(rateRatio), median(cpuRatio));
    }
    if (failures)
        std::printf("%d calls failed\n", failures);
    server.stop();
    curl_global_cleanup();
    return failures ? 1 : 0;
}
