// Writing the integration files and variables (see emit.hpp). File formats:
// CMake: cmake-toolchains(7), "Cross Compiling" (CMAKE_SYSROOT, CMAKE_FIND_ROOT_PATH_MODE_*);
// Meson: "Cross compilation" (mesonbuild.com/Cross-compilation.html), sections [binaries],
// [properties], [host_machine]; Cargo: "Configuration", [target.<triple>] linker and runner;
// clang: "Configuration files" in clang's user manual (one or more options per line, # comments).
#include "integration/emit.hpp"

#include <cctype>

#include <fmt/format.h>

#include "sysroot/pkg_config.hpp"
#include "target/platform.hpp"
#include "util/process.hpp"
#include "version.hpp"

namespace xport::integration {
namespace {

namespace fs = std::filesystem;

std::string os_name(const target::Profile& p, std::string_view target::OsFacts::*column,
                    std::string_view fallback) {
  const target::OsFacts* os = target::os_facts(p.os);
  return std::string(os ? os->*column : fallback);
}

std::string meson_cpu_family(const std::string& arch) {
  const target::ArchFacts* facts = target::arch_facts(arch);
  return facts ? std::string(facts->meson_cpu_family) : arch;
}

std::string tool(const Inputs& in, std::string_view suffix) {
  return (in.toolchain_dir / (in.profile->name + std::string(suffix))).string();
}

std::string quoted_list(const std::vector<std::string>& words, std::string_view quote,
                        std::string_view separator = ", ") {
  std::string out;
  for (const std::string& w : words)
    out += fmt::format("{}{}{}{}", out.empty() ? "" : separator, quote, w, quote);
  return out;
}

std::string header(const Inputs& in, std::string_view comment, std::string_view what) {
  std::string out = fmt::format("{0} {1} for target {2}, written by `xport emit` (xport {3}).\n",
                                comment, what, in.profile->name, xport::version);
  if (!in.sysroot)
    out += fmt::format("{} No sysroot yet: import one with `xport sysroot import MEDIA --target "
                       "{}`, then write this file again.\n",
                       comment, in.profile->name);
  return out;
}

// The runner entry, or a comment saying where it goes.
std::string runner_line(const Inputs& in, std::string_view comment, std::string_view assignment) {
  if (in.runner.empty())
    return fmt::format("{} No runner for {}: programs built here run on the target only.\n",
                       comment, in.profile->name);
  return std::string(assignment) + "\n";
}

std::string upper_identifier(std::string_view s) {
  std::string out;
  for (char c : s)
    out += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::toupper(c)) : '_';
  return out;
}

std::string lower_identifier(std::string_view s) {
  std::string out;
  for (char c : s)
    out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return out;
}

std::string cmake_list(const std::vector<std::string>& items) {
  return fmt::format("\"{}\"", fmt::join(items, ";"));
}

// What CMake's find_* commands search, from the sysroot's layout (cmake-toolchains(7),
// find_library(1)): every prefix CMake tries (/, /usr, /usr/local, the install prefix) is re-rooted
// under each CMAKE_FIND_ROOT_PATH entry, so the runtime root makes a Debian cross layout's
// usr/<triplet>/{lib,include} look like /lib and /include; CMAKE_LIBRARY_ARCHITECTURE makes
// CMake try <prefix>/lib/<triplet> (Debian multiarch); CMAKE_SYSTEM_LIBRARY_PATH and
// CMAKE_SYSTEM_INCLUDE_PATH name the layout's other folders (DragonFly's usr/lib/gcc80).
std::string cmake_search_paths(const sysroot::FoundSysroot& sysroot, const fs::path& staging) {
  const sysroot::Layout& layout = sysroot.layout;
  std::vector<std::string> roots = {sysroot.root.string()};
  if (!layout.runtime_root.empty())
    roots.push_back((sysroot.root / layout.runtime_root).string());
  if (!staging.empty())
    roots.push_back(staging.string());
  std::vector<std::string> libraries, includes;
  for (const std::string& dir : layout.library_dirs)
    if (dir != layout.gcc_dir)
      libraries.push_back("/" + dir);
  for (const std::string& dir : layout.include_dirs)
    includes.push_back("/" + dir);
  std::string out = fmt::format("set(CMAKE_SYSROOT \"{}\")\n", sysroot.root.string());
  out += fmt::format("set(CMAKE_FIND_ROOT_PATH {})\n", cmake_list(roots));
  if (!layout.triplet.empty())
    out += fmt::format("set(CMAKE_LIBRARY_ARCHITECTURE {})\n", layout.triplet);
  out += fmt::format("list(PREPEND CMAKE_SYSTEM_LIBRARY_PATH {})\n", cmake_list(libraries));
  out += fmt::format("list(PREPEND CMAKE_SYSTEM_INCLUDE_PATH {})\n", cmake_list(includes));
  return out;
}

} // namespace

