// Comparing resolved profiles field by field (`xport target diff`), and the order fields are shown
// in (the schema's order, which groups related keys).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "target/catalog.hpp"

namespace xport::target {

struct FieldDifference {
  std::string key;
  std::optional<nlohmann::json> a, b; // nullopt: the field is not set in that profile
  std::optional<FieldOrigin> a_origin, b_origin;
};

// The fields whose resolved values differ (set in one profile only, or set to different values),
// in schema order. The inheritance chain itself is not a field: two profiles that end up with the
// same values do not differ.
std::vector<FieldDifference> diff(const ResolvedProfile& a, const ResolvedProfile& b);

// The profile's field keys in schema order.
std::vector<std::string> ordered_keys(const ResolvedProfile& profile);

} // namespace xport::target
