// Resolving parsed flows against the disk, and the caches that make it cheap to repeat
// (flowresolver.h). Every look at a file goes through a Probe, so a cached load knows exactly
// what it depended on — a file's stamp (exists, mtime, size), or only that a file exists — and
// is reused only while all of it holds.
#include <engine/model/flowresolver.h>

#include <engine/model/steps/fieldreader.h>
#include <engine/model/yamldoc.h>

#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <system_error>
#include <utility>

namespace tutti::engine {

namespace {

namespace fs = std::filesystem;

// What a file looked like: enough to tell that it changed, without reading it.
struct Stamp {
    bool exists = false;
    std::int64_t mtime = 0; // file_clock ticks
    std::uintmax_t size = 0;
    bool operator==(const Stamp &) const = default;
};

Stamp stampOf(const std::string &path)
{
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status))
        return {};
    Stamp stamp;
    stamp.exists = true;
    const auto time = fs::last_write_time(path, ec);
    if (!ec)
        stamp.mtime = static_cast<std::int64_t>(time.time_since_epoch().count());
    if (fs::is_regular_file(status)) {
        const auto size = fs::file_size(path, ec);
        stamp.size = ec ? 0 : size;
    }
    return stamp;
}

// What a cached result depended on: a file's stamp, or for a file it only checked to exist, that.
struct Dep {
    std::string path;
    Stamp stamp;
    bool existenceOnly = false;
    bool holds() const
    {
        const Stamp now = stampOf(path);
        return existenceOnly ? now.exists == stamp.exists : now == stamp;
    }
};
using Deps = std::vector<Dep>;

// Stats a file and, when a cached result will depend on it, records what it saw.
class Probe {
public:
    explicit Probe(Deps *deps)
        : m_deps(deps)
    {
    }
    Stamp operator()(const std::string &path) const { return look(path, false); }
    bool exists(const std::string &path) const { return look(path, true).exists; }

private:
    Stamp look(const std::string &path, bool existenceOnly) const
    {
        Stamp stamp = stampOf(path);
        if (m_deps)
            m_deps->push_back({path, stamp, existenceOnly});
        return stamp;
    }

    Deps *m_deps;
};

// What a workspace mock provides, as far as resolving a flow cares: its service, or why it
// cannot be read.
struct MockHead {
    Stamp stamp;
    std::optional<std::string> service;
    std::optional<Error> broken;
};

// What resolving a flow found; applied to the flow by loadText, only reported by problems().
struct Resolution {
    Errors errors;
    std::string filePath;
    std::string workspaceDir;
    bool rebased = false;                       // the canonical folder differs from the lexical one
    std::vector<std::string> mockPaths;         // rebased: one per ExternalRefs::mocks
    std::vector<std::string> subFlowPaths;      // rebased: one per ExternalRefs::subFlows
    std::map<std::string, std::string> mockFor; // declared services a workspace mock answers
    std::vector<ServiceSpec> added;             // services only a workspace mock provides
};

std::string inFolder(const std::string &dir, const char *name)
{
    return (fs::path(dir) / name).string();
}

} // namespace

struct FlowResolver::Impl {
    mutable std::mutex mutex; // guards the caches and `reads`; files are read outside it
    std::map<std::string, MockHead> mocks;
    std::map<std::string, std::pair<Stamp, Result<Workspace>>> workspaces; // by folder
    std::map<std::string, std::pair<Deps, FlowLoad>> files;                // by path as asked
    Reads reads;

    Result<Workspace> workspace(const std::string &flowPath, const Probe &probe);
    MockHead mock(const std::string &path, const Probe &probe);
    Resolution resolve(const Flow &flow, const Probe &probe);
    static void apply(const Resolution &r, Flow &flow);
    FlowLoad loadText(std::string_view text, const std::string &fileName, const Probe &probe);
};

Result<Workspace> FlowResolver::Impl::workspace(const std::string &flowPath, const Probe &probe)
{
    const std::string dir = workspaceDirFor(flowPath, [&](const std::string &candidate) {
        return probe.exists(inFolder(candidate, "tutti.yaml"));
    });
    const Stamp yaml = probe(inFolder(dir, "tutti.yaml"));
    {
        std::lock_guard lock(mutex);
        if (auto it = workspaces.find(dir); it != workspaces.end() && it->second.first == yaml)
            return it->second.second;
    }
    Result<Workspace> loaded = loadWorkspace(dir);
    std::lock_guard lock(mutex);
    if (yaml.exists)
        ++reads.workspaces;
    workspaces.insert_or_assign(dir, std::pair(yaml, loaded));
    return loaded;
}