std::string rust_target(const target::Profile& profile) {
  if (profile.rust && !profile.rust->base.empty() &&
      (profile.rust->overrides.is_null() || profile.rust->overrides.empty()) &&
      profile.tls_model == target::TlsModel::native)
    return profile.rust->base;
  return profile.name;
}

std::vector<std::pair<std::string, std::string>> environment_variables(const Inputs& in) {
  std::vector<std::pair<std::string, std::string>> out = {
      {"CC", tool(in, "-cc")},           {"CXX", tool(in, "-c++")},
      {"LD", tool(in, "-ld")},           {"AR", tool(in, "-ar")},
      {"RANLIB", tool(in, "-ranlib")},   {"NM", tool(in, "-nm")},
      {"STRIP", tool(in, "-strip")},     {"OBJCOPY", tool(in, "-objcopy")},
      {"OBJDUMP", tool(in, "-objdump")}, {"PKG_CONFIG", tool(in, "-pkg-config")},
      {"CROSS_COMPILE", tool(in, "-")},
  };
  if (in.sysroot) {
    out.emplace_back("PKG_CONFIG_SYSROOT_DIR", in.sysroot->root.string());
    out.emplace_back("PKG_CONFIG_LIBDIR", sysroot::pkg_config_libdir(*in.sysroot));
  }
  std::string rust = rust_target(*in.profile);
  out.emplace_back("CARGO_TARGET_" + upper_identifier(rust) + "_LINKER", tool(in, "-cc"));
  out.emplace_back("CC_" + lower_identifier(rust), tool(in, "-cc"));
  out.emplace_back("CXX_" + lower_identifier(rust), tool(in, "-c++"));
  out.emplace_back("AR_" + lower_identifier(rust), tool(in, "-ar"));
  if (!in.runner.empty())
    out.emplace_back("CARGO_TARGET_" + upper_identifier(rust) + "_RUNNER",
                     fmt::format("{}", fmt::join(in.runner, " ")));
  return out;
}

std::string emit_cmake(const Inputs& in) {
  const target::Profile& p = *in.profile;
  std::string out = header(in, "#", "CMake toolchain file");
  out += "# Use: cmake -DCMAKE_TOOLCHAIN_FILE=<this file> ...\n";
  out += fmt::format("set(CMAKE_SYSTEM_NAME {})\n",
                     os_name(p, &target::OsFacts::cmake_system, "Generic"));
  out += fmt::format("set(CMAKE_SYSTEM_PROCESSOR {})\n", p.arch);
  out += fmt::format("set(CMAKE_C_COMPILER \"{}\")\n", tool(in, "-cc"));
  out += fmt::format("set(CMAKE_CXX_COMPILER \"{}\")\n", tool(in, "-c++"));
  out += fmt::format("set(CMAKE_ASM_COMPILER \"{}\")\n", tool(in, "-cc"));
  for (auto [var, suffix] : {std::pair{"CMAKE_AR", "-ar"},
                             {"CMAKE_RANLIB", "-ranlib"},
                             {"CMAKE_NM", "-nm"},
                             {"CMAKE_STRIP", "-strip"},
                             {"CMAKE_OBJCOPY", "-objcopy"},
                             {"CMAKE_OBJDUMP", "-objdump"}})
    out += fmt::format("set({} \"{}\" CACHE FILEPATH \"\")\n", var, tool(in, suffix));
  out += fmt::format("set(PKG_CONFIG_EXECUTABLE \"{}\" CACHE FILEPATH \"\")\n",
                     tool(in, "-pkg-config"));
  if (in.sysroot)
    out += cmake_search_paths(*in.sysroot, in.staging_dir);
  out += "# Programs (compilers, code generators) come from the host; libraries, headers and\n"
         "# packages only from the sysroot and the staging folder, so no host library is found.\n"
         "set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)\n"
         "set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)\n"
         "set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)\n"
         "set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)\n";
  if (!in.staging_dir.empty())
    out += fmt::format(
        "# `cmake --install` puts files in the staging folder, not in the host's /usr/local;\n"
        "# -DCMAKE_INSTALL_PREFIX=... chooses another.\n"
        "set(CMAKE_INSTALL_PREFIX \"{}\" CACHE PATH \"Install path prefix\")\n",
        in.staging_dir.string());
  out += runner_line(
      in, "#",
      fmt::format("set(CMAKE_CROSSCOMPILING_EMULATOR {})", quoted_list(in.runner, "\"", " ")));
  return out;
}

