// Run from here: what a run started part-way (`tutti run FLOW --from STEP --reuse RUN`, the
// studio's "Run from here") takes over from an earlier run, read back from the trace database and
// checked against the flow as it is now. The executor only seeds the result (RunOptions::reuse).
#pragma once

#include <engine/core/json.h>
#include <engine/model/flow.h>
#include <engine/runtime/executor.h>
#include <engine/session/runplan.h>
#include <engine/trace/tracestore.h>

#include <expected>
#include <memory>
#include <string>
#include <vector>

namespace tutti::engine {

// Where a run starts and what it reuses (RunRequest::from).
struct RunFrom {
    std::string step; // a step of the flow's top-level list
    std::string run;  // a run id, or a unique prefix of one (as `tutti trace show` takes)
    // The database the earlier run is in; "": the one the request's trace target writes, else
    // the flow's workspace database (where `tutti run` stored it).
    std::string traceDatabase;
    // True: the earlier run's input (as stored, redacted); false: RunRequest::input.
    bool reuseInput = true;
};

// What reuseRun() found: the context for the executor, the earlier run's input, and what the
// caller should tell the user (reused values that were redacted when they were stored).
struct Reuse {
    std::shared_ptr<const ReusedContext> context;
    std::string run; // the earlier run's full id
    Json input;
    std::vector<std::string> warnings;
};

// The context step `step` of `flow` saw when it started in the earlier run `trace` (its last
// start there; the whole run when it never started): the input, the vars, and the result of every
// step that had completed before, as later steps read them (top-level steps and the steps of
// parallel branches). Refused, as SetupStage::Reuse errors naming what is wrong:
//   - `step` is not a step of the flow (with the closest id), or not a top-level one (a step
//     inside a parallel branch, a map body: the message names the top-level step holding it);
//   - the run is of another flow, or still running;
//   - a step before `step` whose result `step` or a later step reads (`steps.ID` in its
//     templates; scripts are not looked into) has none in the run: it failed or was cancelled
//     there, did not run before `step` (the flow changed since?), or was stored without results
//     (an older Tutti, a simulation);
//   - a reused step with `compensate:` that the run compensated: its effect was undone;
//   - the stored results are damaged (a JSON column that does not parse).
std::expected<Reuse, SetupError> reuseRun(const Flow &flow, const RunTrace &trace,
                                          const std::string &step);
// The same from the database at `databasePath`, `run` being a run id or a unique prefix. A
// database that does not exist (it is never created here), cannot be read, or holds no such run
// is a Reuse error too.
std::expected<Reuse, SetupError> reuseRun(const Flow &flow, const std::string &databasePath,
                                          const std::string &step, const std::string &run);

} // namespace tutti::engine
