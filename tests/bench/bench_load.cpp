// Benchmark of loading large documents: a mapping with N keys (YAML flow file, mock file, JSON
// body) and a template with N {{ }} parts, to show loading is linear (issue 7: 100,000 keys or
// parts took over 20 s). Prints wall and CPU time per case and the ratio for 2N, where linear is
// about 2. Not a pass/fail test.
//   bench_load [--n N]     (default 100000)
#include <engine/core/jsonio.h>
#include <engine/expr/expression.h>
#include <engine/model/flowparser.h>
#include <engine/model/yamldoc.h>
#include <mocks/mockparser.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <functional>
#include <string>

using namespace tutti;
using namespace tutti::engine;

namespace {

struct Timing {
    double wallMs = 0;
    double cpuMs = 0;
};

Timing measure(const std::function<void()> &f)
{
    const auto wall = std::chrono::steady_clock::now();
    const std::clock_t cpu = std::clock();
    f();
    Timing t;
    t.cpuMs = 1000.0 * static_cast<double>(std::clock() - cpu) / CLOCKS_PER_SEC;
    t.wallMs =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wall).count();
    return t;
}

std::string flowWithKeys(int n)
{
    std::string text = "tutti: 1\nname: big\nsteps:\n  - id: a\n    type: respond\n    body:\n";
    for (int i = 0; i < n; ++i)
        text += "      k" + std::to_string(i) + ": 1\n"; // short: 2n keys stay under 4 MiB
    return text;
}

std::string mockWithKeys(int n)
{
    std::string text = "tutti-mock: 1\nservice: big\nstate:\n";
    for (int i = 0; i < n; ++i)
        text += "  k" + std::to_string(i) + ": 1\n";
    return text + "routes:\n  - match: { path: /x }\n    respond: { status: 200 }\n";
}

std::string jsonWithKeys(int n)
{
    std::string text = "{";
    for (int i = 0; i < n; ++i)
        text += "\"key" + std::to_string(i) + "\":" + std::to_string(i) + ",";
    text.back() = '}';
    return text;
}

std::string templateWithParts(int n)
{
    std::string text;
    for (int i = 0; i < n; ++i)
        text += "v" + std::to_string(i) + "={{ steps.s" + std::to_string(i % 1000) + ".x }}" +
                (i % 50 == 49 ? "\n" : ",");
    return text;
}

std::string flowWithTemplateParts(int n)
{
    // One step whose body string is a template with n parts (a literal block scalar).
    std::string text = "tutti: 1\nname: big\nsteps:\n  - id: a\n    type: respond\n"
                       "    body:\n      text: |\n";
    std::string line = "        ";
    for (int i = 0; i < n; ++i) {
        line += "{{ input.k" + std::to_string(i % 100) + " }} ";
        if (i % 50 == 49) {
            text += line + "\n";
            line = "        ";
        }
    }
    return text + line + "\n";
}

// Times `load` on the text `make` builds for n, then for 2n (building the text is not timed).
void report(const char *what, int n, const std::function<std::string(int)> &make,
            const std::function<void(const std::string &)> &load)
{
    const std::string small = make(n), large = make(2 * n);
    const Timing one = measure([&] { load(small); });
    const Timing two = measure([&] { load(large); });
    std::printf("%-44s n=%-7d wall %8.1f ms  cpu %8.1f ms   2n: cpu %8.1f ms (x%.2f)\n", what, n,
                one.wallMs, one.cpuMs, two.cpuMs, one.cpuMs > 0 ? two.cpuMs / one.cpuMs : 0.0);
}

void check(bool ok, const char *what)
{
    if (!ok) {
        std::fprintf(stderr, "bench_load: %s failed\n", what);
        std::exit(1);
    }
}

} // namespace

int main(int argc, char **argv)
{
    int n = 100000;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], "--n") == 0)
            n = std::atoi(argv[i + 1]);
    std::printf("bench_load: CPU time is what to compare (the machine may be shared)\n");

    report("YAML mapping, parseYaml", n, flowWithKeys, [](const std::string &text) {
        check(parseYaml(text, "big.flow.yaml").has_value(), "parseYaml");
    });
    report("flow with an N-key body, parseFlow", n, flowWithKeys, [](const std::string &text) {
        check(parseFlow(text, "big.flow.yaml").ok(), "parseFlow");
    });
    report("mock with an N-key state, parseMock", n, mockWithKeys, [](const std::string &text) {
        check(mocks::parseMock(text, "big.mock.yaml").ok(), "parseMock");
    });
    report("JSON object, parseJson", n, jsonWithKeys,
           [](const std::string &text) { check(parseJson(text).has_value(), "parseJson"); });
    report("JSON object, nlohmann's own parse (quadratic)", n / 4, jsonWithKeys,
           [](const std::string &text) { check(!Json::parse(text).empty(), "Json::parse"); });
    report(
        "template with N parts, Template::parse", n, templateWithParts,
        [](const std::string &text) {
            check(expr::Template::parse(text, SourceLocation{"f", 1, 1}).has_value(), "Template");
        });
    report("flow with an N-part template, parseFlow", n, flowWithTemplateParts,
           [](const std::string &text) {
               check(parseFlow(text, "big.flow.yaml").ok(), "parseFlow (template)");
           });
    return 0;
}