std::string emit_meson(const Inputs& in) {
  const target::Profile& p = *in.profile;
  std::string out = header(in, "#", "Meson cross file");
  out += "# Use: meson setup --cross-file <this file> BUILDDIR\n[binaries]\n";
  for (auto [key, suffix] : {std::pair{"c", "-cc"},
                             {"cpp", "-c++"},
                             {"ar", "-ar"},
                             {"ranlib", "-ranlib"},
                             {"nm", "-nm"},
                             {"strip", "-strip"},
                             {"objcopy", "-objcopy"},
                             {"pkg-config", "-pkg-config"},
                             // Meson before 1.3 knows pkg-config only by this name.
                             {"pkgconfig", "-pkg-config"}})
    out += fmt::format("{} = '{}'\n", key, tool(in, suffix));
  out += runner_line(in, "#", fmt::format("exe_wrapper = [{}]", quoted_list(in.runner, "'")));
  out += "\n[properties]\n";
  if (in.sysroot) {
    out += fmt::format("sys_root = '{}'\n", in.sysroot->root.string());
    out += fmt::format("pkg_config_libdir = '{}'\n", sysroot::pkg_config_libdir(*in.sysroot));
  }
  if (!in.staging_dir.empty())
    out += fmt::format("\n[built-in options]\n"
                       "# `meson install` puts files in the staging folder, not in the host's "
                       "/usr/local;\n# meson setup --prefix=... chooses another.\n"
                       "prefix = '{}'\nlibdir = 'lib'\n",
                       in.staging_dir.string());
  out += "\n[host_machine]\n";
  out += fmt::format("system = '{}'\n", os_name(p, &target::OsFacts::meson_system, p.os));
  out += fmt::format("cpu_family = '{}'\n", meson_cpu_family(p.arch));
  out += fmt::format("cpu = '{}'\n", p.arch);
  out += fmt::format("endian = '{}'\n", p.endian == target::Endian::little ? "little" : "big");
  return out;
}

std::string emit_cargo(const Inputs& in) {
  std::string out = header(in, "#", "Cargo configuration fragment");
  out += "# Use: append to .cargo/config.toml, or cargo --config <this file>\n";
  out += fmt::format("[target.{}]\n", rust_target(*in.profile));
  out += fmt::format("linker = \"{}\"\n", tool(in, "-cc"));
  out += runner_line(in, "#", fmt::format("runner = [{}]", quoted_list(in.runner, "\"")));
  return out;
}

std::string emit_clang_config(const Inputs& in) {
  std::string out = header(in, "#", "clang configuration file");
  out += "# Use: clang --config <this file> hw.c -o hw   (run it without LIBRARY_PATH, CPATH and\n"
         "# the other host variables `xport cc` removes; `xport cc` itself does that for you)\n";
  for (const std::string& flag : in.clang_config)
    out += util::shell_quote(flag) + "\n";
  return out;
}

} // namespace xport::integration
