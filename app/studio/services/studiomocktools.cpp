// The mock and profile editors' services (studiomocktools.h).
#include <app/studio/services/studiomocktools.h>

#include <engine/core/clock.h>
#include <engine/core/random.h>
#include <engine/model/yamldoc.h>
#include <mocks/inprocesstransport.h>
#include <mocks/mockparser.h>
#include <mocks/mockregistry.h>
#include <mocks/profile.h>
#include <mocks/specreader.h>

namespace tutti::studio {

using engine::Json;
using engine::Micros;

namespace {

// Bound of a "Try it" request: a hanging mock answers as a timeout after it, as a step with
// `timeout: 30s` would see it.
constexpr Micros kTryTimeout = 30 * engine::kSecond;

class TrySession final : public editor::MockTrySession {
public:
    explicit TrySession(std::shared_ptr<const mocks::MockSpec> spec)
        : m_service(spec->service)
        , m_transport(m_registry, m_clock)
    {
        (void)m_registry.add(std::move(spec));
    }

    editor::TryAnswer send(const editor::TryRequest &request) override
    {
        engine::HttpRequest r;
        r.method = request.method;
        r.url = "mock://" + m_service + (request.path.starts_with('/') ? "" : "/") + request.path;
        r.headers = request.headers;
        r.body = request.body;
        r.service = m_service;
        r.timeout = kTryTimeout;
        r.drawSeed = request.seed;
        const Micros start = m_clock.now();
        editor::TryAnswer answer;
        bool done = false;
        m_transport.send(std::move(r), [&](engine::TransportResult result) {
            done = true;
            answer.latency = m_clock.now() - start;
            if (result.error == engine::TransportError::None) {
                answer.answered = true;
                answer.response = std::move(result.response);
            } else {
                answer.error = result.errorMessage.empty()
                                   ? std::string(result.error == engine::TransportError::Timeout
                                                     ? "timeout"
                                                     : "connection failed")
                                   : result.errorMessage;
            }
        });
        m_clock.runUntilIdle(); // virtual time: the answer comes at once, its latency measured
        if (!done)
            answer.error = "no answer";
        return answer;
    }

    void reset() override { m_registry.reset(); }

private:
    std::string m_service;
    mocks::MockRegistry m_registry;
    engine::VirtualClock m_clock;
    mocks::InProcessTransport m_transport; // after the registry and clock it uses
};

} // namespace

engine::Errors StudioMockTools::validate(editor::SpecKind kind, std::string_view text,
                                         const std::string &fileName) const
{
    return kind == editor::SpecKind::Mock ? mocks::parseMock(text, fileName).errors
                                          : mocks::parseProfile(text, fileName).errors;
}

engine::Result<std::vector<Micros>> StudioMockTools::sampleLatency(const Json &latency, int count,
                                                                   std::uint64_t seed) const
{
    // The readers' own latency parser, on a document of just this value (no positions).
    engine::YamlDocument doc;
    doc.root = latency;
    engine::Errors errors;
    mocks::internal::SpecReader reader(doc, errors);
    const std::optional<mocks::Latency> parsed = reader.latency(latency, "");
    if (!parsed)
        return std::unexpected(errors.empty() ? engine::Error{} : errors.front());
    engine::Rng rng(seed);
    std::vector<Micros> out;
    out.reserve(static_cast<std::size_t>(std::max(count, 0)));
    for (int i = 0; i < count; ++i)
        out.push_back(parsed->draw(rng));
    return out;
}

std::vector<editor::MockToolService::LatencyKind> StudioMockTools::latencyKinds() const
{
    std::vector<LatencyKind> out;
    for (const mocks::LatencyKindInfo &k : mocks::latencyKinds())
        out.push_back({k.name, k.fields});
    return out;
}

std::vector<std::string> StudioMockTools::faultKinds() const
{
    return mocks::faultKindNames();
}

std::vector<std::string> StudioMockTools::templatePaths() const
{
    return mocks::templatePaths();
}

std::string StudioMockTools::faultErrorName(const Json &fault) const
{
    // What the in-process transport makes of each kind (inprocesstransport.h) as the http step
    // names it (SPEC §3 errors): hang times out, reset is a connection error, malformed is a
    // 200 whose JSON body does not parse; slow_body is a normal, slower answer.
    const std::string kind =
        fault.is_object() && fault.contains("kind") && fault["kind"].is_string()
            ? fault["kind"].get<std::string>()
            : std::string();
    if (kind == mocks::faultKindName(mocks::FaultKind::Status)) {
        const int status = fault.contains("status") && fault["status"].is_number_integer()
                               ? fault["status"].get<int>()
                               : mocks::Fault{}.status;
        return status >= 200 && status <= 299 ? std::string() : "http." + std::to_string(status);
    }
    if (kind == mocks::faultKindName(mocks::FaultKind::Hang))
        return "timeout";
    if (kind == mocks::faultKindName(mocks::FaultKind::Reset))
        return "connection";
    if (kind == mocks::faultKindName(mocks::FaultKind::Malformed))
        return "parse";
    return {};
}

engine::Result<std::unique_ptr<editor::MockTrySession>>
StudioMockTools::openTrySession(std::string_view mockText, const std::string &fileName) const
{
    mocks::MockLoad load = mocks::parseMock(mockText, fileName);
    if (!load.ok())
        return std::unexpected(load.errors.empty() ? engine::Error{} : load.errors.front());
    return std::make_unique<TrySession>(std::move(load.spec));
}

} // namespace tutti::studio
