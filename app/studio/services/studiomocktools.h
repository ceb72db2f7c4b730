// The studio's MockToolService (editor/mocktoolservice.h): the mock and profile parsers, the
// simulator's latency draws and its in-process transport on a virtual clock, for the mock and
// profile editors.
#pragma once

#include <editor/mocktoolservice.h>

namespace tutti::studio {

class StudioMockTools final : public editor::MockToolService {
public:
    engine::Errors validate(editor::SpecKind kind, std::string_view text,
                            const std::string &fileName) const override;
    engine::Result<std::vector<engine::Micros>>
    sampleLatency(const engine::Json &latency, int count, std::uint64_t seed) const override;
    std::vector<LatencyKind> latencyKinds() const override;
    std::vector<std::string> faultKinds() const override;
    std::vector<std::string> templatePaths() const override;
    std::string faultErrorName(const engine::Json &fault) const override;
    engine::Result<std::unique_ptr<editor::MockTrySession>>
    openTrySession(std::string_view mockText, const std::string &fileName) const override;
};

} // namespace tutti::studio
