// `xport abi diff A B`: every difference between two targets' C interfaces (abi/dump.hpp): record
// sizes, alignments and fields (offset, size, type by name), enum values, typedefs, constants,
// function prototypes, and what exists on one side only. A record that differs is printed side by
// side, field by field, so that DragonFly's `struct stat` against FreeBSD's shows at a glance.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "abi/dump.hpp"

namespace xport::abi {

struct Difference {
  Kind kind;
  std::string name;
  std::vector<std::string> lines; // what differs, ready to print (side-by-side for records)
};

std::vector<Difference> diff_dumps(const Dump& a, const Dump& b, const std::vector<Kind>& kinds,
                                   const std::vector<std::string>& names);

std::string diff_text(const Dump& a, const Dump& b, const std::vector<Difference>& differences);
nlohmann::json diff_json(const Dump& a, const Dump& b, const std::vector<Difference>& differences);

} // namespace xport::abi
