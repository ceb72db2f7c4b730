// The OS keychain as the secret store of the CLI and the studio (engine/core/secretstore.h):
// qtkeychain, which is the Secret Service (gnome-keyring, KWallet, KeePassXC) on Linux. Entries
// are service "tutti", key "WORKSPACE\nNAME"; an index entry per workspace lists the names,
// since the Secret Service API of qtkeychain cannot enumerate. Each call waits (at most
// kTimeoutMs) on D-Bus in a local event loop: call it before runs start, never from inside one.
#pragma once

#include <engine/core/secretstore.h>

namespace tutti::keychain {

class KeychainSecretStore final : public engine::SecretStore {
public:
    static constexpr int kTimeoutMs = 10000;

    engine::Result<std::map<std::string, std::string>> all(const std::string &workspace) override;
    engine::Result<std::vector<std::string>> names(const std::string &workspace) override;
    engine::Result<std::optional<std::string>> get(const std::string &workspace,
                                                   const std::string &name) override;
    engine::Result<void> set(const std::string &workspace, const std::string &name,
                             const std::string &value) override;
    engine::Result<bool> remove(const std::string &workspace, const std::string &name) override;

private:
    engine::Result<void> writeNames(const std::string &workspace,
                                    const std::vector<std::string> &names);
};

} // namespace tutti::keychain
