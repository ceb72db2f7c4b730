// What the program the editor lives in prefers for new runs: the environment a Run panel starts
// on and where runs and kept simulation runs are stored. The studio sets it from its settings
// (app/studio/studiosettings.h); without it, runs go to `mock` and WORKSPACE/.tutti/traces.db.
#pragma once

#include <engine/session/runsession.h>

#include <string>

namespace tutti::editor {

struct RunPreferences {
    std::string environment;   // "" or one the workspace lacks: "mock"
    std::string traceDatabase; // "": the workspace's database

    engine::TraceTarget traceTarget() const
    {
        return traceDatabase.empty() ? engine::TraceTarget::workspaceDatabase()
                                     : engine::TraceTarget::database(traceDatabase);
    }

    // One for the process: every open flow's panels read it when they start a run.
    static const RunPreferences &current();
    static void setCurrent(RunPreferences preferences);
};

} // namespace tutti::editor
