// Fuzz target: bytes as an HTTP body, read the way the engine reads upstream response bodies
// (executor.cpp) and mocks read request bodies (mockservice.cpp) — JSON when it parses, else
// the raw text — then through everything that handles a body afterwards: the redactor, the
// expression renderer, the trace encoder and the human output of `tutti run`.
#include <engine/core/json.h>
#include <engine/core/redactor.h>
#include <engine/expr/textutil.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

using namespace tutti::engine;

// ---- THE ONE-LINE SWITCH ------------------------------------------------------------------
// Today every body is read with nlohmann's parser, exceptions off (executor.cpp, mockservice.cpp,
// functions.cpp json_parse). When engine/core/jsonio.h lands (issue 7: depth-bounded parseJson),
// set this to 1 so the target follows the engine to the new reader (and to dumpJson, the
// writer that comes with it, for the human output).
#define TUTTI_FUZZ_USE_PARSEJSON 0
// -------------------------------------------------------------------------------------------

#if TUTTI_FUZZ_USE_PARSEJSON
#include <engine/core/jsonio.h>
#endif

namespace {

Json readBody(std::string_view text)
{
#if TUTTI_FUZZ_USE_PARSEJSON
    auto parsed = parseJson(text);
    return parsed ? std::move(*parsed) : Json(std::string(text));
#else
    Json body = Json::parse(text.begin(), text.end(), nullptr, false);
    if (body.is_discarded())
        body = std::string(text); // what the executor and the mocks keep when it is not JSON
    return body;
#endif
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
    length += span.dump(-1, ' ', false, Json::error_handler_t::replace).size();
    // `tutti run`'s human output of a run's output (cmd_run.cpp prints record.output.dump(2)).
#if TUTTI_FUZZ_USE_PARSEJSON
    length += dumpJson(body, 2).size();
#else
    length += body.dump(2).size();
#endif
    return length == 0xFFFFFFFF ? 1 : 0; // keeps the work observable; never true in practice
}
