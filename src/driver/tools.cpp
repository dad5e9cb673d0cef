// Finding clang, lld and the LLVM binutils, and holding them to the profile's minimum versions
// (see tools.hpp).
#include "driver/tools.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "target/platform.hpp"
#include "util/error.hpp"
#include "util/shell_words.hpp"

namespace xport::driver {
namespace {

namespace fs = std::filesystem;

// The newest clang Debian 12 packages: what an error suggests installing.
constexpr int packaged_major = 19;

// The number after `prefix` when it is all that follows: ("clang-19", "clang-") -> 19, else 0.
int number_after(std::string_view text, std::string_view prefix) {
  if (!text.starts_with(prefix) || text.size() == prefix.size())
    return 0;
  int value = 0;
  auto [end, error] =
      std::from_chars(text.data() + prefix.size(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size() ? value : 0;
}

// "/usr/lib/llvm-14/bin" -> 14
int major_from_folder(const fs::path& bin) {
  return number_after(bin.parent_path().filename().string(), "llvm-");
}

fs::path real(const fs::path& p) {
  std::error_code ec;
  fs::path r = fs::canonical(p, ec);
  return ec ? p : r;
}

std::string install_command(int major) {
  return fmt::format("apt-get install clang-{0} lld-{0}", major);
}

std::string installed_text(const std::vector<int>& installed) {
  if (installed.empty())
    return "none installed";
  return fmt::format("installed: {}", fmt::join(installed, ", "));
}

// "19" -> 19; anything but a plain major version (a name, a path, "019x") -> 0.
int version_number(std::string_view s) {
  if (s.empty() || s.size() > 3 || s.front() == '0')
    return 0;
  return number_after(s, "");
}

// The version a program's folder or name tells (clang-19, /usr/lib/llvm-19/bin/clang), else 0.
int major_of(const fs::path& named, const fs::path& resolved, std::string_view stem) {
  if (int m = major_from_folder(resolved.parent_path()))
    return m;
  if (int m = number_after(resolved.filename().string(), std::string(stem) + "-"))
    return m;
  return number_after(named.filename().string(), std::string(stem) + "-");
}

// The ld.lld clang runs for -fuse-ld=lld: the one in its own folder, else the first in PATH.
void find_lld(FoundClang& found, const std::string& path) {
  std::optional<fs::path> lld = util::find_program((found.bin / "ld.lld").string(), "");
  if (!lld)
    lld = util::find_program("ld.lld", path);
  if (!lld)
    return;
  found.lld = *lld;
  found.lld_major = major_of(*lld, real(*lld), "ld.lld");
  if (!found.lld_major && lld->parent_path() == found.bin)
    found.lld_major = found.major;
}

FoundClang describe_program(const fs::path& clang, const std::string& path) {
  FoundClang found;
  found.c = clang;
  fs::path resolved = real(clang);
  found.bin = resolved.parent_path();
  found.major = major_of(clang, resolved, "clang");
  // clang++ beside the clang that was named: clang-19 -> clang++-19, clang -> clang++.
  std::string name = clang.filename().string();
  if (auto at = name.find("clang"); at != std::string::npos) {
    std::string cxx_name = name;
    cxx_name.insert(at + 5, "++");
    fs::path sibling = clang.parent_path() / cxx_name;
    if (util::find_program(sibling.string(), ""))
      found.cxx = sibling;
  }
  find_lld(found, path);
  return found;
}

// `clang -dumpversion` ("19.1.7", "14.0.6") -> 19, 14; 0 when it does not run.
int ask_major(const fs::path& clang) {
  auto ran = util::run_capture({clang.string(), "-dumpversion"});
  if (!ran.ok() || !ran->ok())
    return 0;
  int major = 0;
  std::from_chars(ran->out.data(), ran->out.data() + ran->out.size(), major);
  return major;
}

} // namespace

std::vector<int> installed_clang_majors(std::string_view path_list) {
  std::vector<int> majors;
  std::size_t start = 0;
  while (start <= path_list.size()) {
    std::size_t end = path_list.find(':', start);
    if (end == std::string_view::npos)
      end = path_list.size();
    std::string_view folder = path_list.substr(start, end - start);
    start = end + 1;
    if (folder.empty())
      continue;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(fs::path(folder), ec)) {
      int major = number_after(entry.path().filename().string(), "clang-");
      if (major && std::find(majors.begin(), majors.end(), major) == majors.end() &&
          util::find_program(entry.path().string(), ""))
        majors.push_back(major);
    }
  }
  std::sort(majors.rbegin(), majors.rend());
  return majors;
}

FoundClang find_clang(const util::Environment& env) {
  std::string path = util::search_path(env);
  std::vector<int> installed = installed_clang_majors(path);
  FoundClang found;
  auto requested = env.find("XPORT_CLANG");
  if (requested != env.end() && !requested->second.empty()) {
    const std::string& want = requested->second;
    int version = version_number(want);
    std::string program = version ? "clang-" + want : want;
    std::optional<fs::path> clang = util::find_program(program, path);
    if (!clang && version)
      throw Error("--clang/XPORT_CLANG asks for clang {0}, but clang-{0} is not in PATH ({1}); "
                  "install it with '{2}', or ask for an installed version",
                  want, installed_text(installed), install_command(version));
    if (!clang)
      throw Error("--clang/XPORT_CLANG names '{}', which is not an executable program (in PATH "
                  "or as a path); give a version such as {} ({}) or a clang's path, or leave it "
                  "out to use the newest installed",
                  want, installed.empty() ? packaged_major : installed.front(),
                  installed_text(installed));
    found = describe_program(*clang, path);
    found.chosen_by = "chosen by --clang/XPORT_CLANG=" + want;
  } else {
    // The newest clang-N whose own lld is installed; without any, the newest clang-N; then clang.
    for (int major : installed) {
      std::optional<fs::path> clang = util::find_program("clang-" + std::to_string(major), path);
      if (!clang)
        continue;
      FoundClang candidate = describe_program(*clang, path);
      if (!candidate.lld.empty() && candidate.lld.parent_path() == candidate.bin) {
        found = std::move(candidate);
        found.chosen_by = "the newest clang-N in PATH with its lld";
        break;
      }
    }
    if (found.c.empty() && !installed.empty()) {
      if (auto clang = util::find_program("clang-" + std::to_string(installed.front()), path)) {
        found = describe_program(*clang, path);
        found.chosen_by = "the newest clang-N in PATH (no lld of its version is installed)";
      }
    }
    if (found.c.empty()) {
      std::optional<fs::path> clang = util::find_program("clang", path);
      if (!clang)
        throw Error("clang is not installed (no clang-N nor clang in PATH); install it with "
                    "'{}', or name one with --clang or XPORT_CLANG",
                    install_command(packaged_major));
      found = describe_program(*clang, path);
      found.chosen_by = "clang in PATH";
    }
  }
  found.installed = std::move(installed);
  return found;
}

std::string describe(const FoundClang& clang) {
  std::string version = clang.major ? std::to_string(clang.major) : "of unknown version";
  std::string lld = clang.lld.empty() ? "no ld.lld"
                    : clang.lld_major
                        ? fmt::format("ld.lld {} ({})", clang.lld_major, clang.lld.string())
                        : fmt::format("ld.lld ({})", clang.lld.string());
  return fmt::format("clang {} ({}), {}: {}; --clang VERSION|PATH or XPORT_CLANG picks another "
                     "({})",
                     version, clang.c.string(), lld, clang.chosen_by,
                     installed_text(clang.installed));
}

void require_versions(const target::Profile& profile, FoundClang& clang, bool links_with_lld) {
  auto remedy = [&](int minimum) {
    for (int major : clang.installed)
      if (major >= minimum)
        return fmt::format("select clang {0} (with lld {0}) with '--clang {0}' or "
                           "XPORT_CLANG={0} ({1})",
                           major, installed_text(clang.installed));
    int suggest = std::max(minimum, packaged_major);
    return fmt::format("install a newer one with '{}' and select it with '--clang {}' or "
                       "XPORT_CLANG={} ({})",
                       install_command(suggest), suggest, suggest, installed_text(clang.installed));
  };
  const target::ToolMinimum& min_clang = profile.min_clang;
  if (min_clang.version) {
    if (!clang.major)
      clang.major = ask_major(clang.c);
    if (clang.major < min_clang.version)
      throw Error("target {} needs clang {} or later (profile key min-clang: {}), but the chosen "
                  "clang is {} ({}, {}); {}",
                  profile.name, min_clang.version,
                  min_clang.reason.empty() ? "no reason given" : min_clang.reason,
                  clang.major ? std::to_string(clang.major) : "of unknown version",
                  clang.c.string(), clang.chosen_by, remedy(min_clang.version));
  }
  const target::ToolMinimum& min_lld = profile.min_lld;
  if (links_with_lld && min_lld.version && !clang.lld.empty()) {
    int lld = clang.lld_major;
    if (lld < min_lld.version)
      throw Error("target {} needs lld {} or later to link (profile key min-lld: {}), but the "
                  "chosen clang {} ({}, {}) runs ld.lld {} ({}); {}",
                  profile.name, min_lld.version,
                  min_lld.reason.empty() ? "no reason given" : min_lld.reason,
                  clang.major ? std::to_string(clang.major) : "of unknown version",
                  clang.c.string(), clang.chosen_by,
                  lld ? std::to_string(lld) : "of unknown version", clang.lld.string(),
                  remedy(min_lld.version));
  }
}

fs::path find_llvm_tool(std::string_view name, const FoundClang& clang,
                        const util::Environment& env) {
  fs::path beside = clang.bin / name;
  if (util::find_program(beside.string(), ""))
    return beside;
  std::string path = util::search_path(env);
  if (clang.major) {
    if (auto p = util::find_program(std::string(name) + "-" + std::to_string(clang.major), path))
      return *p;
  }
  if (auto p = util::find_program(name, path))
    return *p;
  for (int major : clang.installed)
    if (auto p = util::find_program(std::string(name) + "-" + std::to_string(major), path))
      return *p;
  throw Error("{} is not installed (not beside {} nor in PATH); install it with 'apt-get install "
              "llvm-{}'",
              name, clang.c.string(), clang.major ? clang.major : packaged_major);
}

std::string linker_flag(const target::Profile& profile, const FoundClang& clang) {
  if (profile.linker != "lld") {
    // A profile may name another linker (a path, or a name clang's -fuse-ld knows: bfd, gold).
    if (profile.linker.find('/') != std::string::npos)
      return "--ld-path=" + profile.linker;
    return "-fuse-ld=" + profile.linker;
  }
  if (clang.lld.empty())
    throw Error("lld is not installed (no ld.lld beside {} nor in PATH); install it with "
                "'apt-get install lld-{}'",
                clang.c.string(), clang.major ? clang.major : packaged_major);
  // clang 16 and older look for ld.lld in the folder of the name they were run as first: through
  // /usr/bin/clang-16 that is /usr/bin/ld.lld, Debian's default (lld 14). Name lld's path then.
  fs::path named_folder_lld = clang.c.parent_path() / "ld.lld";
  std::error_code ec;
  if (fs::exists(named_folder_lld, ec) && real(named_folder_lld) != real(clang.lld))
    return "--ld-path=" + clang.lld.string();
  return "-fuse-ld=lld";
}

Toolchain find_toolchain(const target::Profile& profile, Language language, bool links,
                         const util::Environment& env) {
  FoundClang clang = find_clang(env);
  require_versions(profile, clang, links && profile.linker == "lld");
  Toolchain out;
  if (language == Language::c)
    out.compiler = {clang.c.string()};
  else if (clang.cxx.empty())
    out.compiler = {clang.c.string(), "--driver-mode=g++"};
  else
    out.compiler = {clang.cxx.string()};
  out.linker_flag = links ? linker_flag(profile, clang) : "";
  out.description = describe(clang);
  // compiler-rt's builtins, in clang's resource folder (lib/clang/<version>/lib/<os>/).
  std::error_code ec;
  fs::path resource_lib = clang.bin.parent_path() / "lib" / "clang";
  const target::ArchFacts* facts = target::arch_facts(profile.arch);
  std::string os = profile.os;
  std::string arch(facts ? facts->compiler_rt : std::string_view(profile.arch));
  for (const auto& version : fs::directory_iterator(resource_lib, ec)) {
    if (fs::exists(version.path() / "lib" / os / ("libclang_rt.builtins-" + arch + ".a"), ec))
      out.compiler_rt_builtins = true;
  }
  if (auto launcher = env.find("XPORT_LAUNCHER"); launcher != env.end())
    out.launcher = util::split_shell_words(launcher->second, "XPORT_LAUNCHER");
  return out;
}

} // namespace xport::driver