MockHead FlowResolver::Impl::mock(const std::string &path, const Probe &probe)
{
    const Stamp stamp = probe(path);
    {
        std::lock_guard lock(mutex);
        if (auto it = mocks.find(path); it != mocks.end() && it->second.stamp == stamp)
            return it->second;
    }
    MockHead head;
    head.stamp = stamp;
    auto doc = loadYamlFile(path);
    if (!doc)
        head.broken = doc.error();
    else if (!doc->root.is_object())
        head.broken =
            Error{ErrorCode::Schema, "a mock file must be a mapping", doc->locate(""), ""};
    else if (auto it = doc->root.find("service"); it != doc->root.end() && it->is_string())
        head.service = it->get<std::string>();
    std::lock_guard lock(mutex);
    ++reads.mocks;
    mocks.insert_or_assign(path, head);
    return head;
}

Resolution FlowResolver::Impl::resolve(const Flow &flow, const Probe &probe)
{
    const ExternalRefs &refs = flow.external;
    const bool onDisk = !refs.fileName.empty(); // bare text has no folder to look in
    Resolution r;
    r.filePath = flow.filePath;
    r.workspaceDir = flow.workspaceDir;
    std::error_code ec;
    if (onDisk) {
        // Symlinks resolved: a flow reached through a linked folder names files next to the real
        // one, and a call of itself is recognised by any path.
        r.filePath = fs::weakly_canonical(fs::absolute(refs.fileName, ec), ec).string();
        const fs::path base = fs::path(r.filePath).parent_path();
        r.workspaceDir = base.string();
        r.rebased = base != fs::path(flow.filePath).parent_path();
        const auto rebase = [&](const ExternalRefs::File &file) {
            const fs::path written(file.written);
            return written.is_relative() ? (base / written).lexically_normal().string() : file.path;
        };
        for (const ExternalRefs::File &mock : refs.mocks) {
            const std::string path = r.rebased ? rebase(mock) : mock.path;
            if (r.rebased)
                r.mockPaths.push_back(path);
            if (!probe.exists(path))
                r.errors.push_back(Error{ErrorCode::Io, "mock file not found: " + path,
                                         mock.location, mock.pointer});
        }
        for (const ExternalRefs::File &sub : refs.subFlows) {
            const std::string path = r.rebased ? rebase(sub) : sub.path;
            if (r.rebased)
                r.subFlowPaths.push_back(path);
            if (!probe.exists(path))
                r.errors.push_back(Error{ErrorCode::Io, "sub-flow file not found: " + path,
                                         sub.location, sub.pointer});
            else if (fs::weakly_canonical(path, ec).string() == r.filePath)
                r.errors.push_back(Error{ErrorCode::Validation, "a flow cannot call itself",
                                         sub.location, sub.pointer});
        }
    }

    // Workspace: where the flow lives decides the mocks that can stand in for services the flow
    // does not declare (SPEC §2).
    std::map<std::string, std::string> workspaceMocks; // service -> file, first file wins
    // Mock files that cannot be read: they only matter to flows that need the service they
    // would provide (guessed from the file name), never to the others.
    std::map<std::string, std::pair<Error, bool>> brokenMocks; // error, reported yet
    if (onDisk) {
        auto workspace = this->workspace(r.filePath, probe);
        if (!workspace) {
            r.errors.push_back(workspace.error());
        } else {
            r.workspaceDir = workspace->dir;
            probe(inFolder(workspace->dir, "mocks")); // a mock added or removed changes it
            for (const std::string &file : workspace->mockFiles()) {
                const MockHead head = mock(file, probe);
                if (head.broken) {
                    // Reported when the mock itself is loaded, or below if this flow needs it.
                    const std::string stem = fs::path(file).filename().string();
                    brokenMocks.try_emplace(
                        stem.substr(0, stem.size() - std::string_view(".mock.yaml").size()),
                        std::pair(*head.broken, false));
                } else if (head.service) {
                    workspaceMocks.try_emplace(*head.service, file);
                }
            }
        }
    }

    std::set<std::string> services; // declared, then those the workspace's mocks add
    for (const auto &[name, spec] : flow.services) {
        services.insert(name);
        if (spec.mockFile.empty())
            if (auto it = workspaceMocks.find(name); it != workspaceMocks.end())
                r.mockFor.emplace(name, it->second);
    }
    for (const ExternalRefs::Service &ref : refs.services) {
        if (services.contains(ref.name))
            continue;
        if (auto it = workspaceMocks.find(ref.name); it != workspaceMocks.end()) {
            ServiceSpec spec;
            spec.name = ref.name;
            spec.mockFile = it->second;
            spec.location = SourceLocation{it->second, 1, 1};
            r.added.push_back(std::move(spec));
            services.insert(ref.name);
            continue;
        }
        if (auto broken = brokenMocks.find(ref.name); broken != brokenMocks.end()) {
            // The mock that would provide this service is broken: say so, where it is broken.
            auto &[mockError, reported] = broken->second;
            r.errors.push_back(Error{ErrorCode::Validation,
                                     "unknown service '" + ref.name + "': its mock " +
                                         mockError.location.file + " cannot be read",
                                     ref.location, ref.pointer});
            if (!std::exchange(reported, true))
                r.errors.push_back(mockError);
            continue;
        }
        std::vector<std::string> known(services.begin(), services.end());
        for (const auto &[name, file] : workspaceMocks)
            if (!services.contains(name))
                known.push_back(name);
        r.errors.push_back(
            Error{ErrorCode::Validation,
                  "unknown service '" + ref.name + "'" + internal::suggestion(ref.name, known) +
                      (known.empty() ? std::string("; no services are declared in 'services:' or "
                                                   "provided by mocks/*.mock.yaml")
                                     : "; known services: " + internal::joined(known)),
                  ref.location, ref.pointer});
    }
    return r;
}

