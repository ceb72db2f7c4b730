// The API keys `tutti serve` accepts: loaded from TUTTI_SERVE_KEYS or a keys file, found in
// `Authorization: Bearer KEY` or `X-Api-Key: KEY`, compared in constant time. Keys are never
// printed; callers see only a key's index.
#pragma once

#include <engine/core/result.h>
#include <engine/net/http1request.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tutti::server {

class ApiKeys {
public:
    // Comma-separated keys (TUTTI_SERVE_KEYS); blanks around keys are ignored.
    static engine::Result<ApiKeys> fromList(std::string_view list);
    // One key a line; blank lines and lines starting with '#' are ignored.
    static engine::Result<ApiKeys> fromFile(const std::string &path);

    void add(ApiKeys other);
    bool empty() const { return m_keys.empty(); }
    std::size_t size() const { return m_keys.size(); }

    // The index of the key `presented` equals, or nullopt. Every key is compared, each in time
    // that depends only on the lengths, so timing does not tell how much of a key was right.
    std::optional<std::size_t> match(std::string_view presented) const;

    // The key a request presents (Bearer token first, then X-Api-Key), or nullopt.
    static std::optional<std::string_view> presented(const engine::Http1Request &request);

private:
    static engine::Result<void> check(std::string_view key, const std::string &where);
    std::vector<std::string> m_keys;
};

} // namespace tutti::server
