// OAuth2 client-credentials tokens: cache, single flight, the token request and its answer
// (oauth2tokens.h).
#include <engine/runtime/oauth2tokens.h>

#include <engine/core/jsonio.h>
#include <engine/runtime/requesturl.h>

#include <algorithm>
#include <cmath>
#include <utility>

namespace tutti::engine {

namespace {

// A token endpoint's own words (error, error_description) are shown, bounded and printable.
std::string said(const Json &body, const char *key)
{
    auto it = body.find(key);
    if (it == body.end() || !it->is_string())
        return {};
    return printableName(it->get<std::string>());
}

} // namespace

std::string OAuth2Tokens::keyOf(const OAuth2Client &client)
{
    // The secret is part of the key: a rotated secret gets a token of its own. The key stays in
    // memory only, like the token.
    std::string key;
    for (const std::string *part :
         {&client.tokenUrl, &client.clientId, &client.scope, &client.clientSecret}) {
        key += std::to_string(part->size());
        key += ':';
        key += *part;
    }
    return key;
}

HttpRequest OAuth2Tokens::tokenRequest(const OAuth2Client &client)
{
    HttpRequest r;
    r.method = "POST";
    r.url = client.tokenUrl;
    Json form = {{"grant_type", "client_credentials"},
                 {"client_id", client.clientId},
                 {"client_secret", client.clientSecret}};
    if (!client.scope.empty())
        form["scope"] = client.scope;
    r.body = formEncode(form);
    r.headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                 {"Accept", "application/json"}};
    r.maxBody = 1u << 20; // a token answer is a few hundred bytes
    return r;
}

std::expected<OAuth2Tokens::Token, std::string>
OAuth2Tokens::parseTokenAnswer(const TransportResult &answer)
{
    if (answer.error != TransportError::None)
        return std::unexpected(
            "the token endpoint could not be reached: " +
            (answer.errorMessage.empty() ? std::string("no answer") : answer.errorMessage));
    const HttpResponse &r = answer.response;
    auto json = parseJson(r.body, JsonLimits{1u << 20, 16});
    const bool ok = r.status >= 200 && r.status <= 299;
    if (!ok) {
        std::string why = "the token endpoint answered " + std::to_string(r.status);
        if (json && json->is_object()) {
            const std::string error = said(*json, "error"),
                              description = said(*json, "error_description");
            if (!error.empty())
                why += ": " + error;
            if (!description.empty())
                why += " (" + description + ")";
        }
        return std::unexpected(why);
    }
    if (!json || !json->is_object())
        return std::unexpected("the token endpoint's answer is not a JSON object");
    auto token = json->find("access_token");
    if (token == json->end() || !token->is_string() || token->get<std::string>().empty())
        return std::unexpected("the token endpoint's answer has no access_token");
    if (auto type = json->find("token_type"); type != json->end()) {
        std::string t = type->is_string() ? type->get<std::string>() : std::string();
        std::transform(t.begin(), t.end(), t.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (t != "bearer")
            return std::unexpected("the token endpoint gave a token of type '" + printableName(t) +
                                   "' (only bearer tokens are sent)");
    }
    Token out;
    out.accessToken = token->get<std::string>();
    if (const std::string why = controlCharacterIn(out.accessToken, false); !why.empty())
        return std::unexpected("the access_token holds " + why + " and cannot be sent");
    if (auto expires = json->find("expires_in"); expires != json->end()) {
        double seconds = -1;
        if (expires->is_number())
            seconds = expires->get<double>();
        else if (expires->is_string()) // some servers quote it
            seconds = std::strtod(expires->get<std::string>().c_str(), nullptr);
        if (std::isfinite(seconds) && seconds > 0)
            out.lifetime = static_cast<Micros>(std::min(seconds, 366.0 * 86400) * kSecond);
        else
            out.lifetime = 0; // expired on arrival: used once, fetched anew next time
    }
    return out;
}

void OAuth2Tokens::get(const OAuth2Client &client, Micros now, OAuth2Send send,
                       std::function<void(OAuth2TokenResult)> done)
{
    const std::string key = keyOf(client);
    Entry &e = m_entries[key];
    if (!e.fetching && !e.token.empty() && now < e.refreshAt)
        return done(e.token);
    e.waiters.push_back({std::move(send), std::move(done)});
    if (!e.fetching)
        fetch(key, client, now);
}

void OAuth2Tokens::fetch(const std::string &key, const OAuth2Client &client, Micros now)
{
    Entry &e = m_entries[key];
    e.fetching = true;
    ++m_fetches;
    // The entry may be erased by invalidate() only when not fetching, so the key finds it again.
    e.waiters.front().send(tokenRequest(client), [this, key, client, now](TransportResult r) {
        Entry &entry = m_entries[key];
        if (r.error == TransportError::Cancelled) {
            // The run that sent it was stopped: it hears so, the next one asks again.
            Waiter leader = std::move(entry.waiters.front());
            entry.waiters.erase(entry.waiters.begin());
            entry.fetching = false;
            if (!entry.waiters.empty())
                fetch(key, client, now);
            leader.done(std::unexpected(std::string("cancelled")));
            return;
        }
        auto token = parseTokenAnswer(r);
        std::vector<Waiter> waiters = std::exchange(entry.waiters, {});
        entry.fetching = false;
        if (token) {
            entry.token = token->accessToken;
            entry.refreshAt =
                now + token->lifetime - std::min(kMaxRefreshMargin, token->lifetime / 10);
        } else {
            entry.token.clear(); // a failure is not cached: the next run asks again
        }
        const OAuth2TokenResult result =
            token ? OAuth2TokenResult(token->accessToken) : std::unexpected(token.error());
        for (Waiter &w : waiters)
            w.done(result);
    });
}

void OAuth2Tokens::invalidate(const OAuth2Client &client, const std::string &token)
{
    auto it = m_entries.find(keyOf(client));
    if (it != m_entries.end() && !it->second.fetching && it->second.token == token)
        it->second.token.clear();
}

} // namespace tutti::engine
