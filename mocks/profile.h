// Profiles (`profiles/*.profile.yaml`): latency and fault overlays per service and per route,
// applied to a registry at run time without editing the mocks. Format in docs/mocks.md.
#pragma once

#include <mocks/mockspec.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tutti::mocks {

struct ProfileRouteOverlay {
    std::string method; // upper case; "" = every method
    std::string path;   // the route's path template exactly as written in the mock
    std::optional<Latency> latency;
    std::optional<std::vector<Fault>> faults;
    engine::SourceLocation location;
};

struct ProfileServiceOverlay {
    std::string service;
    std::optional<Latency> latency;           // replaces the latency of every route
    std::optional<std::vector<Fault>> faults; // replaces the faults of every route
    std::vector<ProfileRouteOverlay> routes;  // then these, for the routes they name
    engine::SourceLocation location;
};

struct Profile {
    std::string file;
    std::string description;
    std::vector<ProfileServiceOverlay> services; // in file order
};

struct ProfileLoad {
    std::shared_ptr<const Profile> profile;
    engine::Errors errors;
    bool ok() const { return profile && errors.empty(); }
};

inline constexpr int kProfileFormatVersion = 1;

ProfileLoad parseProfile(std::string_view text, const std::string &fileName);
ProfileLoad loadProfileFile(const std::string &path);

} // namespace tutti::mocks
