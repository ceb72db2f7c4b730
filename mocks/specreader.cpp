// Reading helpers shared by the mock and profile parsers (see specreader.h).
#include <mocks/specreader.h>

#include <cmath>

namespace tutti::mocks::internal {

namespace {
// "a, b, c": how an "expected one of" list is written.
std::string joinedNames(const std::vector<std::string> &names)
{
    std::string out;
    for (const auto &name : names)
        out += (out.empty() ? "" : ", ") + name;
    return out;
}
} // namespace

using engine::ErrorCode;
using engine::Json;
using engine::Micros;

std::string child(const std::string &pointer, std::string_view key)
{
    return pointer + "/" + engine::pointerToken(key);
}

std::string child(const std::string &pointer, std::size_t index)
{
    return pointer + "/" + std::to_string(index);
}

void SpecReader::error(const std::string &pointer, std::string message, bool atKey)
{
    m_errors.push_back(engine::Error{ErrorCode::Schema, std::move(message),
                                     atKey ? m_doc.locateKey(pointer) : m_doc.locate(pointer),
                                     pointer});
}

ValueMatcher::Locate SpecReader::locator(const std::string &base) const
{
    const engine::YamlDocument *doc = &m_doc;
    return [doc, base](const std::string &pointer) { return doc->locate(base + pointer); };
}

bool SpecReader::checkKeys(const Json &value, const std::string &pointer, const std::string &what,
                           const std::vector<std::string> &allowed,
                           const std::vector<std::string> &required)
{
    if (!value.is_object()) {
        error(pointer, what + " must be a mapping");
        return false;
    }
    const std::string expected = joinedNames(allowed);
    for (auto it = value.begin(); it != value.end(); ++it) {
        if (std::find(allowed.begin(), allowed.end(), it.key()) != allowed.end())
            continue;
        std::string message =
            "unknown key '" + it.key() + "' in " + what + " (expected one of: " + expected + ")";
        const std::string close = engine::closestMatch(it.key(), allowed);
        if (!close.empty())
            message += "; did you mean '" + close + "'?";
        error(child(pointer, it.key()), std::move(message), true);
    }
    for (const auto &key : required)
        if (!value.contains(key))
            error(pointer, what + " is missing the required key '" + key + "'");
    return true;
}

std::optional<Micros> SpecReader::duration(const Json &value, const std::string &pointer)
{
    std::optional<Micros> out;
    if (value.is_string())
        out = engine::parseDuration(value.get<std::string>());
    else if (value.is_number() && value.get<double>() >= 0)
        out = static_cast<Micros>(std::llround(value.get<double>() * engine::kMillisecond));
    if (!out || *out < 0) {
        error(pointer, "expected a duration such as 80ms, 1.5s or 2m");
        return std::nullopt;
    }
    return out;
}

std::optional<Latency> SpecReader::latency(const Json &value, const std::string &pointer)
{
    if (!value.is_object()) {
        auto d = duration(value, pointer);
        if (!d)
            return std::nullopt;
        return Latency::fixedAt(*d);
    }
    if (!value.contains("dist")) {
        error(pointer, "latency must be a duration (80ms) or a mapping with 'dist': uniform, "
                       "normal or lognormal");
        return std::nullopt;
    }
    const Json &dist = value["dist"];
    const std::string name = dist.is_string() ? dist.get<std::string>() : std::string();
    const std::size_t before = m_errors.size();
    auto need = [&](const char *key) -> Micros {
        if (!value.contains(key)) {
            error(pointer, std::string("latency '") + name + "' needs '" + key + "'");
            return 0;
        }
        return duration(value[key], child(pointer, key)).value_or(0);
    };
    Latency out;
    if (name == "fixed") {
        checkKeys(value, pointer, "fixed latency", {"dist", "value"}, {"value"});
        out = Latency::fixedAt(need("value"));
    } else if (name == "uniform") {
        checkKeys(value, pointer, "uniform latency", {"dist", "min", "max"});
        out.kind = Latency::Kind::Uniform;
        out.min = need("min");
        out.max = need("max");
        if (m_errors.size() == before && out.max < out.min)
            error(child(pointer, "max"), "uniform latency needs min <= max");
    } else if (name == "normal") {
        checkKeys(value, pointer, "normal latency", {"dist", "mean", "stddev"});
        out.kind = Latency::Kind::Normal;
        out.mean = static_cast<double>(need("mean"));
        out.stddev = static_cast<double>(need("stddev"));
    } else if (name == "lognormal") {
        checkKeys(value, pointer, "lognormal latency", {"dist", "median", "p99"});
        const Micros median = need("median");
        const Micros p99 = need("p99");
        if (m_errors.size() == before && (median <= 0 || p99 < median))
            error(child(pointer, "p99"), "lognormal latency needs 0 < median <= p99");
        else
            out = Latency::lognormal(median, p99);
    } else {
        std::vector<std::string> names;
        for (const LatencyKindInfo &k : latencyKinds())
            names.push_back(k.name);
        std::string message = "unknown latency distribution '" + name +
                              "' (expected one of: " + joinedNames(names) + ")";
        const std::string close = engine::closestMatch(name, names);
        if (!close.empty())
            message += "; did you mean '" + close + "'?";
        error(child(pointer, "dist"), std::move(message));
    }
    if (m_errors.size() != before)
        return std::nullopt;
    return out;
}

std::optional<std::vector<Fault>> SpecReader::faults(const Json &value, const std::string &pointer)
{
    if (!value.is_array()) {
        error(pointer, "faults must be a list of {rate, kind, ...}");
        return std::nullopt;
    }
    const std::size_t before = m_errors.size();
    std::vector<Fault> out;
    double total = 0;
    const std::vector<std::string> &kinds = faultKindNames();
    for (std::size_t i = 0; i < value.size(); ++i) {
        const Json &f = value[i];
        const std::string p = child(pointer, i);
        if (!checkKeys(f, p, "fault", {"rate", "kind", "status", "duration"}, {"rate", "kind"}))
            continue;
        Fault fault;
        if (f.contains("rate")) {
            const Json &rate = f["rate"];
            if (!rate.is_number() || rate.get<double>() < 0 || rate.get<double>() > 1)
                error(child(p, "rate"), "rate must be a number between 0 and 1 (0.05 = 5%)");
            else
                fault.rate = rate.get<double>();
        }
        total += fault.rate;
        if (f.contains("kind")) {
            const std::string kind =
                f["kind"].is_string() ? f["kind"].get<std::string>() : std::string();
            if (kind == "status")
                fault.kind = FaultKind::Status;
            else if (kind == "hang")
                fault.kind = FaultKind::Hang;
            else if (kind == "reset")
                fault.kind = FaultKind::Reset;
            else if (kind == "malformed")
                fault.kind = FaultKind::Malformed;
            else if (kind == "slow_body")
                fault.kind = FaultKind::SlowBody;
            else {
                std::string message = "unknown fault kind '" + kind +
                                      "' (expected one of: " + joinedNames(kinds) + ")";
                const std::string close = engine::closestMatch(kind, kinds);
                if (!close.empty())
                    message += "; did you mean '" + close + "'?";
                error(child(p, "kind"), std::move(message));
            }
        }
        if (f.contains("status")) {
            if (fault.kind != FaultKind::Status)
                error(child(p, "status"), "'status' only applies to faults of kind status", true);
            else if (!f["status"].is_number_integer() || f["status"].get<int>() < 100 ||
                     f["status"].get<int>() > 599)
                error(child(p, "status"), "status must be an HTTP status code (100-599)");
            else
                fault.status = f["status"].get<int>();
        }
        if (fault.kind == FaultKind::SlowBody) {
            if (!f.contains("duration"))
                error(p, "a slow_body fault needs 'duration' (the time taken to send the body)");
            else
                fault.duration = duration(f["duration"], child(p, "duration")).value_or(0);
        } else if (f.contains("duration")) {
            error(child(p, "duration"), "'duration' only applies to faults of kind slow_body",
                  true);
        }
        out.push_back(fault);
    }
    if (total > 1.0 + 1e-9)
        error(pointer, "fault rates add up to more than 1");
    if (m_errors.size() != before)
        return std::nullopt;
    return out;
}

} // namespace tutti::mocks::internal
