// SentBody: the JSON value a request body was serialized from, published by the http action
// while it hands the request to its transport, so an in-process far side (the mocks) reads the
// value instead of parsing the text it was just serialized to.
//
// Why a thread-local and not a field of HttpRequest: HttpTransport::send() is synchronous up to
// the point where the in-process mock decides, so the value only has to be reachable for that
// call; a field would outlive it in every copy of the request (a dangling pointer in a
// transport that keeps requests). The value is matched to the request by its body buffer, so a
// different request sent inside the window (none is today) never sees it.
#pragma once

#include <engine/core/json.h>

#include <cstring>
#include <string>
#include <string_view>

namespace tutti::engine {

class SentBody {
public:
    // Publishes `value` as the source of `body` until this object is destroyed. `body` is the
    // request's body text; moving the request (as send() does) keeps its heap buffer, and short
    // bodies are compared by content.
    SentBody(const Json &value, const std::string &body)
        : m_saved(slot())
    {
        Slot &s = slot();
        s.value = &value;
        s.data = body.data();
        s.size = body.size();
        s.small = body.size() < sizeof s.bytes;
        if (s.small)
            std::memcpy(s.bytes, body.data(), body.size());
    }
    ~SentBody() { slot() = m_saved; }
    SentBody(const SentBody &) = delete;
    SentBody &operator=(const SentBody &) = delete;

    // The published value when `body` is the text it was serialized to, else nullptr.
    static const Json *valueFor(std::string_view body)
    {
        const Slot &s = slot();
        if (!s.value || s.size != body.size())
            return nullptr;
        if (s.small ? std::memcmp(s.bytes, body.data(), body.size()) == 0 : s.data == body.data())
            return s.value;
        return nullptr;
    }

private:
    struct Slot {
        const Json *value = nullptr;
        const char *data = nullptr;
        std::size_t size = 0;
        bool small = false;
        char bytes[32] = {};
    };
    static Slot &slot()
    {
        static thread_local Slot current;
        return current;
    }
    Slot m_saved;
};

} // namespace tutti::engine
