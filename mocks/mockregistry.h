// The mock services of a workspace by name, with profiles overlaid. The in-process transport,
// the loopback server and the simulator all answer requests through one registry.
#pragma once

#include <mocks/mockservice.h>

#include <mocks/profile.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tutti::mocks {

class MockRegistry {
public:
    // Fails when a service of that name is already registered.
    engine::Result<void> add(std::shared_ptr<const MockSpec> spec);
    // Loads and adds every file; returns every error (parse errors, duplicate services).
    engine::Errors loadFiles(const std::vector<std::string> &paths);

    MockService *service(std::string_view name);
    const MockService *service(std::string_view name) const;
    const std::vector<std::unique_ptr<MockService>> &services() const { return m_services; }
    std::vector<std::string> serviceNames() const;

    // Profiles apply in the order given: later ones win for latency; a later `faults` list
    // replaces an earlier one (it never adds to it). Unknown services or routes are errors,
    // located in the profile, with the closest name.
    engine::Result<void> applyProfile(const Profile &profile);
    void clearProfiles();

    // Every service back to its initial state with zero counters (profiles stay).
    void reset();

    // An independent copy (state, counters and profiles as they are now; the parsed specs are
    // immutable and shared), so each simulation thread answers from mocks of its own.
    MockRegistry clone() const;

    // {"SERVICE": {"requests": N, "unmatched": N, "routes": {"POST /charges": N, ...}}, ...}
    engine::Json counters() const;

private:
    std::vector<std::unique_ptr<MockService>> m_services;
    std::vector<std::shared_ptr<const Profile>> m_profiles;
};

} // namespace tutti::mocks
