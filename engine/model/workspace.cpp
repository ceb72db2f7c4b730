// Finding a flow's workspace (SPEC §2), reading its tutti.yaml and listing its files.
#include <engine/model/workspace.h>

#include <engine/core/jsonio.h>
#include <engine/model/yamldoc.h>

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace tutti::engine {

namespace {

namespace fs = std::filesystem;

constexpr int kWorkspaceFormatVersion = 1;

// Files directly in `dir` whose names end with `suffix`, as sorted absolute paths.
std::vector<std::string> filesEndingWith(const fs::path &dir, std::string_view suffix)
{
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto &entry : fs::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.size() > suffix.size() && name.ends_with(suffix) && entry.is_regular_file(ec))
            out.push_back(entry.path().string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::unexpected<Error> unknownKey(const YamlDocument &doc, const std::string &pointer,
                                  const std::string &key, const std::vector<std::string> &allowed,
                                  const std::string &what)
{
    const std::string suggestion = closestMatch(key, allowed);
    std::string expected;
    for (const auto &k : allowed)
        expected += (expected.empty() ? "" : ", ") + k;
    return fail(ErrorCode::Schema,
                "unknown key '" + key + "' in " + what +
                    (suggestion.empty() ? "" : " (did you mean '" + suggestion + "'?)") +
                    "; expected: " + expected,
                doc.locateKey(pointer), pointer);
}

Result<Environment> readEnvironment(const YamlDocument &doc, const std::string &name,
                                    const Json &value, const std::string &pointer)
{
    Environment env;
    env.name = name;
    if (value.is_null())
        return env;
    if (!value.is_object())
        return fail(ErrorCode::Schema,
                    "environment '" + name + "' must be a mapping with services and vars, got " +
                        describeYamlValue(value),
                    doc.locate(pointer), pointer);
    for (auto it = value.begin(); it != value.end(); ++it) {
        const std::string child = pointer + "/" + pointerToken(it.key());
        if (it.key() == "services") {
            if (it->is_null())
                continue;
            if (!it->is_object())
                return fail(ErrorCode::Schema,
                            "'services' must map service names to base URLs, got " +
                                describeYamlValue(*it),
                            doc.locate(child), child);
            for (auto s = it->begin(); s != it->end(); ++s) {
                const std::string sp = child + "/" + pointerToken(s.key());
                if (!s->is_string())
                    return fail(ErrorCode::Schema,
                                "the base URL of service '" + s.key() +
                                    "' must be a string like https://api.example.com, got " +
                                    describeYamlValue(*s),
                                doc.locate(sp), sp);
                const auto &url = s->get_ref<const std::string &>();
                if (!url.starts_with("http://") && !url.starts_with("https://"))
                    return fail(ErrorCode::Schema,
                                "the base URL of service '" + s.key() +
                                    "' must start with http:// or https://, got '" + url + "'",
                                doc.locate(sp), sp);
                env.serviceUrls[s.key()] = url;
            }
        } else if (it.key() == "vars") {
            if (it->is_null())
                continue;
            if (!it->is_object())
                return fail(ErrorCode::Schema,
                            "'vars' must be a mapping, got " + describeYamlValue(*it),
                            doc.locate(child), child);
            env.vars = *it;
        } else {
            return unknownKey(doc, child, it.key(), {"services", "vars"},
                              "environment '" + name + "'");
        }
    }
    return env;
}

} // namespace

std::vector<std::string> Workspace::mockFiles() const
{
    return filesEndingWith(fs::path(dir) / "mocks", ".mock.yaml");
}

std::vector<std::string> Workspace::profileFiles() const
{
    return filesEndingWith(fs::path(dir) / "profiles", ".profile.yaml");
}

std::vector<std::string> Workspace::flowFiles() const
{
    return filesEndingWith(fs::path(dir), ".flow.yaml");
}

Result<Workspace> loadWorkspace(const std::string &dir)
{
    std::error_code ec;
    Workspace workspace;
    workspace.dir = fs::weakly_canonical(fs::absolute(dir, ec), ec).string();
    if (workspace.dir.empty())
        workspace.dir = dir;
    if (workspace.dir.size() > 1 && workspace.dir.back() == '/')
        workspace.dir.pop_back();
    const fs::path file = fs::path(workspace.dir) / "tutti.yaml";
    if (!fs::exists(file, ec))
        return workspace;

    auto doc = loadYamlFile(file.string());
    if (!doc)
        return std::unexpected(doc.error());
    const Json &root = doc->root;
    if (!root.is_object())
        return fail(ErrorCode::Schema,
                    "tutti.yaml must be a mapping with 'tutti-workspace: 1' and 'environments'",
                    doc->locate(""), "");
    if (!root.contains("tutti-workspace"))
        return fail(ErrorCode::Schema,
                    "tutti.yaml needs 'tutti-workspace: 1' (the workspace format version)",
                    SourceLocation{file.string(), 1, 1}, "");
    for (auto it = root.begin(); it != root.end(); ++it) {
        const std::string pointer = "/" + pointerToken(it.key());
        if (it.key() == "tutti-workspace") {
            if (!it->is_number_integer() || it->get<long long>() < 1)
                return fail(ErrorCode::Schema,
                            "'tutti-workspace' must be a format version like 1, got " +
                                describeYamlValue(*it),
                            doc->locate(pointer), pointer);
            const auto version = it->get<long long>();
            if (version > kWorkspaceFormatVersion)
                return fail(ErrorCode::Version,
                            "this file is format " + std::to_string(version) +
                                "; this build reads up to " +
                                std::to_string(kWorkspaceFormatVersion),
                            doc->locate(pointer), pointer);
        } else if (it.key() == "environments") {
            if (it->is_null())
                continue;
            if (!it->is_object())
                return fail(ErrorCode::Schema,
                            "'environments' must map environment names to their services and "
                            "vars, got " +
                                describeYamlValue(*it),
                            doc->locate(pointer), pointer);
            for (auto e = it->begin(); e != it->end(); ++e) {
                const std::string ep = pointer + "/" + pointerToken(e.key());
                if (e.key() == "mock")
                    return fail(ErrorCode::Schema,
                                "the 'mock' environment is built in (every service resolves to "
                                "its mock) and cannot be redefined",
                                doc->locateKey(ep), ep);
                auto env = readEnvironment(*doc, e.key(), *e, ep);
                if (!env)
                    return std::unexpected(env.error());
                workspace.environments[e.key()] = std::move(*env);
            }
        } else {
            return unknownKey(*doc, pointer, it.key(), {"tutti-workspace", "environments"},
                              "tutti.yaml");
        }
    }
    return workspace;
}

std::string workspaceDirFor(const std::string &flowPath,
                            const std::function<bool(const std::string &dir)> &hasTuttiYaml)
{
    std::error_code ec;
    fs::path start = fs::absolute(flowPath.empty() ? fs::path(".") : fs::path(flowPath), ec);
    start = fs::weakly_canonical(start, ec).parent_path();
    if (flowPath.empty())
        start = fs::weakly_canonical(fs::absolute("."), ec);
    for (fs::path dir = start; !dir.empty(); dir = dir.parent_path()) {
        if (hasTuttiYaml(dir.string()))
            return dir.string();
        if (dir == dir.parent_path())
            break;
    }
    return start.string();
}

Result<Workspace> workspaceForFlow(const std::string &flowPath)
{
    return loadWorkspace(workspaceDirFor(flowPath, [](const std::string &dir) {
        std::error_code ec;
        return fs::exists(fs::path(dir) / "tutti.yaml", ec);
    }));
}

} // namespace tutti::engine
