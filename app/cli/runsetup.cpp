// The CLI's transports and setup-error printing (runsetup.h).
#include "runsetup.h"

#include "clisupport.h"
#include "commands.h"

#include <engine/net/curltransportprovider.h>
#include <mocks/mocktransportprovider.h>

namespace tutti::cli {

engine::TransportProvider &transportProvider()
{
    static engine::CurlTransportProvider curl;
    static mocks::MockTransportProvider mocks(&curl);
    return mocks;
}

int reportSetupError(const engine::SetupError &error, const std::string &command,
                     const std::string &traceHint)
{
    switch (error.stage) {
    case engine::SetupStage::Reuse:
        for (const engine::Error &e : error.errors)
            err(command + ": " + (e.location.file.empty() ? e.message : e.toString()) + "\n");
        return ExitInvalid;
    case engine::SetupStage::Input:
        for (const engine::Error &e : error.errors)
            err(command + ": " + e.message + "\n");
        break;
    case engine::SetupStage::Trace:
        printErrors(error.errors);
        err(command + ": " + traceHint + "\n");
        break;
    case engine::SetupStage::Flow:
    case engine::SetupStage::Environment:
    case engine::SetupStage::Transport:
        printErrors(error.errors);
        break;
    }
    return setupExitCode(error);
}

int setupExitCode(const engine::SetupError &)
{
    // Every setup failure is about what the user gave or has: the flow, its environment, the
    // input, or a trace database that cannot be written (a read-only folder such as
    // /usr/share/tutti/examples, a file that is not a database) — never exit 4, which is a bug.
    return ExitInvalid;
}

int runExitCode(const engine::RunRecord &record)
{
    return record.status == engine::RunStatus::Succeeded ? ExitOk : ExitRunFailed;
}

} // namespace tutti::cli
