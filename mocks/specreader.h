// Shared reading helpers for mock and profile files: key checks with "did you mean", durations,
// latency distributions and fault lists, each error with FILE:LINE:COL.
#pragma once

#include <mocks/mockspec.h>

#include <engine/model/yamldoc.h>

#include <optional>
#include <string>
#include <vector>

namespace tutti::mocks::internal {

class SpecReader {
public:
    SpecReader(const engine::YamlDocument &doc, engine::Errors &errors)
        : m_doc(doc)
        , m_errors(errors)
    {
    }

    void error(const std::string &pointer, std::string message, bool atKey = false);
    // Rejects unknown keys (with the expected ones and the closest match) and missing required
    // ones; false when `value` is not a mapping.
    bool checkKeys(const engine::Json &value, const std::string &pointer, const std::string &what,
                   const std::vector<std::string> &allowed,
                   const std::vector<std::string> &required = {});
    std::optional<engine::Micros> duration(const engine::Json &value, const std::string &pointer);
    std::optional<Latency> latency(const engine::Json &value, const std::string &pointer);
    std::optional<std::vector<Fault>> faults(const engine::Json &value, const std::string &pointer);
    ValueMatcher::Locate locator(const std::string &base) const;
    engine::SourceLocation locate(const std::string &pointer) const
    {
        return m_doc.locate(pointer);
    }
    const engine::YamlDocument &doc() const { return m_doc; }
    std::size_t errorCount() const { return m_errors.size(); }

private:
    const engine::YamlDocument &m_doc;
    engine::Errors &m_errors;
};

std::string child(const std::string &pointer, std::string_view key);
std::string child(const std::string &pointer, std::size_t index);

} // namespace tutti::mocks::internal
