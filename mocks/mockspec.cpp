// Latency draws, path templates and names for the mock model (see mockspec.h).
#include <mocks/mockspec.h>

#include <engine/core/urlencoding.h>

#include <cmath>

namespace tutti::mocks {

using engine::Micros;

namespace {
constexpr double kZ99 = 2.326348; // the standard normal's 99th percentile

Micros clampToMicros(double value)
{
    if (!(value > 0))
        return 0;
    if (value > 1e15)
        return static_cast<Micros>(1e15);
    return static_cast<Micros>(std::llround(value));
}
} // namespace

Latency Latency::fixedAt(Micros value)
{
    Latency l;
    l.kind = Kind::Fixed;
    l.fixed = value;
    return l;
}

Latency Latency::lognormal(Micros median, Micros p99)
{
    Latency l;
    l.kind = Kind::Lognormal;
    l.median = median;
    l.p99 = p99;
    l.mu = std::log(static_cast<double>(median));
    l.sigma = (std::log(static_cast<double>(p99)) - l.mu) / kZ99;
    return l;
}

Micros Latency::draw(engine::Rng &rng) const
{
    switch (kind) {
    case Kind::Fixed:
        return fixed;
    case Kind::Uniform:
        return clampToMicros(rng.uniform(static_cast<double>(min), static_cast<double>(max)));
    case Kind::Normal:
        return clampToMicros(rng.normal(mean, stddev));
    case Kind::Lognormal:
        return clampToMicros(std::exp(rng.normal(mu, sigma)));
    }
    return 0;
}

const std::vector<LatencyKindInfo> &latencyKinds()
{
    static const std::vector<LatencyKindInfo> kinds{{"fixed", {"value"}},
                                                    {"uniform", {"min", "max"}},
                                                    {"normal", {"mean", "stddev"}},
                                                    {"lognormal", {"median", "p99"}}};
    return kinds;
}

const std::vector<std::string> &faultKindNames()
{
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (FaultKind k : {FaultKind::Status, FaultKind::Hang, FaultKind::Reset,
                            FaultKind::Malformed, FaultKind::SlowBody})
            out.emplace_back(faultKindName(k));
        return out;
    }();
    return names;
}

const std::vector<std::string> &templatePaths()
{
    // The roots MockContext (mockservice.cpp) answers, with the fields of `request`.
    static const std::vector<std::string> paths{
        "request.method", "request.path", "request.query", "request.headers",
        "request.body",   "params",       "state"};
    return paths;
}

const char *faultKindName(FaultKind kind)
{
    switch (kind) {
    case FaultKind::None:
        return "none";
    case FaultKind::Status:
        return "status";
    case FaultKind::Hang:
        return "hang";
    case FaultKind::Reset:
        return "reset";
    case FaultKind::Malformed:
        return "malformed";
    case FaultKind::SlowBody:
        return "slow_body";
    }
    return "none";
}

PathTemplate PathTemplate::parse(std::string_view text)
{
    PathTemplate t;
    t.source = std::string(text);
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && text[i] == '/')
            ++i;
        if (i >= text.size())
            break;
        std::size_t j = text.find('/', i);
        if (j == std::string_view::npos)
            j = text.size();
        std::string_view seg = text.substr(i, j - i);
        if (seg.size() >= 2 && seg.front() == '{' && seg.back() == '}')
            t.segments.push_back({std::string(seg.substr(1, seg.size() - 2)), true});
        else
            t.segments.push_back({std::string(seg), false});
        i = j;
    }
    return t;
}

bool PathTemplate::match(std::string_view path,
                         std::vector<std::pair<std::string_view, std::string_view>> &params) const
{
    const std::size_t mark = params.size();
    std::size_t i = 0;
    for (const Segment &segment : segments) {
        while (i < path.size() && path[i] == '/')
            ++i;
        if (i >= path.size()) {
            params.resize(mark);
            return false;
        }
        std::size_t j = path.find('/', i);
        if (j == std::string_view::npos)
            j = path.size();
        const std::string_view seg = path.substr(i, j - i);
        // A literal segment matches its encoded form too ("/my%20files" is "/my files"); a
        // parameter captures the segment as sent (decoded when the response is built).
        if (segment.param) {
            params.emplace_back(segment.text, seg);
        } else if (seg != segment.text && (seg.find('%') == std::string_view::npos ||
                                           engine::percentDecode(seg, false) != segment.text)) {
            params.resize(mark);
            return false;
        }
        i = j;
    }
    while (i < path.size() && path[i] == '/')
        ++i;
    if (i != path.size()) {
        params.resize(mark);
        return false;
    }
    return true;
}

} // namespace tutti::mocks
