// Sends finished runs to an OpenTelemetry collector over OTLP/HTTP with JSON bodies
// (`tutti run --otlp-endpoint`, `tutti serve --otlp-endpoint`): a TraceSink that any thread may
// feed, and one sender thread of its own with its own libcurl transport, so a slow or absent
// collector never holds up a run.
#pragma once

#include <engine/core/duration.h>
#include <engine/core/httptransport.h>
#include <engine/core/result.h>
#include <engine/core/trace.h>

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace tutti::engine {

struct OtlpOptions {
    std::string url;                  // where to POST: see otlpTracesUrl()
    Headers headers;                  // extra request headers (collector auth)
    std::size_t maxQueuedRuns = 4096; // finished runs waiting to be sent; more are dropped
    std::size_t maxBatchRuns = 128;   // runs per request
    int maxAttempts = 3;              // per batch, for connection errors, timeouts, 429, 5xx
    Micros requestTimeout = 10 * kSecond;
    Micros retryDelay = 1 * kSecond; // doubled per attempt; a longer Retry-After wins (≤ 30 s)
};

// The URL to POST traces to. OTLP/HTTP's convention: an endpoint with no path (or "/") is a base
// and gets "/v1/traces"; one with a path is used as given. Only http:// and https:// URLs.
Result<std::string> otlpTracesUrl(std::string_view endpoint);
// OTEL_EXPORTER_OTLP_HEADERS: "key1=value1,key2=value2", values percent-decoded (W3C baggage
// style); names must be HTTP tokens and values free of control characters.
Result<Headers> parseOtlpHeaders(std::string_view text);

namespace internal {
class OtlpSender;
}

class OtlpExporter final : public TraceSink {
public:
    struct Stats {
        std::size_t sentRuns = 0;    // accepted by the collector (2xx)
        std::size_t droppedRuns = 0; // queue full, or given up after retries / a 4xx
        std::size_t failedRequests = 0;
    };

    // Starts the sender thread. `onWarning` (optional) may be called on any thread, once per
    // stretch of failures (not per failed request), with a message that never contains header
    // values or the endpoint's credentials.
    explicit OtlpExporter(OtlpOptions options,
                          std::function<void(const std::string &)> onWarning = {});
    ~OtlpExporter() override; // stops at once: call flush() first to deliver what is queued
    OtlpExporter(const OtlpExporter &) = delete;
    OtlpExporter &operator=(const OtlpExporter &) = delete;

    void runStarted(const RunRecord &run) override;
    void spanStarted(const RunRecord &, const Span &) override {}
    void spanFinished(const RunRecord &run, const Span &span) override;
    void runFinished(const RunRecord &run) override;

    // Waits until every finished run was sent (or dropped), at most `timeout`. True when
    // nothing is left; the exporter stays usable.
    bool flush(Micros timeout);
    Stats stats() const;

private:
    std::unique_ptr<internal::OtlpSender> m_sender;
};

} // namespace tutti::engine
