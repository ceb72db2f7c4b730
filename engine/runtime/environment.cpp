// Run environments: the built-in `mock` one and the named ones of tutti.yaml; secrets from
// TUTTI_SECRET_<NAME> (names upper-cased, non-alphanumerics as '_'), else the workspace's secrets
// in the installed store (the OS keychain; engine/core/secretstore.h).
#include <engine/core/secretstore.h>
#include <engine/runtime/executor.h>

#include <cctype>
#include <cstdlib>

namespace tutti::engine {

namespace {
std::optional<std::string> secretFromEnvironment(const std::string &name)
{
    std::string variable = "TUTTI_SECRET_";
    for (char c : name)
        variable += std::isalnum(static_cast<unsigned char>(c))
                        ? static_cast<char>(std::toupper(static_cast<unsigned char>(c)))
                        : '_';
    if (const char *value = std::getenv(variable.c_str()))
        return std::string(value);
    return std::nullopt;
}
} // namespace

Result<RunEnvironment> RunEnvironment::fromWorkspace(const Workspace &workspace,
                                                     const std::string &name)
{
    RunEnvironment env;
    env.name = name.empty() ? "mock" : name;
    env.secret = secretFromEnvironment;
    // The keychain is read once, here (before any run starts: reading it waits on D-Bus), and
    // kept in memory; a variable still wins, so a CI job can override a developer's keychain.
    if (auto store = installedSecretStore()) {
        if (auto all = store->all(workspace.dir); all && !all->empty()) {
            auto values = std::make_shared<const std::map<std::string, std::string>>(*all);
            env.secret = [values](const std::string &name) -> std::optional<std::string> {
                if (auto v = secretFromEnvironment(name))
                    return v;
                auto it = values->find(name);
                return it == values->end() ? std::nullopt : std::optional<std::string>(it->second);
            };
        } else if (!all) {
            env.secretStoreProblem = all.error().message;
        }
    }
    if (env.name == "mock") {
        if (auto it = workspace.environments.find("mock"); it != workspace.environments.end())
            env.vars = it->second.vars;
        return env;
    }
    auto it = workspace.environments.find(env.name);
    if (it == workspace.environments.end()) {
        std::string known = "mock";
        for (const auto &[n, e] : workspace.environments)
            known += ", " + n;
        return fail(ErrorCode::Validation,
                    "unknown environment '" + env.name + "' (known: " + known + ")",
                    {workspace.dir + "/tutti.yaml", 0, 0});
    }
    env.serviceUrls = it->second.serviceUrls;
    env.vars = it->second.vars;
    return env;
}

} // namespace tutti::engine
