// Reads *.mock.yaml (SPEC §4) into a MockSpec. Every problem is reported with FILE:LINE:COL;
// unknown keys name the expected ones and the closest match.
#pragma once

#include <mocks/mockspec.h>

#include <memory>
#include <string>
#include <string_view>

namespace tutti::mocks {

struct MockLoad {
    std::shared_ptr<const MockSpec> spec; // set only when there were no errors
    engine::Errors errors;                // every problem found, in file order
    bool ok() const { return spec && errors.empty(); }
};

inline constexpr int kMockFormatVersion = 1;

MockLoad parseMock(std::string_view text, const std::string &fileName);
MockLoad loadMockFile(const std::string &path);

} // namespace tutti::mocks
