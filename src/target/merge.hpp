// Applying an inheritance chain of profile files, base first, into one resolved profile: plain
// values are overwritten, lists are replaced or edited (ListEdit), and every field remembers the
// file, line and column that set it last.
#pragma once

#include <map>
#include <set>
#include <span>
#include <string>

#include <nlohmann/json.hpp>

#include "target/catalog.hpp"
#include "target/profile_file.hpp"

namespace xport::target {

// `chain` is the root base first and the profile itself last.
ResolvedProfile merge_chain(std::span<const ProfileFile* const> chain);

// The typed view of resolved fields (profile_fields.cpp).
Profile profile_from_fields(const std::map<std::string, nlohmann::json>& fields);

// Every dotted key profile_from_fields reads, and every table it looks into ("abi-note"): what the
// schema must have a row for, and no more.
std::set<std::string> profile_field_keys();

} // namespace xport::target
