// A workspace (SPEC §2): tutti.yaml environments, the mocks and profiles folders, and .tutti/.
#pragma once

#include <engine/core/json.h>
#include <engine/core/result.h>

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace tutti::engine {

struct Environment {
    std::string name;
    std::map<std::string, std::string> serviceUrls; // service -> base URL
    Json vars = Json::object();                     // readable in flows as env.NAME
};

struct Workspace {
    std::string dir;                                 // absolute
    std::map<std::string, Environment> environments; // from tutti.yaml; "mock" is implicit

    std::string dataDir() const { return dir + "/.tutti"; } // runtime data, never sources
    std::string traceDbPath() const { return dataDir() + "/traces.db"; }
    std::vector<std::string> mockFiles() const;    // mocks/*.mock.yaml, sorted
    std::vector<std::string> profileFiles() const; // profiles/*.profile.yaml, sorted
    std::vector<std::string> flowFiles() const;    // *.flow.yaml at the top level, sorted
};

// Finds the workspace of a flow file: the nearest folder at or above it holding tutti.yaml,
// else the flow's own folder; reads tutti.yaml when there is one.
Result<Workspace> workspaceForFlow(const std::string &flowPath);
// The folder workspaceForFlow picks: the nearest at or above the flow's (canonical) folder for
// which `hasTuttiYaml` says yes, else the flow's folder. FlowResolver answers from its cache.
std::string workspaceDirFor(const std::string &flowPath,
                            const std::function<bool(const std::string &dir)> &hasTuttiYaml);
Result<Workspace> loadWorkspace(const std::string &dir);

} // namespace tutti::engine
