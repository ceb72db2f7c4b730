// OTLP/HTTP JSON exporter: spans are gathered per run under a lock (runs may finish on any
// thread), each finished run becomes one `resourceSpans` element, and the sender thread posts
// batches of them with bounded retries. Nothing here blocks a run.
#include <engine/core/jsonio.h>
#include <engine/core/urlencoding.h>
#include <engine/net/curltransport.h>
#include <engine/net/otlpexporter.h>
#include <engine/net/realclock.h>
#include <engine/trace/traceexport.h>

#include <QMetaObject>
#include <QObject>
#include <QThread>

#include <algorithm>
#include <charconv>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace tutti::engine {

namespace {

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

bool retryableStatus(int status)
{
    return status == 429 || status == 502 || status == 503 || status == 504;
}

// Retry-After in seconds (the HTTP-date form is rare from collectors and is ignored).
Micros retryAfter(const Headers &headers)
{
    const std::string *value = findHeader(headers, "retry-after");
    if (!value)
        return 0;
    long seconds = 0;
    const auto [end, ec] = std::from_chars(value->data(), value->data() + value->size(), seconds);
    if (ec != std::errc() || end != value->data() + value->size() || seconds < 0)
        return 0;
    return std::min<Micros>(seconds, 30) * kSecond;
}

} // namespace

Result<std::string> otlpTracesUrl(std::string_view endpoint)
{
    const std::string_view text = trim(endpoint);
    std::size_t schemeEnd = 0;
    if (text.starts_with("http://"))
        schemeEnd = 7;
    else if (text.starts_with("https://"))
        schemeEnd = 8;
    else
        return fail(ErrorCode::Schema, "the OTLP endpoint must be an http:// or https:// URL");
    const std::string problem = controlCharacterIn(text, false);
    if (!problem.empty())
        return fail(ErrorCode::Schema, "the OTLP endpoint contains " + problem);
    const std::size_t pathStart = text.find_first_of("/?#", schemeEnd);
    const std::string_view host = text.substr(schemeEnd, pathStart - schemeEnd);
    if (host.empty() || host.find(' ') != std::string_view::npos)
        return fail(ErrorCode::Schema, "the OTLP endpoint has no host");
    if (pathStart == std::string_view::npos)
        return std::string(text) + "/v1/traces";
    if (text.substr(pathStart) == "/")
        return std::string(text.substr(0, pathStart)) + "/v1/traces";
    return std::string(text);
}

Result<Headers> parseOtlpHeaders(std::string_view text)
{
    Headers headers;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const std::size_t comma = std::min(text.find(',', pos), text.size());
        const std::string_view item = trim(text.substr(pos, comma - pos));
        pos = comma + 1;
        if (item.empty())
            continue;
        const std::size_t eq = item.find('=');
        const std::string name(trim(item.substr(0, eq)));
        if (eq == std::string_view::npos || !isHttpToken(name))
            return fail(ErrorCode::Schema, "OTLP header '" + printableName(name) +
                                               "' is not NAME=VALUE with NAME an HTTP token");
        std::string value = percentDecode(trim(item.substr(eq + 1)), false);
        const std::string problem = controlCharacterIn(value);
        if (!problem.empty())
            return fail(ErrorCode::Schema,
                        "the value of OTLP header '" + name + "' contains " + problem);
        headers.emplace_back(name, std::move(value));
    }
    return headers;
}

namespace internal {

class OtlpSender {
public:
    OtlpSender(OtlpOptions options, std::function<void(const std::string &)> onWarning)
        : m_options(std::move(options))
        , m_onWarning(std::move(onWarning))
    {
        m_options.maxBatchRuns = std::max<std::size_t>(1, m_options.maxBatchRuns);
        m_options.maxAttempts = std::max(1, m_options.maxAttempts);
        m_thread.setObjectName("tutti-otlp");
        m_thread.start();
        m_context.moveToThread(&m_thread);
        // The clock and the transport watch sockets and timers: they must live on the thread.
        QMetaObject::invokeMethod(
            &m_context,
            [this] {
                m_clock = std::make_unique<RealClock>();
                m_transport = std::make_unique<CurlTransport>();
            },
            Qt::BlockingQueuedConnection);
    }

