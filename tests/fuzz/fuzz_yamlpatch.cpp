// Fuzz target: format-preserving YAML edits (document/yamlpatch.h) on any text. Whatever the
// text, an edit is refused or its result reads back as exactly the edited value.
#include <document/yamlpatch.h>
#include <engine/model/yamldoc.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace tutti;
using engine::Json;

namespace {

// Edits chosen by the input's bytes: a key added, a value replaced, an item moved or removed.
void edit(Json &v, std::uint32_t seed, int depth)
{
    if (!v.is_structured() || v.empty() || depth > 8) {
        v = Json::object({{"k", seed % 7}, {"s", "a, b: c"}});
        return;
    }
    const std::size_t k = seed % v.size();
    switch ((seed >> 4) % 4) {
    case 0:
        if (v.is_object())
            v["fuzz_" + std::to_string(seed % 5)] = Json::array({1, "x"});
        else
            v.insert(v.begin() + static_cast<long>(k), Json("new"));
        break;
    case 1:
        if (v.is_object())
            v.erase(std::next(v.begin(), static_cast<long>(k)).key());
        else
            v.erase(v.begin() + static_cast<long>(k));
        break;
    case 2:
        if (v.is_array() && v.size() > 1) {
            Json moved = v[k];
            v.erase(v.begin() + static_cast<long>(k));
            v.push_back(std::move(moved));
            break;
        }
        [[fallthrough]];
    default:
        edit(*std::next(v.begin(), static_cast<long>(k)), seed / 3 + 1, depth + 1);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    auto doc = engine::parseYaml(text, "fuzz.yaml");
    const Json before = doc ? doc->root : Json(nullptr);
    std::uint32_t seed = 2166136261u;
    for (std::size_t i = 0; i < size; ++i)
        seed = (seed ^ data[i]) * 16777619u;
    Json after = before;
    edit(after, seed, 0);
    auto out = engine::patchYaml(text, before, after);
    if (!out)
        return 0;
    auto back = engine::parseYaml(*out, "fuzz.yaml");
    if (!back || back->root != after)
        std::abort(); // text that means something else than the edit: never
    return 0;
}
