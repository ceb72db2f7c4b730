// A scriptable HttpTransport for executor tests: answers from per-route scripts on a VirtualClock,
// so every timing in a test is exact simulated time.
#pragma once

#include <engine/core/clock.h>
#include <engine/core/httptransport.h>
#include <engine/core/trace.h>

#include <deque>
#include <map>
#include <string>
#include <vector>

namespace tutti::engine::test {

struct FakeReply {
    int status = 200;
    std::string body = "{}";
    Micros latency = 10 * kMillisecond;
    TransportError error = TransportError::None; // Connection: reset; Timeout never used
    bool hang = false;                           // never answers (the engine's timer fires)
    Headers headers = {{"Content-Type", "application/json"}};
};

class FakeTransport final : public HttpTransport {
public:
    explicit FakeTransport(Clock &clock)
        : m_clock(clock)
    {
    }

    // Replies for "METHOD url" (url without query); the last reply repeats.
    void script(const std::string &route, std::vector<FakeReply> replies)
    {
        m_scripts[route] = std::deque<FakeReply>(replies.begin(), replies.end());
    }

    RequestId send(HttpRequest request, std::function<void(TransportResult)> done) override
    {
        const RequestId id = m_nextId++;
        std::string url = request.url.substr(0, request.url.find('?'));
        const std::string route = request.method + " " + url;
        m_log.push_back(request);
        m_times.push_back(m_clock.now());
        ++m_counts[route];
        FakeReply reply;
        auto it = m_scripts.find(route);
        if (it == m_scripts.end()) {
            reply.status = 404;
            reply.body = R"({"error":"no script for )" + route + "\"}";
        } else {
            reply = it->second.front();
            if (it->second.size() > 1)
                it->second.pop_front();
        }
        if (reply.hang) {
            m_pending[id] = 0;
            return id;
        }
        m_pending[id] = m_clock.schedule(reply.latency, [this, id, reply, done] {
            m_pending.erase(id);
            TransportResult r;
            r.error = reply.error;
            if (reply.error != TransportError::None)
                r.errorMessage = "connection reset by peer";
            r.response.status = reply.status;
            r.response.body = reply.body;
            r.response.headers = reply.headers;
            done(r);
        });
        return id;
    }

    void cancel(RequestId id) override
    {
        auto it = m_pending.find(id);
        if (it == m_pending.end())
            return;
        if (it->second)
            m_clock.cancel(it->second);
        m_pending.erase(it);
        ++m_cancelled;
    }

    int count(const std::string &route) const
    {
        auto it = m_counts.find(route);
        return it == m_counts.end() ? 0 : it->second;
    }
    const std::vector<HttpRequest> &log() const { return m_log; }
    const std::vector<Micros> &times() const { return m_times; }
    int cancelled() const { return m_cancelled; }
    std::size_t pending() const { return m_pending.size(); }

private:
    Clock &m_clock;
    RequestId m_nextId = 1;
    std::map<std::string, std::deque<FakeReply>> m_scripts;
    std::map<std::string, int> m_counts;
    std::map<RequestId, TimerId> m_pending;
    std::vector<HttpRequest> m_log;
    std::vector<Micros> m_times;
    int m_cancelled = 0;
};

// Collects everything a run reports.
class RecordingSink final : public TraceSink {
public:
    void runStarted(const RunRecord &) override { ++started; }
    void spanStarted(const RunRecord &, const Span &) override { ++spansStarted; }
    void spanFinished(const RunRecord &, const Span &span) override { spans.push_back(span); }
    void runFinished(const RunRecord &run) override { finished.push_back(run); }

    std::vector<Span> ofKind(SpanKind kind) const
    {
        std::vector<Span> out;
        for (const auto &s : spans)
            if (s.kind == kind)
                out.push_back(s);
        return out;
    }

    int started = 0;
    int spansStarted = 0;
    std::vector<Span> spans;
    std::vector<RunRecord> finished;
};

} // namespace tutti::engine::test
