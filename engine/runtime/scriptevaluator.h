// The seam for `script` steps: JavaScript over a copy of the run context, run in a worker
// process (a frozen QJSEngine with no file, network or timer access) that is stopped at the
// step's timeout and memory limit without harm to this process.
#pragma once

#include <engine/core/duration.h>
#include <engine/core/json.h>

#include <cstddef>
#include <memory>
#include <string>

namespace tutti::engine {

struct ScriptOutcome {
    bool ok = false;
    Json value;          // the returned value (undefined → null)
    std::string message; // error text when !ok
    int line = 0;        // 1-based line inside the script when known
    bool timedOut = false;
    bool outOfMemory = false;
};

// One per thread (not thread-safe). It starts its worker on first use and again after a worker
// had to be stopped; the worker keeps compiled scripts between calls.
class ScriptEvaluator {
public:
    ScriptEvaluator();
    ~ScriptEvaluator();
    ScriptEvaluator(const ScriptEvaluator &) = delete;
    ScriptEvaluator &operator=(const ScriptEvaluator &) = delete;

    // `code` is a function body in strict mode; the context's top-level keys (input, steps, vars,
    // env, item, index, run) are its parameters. Each call sees a fresh copy of the context and
    // pristine built-ins: nothing leaks between calls. `timeout` (wall time) covers compiling and
    // running; the script's address space may grow by `memoryLimit` bytes (0: no limit).
    ScriptOutcome evaluate(const std::string &code, const Json &context, Micros timeout,
                           std::size_t memoryLimit);

    // False in AddressSanitizer builds, whose shadow memory cannot live under an address-space
    // limit: there the memory limit is not applied.
    static bool enforcesMemoryLimit();

private:
    class Impl;
    std::unique_ptr<Impl> m;
};

} // namespace tutti::engine
