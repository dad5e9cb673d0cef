// See clang_flags.hpp. The flags come from driver::plan_compiler for a syntax-only compile of a
// placeholder file: whatever the driver decides for the target, these tools decide too.
#include "abi/clang_flags.hpp"

#include <algorithm>
#include <set>

#include "driver/compiler.hpp"
#include "util/error.hpp"

namespace xport::abi {
namespace fs = std::filesystem;

namespace {
constexpr const char* placeholder = "xport-abi-placeholder.c";
}

ClangFlags clang_flags_for(const target::Profile& profile, const std::string& sysroot,
                           const util::Environment& env) {
  ClangFlags out;
  std::optional<sysroot::FoundSysroot> view = sysroot::open_sysroot(sysroot, profile, env);
  if (!view)
    throw Error("no sysroot for target '{}' {}: its headers are what xport abi reads; import "
                "one with 'xport sysroot import MEDIA --target {}' or pass --sysroot DIR",
                profile.name, sysroot::where_sysroot_was_looked_for(profile, env), profile.name);
  out.sysroot = *view;
  driver::CompilerRequest request;
  request.profile = &profile;
  request.sysroot = out.sysroot.root.string();
  request.language = driver::Language::c;
  request.args = {"-fsyntax-only", placeholder};
  driver::CompilerCommand command = driver::plan_compiler(request, env);
  // argv: [launcher...] compiler flags...; the compiler is the word before the first flag.
  auto first_flag = std::find_if(command.argv.begin(), command.argv.end(),
                                 [](const std::string& word) { return word.starts_with('-'); });
  if (first_flag == command.argv.begin() || first_flag == command.argv.end())
    throw Error("internal: the driver's command for {} has no compiler and flags", profile.name);
  out.compiler = *std::prev(first_flag);
  for (auto it = first_flag; it != command.argv.end(); ++it)
    if (*it != placeholder && *it != "-fsyntax-only")
      out.flags.push_back(*it);
  out.removed_variables = command.removed_variables;
  return out;
}

std::vector<std::string> c_library_headers(const sysroot::FoundSysroot& sysroot) {
  // Every include folder: a Debian multiarch sysroot splits them between usr/include and
  // usr/include/x86_64-linux-gnu (sys/ is in the second).
  std::set<std::string> names;
  for (const std::string& dir : sysroot.layout.include_dirs)
    for (const char* folder : {"", "sys"}) {
      std::error_code ec;
      for (const auto& entry : fs::directory_iterator(sysroot.root / dir / folder, ec)) {
        if (entry.path().extension() != ".h" || !entry.is_regular_file(ec))
          continue;
        std::string name = entry.path().filename().string();
        names.insert(*folder ? std::string(folder) + "/" + name : name);
      }
    }
  std::vector<std::string> headers(names.begin(), names.end());
  auto rank = [](const std::string& h) {
    return h == "sys/types.h" ? 0 : h == "sys/param.h" ? 1 : 2;
  };
  std::sort(headers.begin(), headers.end(), [&](const std::string& a, const std::string& b) {
    return std::make_pair(rank(a), a) < std::make_pair(rank(b), b);
  });
  return headers;
}

} // namespace xport::abi
