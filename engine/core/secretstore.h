// Where `{{ secret.NAME }}` values live besides TUTTI_SECRET_<NAME> (SPEC §9): one seam, so the
// CLI and the studio use the OS keychain (app/keychain: qtkeychain, the Secret Service on Linux)
// and tests an in-memory store. Secrets belong to a workspace (its absolute folder); values are
// only ever held in memory by the engine, never written to a file.
#pragma once

#include <engine/core/result.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tutti::engine {

class SecretStore {
public:
    virtual ~SecretStore() = default;
    // Every secret of `workspace` by name. An error when the store cannot be reached (no Secret
    // Service running): its message says so and what to do instead.
    virtual Result<std::map<std::string, std::string>> all(const std::string &workspace) = 0;
    virtual Result<std::vector<std::string>> names(const std::string &workspace) = 0;
    virtual Result<std::optional<std::string>> get(const std::string &workspace,
                                                   const std::string &name) = 0;
    virtual Result<void> set(const std::string &workspace, const std::string &name,
                             const std::string &value) = 0;
    // False when there was no such secret.
    virtual Result<bool> remove(const std::string &workspace, const std::string &name) = 0;
};

// For tests, and the store of a process where none is installed.
class MemorySecretStore final : public SecretStore {
public:
    Result<std::map<std::string, std::string>> all(const std::string &workspace) override;
    Result<std::vector<std::string>> names(const std::string &workspace) override;
    Result<std::optional<std::string>> get(const std::string &workspace,
                                           const std::string &name) override;
    Result<void> set(const std::string &workspace, const std::string &name,
                     const std::string &value) override;
    Result<bool> remove(const std::string &workspace, const std::string &name) override;

private:
    std::map<std::string, std::map<std::string, std::string>> m_values;
};

// A secret name as `{{ secret.NAME }}` writes it: letters, digits and '_', not starting with a
// digit, at most 128 characters; "" when valid, else why not.
std::string secretNameProblem(const std::string &name);

// The store RunEnvironment::fromWorkspace reads (after TUTTI_SECRET_<NAME>, which wins so a CI
// job can override a developer's keychain): installed once by the composition root (the CLI's and
// the studio's main); none by default (tests and libraries see only the environment variables).
void installSecretStore(std::shared_ptr<SecretStore> store);
std::shared_ptr<SecretStore> installedSecretStore();

} // namespace tutti::engine
