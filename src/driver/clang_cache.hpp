// Remembering the default clang choice between runs. Finding it lists every folder of PATH (and
// the chosen clang's resource folder), which costs more than the rest of `xport cc` before it
// runs clang; a build runs `xport cc` thousands of times with the same PATH. So the choice is
// kept in a small file in xport's cache together with what it was made from: PATH itself, and a
// stamp (modification time, inode, size, mode) of each folder that was listed or looked into and
// of each file that was chosen. A later run takes the choice only when PATH is the same and every
// stamp still matches; installing or removing a clang-N or an lld changes the folders' times.
// A stamp newer than two seconds is not trusted (a change within the same clock tick would not
// show), so such a choice is not kept. A missing, damaged or stale file only costs a new search.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "driver/tools.hpp"

namespace xport::driver {

// The default choice and what it depends on.
struct DiscoveredClang {
  FoundClang clang;
  std::vector<std::filesystem::path> depends_on; // folders listed or looked into, files chosen
};

// The choice kept in `file` for `path_list`, when every stamp still matches; else nullopt.
std::optional<FoundClang> read_clang_cache(const std::filesystem::path& file,
                                           std::string_view path_list);

// Keeps `found` in `file` for `path_list`. Does nothing when a stamp is too new or a path cannot
// be written on a line; a failure to write is ignored (the cache only saves time).
void write_clang_cache(const std::filesystem::path& file, std::string_view path_list,
                       const DiscoveredClang& found);

} // namespace xport::driver
