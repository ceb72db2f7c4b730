// The Debug Adapter Protocol's framing: "Content-Length: N\r\n\r\n" then N bytes of JSON, both
// ways. The reader treats its input as hostile: the header block, the body and the JSON depth
// are bounded, a frame that breaks a rule is skipped (resynchronising on the next header) and
// reported, and no byte sequence can make it crash, hang or grow without bound.
#pragma once

#include <engine/core/json.h>

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace tutti::cli {

struct DapLimits {
    std::size_t maxHeaderBytes = 8 * 1024; // the header block, up to and including \r\n\r\n
    std::size_t maxBodyBytes = 16u << 20;  // a Content-Length above this is skipped unread
    int maxDepth = 64;                     // DAP messages are shallow
};

class DapReader {
public:
    explicit DapReader(DapLimits limits = {})
        : m_limits(limits)
    {
    }
    // Feeds bytes as they arrive; calls onMessage for each complete JSON object and onProblem
    // for each frame that was dropped (with why).
    void feed(std::string_view bytes);

    std::function<void(engine::Json message)> onMessage;
    std::function<void(const std::string &problem)> onProblem;

private:
    bool step(); // one unit of progress on m_buffer; false when it needs more bytes
    void problem(const std::string &text);

    DapLimits m_limits;
    std::string m_buffer;
    std::size_t m_skip = 0;      // body bytes of an oversized frame still to drop
    long long m_bodyLength = -1; // the current frame's Content-Length once its header is read
};

// One frame for `message`.
std::string dapFrame(const engine::Json &message);

} // namespace tutti::cli
