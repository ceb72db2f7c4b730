// The secret-store seam, its in-memory store and the process's installed store (secretstore.h).
#include <engine/core/secretstore.h>

#include <cctype>
#include <mutex>

namespace tutti::engine {

Result<std::map<std::string, std::string>> MemorySecretStore::all(const std::string &workspace)
{
    auto it = m_values.find(workspace);
    return it == m_values.end() ? std::map<std::string, std::string>{} : it->second;
}

Result<std::vector<std::string>> MemorySecretStore::names(const std::string &workspace)
{
    std::vector<std::string> out;
    if (auto it = m_values.find(workspace); it != m_values.end())
        for (const auto &[name, value] : it->second)
            out.push_back(name);
    return out;
}

Result<std::optional<std::string>> MemorySecretStore::get(const std::string &workspace,
                                                          const std::string &name)
{
    auto it = m_values.find(workspace);
    if (it == m_values.end())
        return std::optional<std::string>{};
    auto v = it->second.find(name);
    return v == it->second.end() ? std::optional<std::string>{} : v->second;
}

Result<void> MemorySecretStore::set(const std::string &workspace, const std::string &name,
                                    const std::string &value)
{
    if (const std::string why = secretNameProblem(name); !why.empty())
        return fail(ErrorCode::Validation, why);
    m_values[workspace][name] = value;
    return {};
}

Result<bool> MemorySecretStore::remove(const std::string &workspace, const std::string &name)
{
    auto it = m_values.find(workspace);
    return it != m_values.end() && it->second.erase(name) > 0;
}

std::string secretNameProblem(const std::string &name)
{
    if (name.empty())
        return "a secret needs a name";
    if (name.size() > 128)
        return "a secret name has at most 128 characters";
    if (std::isdigit(static_cast<unsigned char>(name.front())))
        return "a secret name cannot start with a digit";
    for (unsigned char c : name)
        if (!std::isalnum(c) && c != '_')
            return "a secret name has only letters, digits and '_' (as {{ secret.NAME }} writes "
                   "it)";
    return {};
}

namespace {
std::mutex g_storeMutex;
std::shared_ptr<SecretStore> g_store;
} // namespace

void installSecretStore(std::shared_ptr<SecretStore> store)
{
    const std::lock_guard lock(g_storeMutex);
    g_store = std::move(store);
}

std::shared_ptr<SecretStore> installedSecretStore()
{
    const std::lock_guard lock(g_storeMutex);
    return g_store;
}

} // namespace tutti::engine
