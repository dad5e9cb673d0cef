// The toolchain links and argv[0] mode (see toolchain_links.hpp).
#include "driver/toolchain_links.hpp"

#include <fstream>
#include <sstream>
#include <unistd.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "driver/tools.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/fnv.hpp"
#include "util/paths.hpp"

namespace xport::driver {
namespace {

namespace fs = std::filesystem;

// autoconf's AC_PROG_CC looks for <host>-gcc first and AC_PROG_CXX for <host>-g++, so those names
// are links too; without them configure would fall back to the host's unprefixed gcc.
const ToolLink links[] = {
    {"-cc", LinkKind::cc, ""},
    {"-c++", LinkKind::cxx, ""},
    {"-gcc", LinkKind::cc, ""},
    {"-g++", LinkKind::cxx, ""},
    {"-clang", LinkKind::cc, ""},
    {"-clang++", LinkKind::cxx, ""},
    {"-ld", LinkKind::ld, ""},
    {"-pkg-config", LinkKind::pkg_config, ""},
    {"-ar", LinkKind::llvm_tool, "llvm-ar"},
    {"-ranlib", LinkKind::llvm_tool, "llvm-ranlib"},
    {"-nm", LinkKind::llvm_tool, "llvm-nm"},
    {"-objcopy", LinkKind::llvm_tool, "llvm-objcopy"},
    {"-objdump", LinkKind::llvm_tool, "llvm-objdump"},
    {"-readelf", LinkKind::llvm_tool, "llvm-readelf"},
    {"-strip", LinkKind::llvm_tool, "llvm-strip"},
    {"-size", LinkKind::llvm_tool, "llvm-size"},
    {"-strings", LinkKind::llvm_tool, "llvm-strings"},
    {"-addr2line", LinkKind::llvm_tool, "llvm-addr2line"},
};

constexpr std::string_view settings_suffix = ".xport-toolchain";

void write_settings(const ToolchainSettings& s, const fs::path& file) {
  nlohmann::json j = {
      {"target", s.target}, {"sysroot", s.sysroot}, {"profiles", s.profiles}, {"store", s.store}};
  util::write_file_atomically(file, j.dump(2) + "\n");
}

// Points `link` at `to`, replacing what is there in one rename.
void make_link(const fs::path& to, const fs::path& link) {
  fs::path tmp = link;
  tmp += fmt::format(".tmp{}", getpid());
  std::error_code ec;
  fs::remove(tmp, ec);
  fs::create_symlink(to, tmp, ec);
  if (ec)
    throw Error("cannot create the link {}: {}", link.string(), ec.message());
  fs::rename(tmp, link, ec);
  if (ec)
    throw Error("cannot create the link {}: {}", link.string(), ec.message());
}

std::optional<fs::path> locate(std::string_view argv0, const util::Environment& env) {
  if (argv0.find('/') != std::string_view::npos)
    return fs::path(argv0);
  return util::find_program(argv0, env);
}

} // namespace

std::span<const ToolLink> tool_links() {
  return links;
}

std::vector<fs::path> install_toolchain(const ToolchainSettings& settings, const fs::path& dir,
                                        const fs::path& xport, const util::Environment& env) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec)
    throw Error("cannot create the toolchain folder {}: {}", dir.string(), ec.message());
  FoundClang clang = find_clang(env);
  std::vector<fs::path> made;
  for (const ToolLink& l : links) {
    fs::path link = dir / (settings.target + std::string(l.suffix));
    fs::path to = l.kind == LinkKind::llvm_tool ? find_llvm_tool(l.llvm_tool, clang, env) : xport;
    make_link(to, link);
    made.push_back(link);
  }
  write_settings(settings, dir / (settings.target + std::string(settings_suffix)));
  return made;
}

fs::path managed_toolchain(const ToolchainSettings& settings, const fs::path& xport,
                           const util::Environment& env) {
  fs::path home = util::store_home(env);
  std::string name = settings.target;
  if (!settings.sysroot.empty() || !settings.profiles.empty()) {
    util::Fnv64 key;
    key.add(settings.sysroot).add(fmt::format("{}", fmt::join(settings.profiles, "\n")));
    name += fmt::format("-{:08x}", key.h & 0xffffffffu);
  }
  fs::path dir = home / "toolchains" / name;
  ToolchainSettings recorded = settings;
  recorded.store = fs::absolute(home).string();
  fs::path settings_file = dir / (settings.target + std::string(settings_suffix));
  std::error_code ec;
  if (!fs::exists(settings_file, ec) ||
      fs::read_symlink(dir / (settings.target + "-cc"), ec) != xport)
    install_toolchain(recorded, dir, xport, env);
  return dir;
}

std::optional<ToolInvocation> tool_command_line(std::string_view argv0,
                                                const std::vector<std::string>& args,
                                                const util::Environment& env) {
  std::string name = fs::path(argv0).filename().string();
  const ToolLink* match = nullptr;
  for (const ToolLink& l : links)
    if (l.kind != LinkKind::llvm_tool && name.size() > l.suffix.size() &&
        name.ends_with(l.suffix) && (!match || l.suffix.size() > match->suffix.size()))
      match = &l;
  if (!match)
    return std::nullopt;
  ToolchainSettings settings;
  settings.target = name.substr(0, name.size() - match->suffix.size());
  if (auto link = locate(argv0, env)) {
    std::ifstream in(link->parent_path() / (settings.target + std::string(settings_suffix)));
    if (in) {
      nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
      if (j.is_object()) {
        settings.sysroot = j.value("sysroot", "");
        settings.profiles = j.value("profiles", std::vector<std::string>{});
        settings.store = j.value("store", "");
      }
    }
  }
  std::vector<std::string> out;
  switch (match->kind) {
  case LinkKind::cc:
    out = {"cc"};
    break;
  case LinkKind::cxx:
    out = {"c++"};
    break;
  case LinkKind::ld:
    out = {"toolchain", "ld"};
    break;
  case LinkKind::pkg_config:
    out = {"toolchain", "pkg-config"};
    break;
  case LinkKind::llvm_tool:
    return std::nullopt;
  }
  out.insert(out.end(), {"--target", settings.target});
  if (!settings.sysroot.empty())
    out.insert(out.end(), {"--sysroot", settings.sysroot});
  for (const std::string& p : settings.profiles)
    out.insert(out.end(), {"--profile", p});
  out.push_back("--");
  out.insert(out.end(), args.begin(), args.end());
  return ToolInvocation{std::move(out), settings.store};
}

} // namespace xport::driver
