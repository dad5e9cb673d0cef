// Byte counts for people: "1.5 GiB", "312 bytes".
#pragma once

#include <cstdint>
#include <string>

namespace xport::sysroot {

std::string human_size(uint64_t bytes);

} // namespace xport::sysroot
