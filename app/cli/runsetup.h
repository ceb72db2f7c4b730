// What the CLI adds to engine::RunSession (engine/session/runsession.h), shared by `tutti run` and
// `tutti serve`: the transports it wires (in-process mocks for `mock`, libcurl otherwise) and how
// a setup failure is printed and which exit code it gives.
#pragma once

#include <engine/core/trace.h>
#include <engine/runtime/transportprovider.h>
#include <engine/session/runplan.h>

#include <string>

namespace tutti::cli {

// Mocks answered in-process for the `mock` environment, libcurl for every other one.
engine::TransportProvider &transportProvider();

// Prints `error` and returns the exit code: ExitInvalid for the flow, its environment, the input
// ("COMMAND: input /POINTER: ..."), the transport (mock and profile files) and what `--from
// STEP --reuse RUN` cannot reuse ("COMMAND: ..."); ExitInternal for the trace store (also the
// one a reused run is read from), followed by "COMMAND: TRACEHINT".
int reportSetupError(const engine::SetupError &error, const std::string &command,
                     const std::string &traceHint);
// The exit code reportSetupError gives, without printing (`tutti debug` tells its client).
int setupExitCode(const engine::SetupError &error);
// The exit code of a run that finished: ExitOk when it succeeded, else ExitRunFailed.
int runExitCode(const engine::RunRecord &record);

} // namespace tutti::cli
