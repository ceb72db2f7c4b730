// Resolving a parsed flow: the half of loading a flow that needs the disk (parseFlow is the half
// that does not). It finds the workspace (tutti.yaml), the mocks/*.mock.yaml that provide the
// services, and checks the files the flow names (`mock:`, call steps' `flow:`), with located
// errors. A resolver caches what it read by path, modification time and size: the studio resolves
// after every edit, a plan reads each sub-flow once, and an unchanged file is not read again.
#pragma once

#include <engine/model/flowparser.h>
#include <engine/model/workspace.h>

#include <memory>
#include <string>
#include <string_view>

namespace tutti::engine {

class FlowResolver {
public:
    FlowResolver();
    ~FlowResolver();
    FlowResolver(const FlowResolver &) = delete;
    FlowResolver &operator=(const FlowResolver &) = delete;

    // Every method is safe to call from any thread; each resolve looks at the disk again (a few
    // stat calls) and reads only what changed.

    // The problems of `parsed` (a parseFlow result) together with those resolving its flow finds,
    // in file order: what `tutti validate` says of that text. The flow itself stays as parsed.
    Errors problems(const FlowLoad &parsed);
    // parseFlow, then resolve: the flow's path made canonical, its workspace, its services' mocks
    // (declared or provided by the workspace), its `mock:` and sub-flow files checked.
    FlowLoad loadText(std::string_view text, const std::string &fileName);
    // Reads the file, then loadText. While the file and everything its resolve looked at (the
    // workspace's tutti.yaml and mocks, the files it names) are unchanged, returns the same
    // FlowLoad again without reading anything.
    FlowLoad loadFile(const std::string &path);
    // The workspace of a flow file (workspaceForFlow), its tutti.yaml read once while unchanged.
    Result<Workspace> workspaceFor(const std::string &flowPath);

    // How many files this resolver has read, of each kind (tests of the cache).
    struct Reads {
        int flows = 0;
        int mocks = 0;
        int workspaces = 0; // tutti.yaml files
    };
    Reads reads() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace tutti::engine
