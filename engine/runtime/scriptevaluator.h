// The QJSEngine seam: `script` steps run JavaScript over a copy of the run context, with no file,
// network or timer access, and are interrupted at their timeout.
#pragma once

#include <engine/core/duration.h>
#include <engine/core/json.h>

#include <memory>
#include <string>

namespace tutti::engine {

struct ScriptOutcome {
    bool ok = false;
    Json value;          // the returned value (undefined → null)
    std::string message; // error text when !ok
    int line = 0;        // 1-based line inside the script when known
    bool timedOut = false;
};

// One per thread: a QJSEngine is expensive to create and bound to the thread that made it.
class ScriptEvaluator {
public:
    ScriptEvaluator();
    ~ScriptEvaluator();
    ScriptEvaluator(const ScriptEvaluator &) = delete;
    ScriptEvaluator &operator=(const ScriptEvaluator &) = delete;

    // `code` is a function body; the context's top-level keys (input, steps, vars, env, item,
    // index, run) are in scope as variables. Each call sees a fresh copy: nothing leaks between
    // calls. Stopped after `timeout` of wall time.
    ScriptOutcome evaluate(const std::string &code, const Json &context, Micros timeout);

private:
    class Impl;
    std::unique_ptr<Impl> m;
};

} // namespace tutti::engine
