// Services by name, profiles and counters (mockregistry.h).
#include <mocks/mockregistry.h>

#include <mocks/mockparser.h>

#include <engine/model/yamldoc.h>

namespace tutti::mocks {

using engine::Json;

engine::Result<void> MockRegistry::add(std::shared_ptr<const MockSpec> spec)
{
    if (service(spec->service))
        return engine::fail(engine::ErrorCode::Validation,
                            "service '" + spec->service + "' is already mocked by " +
                                service(spec->service)->spec().file,
                            {spec->file, 0, 0});
    auto svc = std::make_unique<MockService>(std::move(spec));
    // A profile applied earlier covers services added later too.
    for (const auto &profile : m_profiles)
        for (const auto &overlay : profile->services)
            if (overlay.service == svc->name())
                (void)svc->applyOverlay(overlay);
    m_services.push_back(std::move(svc));
    return {};
}

engine::Errors MockRegistry::loadFiles(const std::vector<std::string> &paths)
{
    engine::Errors errors;
    for (const auto &path : paths) {
        MockLoad load = loadMockFile(path);
        if (!load.ok()) {
            errors.insert(errors.end(), load.errors.begin(), load.errors.end());
            continue;
        }
        if (auto added = add(load.spec); !added)
            errors.push_back(added.error());
    }
    return errors;
}

MockService *MockRegistry::service(std::string_view name)
{
    for (auto &s : m_services)
        if (s->name() == name)
            return s.get();
    return nullptr;
}

const MockService *MockRegistry::service(std::string_view name) const
{
    for (const auto &s : m_services)
        if (s->name() == name)
            return s.get();
    return nullptr;
}

std::vector<std::string> MockRegistry::serviceNames() const
{
    std::vector<std::string> names;
    for (const auto &s : m_services)
        names.push_back(s->name());
    return names;
}

engine::Result<void> MockRegistry::applyProfile(const Profile &profile)
{
    for (const auto &overlay : profile.services) {
        if (!service(overlay.service)) {
            std::string message =
                "profile names service '" + overlay.service + "', which has no mock";
            const std::string close = engine::closestMatch(overlay.service, serviceNames());
            if (!close.empty())
                message += "; did you mean '" + close + "'?";
            return engine::fail(engine::ErrorCode::Validation, message, overlay.location);
        }
    }
    for (const auto &overlay : profile.services)
        if (auto applied = service(overlay.service)->applyOverlay(overlay); !applied)
            return applied;
    m_profiles.push_back(std::make_shared<Profile>(profile));
    return {};
}

void MockRegistry::clearProfiles()
{
    m_profiles.clear();
    for (auto &s : m_services)
        s->clearOverlays();
}

void MockRegistry::reset()
{
    for (auto &s : m_services)
        s->reset();
}

MockRegistry MockRegistry::clone() const
{
    MockRegistry copy;
    copy.m_profiles = m_profiles;
    for (const auto &s : m_services)
        copy.m_services.push_back(std::make_unique<MockService>(*s));
    return copy;
}

Json MockRegistry::counters() const
{
    Json out = Json::object();
    for (const auto &s : m_services) {
        Json routes = Json::object();
        for (std::size_t i = 0; i < s->spec().routes.size(); ++i) {
            const std::string &label = s->spec().routes[i].label;
            // Two routes can share a label (same method and path, different body matchers).
            routes[label] = routes.value(label, std::uint64_t{0}) + s->routeRequestCount(i);
        }
        out[s->name()] = Json{{"requests", s->requestCount()},
                              {"unmatched", s->unmatchedCount()},
                              {"routes", routes}};
    }
    return out;
}

} // namespace tutti::mocks
