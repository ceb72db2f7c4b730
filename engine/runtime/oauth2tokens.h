// OAuth2 client-credentials tokens (RFC 6749 §4.4) for `auth: {type: oauth2_client_credentials}`
// (SPEC §3 "HTTP details"): fetched once per client, kept in memory until shortly before they
// expire, and fetched by one request when several runs need a new one at once (single flight).
// Never stored or traced: each run that uses a token registers it with its redactor.
// Shared by the runs of one thread like CircuitBreakers (the CLI and the studio: one per process
// or session; `serve`: one per worker thread); not thread-safe.
#pragma once

#include <engine/core/duration.h>
#include <engine/core/httptransport.h>

#include <expected>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace tutti::engine {

struct OAuth2Client {
    std::string tokenUrl;
    std::string clientId;
    std::string clientSecret;
    std::string scope; // "" = none asked
};

// What a token fetch ended with: the access token, or why there is none (the `auth` error's
// message; it never holds the secret or a token).
using OAuth2TokenResult = std::expected<std::string, std::string>;
// Sends the token request the way the asking run sends (its transport, timeout and cancel scope).
using OAuth2Send = std::function<void(HttpRequest, std::function<void(TransportResult)>)>;

class OAuth2Tokens {
public:
    // How much of a token's life is left when it is fetched anew: min(30 s, a tenth of its life).
    static constexpr Micros kMaxRefreshMargin = 30 * kSecond;
    // A token answer without `expires_in` is kept this long.
    static constexpr Micros kDefaultLifetime = 5 * 60 * kSecond;

    // The token of `client` at `now`: a cached one that is not about to expire (done is called
    // right away), else one fetched through `send` (done is called when it answers). Runs asking
    // while a fetch is under way wait for it; when the run whose request it is gets cancelled,
    // the next waiting run sends it.
    void get(const OAuth2Client &client, Micros now, OAuth2Send send,
             std::function<void(OAuth2TokenResult)> done);
    // The service refused `token` (401): forget it, unless a newer one has replaced it already.
    void invalidate(const OAuth2Client &client, const std::string &token);
    // How many token requests were sent (for tests and the trace's curious).
    int fetches() const { return m_fetches; }

    // The request for `client`: a form POST with grant_type, client_id, client_secret and scope.
    static HttpRequest tokenRequest(const OAuth2Client &client);
    // The token and its lifetime from a token endpoint's answer, or why it is not one.
    struct Token {
        std::string accessToken;
        Micros lifetime = kDefaultLifetime;
    };
    static std::expected<Token, std::string> parseTokenAnswer(const TransportResult &answer);

private:
    struct Waiter {
        OAuth2Send send;
        std::function<void(OAuth2TokenResult)> done;
    };
    struct Entry {
        std::string token;
        Micros refreshAt = 0; // fetch anew from then on
        bool fetching = false;
        std::vector<Waiter> waiters; // waiters.front() sent the request in flight
    };
    static std::string keyOf(const OAuth2Client &client);
    void fetch(const std::string &key, const OAuth2Client &client, Micros now);

    std::map<std::string, Entry> m_entries;
    int m_fetches = 0;
};

} // namespace tutti::engine