    ~OtlpSender()
    {
        QMetaObject::invokeMethod(
            &m_context,
            [this] {
                m_transport.reset(); // drops the request in flight, never calls it back
                m_clock.reset();
            },
            Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }

    void spanFinished(const RunRecord &run, const Span &span)
    {
        std::lock_guard lock(m_mutex);
        m_spans[run.id].push_back(span);
    }

    void runFinished(const RunRecord &run)
    {
        std::vector<Span> spans;
        {
            std::lock_guard lock(m_mutex);
            if (auto it = m_spans.find(run.id); it != m_spans.end()) {
                spans = std::move(it->second);
                m_spans.erase(it);
            }
        }
        // Built on the caller's thread, outside the lock: the JSON is the expensive part and
        // serve workers finish runs in parallel.
        Json doc = toOtlpJson(run, spans);
        std::string element = dumpJson(doc["resourceSpans"][0]);
        bool warnFull = false;
        {
            std::lock_guard lock(m_mutex);
            if (m_queue.size() >= m_options.maxQueuedRuns) {
                ++m_stats.droppedRuns;
                warnFull = !m_warnedFull;
                m_warnedFull = true;
            } else {
                m_queue.push_back(std::move(element));
            }
        }
        if (warnFull)
            warn("OTLP export queue is full (" + std::to_string(m_options.maxQueuedRuns) +
                 " runs); dropping runs until the collector catches up");
        QMetaObject::invokeMethod(
            &m_context, [this] { pump(); }, Qt::QueuedConnection);
    }

    bool flush(Micros timeout)
    {
        std::unique_lock lock(m_mutex);
        return m_idle.wait_for(lock, std::chrono::microseconds(timeout),
                               [this] { return m_queue.empty() && !m_busy; });
    }

    OtlpExporter::Stats stats() const
    {
        std::lock_guard lock(m_mutex);
        return m_stats;
    }

private:
    // On the sender thread: starts the next batch when none is in flight.
    void pump()
    {
        std::string body;
        std::size_t runs = 0;
        {
            std::lock_guard lock(m_mutex);
            if (m_busy || m_queue.empty() || !m_transport)
                return;
            m_busy = true;
            body = "{\"resourceSpans\":[";
            while (!m_queue.empty() && runs < m_options.maxBatchRuns) {
                if (runs++ > 0)
                    body += ',';
                body += m_queue.front();
                m_queue.pop_front();
            }
            body += "]}";
            if (m_queue.size() < m_options.maxQueuedRuns / 2)
                m_warnedFull = false;
        }
        send(std::make_shared<const std::string>(std::move(body)), runs, 1);
    }

    void send(std::shared_ptr<const std::string> body, std::size_t runs, int attempt)
    {
        HttpRequest request;
        request.method = "POST";
        request.url = m_options.url;
        request.headers = m_options.headers;
        request.headers.emplace_back("Content-Type", "application/json");
        request.body = *body;
        request.timeout = m_options.requestTimeout;
        request.maxBody = 1u << 20;
        m_transport->send(std::move(request), [this, body, runs, attempt](TransportResult r) {
            const int status = r.error == TransportError::None ? r.response.status : 0;
            if (status >= 200 && status < 300) {
                m_failing = false;
                done(runs, true);
                return;
            }
            const bool retryable = r.error == TransportError::Connection ||
                                   r.error == TransportError::Timeout || retryableStatus(status);
            if (retryable && attempt < m_options.maxAttempts) {
                const Micros backoff = m_options.retryDelay * (Micros{1} << (attempt - 1));
                const Micros delay = std::max(backoff, retryAfter(r.response.headers));
                m_clock->schedule(delay,
                                  [this, body, runs, attempt] { send(body, runs, attempt + 1); });
                return;
            }
            if (!m_failing) {
                m_failing = true;
                warn("OTLP export failed (" +
                     (status ? "HTTP " + std::to_string(status) : r.errorMessage) + "); dropped " +
                     std::to_string(runs) + (runs == 1 ? " run" : " runs") +
                     (retryable ? " after " + std::to_string(attempt) + " attempts" : ""));
            }
            done(runs, false);
        });
    }

    void done(std::size_t runs, bool sent)
    {
        {
            std::lock_guard lock(m_mutex);
            (sent ? m_stats.sentRuns : m_stats.droppedRuns) += runs;
            if (!sent)
                ++m_stats.failedRequests;
            m_busy = false;
        }
        m_idle.notify_all();
        pump();
    }

    void warn(const std::string &message)
    {
        if (m_onWarning)
            m_onWarning(message);
    }

    OtlpOptions m_options;
    std::function<void(const std::string &)> m_onWarning;
    QThread m_thread;
    QObject m_context; // lives on m_thread: queued calls run there
    std::unique_ptr<RealClock> m_clock;
    std::unique_ptr<CurlTransport> m_transport;
    bool m_failing = false; // sender thread only: a warning was given since the last success

    mutable std::mutex m_mutex;
    std::condition_variable m_idle;
    std::unordered_map<std::string, std::vector<Span>> m_spans; // runs still going
    std::deque<std::string> m_queue;                            // finished runs to send
    bool m_busy = false;                                        // a batch is in flight
    bool m_warnedFull = false;
    OtlpExporter::Stats m_stats;
};

} // namespace internal

OtlpExporter::OtlpExporter(OtlpOptions options, std::function<void(const std::string &)> onWarning)
    : m_sender(std::make_unique<internal::OtlpSender>(std::move(options), std::move(onWarning)))
{
}

OtlpExporter::~OtlpExporter() = default;

void OtlpExporter::runStarted(const RunRecord &) {}

void OtlpExporter::spanFinished(const RunRecord &run, const Span &span)
{
    m_sender->spanFinished(run, span);
}

void OtlpExporter::runFinished(const RunRecord &run)
{
    m_sender->runFinished(run);
}

bool OtlpExporter::flush(Micros timeout)
{
    return m_sender->flush(timeout);
}

OtlpExporter::Stats OtlpExporter::stats() const
{
    return m_sender->stats();
}

} // namespace tutti::engine
