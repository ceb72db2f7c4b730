// The one JSON type of the product: insertion-ordered so documents keep the author's key order
// and every output is deterministic.
#pragma once

#include <nlohmann/json.hpp>

namespace tutti::engine {
using Json = nlohmann::ordered_json;
}
