// The profile reader (profile.h): per-service and per-route latency/fault overlays.
#include <mocks/profile.h>

#include <mocks/specreader.h>

#include <algorithm>
#include <cctype>

namespace tutti::mocks {

using engine::Json;
using internal::child;

namespace {

std::shared_ptr<Profile> readProfile(const engine::YamlDocument &doc, engine::Errors &errors)
{
    internal::SpecReader r(doc, errors);
    const Json &root = doc.root;
    auto profile = std::make_shared<Profile>();
    profile->file = doc.file;
    if (!r.checkKeys(root, "", "a profile", {"tutti-profile", "description", "services"},
                     {"tutti-profile", "services"}))
        return profile;
    if (root.contains("tutti-profile")) {
        const Json &v = root["tutti-profile"];
        if (!v.is_number_integer() || v.get<int>() < 1)
            r.error("/tutti-profile", "'tutti-profile' must be the format version number (1)");
        else if (v.get<int>() > kProfileFormatVersion)
            errors.push_back(
                engine::Error{engine::ErrorCode::Version,
                              "this profile uses format version " + std::to_string(v.get<int>()) +
                                  "; this build of tutti reads version 1 (upgrade tutti)",
                              r.locate("/tutti-profile"), "/tutti-profile"});
    }
    if (root.contains("description")) {
        if (root["description"].is_string())
            profile->description = root["description"].get<std::string>();
        else
            r.error("/description", "'description' must be text");
    }
    if (!root.contains("services"))
        return profile;
    const Json &services = root["services"];
    if (!services.is_object()) {
        r.error("/services", "'services' must be a mapping of service names to overlays");
        return profile;
    }
    for (auto it = services.begin(); it != services.end(); ++it) {
        const std::string sp = child("/services", it.key());
        ProfileServiceOverlay overlay;
        overlay.service = it.key();
        overlay.location = doc.locateKey(sp);
        const Json &value = it.value();
        if (!r.checkKeys(value, sp, "a service overlay", {"latency", "faults", "routes"}))
            continue;
        if (value.contains("latency"))
            overlay.latency = r.latency(value["latency"], child(sp, "latency"));
        if (value.contains("faults"))
            overlay.faults = r.faults(value["faults"], child(sp, "faults"));
        if (value.contains("routes")) {
            const std::string rp = child(sp, "routes");
            if (!value["routes"].is_array()) {
                r.error(rp, "'routes' must be a list of {match: {method, path}, latency, faults}");
            } else {
                for (std::size_t i = 0; i < value["routes"].size(); ++i) {
                    const Json &route = value["routes"][i];
                    const std::string p = child(rp, i);
                    if (!r.checkKeys(route, p, "a route overlay", {"match", "latency", "faults"},
                                     {"match"}))
                        continue;
                    ProfileRouteOverlay ro;
                    ro.location = r.locate(p);
                    if (route.contains("match")) {
                        const Json &m = route["match"];
                        const std::string mp = child(p, "match");
                        if (r.checkKeys(m, mp, "a route overlay's 'match'", {"method", "path"},
                                        {"path"})) {
                            if (m.contains("method")) {
                                if (!m["method"].is_string()) {
                                    r.error(child(mp, "method"), "'method' must be an HTTP method");
                                } else {
                                    ro.method = m["method"].get<std::string>();
                                    std::transform(ro.method.begin(), ro.method.end(),
                                                   ro.method.begin(), [](unsigned char c) {
                                                       return static_cast<char>(std::toupper(c));
                                                   });
                                }
                            }
                            if (m.contains("path")) {
                                if (!m["path"].is_string() ||
                                    !m["path"].get<std::string>().starts_with('/'))
                                    r.error(child(mp, "path"), "'path' must be a route's path "
                                                               "template, e.g. /charges/{id}");
                                else
                                    ro.path = m["path"].get<std::string>();
                            }
                        }
                    }
                    if (route.contains("latency"))
                        ro.latency = r.latency(route["latency"], child(p, "latency"));
                    if (route.contains("faults"))
                        ro.faults = r.faults(route["faults"], child(p, "faults"));
                    overlay.routes.push_back(std::move(ro));
                }
            }
        }
        profile->services.push_back(std::move(overlay));
    }
    return profile;
}

ProfileLoad finish(const engine::Result<engine::YamlDocument> &doc)
{
    ProfileLoad load;
    if (!doc) {
        load.errors.push_back(doc.error());
        return load;
    }
    std::shared_ptr<Profile> profile;
    try {
        profile = readProfile(*doc, load.errors);
    } catch (const std::exception &e) {
        load.errors.push_back(engine::Error{engine::ErrorCode::Internal,
                                            std::string("could not read profile: ") + e.what(),
                                            {doc->file, 0, 0},
                                            {}});
    }
    std::stable_sort(load.errors.begin(), load.errors.end(),
                     [](const engine::Error &a, const engine::Error &b) {
                         return std::pair(a.location.line, a.location.column) <
                                std::pair(b.location.line, b.location.column);
                     });
    if (load.errors.empty())
        load.profile = std::move(profile);
    return load;
}

} // namespace

ProfileLoad parseProfile(std::string_view text, const std::string &fileName)
{
    return finish(engine::parseYaml(text, fileName));
}

ProfileLoad loadProfileFile(const std::string &path)
{
    return finish(engine::loadYamlFile(path));
}

} // namespace tutti::mocks
