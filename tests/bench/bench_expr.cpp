// Benchmark of the expression language: nanoseconds per evaluation of typical templates, to keep
// expressions a small part of the ≤ 2 µs per-step engine budget (SPEC §10). Not a pass/fail test.
#include <engine/expr/expression.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

using namespace tutti::engine;
using namespace tutti::engine::expr;

namespace {

// Looks up roots and steps by name in small vectors, as an executor's context would.
class BenchContext : public EvalContext {
public:
    BenchContext()
    {
        m_roots = {{"input", Json::parse(R"({"sku": "A1", "qty": 2, "amount": 1250})")},
                   {"run", Json::parse(R"({"id": "run-7f3a", "attempt": 1})")}};
        m_steps = {{"reserve",
                    Json::parse(R"({"status": 201, "headers": {"content-type": "application/json"},
                                        "body": {"id": "res_12345", "sku": "A1", "qty": 2}})")},
                   {"charge", Json::parse(R"({"status": 201, "headers": {},
                                       "body": {"id": "ch_98765", "amount": 1250}})")}};
    }
    const Json *root(std::string_view name) const override
    {
        for (const auto &[key, value] : m_roots) {
            if (key == name)
                return &value;
        }
        return nullptr;
    }
    const Json *step(std::string_view id) const override
    {
        for (const auto &[key, value] : m_steps) {
            if (key == id)
                return &value;
        }
        return nullptr;
    }
    std::optional<std::string> secret(std::string_view) override { return "sk_test_123"; }
    Micros now() override { return 1764168754123456; }
    std::string uuid() override { return "00000000-0000-4000-8000-000000000001"; }

private:
    std::vector<std::pair<std::string, Json>> m_roots;
    std::vector<std::pair<std::string, Json>> m_steps;
};

template <typename F>
double nanosPerCall(F &&f, int iterations)
{
    for (int i = 0; i < iterations / 10; ++i)
        f(); // warm up
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < iterations; ++i)
        f();
    const auto elapsed = std::chrono::steady_clock::now() - start;
    return std::chrono::duration<double, std::nano>(elapsed).count() / iterations;
}

volatile std::size_t g_sink = 0;

} // namespace

int main(int argc, char **argv)
{
    const int iterations = argc > 1 ? std::stoi(argv[1]) : 200000;
    BenchContext context;

    const char *templates[] = {
        "{{ steps.reserve.body.id }}",
        "/charges/{{ steps.charge.body.id }}/refund",
        "Bearer {{ secret.PAYMENT_KEY }}",
        "{{ run.id }}-charge",
        "{{ input.amount > 1000 && steps.reserve.status == 201 }}",
        "{{ default(steps.reserve.body.note, 'none') + ':' + len(steps.reserve.body.sku) }}",
        "plain constant text",
    };
    std::printf("%-84s %10s\n", "template (evaluate)", "ns/op");
    for (const char *text : templates) {
        auto t = Template::parse(text);
        if (!t) {
            std::fprintf(stderr, "%s\n", t.error().toString().c_str());
            return 1;
        }
        const double ns = nanosPerCall(
            [&] {
                auto value = t->evaluate(context);
                g_sink = g_sink + (value ? value->size() : 0);
            },
            iterations);
        std::printf("%-84s %10.1f\n", text, ns);
    }

    auto path = Template::parse("/charges/{{ steps.charge.body.id }}/refund");
    const double stringNs = nanosPerCall(
        [&] {
            auto value = path->evaluateString(context);
            g_sink = g_sink + (value ? value->size() : 0);
        },
        iterations);
    std::printf("%-84s %10.1f\n", "/charges/{{ steps.charge.body.id }}/refund (evaluateString)",
                stringNs);

    auto body = JsonTemplate::compile(Json::parse(
        R"({"sku": "{{ input.sku }}", "qty": "{{ input.qty }}", "currency": "EUR",
            "idempotency_key": "{{ run.id }}-charge"})"));
    const double bodyNs = nanosPerCall(
        [&] {
            auto value = body->evaluate(context);
            g_sink = g_sink + (value ? value->size() : 0);
        },
        iterations);
    std::printf("%-84s %10.1f\n", "JsonTemplate request body (3 slots, 4 keys)", bodyNs);

    const double parseNs = nanosPerCall(
        [&] {
            auto t = Template::parse("/charges/{{ steps.charge.body.id }}/refund");
            g_sink = g_sink + (t ? t->parts().size() : 0);
        },
        iterations / 10);
    std::printf("%-84s %10.1f\n", "Template::parse of the refund path (load time, not per step)",
                parseNs);
    return 0;
}
