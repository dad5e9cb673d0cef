// The built-in target catalog: targets/*.toml compiled into the binary (cmake/WriteCatalog.cmake),
// each file named after the target it defines.
#pragma once

#include <span>
#include <string_view>

namespace xport::target {

struct BuiltinFile {
  std::string_view path;     // "targets/x86_64-unknown-freebsd.toml", as cited in messages
  std::string_view contents; // the TOML text
};

std::span<const BuiltinFile> builtin_files();

// The target a built-in file defines, taken from its file name ("targets/<name>.toml"): the catalog
// knows every built-in name without parsing (tests/unit/target/builtin_files_test.cpp pins this).
constexpr std::string_view builtin_name(const BuiltinFile& file) {
  std::string_view name = file.path;
  name.remove_prefix(name.rfind('/') + 1); // npos + 1 == 0: no folder
  if (name.ends_with(".toml"))
    name.remove_suffix(5);
  return name;
}

} // namespace xport::target
