// Where a sysroot keeps its headers, libraries, start files, gcc's support files and the dynamic
// linker. Distributions differ: a BSD image is "plain" (usr/include, usr/lib, DragonFly's
// usr/lib/gcc80), Debian's multiarch packages use usr/lib/<triplet> and usr/include/<triplet>,
// and Debian's cross packages put everything under usr/<triplet>/ with gcc's files in
// usr/lib/gcc-cross/<triplet>/<version>. detect_layout looks at any folder (an imported sysroot
// or a plain folder given as --sysroot) and names the folders that exist, so the driver can pass
// them to clang without knowing the distribution.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "target/profile.hpp"

namespace xport::sysroot {

struct Layout {
  std::string kind;    // "plain", "debian-multiarch", "debian-cross"
  std::string triplet; // Debian's multiarch name ("aarch64-linux-gnu"); "" for plain
  // Folders that exist, relative to the root, in search order.
  std::vector<std::string> include_dirs;     // C headers (-isystem)
  std::vector<std::string> cxx_include_dirs; // libstdc++ / libc++ headers, when present
  std::vector<std::string> library_dirs;     // -L
  std::vector<std::string> startfile_dirs;   // -B: where crt1.o / crti.o / crtbegin.o are
  std::string gcc_dir;        // crtbegin.o and libgcc.a: "usr/lib/gcc-cross/aarch64-linux-gnu/12"
  std::string dynamic_linker; // relative path when present: "lib/ld-linux-aarch64.so.1"
  // The folder a foreign program's absolute paths resolve against at run time (qemu-user's -L):
  // "" for the root itself; "usr/aarch64-linux-gnu" for the Debian cross layout.
  std::string runtime_root;
};

Layout detect_layout(const std::filesystem::path& root, const target::Profile& profile);

// Debian's multiarch triplet for a profile: aarch64 + linux + gnu -> "aarch64-linux-gnu";
// "" when the target is not Linux.
std::string debian_triplet(const target::Profile& profile);

nlohmann::json to_json(const Layout& layout);
Layout layout_from_json(const nlohmann::json& json); // throws nlohmann::json exceptions

} // namespace xport::sysroot