void FlowResolver::Impl::apply(const Resolution &r, Flow &flow)
{
    flow.filePath = r.filePath;
    flow.workspaceDir = r.workspaceDir;
    if (r.rebased) {
        for (std::size_t i = 0; i < flow.external.mocks.size(); ++i) {
            ExternalRefs::File &mock = flow.external.mocks[i];
            mock.path = r.mockPaths[i];
            if (auto it = flow.services.find(mock.owner); it != flow.services.end())
                it->second.mockFile = mock.path;
        }
        std::map<std::string, std::string> byStep;
        for (std::size_t i = 0; i < flow.external.subFlows.size(); ++i) {
            flow.external.subFlows[i].path = r.subFlowPaths[i];
            byStep[flow.external.subFlows[i].owner] = r.subFlowPaths[i];
        }
        // The flow is this resolver's own (loadText), so its steps may be written.
        for (const Step *step : allSteps(flow))
            if (auto it = byStep.find(step->pointer); it != byStep.end())
                if (auto *call = const_cast<Step *>(step)->tryAs<CallSpec>())
                    call->flowPath = it->second;
    }
    for (const auto &[name, file] : r.mockFor)
        flow.services[name].mockFile = file;
    for (const ServiceSpec &spec : r.added)
        flow.services.emplace(spec.name, spec);
}

FlowLoad FlowResolver::Impl::loadText(std::string_view text, const std::string &fileName,
                                      const Probe &probe)
{
    FlowLoad load = parseFlow(text, fileName);
    if (!load.flow)
        return load;
    Resolution r = resolve(*load.flow, probe);
    // parseFlow made the flow with make_shared<Flow> and nobody else holds it yet, so it may be
    // finished here before anyone sees it.
    apply(r, *std::const_pointer_cast<Flow>(load.flow));
    load.errors.insert(load.errors.end(), std::make_move_iterator(r.errors.begin()),
                       std::make_move_iterator(r.errors.end()));
    internal::sortInFileOrder(load.errors, fileName);
    return load;
}

FlowResolver::FlowResolver()
    : m_impl(std::make_unique<Impl>())
{
}

FlowResolver::~FlowResolver() = default;

Errors FlowResolver::problems(const FlowLoad &parsed)
{
    Errors errors = parsed.errors;
    if (!parsed.flow)
        return errors;
    Resolution r = m_impl->resolve(*parsed.flow, Probe(nullptr));
    errors.insert(errors.end(), std::make_move_iterator(r.errors.begin()),
                  std::make_move_iterator(r.errors.end()));
    internal::sortInFileOrder(errors, parsed.flow->external.fileName);
    return errors;
}

FlowLoad FlowResolver::loadText(std::string_view text, const std::string &fileName)
{
    return m_impl->loadText(text, fileName, Probe(nullptr));
}

FlowLoad FlowResolver::loadFile(const std::string &path)
{
    std::optional<std::pair<Deps, FlowLoad>> cached;
    {
        std::lock_guard lock(m_impl->mutex);
        if (auto it = m_impl->files.find(path); it != m_impl->files.end())
            cached = it->second;
    }
    if (cached) {
        bool unchanged = true;
        for (const Dep &dep : cached->first)
            unchanged = unchanged && dep.holds();
        if (unchanged)
            return std::move(cached->second);
    }

    // The file's stamp is taken before it is read: if it changes meanwhile, the next load sees a
    // different stamp and reads it again.
    Deps deps;
    const Probe probe(&deps);
    probe(path);
    FlowLoad load;
    auto text = internal::readFlowText(path);
    if (!text)
        load.errors.push_back(text.error());
    else
        load = m_impl->loadText(*text, path, probe);
    std::lock_guard lock(m_impl->mutex);
    ++m_impl->reads.flows;
    m_impl->files.insert_or_assign(path, std::pair(std::move(deps), load));
    return load;
}

Result<Workspace> FlowResolver::workspaceFor(const std::string &flowPath)
{
    return m_impl->workspace(flowPath, Probe(nullptr));
}

FlowResolver::Reads FlowResolver::reads() const
{
    std::lock_guard lock(m_impl->mutex);
    return m_impl->reads;
}

} // namespace tutti::engine
