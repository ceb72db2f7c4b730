// Fuzz target: bytes as an HTTP body, read the way the engine reads upstream response bodies
// (executor.cpp) and mocks read request bodies (mockservice.cpp) — parseJson when it parses, else
// the raw text — then through everything that handles a body afterwards: the redactor, the
// expression renderer, the trace encoder and the human output of `tutti run`.
#include <engine/core/json.h>
#include <engine/core/jsonio.h>
#include <engine/core/redactor.h>
#include <engine/expr/textutil.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

using namespace tutti::engine;

namespace {

Json readBody(std::string_view text)
{
    // What the executor and the mocks keep: the parsed value, else the raw text.
    auto parsed = parseJson(text);
    return parsed ? std::move(*parsed) : Json(std::string(text));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    Json body = readBody(text);

    // A run with a secret registered: step results are redacted before they reach any sink.
    Redactor redactor;
    redactor.addSecret("sk_test_fuzz");
    Json span = Json::object();
    span["body"] = body;
    redactor.redactJsonInPlace(span);

    std::size_t length = 0;
    // `{{ steps.x.body }}` inside a larger string (expression rendering).
    length += expr::internal::toCompactJson(body).size();
    // The trace store's and the exports' encoding of a span (tracestore.cpp, traceexport.cpp).
    length += dumpJson(span).size();
    // `tutti run`'s human output of a run's output (cmd_run.cpp prints dumpJson(output, 2)).
    length += dumpJson(body, 2).size();
    return length == 0xFFFFFFFF ? 1 : 0; // keeps the work observable; never true in practice
}
