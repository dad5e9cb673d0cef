// Finding clang, lld and the LLVM binutils, and holding them to the profile's minimum versions
// (see tools.hpp).
#include "driver/tools.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "driver/clang_cache.hpp"
#include "target/platform.hpp"
#include "util/error.hpp"
#include "util/fnv.hpp"
#include "util/paths.hpp"
#include "util/shell_words.hpp"
#include "util/text.hpp"

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

// What `clang` is: its version, clang++ and ld.lld, its resource folder's versions. Adds what
// the answer depends on to `depends_on`, when given.
FoundClang describe_program(const fs::path& clang, const std::string& path,
                            std::vector<fs::path>* depends_on = nullptr) {
  FoundClang found;
  found.c = clang;
  found.search_path = path;
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
  // clang 16 and older look for ld.lld in the folder of the name they were run as first: through
  // /usr/bin/clang-16 that is /usr/bin/ld.lld, Debian's default (lld 14). Name lld's path then.
  fs::path named_folder_lld = clang.parent_path() / "ld.lld";
  std::error_code ec;
  found.lld_by_path = !found.lld.empty() && fs::exists(named_folder_lld, ec) &&
                      real(named_folder_lld) != real(found.lld);
  fs::path resource = found.bin.parent_path() / "lib" / "clang";
  for (const auto& version : fs::directory_iterator(resource, ec))
    found.resource_versions.push_back(version.path().filename().string());
  std::sort(found.resource_versions.begin(), found.resource_versions.end());
  if (depends_on) {
    for (fs::path p :
         {clang.parent_path(), clang, found.bin, resource, found.lld, named_folder_lld})
      if (!p.empty())
        depends_on->push_back(std::move(p));
  }
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
  for (std::string_view folder : util::split(path_list, ':')) {
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

namespace {

const std::vector<int>& installed_of(FoundClang& clang) {
  if (!clang.installed_listed) {
    clang.installed = installed_clang_majors(clang.search_path);
    clang.installed_listed = true;
  }
  return clang.installed;
}

// The clang --clang or XPORT_CLANG names ("19", "clang-19", a path). PATH is not listed unless
// there is an error to explain.
FoundClang chosen_clang(const std::string& want, const std::string& path) {
  int version = version_number(want);
  std::string program = version ? "clang-" + want : want;
  std::optional<fs::path> clang = util::find_program(program, path);
  if (!clang) {
    std::vector<int> installed = installed_clang_majors(path);
    if (version)
      throw Error("--clang/XPORT_CLANG asks for clang {0}, but clang-{0} is not in PATH ({1}); "
                  "install it with '{2}', or ask for an installed version",
                  want, installed_text(installed), install_command(version));
    throw Error("--clang/XPORT_CLANG names '{}', which is not an executable program (in PATH "
                "or as a path); give a version such as {} ({}) or a clang's path, or leave it "
                "out to use the newest installed",
                want, installed.empty() ? packaged_major : installed.front(),
                installed_text(installed));
  }
  FoundClang found = describe_program(*clang, path);
  found.chosen_by = "chosen by --clang/XPORT_CLANG=" + want;
  return found;
}

// The newest clang-N whose own lld is installed; without any, the newest clang-N; then clang.
DiscoveredClang default_clang(const std::string& path) {
  DiscoveredClang out;
  FoundClang& found = out.clang;
  std::vector<int> installed = installed_clang_majors(path);
  for (std::string_view folder : util::split(path, ':'))
    out.depends_on.emplace_back(folder);
  for (int major : installed) {
    std::optional<fs::path> clang = util::find_program("clang-" + std::to_string(major), path);
    if (!clang)
      continue;
    FoundClang candidate = describe_program(*clang, path, &out.depends_on);
    if (!candidate.lld.empty() && candidate.lld.parent_path() == candidate.bin) {
      found = std::move(candidate);
      found.chosen_by = "the newest clang-N in PATH with its lld";
      break;
    }
  }
  if (found.c.empty() && !installed.empty()) {
    if (auto clang = util::find_program("clang-" + std::to_string(installed.front()), path)) {
      found = describe_program(*clang, path, &out.depends_on);
      found.chosen_by = "the newest clang-N in PATH (no lld of its version is installed)";
    }
  }
  if (found.c.empty()) {
    std::optional<fs::path> clang = util::find_program("clang", path);
    if (!clang)
      throw Error("clang is not installed (no clang-N nor clang in PATH); install it with "
                  "'{}', or name one with --clang or XPORT_CLANG",
                  install_command(packaged_major));
    found = describe_program(*clang, path, &out.depends_on);
    found.chosen_by = "clang in PATH";
  }
  found.installed = std::move(installed);
  found.installed_listed = true;
  return out;
}

} // namespace

FoundClang find_clang(const util::Environment& env, std::string_view chosen) {
  std::string path = util::search_path(env);
  if (!chosen.empty())
    return chosen_clang(std::string(chosen), path);
  auto requested = env.find("XPORT_CLANG");
  if (requested != env.end() && !requested->second.empty())
    return chosen_clang(requested->second, path);
  // The choice depends on the working folder when PATH has a relative folder: not kept then.
  std::optional<fs::path> kept;
  std::vector<std::string_view> folders = util::split(path, ':');
  if (std::all_of(folders.begin(), folders.end(),
                  [](std::string_view f) { return f.starts_with('/'); })) {
    try {
      // One file per PATH: builds that alternate between two PATHs keep both answers.
      kept = util::cache_home(env) / "driver" /
             fmt::format("clang-choice-{:016x}", util::Fnv64().add(path).h);
    } catch (const Error&) {
    }
  }
  if (kept) {
    if (auto found = read_clang_cache(*kept, path))
      return std::move(*found);
  }
  DiscoveredClang found = default_clang(path);
  if (kept)
    write_clang_cache(*kept, path, found);
  return std::move(found.clang);
}

std::string describe(const FoundClang& clang) {
  std::string version = clang.major ? std::to_string(clang.major) : "of unknown version";
  std::string lld = clang.lld.empty() ? "no ld.lld"
                    : clang.lld_major
                        ? fmt::format("ld.lld {} ({})", clang.lld_major, clang.lld.string())
                        : fmt::format("ld.lld ({})", clang.lld.string());
  std::string line = fmt::format("clang {} ({}), {}: {}; --clang VERSION|PATH or XPORT_CLANG "
                                 "picks another",
                                 version, clang.c.string(), lld, clang.chosen_by);
  if (clang.installed_listed)
    line += fmt::format(" ({})", installed_text(clang.installed));
  return line;
}

void require_versions(const target::Profile& profile, FoundClang& clang, bool links_with_lld) {
  auto remedy = [&](int minimum) {
    const std::vector<int>& installed = installed_of(clang);
    for (int major : installed)
      if (major >= minimum)
        return fmt::format("select clang {0} (with lld {0}) with '--clang {0}' or "
                           "XPORT_CLANG={0} ({1})",
                           major, installed_text(installed));
    int suggest = std::max(minimum, packaged_major);
    return fmt::format("install a newer one with '{}' and select it with '--clang {}' or "
                       "XPORT_CLANG={} ({})",
                       install_command(suggest), suggest, suggest, installed_text(installed));
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
  std::vector<int> installed =
      clang.installed_listed ? clang.installed : installed_clang_majors(path);
  for (int major : installed)
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
  return clang.lld_by_path ? "--ld-path=" + clang.lld.string() : "-fuse-ld=lld";
}

Toolchain find_toolchain(const target::Profile& profile, Language language, bool links,
                         const util::Environment& env, std::string_view chosen) {
  FoundClang clang = find_clang(env, chosen);
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
  for (const std::string& version : clang.resource_versions) {
    if (fs::exists(resource_lib / version / "lib" / os / ("libclang_rt.builtins-" + arch + ".a"),
                   ec))
      out.compiler_rt_builtins = true;
  }
  if (auto launcher = env.find("XPORT_LAUNCHER"); launcher != env.end())
    out.launcher = util::split_shell_words(launcher->second, "XPORT_LAUNCHER");
  return out;
}

} // namespace xport::driver
