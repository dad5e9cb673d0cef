// The built-in target catalog: targets/*.toml compiled into the binary (cmake/WriteCatalog.cmake).
#pragma once

#include <span>
#include <string_view>

namespace xport::target {

struct BuiltinFile {
  std::string_view path;     // "targets/x86_64-unknown-freebsd.toml", as cited in messages
  std::string_view contents; // the TOML text
};

std::span<const BuiltinFile> builtin_files();

} // namespace xport::target
