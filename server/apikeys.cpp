// API keys of `tutti serve` (see apikeys.h).
#include "apikeys.h"

#include <engine/core/text.h>

#include <fstream>
#include <sstream>

namespace tutti::server {

using namespace tutti::engine;

namespace {
// Key files may come with Windows line ends.
constexpr std::string_view kBlank = " \t\r";
} // namespace

Result<void> ApiKeys::check(std::string_view key, const std::string &where)
{
    for (char c : key) {
        const auto u = static_cast<unsigned char>(c);
        // Keys travel in a header value: printable ASCII without spaces.
        if (u <= 0x20 || u >= 0x7F)
            return fail(ErrorCode::Validation,
                        where + ": an API key may hold only printable ASCII without spaces");
    }
    return {};
}

Result<ApiKeys> ApiKeys::fromList(std::string_view list)
{
    ApiKeys keys;
    while (!list.empty()) {
        const auto comma = list.find(',');
        const std::string_view key = trimmed(list.substr(0, comma), kBlank);
        if (!key.empty()) {
            if (auto ok = check(key, "TUTTI_SERVE_KEYS"); !ok)
                return std::unexpected(ok.error());
            keys.m_keys.emplace_back(key);
        }
        if (comma == std::string_view::npos)
            break;
        list.remove_prefix(comma + 1);
    }
    return keys;
}

Result<ApiKeys> ApiKeys::fromFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return fail(ErrorCode::Io, "cannot read the keys file", {path, 0, 0});
    ApiKeys keys;
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        const std::string_view key = trimmed(line, kBlank);
        if (key.empty() || key.front() == '#')
            continue;
        if (auto ok = check(key, path + ":" + std::to_string(number)); !ok)
            return std::unexpected(ok.error());
        keys.m_keys.emplace_back(key);
    }
    return keys;
}

void ApiKeys::add(ApiKeys other)
{
    for (auto &k : other.m_keys)
        m_keys.push_back(std::move(k));
}

std::optional<std::size_t> ApiKeys::match(std::string_view presented) const
{
    std::optional<std::size_t> found;
    for (std::size_t k = 0; k < m_keys.size(); ++k) {
        const std::string &key = m_keys[k];
        // volatile keeps the compiler from turning the loop into an early-exit memcmp.
        volatile unsigned char diff = key.size() != presented.size() ? 1 : 0;
        const std::size_t n = std::max(key.size(), presented.size());
        for (std::size_t i = 0; i < n; ++i) {
            const auto a = i < key.size() ? static_cast<unsigned char>(key[i]) : 0;
            const auto b = i < presented.size() ? static_cast<unsigned char>(presented[i]) : 0;
            diff = diff | static_cast<unsigned char>(a ^ b);
        }
        if (diff == 0 && !found)
            found = k;
    }
    return found;
}

std::optional<std::string_view> ApiKeys::presented(const Http1Request &request)
{
    if (auto auth = request.header("Authorization")) {
        std::string_view v = *auth;
        if (v.size() > 7 && (v.substr(0, 7) == "Bearer " || v.substr(0, 7) == "bearer "))
            return trimmed(v.substr(7), kBlank);
    }
    if (auto key = request.header("X-Api-Key"))
        return *key;
    return std::nullopt;
}

} // namespace tutti::server
