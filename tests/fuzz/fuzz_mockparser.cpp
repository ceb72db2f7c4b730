// Fuzz target: a mock file's text through the mock loader, and the same YAML as a profile
// (both are read for every flow of a workspace); a mock that loads then answers one request, so
// its compiled matchers (regex included) and templates run too.
#include <mocks/mockparser.h>
#include <mocks/mockservice.h>
#include <mocks/profile.h>

#include <engine/core/random.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

using namespace tutti;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    const mocks::MockLoad mock = mocks::parseMock(text, "fuzz.mock.yaml");
    std::size_t length = 0;
    for (const engine::Error &error : mock.errors)
        length += error.toString().size();
    if (mock.ok()) {
        mocks::MockService service(mock.spec);
        const engine::Headers headers{{"Content-Type", "application/json"}, {"X-Id", "7"}};
        const mocks::MockRequest request{"POST", "/reservations/r_1", "sku=A1&qty=2", &headers,
                                         R"({"sku":"A1","qty":2})"};
        engine::Rng rng(1);
        const mocks::MockOutcome outcome = service.handle(request, rng, 0);
        length += outcome.response.body.size();
    }
    const mocks::ProfileLoad profile = mocks::parseProfile(text, "fuzz.profile.yaml");
    for (const engine::Error &error : profile.errors)
        length += error.toString().size();
    return length == 0xFFFFFFFF ? 1 : 0; // keeps the work observable; never true in practice
}
