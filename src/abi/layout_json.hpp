// A Dump as JSON and back, whole: how xport-abi-reader hands its result to xport-full. Compiled
// into both programs (it needs only nlohmann::json).
#pragma once

#include <nlohmann/json.hpp>

#include "abi/layout.hpp"

namespace xport::abi {

nlohmann::json layout_to_json(const Dump& dump);
// Throws nlohmann::json::exception on a document of another shape.
Dump layout_from_json(const nlohmann::json& json);

} // namespace xport::abi
