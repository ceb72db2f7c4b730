// Fuzz target: a flow file's text through the flow loader (YAML with positions, the typed model,
// validation, expression compilation) as `tutti validate` and `tutti run` read it.
#include <engine/model/flowparser.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

using namespace tutti;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    // No file name: parseFlow then reads nothing from disk (no workspace, no mock files), so the
    // target is pure and every run is independent of the ones before it.
    const engine::FlowLoad load = engine::parseFlow(text, "");
    // What every caller does next: print the errors and walk the steps.
    std::size_t length = 0;
    for (const engine::Error &error : load.errors)
        length += error.toString().size();
    if (load.flow)
        length += engine::allSteps(*load.flow).size();
    return length == 0xFFFFFFFF ? 1 : 0; // keeps the work observable; never true in practice
}
