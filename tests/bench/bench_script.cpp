// Benchmark of `script` steps: what the worker process (ScriptEvaluator) costs per step and to
// start, next to the same work on a QJSEngine inside this process (the design it replaced, which
// bounded neither memory nor builtins). Wall and CPU time per call. Not a pass/fail test.
#include <engine/runtime/scriptevaluator.h>

#include <QCoreApplication>
#include <QJSEngine>
#include <QJSValue>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>
#include <string>

#include <sys/resource.h>

using namespace tutti::engine;

namespace {

using Clock = std::chrono::steady_clock;

double cpuSeconds(int who)
{
    rusage ru{};
    ::getrusage(who, &ru);
    return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
           static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

Json contextOf(std::size_t extraBytes)
{
    Json steps = {{"reserve", {{"status", 201}, {"body", {{"id", "res_1"}, {"qty", 2}}}}}};
    if (extraBytes > 0)
        steps["big"] = {{"body", {{"blob", std::string(extraBytes, 'x')}}}};
    return {{"input", {{"sku", "A1"}, {"qty", 2}, {"amount", 1250}}},
            {"steps", steps},
            {"vars", Json::object()},
            {"env", {{"region", "eu"}}},
            {"run", {{"id", "run-1"}, {"attempt", 1}}},
            {"item", nullptr},
            {"index", nullptr}};
}

const char *const kCode = "return { total: input.qty * input.amount, id: steps.reserve.body.id };";

// The replaced design: one engine in this process, a compiled wrapper, JSON in and out.
class InProcess {
public:
    InProcess()
    {
        m_fn = m_engine.evaluate(QStringLiteral(
            "(function(text) { const c = JSON.parse(text); const r = (function(input, steps, "
            "vars, env, item, index, run) { 'use strict'; return { total: input.qty * "
            "input.amount, id: steps.reserve.body.id }; })(c.input, c.steps, c.vars, c.env, "
            "c.item, c.index, c.run); return JSON.stringify(r === undefined ? null : r); })"));
    }
    Json call(const Json &context)
    {
        const QJSValue r = m_fn.call({QJSValue(QString::fromStdString(context.dump()))});
        return Json::parse(r.toString().toStdString());
    }

private:
    QJSEngine m_engine;
    QJSValue m_fn;
};

struct Timing {
    double wallMicros = 0;
    double cpuMicros = 0; // this process
};

template <typename F>
Timing perCall(F &&f, int iterations)
{
    for (int i = 0; i < iterations / 10 + 1; ++i)
        f(); // warm up
    const double cpu0 = cpuSeconds(RUSAGE_SELF);
    const auto t0 = Clock::now();
    for (int i = 0; i < iterations; ++i)
        f();
    const auto wall = Clock::now() - t0;
    return {std::chrono::duration<double, std::micro>(wall).count() / iterations,
            (cpuSeconds(RUSAGE_SELF) - cpu0) * 1e6 / iterations};
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int iterations = argc > 1 ? std::stoi(argv[1]) : 20000;
    constexpr Micros kTimeout = 10 * kSecond;
    constexpr std::size_t kMemory = 256u << 20;

    // Starting a worker: the first call of a new evaluator (spawn, Qt and engine set-up, realm).
    {
        const int starts = 20;
        const double children0 = cpuSeconds(RUSAGE_CHILDREN);
        const auto t0 = Clock::now();
        for (int i = 0; i < starts; ++i) {
            ScriptEvaluator fresh;
            fresh.evaluate("return 1;", Json::object(), kTimeout, kMemory);
        }
        const auto wall = Clock::now() - t0;
        std::printf("worker start + first call        %9.0f us wall  %7.0f us worker CPU\n",
                    std::chrono::duration<double, std::micro>(wall).count() / starts,
                    (cpuSeconds(RUSAGE_CHILDREN) - children0) * 1e6 / starts);
    }

    for (const std::size_t extra : {std::size_t(0), std::size_t(10000), std::size_t(100000)}) {
        const Json context = contextOf(extra);
        const std::size_t bytes = context.dump().size();

        InProcess inProcess;
        const Timing local = perCall([&] { (void)inProcess.call(context); }, iterations);

        double workerCpu = 0;
        Timing remote;
        {
            auto scripts = std::make_unique<ScriptEvaluator>();
            const double children0 = cpuSeconds(RUSAGE_CHILDREN);
            remote = perCall(
                [&] {
                    ScriptOutcome out = scripts->evaluate(kCode, context, kTimeout, kMemory);
                    if (!out.ok)
                        std::fprintf(stderr, "%s\n", out.message.c_str());
                },
                iterations);
            scripts.reset(); // reaps the worker, so its CPU time is counted
            workerCpu = (cpuSeconds(RUSAGE_CHILDREN) - children0) * 1e6 / (iterations * 1.1);
        }
        std::printf("context %7zu B  in-process     %7.2f us wall  %7.2f us CPU\n", bytes,
                    local.wallMicros, local.cpuMicros);
        std::printf("context %7zu B  worker         %7.2f us wall  %7.2f us CPU here + %.2f us "
                    "in the worker\n",
                    bytes, remote.wallMicros, remote.cpuMicros, workerCpu);
    }
    return 0;
}
