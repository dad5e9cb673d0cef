// Finding clang, lld, GNU ld and the LLVM binutils (see tools.hpp).
#include "driver/tools.hpp"

#include <charconv>

#include "target/platform.hpp"
#include "util/error.hpp"
#include "util/shell_words.hpp"

namespace xport::driver {
namespace {

namespace fs = std::filesystem;

constexpr int preferred_major = 14; // the clang Debian 12 ships; its packages are the remedy
constexpr std::string_view install_clang = "apt-get install clang-14 lld-14";

// Linkers lld cannot replace for an architecture before some version, and why.
struct LldGap {
  std::string_view arch;
  int fixed_in; // first lld major that links it
  std::string_view why;
};
constexpr LldGap lld_gaps[] = {
    {"riscv64", 15, "it cannot relax R_RISCV_ALIGN, which glibc's crt1.o and libc.a contain"},
};

std::string path_of(const util::Environment& env) {
  auto it = env.find("PATH");
  return it == env.end() ? "" : it->second;
}

// "/usr/lib/llvm-14/bin" -> 14
int major_from_folder(const fs::path& bin) {
  std::string parent = bin.parent_path().filename().string();
  if (!parent.starts_with("llvm-"))
    return 0;
  int major = 0;
  std::from_chars(parent.data() + 5, parent.data() + parent.size(), major);
  return major;
}

fs::path real(const fs::path& p) {
  std::error_code ec;
  fs::path r = fs::canonical(p, ec);
  return ec ? p : r;
}

// Debian's GNU tool prefix for a profile ("riscv64-linux-gnu"), for GNU ld.
std::string gnu_prefix(const target::Profile& profile) {
  std::string arch = target::canonical_arch(profile.arch);
  std::string env = profile.env.empty() ? "gnu" : profile.env;
  return arch + "-" + profile.os + "-" + env;
}

} // namespace

FoundClang find_clang(const util::Environment& env) {
  std::string path = path_of(env);
  FoundClang found;
  std::optional<fs::path> clang;
  auto requested = env.find("XPORT_CLANG");
  if (requested != env.end() && !requested->second.empty()) {
    clang = util::find_program(requested->second, path);
    if (!clang)
      throw Error("XPORT_CLANG names '{}', which is not an executable program (in PATH or as a "
                  "path); unset it to use clang-{} from PATH",
                  requested->second, preferred_major);
  } else {
    clang = util::find_program("clang-14", path);
    if (!clang)
      clang = util::find_program("clang", path);
    if (!clang)
      throw Error("clang is not installed (neither clang-14 nor clang is in PATH); install it "
                  "with '{}', or point XPORT_CLANG at a clang",
                  install_clang);
  }
  found.c = *clang;
  fs::path resolved = real(*clang);
  found.bin = resolved.parent_path();
  found.major = major_from_folder(found.bin);
  // clang++ beside the clang that was named: clang-14 -> clang++-14, clang -> clang++.
  std::string name = clang->filename().string();
  if (auto at = name.find("clang"); at != std::string::npos) {
    std::string cxx_name = name;
    cxx_name.insert(at + 5, "++");
    fs::path sibling = clang->parent_path() / cxx_name;
    if (util::find_program(sibling.string(), ""))
      found.cxx = sibling;
  }
  return found;
}

fs::path find_llvm_tool(std::string_view name, const FoundClang& clang,
                        const util::Environment& env) {
  fs::path beside = clang.bin / name;
  if (util::find_program(beside.string(), ""))
    return beside;
  std::string path = path_of(env);
  if (clang.major) {
    if (auto p = util::find_program(std::string(name) + "-" + std::to_string(clang.major), path))
      return *p;
  }
  if (auto p = util::find_program(name, path))
    return *p;
  throw Error("{} is not installed (not beside {} nor in PATH); install it with 'apt-get install "
              "llvm-{}'",
              name, clang.c.string(), clang.major ? clang.major : preferred_major);
}

std::string linker_flag(const target::Profile& profile, const FoundClang& clang,
                        const util::Environment& env) {
  std::string path = path_of(env);
  if (profile.linker != "lld") {
    // A profile may name another linker (a path, or a name clang's -fuse-ld knows: bfd, gold).
    if (profile.linker.find('/') != std::string::npos)
      return "--ld-path=" + profile.linker;
    return "-fuse-ld=" + profile.linker;
  }
  std::optional<fs::path> lld;
  if (auto beside = util::find_program((clang.bin / "ld.lld").string(), ""))
    lld = beside;
  else if (auto versioned = util::find_program("ld.lld-14", path))
    lld = versioned;
  else
    lld = util::find_program("ld.lld", path);
  if (!lld)
    throw Error("lld is not installed (no ld.lld beside {} nor in PATH); install it with "
                "'{}'",
                clang.c.string(), install_clang);
  int lld_major = major_from_folder(real(*lld).parent_path());
  if (!lld_major)
    lld_major = clang.major;
  for (const LldGap& gap : lld_gaps) {
    if (gap.arch != profile.arch || lld_major == 0 || lld_major >= gap.fixed_in)
      continue;
    std::string bfd = gnu_prefix(profile) + "-ld.bfd";
    if (auto gnu_ld = util::find_program(bfd, path))
      return "--ld-path=" + gnu_ld->string();
    throw Error("ld.lld {} cannot link for {} ({}); install GNU ld for the target with "
                "'apt-get install binutils-{}', or use lld {} or later",
                lld_major, profile.name, gap.why, gnu_prefix(profile), gap.fixed_in);
  }
  return "-fuse-ld=lld";
}

Toolchain find_toolchain(const target::Profile& profile, Language language, bool links,
                         const util::Environment& env) {
  FoundClang clang = find_clang(env);
  Toolchain out;
  if (language == Language::c)
    out.compiler = {clang.c.string()};
  else if (clang.cxx.empty())
    out.compiler = {clang.c.string(), "--driver-mode=g++"};
  else
    out.compiler = {clang.cxx.string()};
  out.linker_flag = links ? linker_flag(profile, clang, env) : "";
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
