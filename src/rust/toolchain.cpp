// Locating a Rust toolchain and asking it about itself. rustup's `rustc` on PATH is a proxy that
// picks a toolchain per directory; xport resolves it once to the real compiler in the toolchain's
// sysroot, so that spec, cargo and sysroot builds all talk to one and the same rustc.
#include "rust/toolchain.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "util/error.hpp"
#include "util/process.hpp"
#include "util/suggest.hpp"
#include "util/text.hpp"

namespace xport::rust {
namespace fs = std::filesystem;
namespace {

fs::path rustup_home(const util::Environment& env) {
  return util::env_or(env, "RUSTUP_HOME", util::env_or(env, "HOME", "/root") + "/.rustup");
}

std::vector<std::string> installed_rustup_toolchains(const fs::path& home) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(home / "toolchains", ec))
    if (entry.is_directory())
      names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// rustup names toolchains "<channel>-<host triple>": "nightly" means nightly-<host>.
std::optional<fs::path> rustup_rustc(const std::string& name, const util::Environment& env) {
  fs::path home = rustup_home(env);
  for (const std::string& dir : installed_rustup_toolchains(home)) {
    if (dir == name || dir.starts_with(name + "-")) {
      fs::path rustc = home / "toolchains" / dir / "bin" / "rustc";
      if (fs::exists(rustc))
        return rustc;
    }
  }
  // Custom-linked or otherwise named toolchains: ask rustup itself when it is there.
  if (util::find_program("rustup", util::env_or(env, "PATH", ""))) {
    util::RunOptions options;
    options.env = env;
    auto which = util::run_capture({"rustup", "which", "rustc", "--toolchain", name}, options);
    if (which && which->ok()) {
      std::string path = which->out.substr(0, which->out.find('\n'));
      if (!path.empty() && fs::exists(path))
        return fs::path(path);
    }
  }
  return std::nullopt;
}

util::Completed run_rustc(const fs::path& rustc, const std::vector<std::string>& args,
                          const util::Environment& env) {
  std::vector<std::string> argv{rustc.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  util::RunOptions options;
  options.env = env;
  auto done = util::run_capture(argv, options);
  if (!done)
    throw Error("cannot run the Rust compiler {}: {}", rustc.string(), done.error());
  if (!done->ok())
    throw Error("{} {} failed: {}", rustc.string(), fmt::join(args, " "), done->err);
  return std::move(*done);
}

std::string first_line(const std::string& text) {
  return text.substr(0, text.find('\n'));
}

} // namespace

bool Toolchain::nightly() const {
  return release.find("-nightly") != std::string::npos || release.find("-dev") != std::string::npos;
}

std::string Toolchain::describe() const {
  return fmt::format("rustc {} ({})", release, rustc.string());
}

util::Environment Toolchain::unstable_environment(util::Environment env) const {
  if (!nightly())
    env.insert_or_assign("RUSTC_BOOTSTRAP", std::string("1"));
  else
    env.erase("RUSTC_BOOTSTRAP");
  return env;
}

fs::path Toolchain::library_source() const {
  return sysroot / "lib" / "rustlib" / "src" / "rust" / "library";
}

void parse_verbose_version(const std::string& text, Toolchain& into) {
  for (std::string_view line : util::lines(text)) {
    auto colon = line.find(": ");
    if (colon == std::string_view::npos)
      continue;
    std::string_view key = line.substr(0, colon), value = line.substr(colon + 2);
    if (key == "release")
      into.release = value;
    else if (key == "commit-hash")
      into.commit_hash = value;
    else if (key == "host")
      into.host = value;
  }
  if (into.release.empty())
    throw Error("cannot read the release from `rustc -vV` output: '{}'", first_line(text));
}

Toolchain find_toolchain(const ToolchainRequest& request, const util::Environment& env) {
  if (!request.rustup_name.empty() && !request.rustc.empty())
    throw UsageError("--toolchain and --rustc both name a compiler; give one of them");
  fs::path rustc;
  if (!request.rustup_name.empty()) {
    auto found = rustup_rustc(request.rustup_name, env);
    if (!found) {
      fs::path home = rustup_home(env);
      std::vector<std::string> installed = installed_rustup_toolchains(home);
      // "nightly" for "nightly-x86_64-unknown-linux-gnu": what users type.
      std::vector<std::string> candidates = installed;
      for (const std::string& name : installed)
        candidates.push_back(name.substr(0, name.find('-')));
      throw Error("no Rust toolchain '{}': no {}/toolchains/{}-* and `rustup which rustc "
                  "--toolchain {}` found none{} (installed: {}); install it with `rustup "
                  "toolchain install {}` or name a compiler with --rustc PATH",
                  request.rustup_name, home.string(), request.rustup_name, request.rustup_name,
                  util::did_you_mean(request.rustup_name, candidates),
                  installed.empty() ? "none" : fmt::format("{}", fmt::join(installed, ", ")),
                  request.rustup_name);
    }
    rustc = *found;
  } else if (!request.rustc.empty()) {
    auto found = util::find_program(request.rustc.string(), util::env_or(env, "PATH", ""));
    if (!found)
      throw Error("--rustc {}: no such executable; give the path of a rustc (Debian's is "
                  "/usr/bin/rustc, from `apt-get install rustc`)",
                  request.rustc.string());
    rustc = *found;
  } else {
    auto found = util::find_program("rustc", util::env_or(env, "PATH", ""));
    if (!found)
      throw Error("no rustc on PATH; install Rust (rustup, or `apt-get install rustc cargo "
                  "rust-src`) or name one with --toolchain NAME or --rustc PATH");
    rustc = *found;
  }

  Toolchain t;
  t.sysroot = first_line(run_rustc(rustc, {"--print", "sysroot"}, env).out);
  // Past rustup's proxy: the compiler that lives in the sysroot it reports.
  fs::path real = t.sysroot / "bin" / "rustc";
  t.rustc = fs::exists(real) ? real : fs::absolute(rustc);
  t.verbose_version = run_rustc(t.rustc, {"-vV"}, env).out;
  parse_verbose_version(t.verbose_version, t);
  fs::path cargo = t.rustc.parent_path() / "cargo";
  if (fs::exists(cargo))
    t.cargo = cargo;
  if (t.sysroot.parent_path().filename() == "toolchains")
    t.rustup_name = t.sysroot.filename().string();
  return t;
}

std::string library_source_remedy(const Toolchain& t) {
  if (!t.rustup_name.empty())
    return fmt::format("rustup component add rust-src --toolchain {}", t.rustup_name);
  if (t.sysroot == "/usr")
    return "apt-get install rust-src (Debian's library source for its rustc " + t.release + ")";
  return fmt::format("install the library source of rustc {} into {}", t.release,
                     t.library_source().string());
}

namespace {

bool has_library_source(const fs::path& sysroot) {
  std::error_code ec;
  return fs::exists(sysroot / "lib/rustlib/src/rust/library/core/Cargo.toml", ec);
}

// The compilers installed here, each with the option that picks it: rustup's toolchains by name,
// then every real rustc in PATH (rustup's proxies, which pick a toolchain per folder, are left
// to the toolchains) and Debian's. A rustc's sysroot is the folder above its bin/.
struct Installed {
  fs::path sysroot;
  std::string option; // "--toolchain stable-x86_64-unknown-linux-gnu", "--rustc /usr/bin/rustc"
};

std::vector<Installed> installed_compilers(const util::Environment& env) {
  std::vector<Installed> out;
  fs::path home = rustup_home(env);
  for (const std::string& name : installed_rustup_toolchains(home))
    out.push_back({home / "toolchains" / name, "--toolchain " + name});
  std::vector<fs::path> seen;
  auto add_rustc = [&](const fs::path& rustc) {
    std::error_code ec;
    fs::path real = fs::canonical(rustc, ec);
    if (ec || real.filename() != "rustc" || std::find(seen.begin(), seen.end(), real) != seen.end())
      return; // missing, or rustup's proxy (a link to rustup)
    seen.push_back(real);
    out.push_back({real.parent_path().parent_path(), "--rustc " + rustc.string()});
  };
  std::string path = util::env_or(env, "PATH", "");
  for (std::string_view dir : util::split(path, ':'))
    if (!dir.empty() && fs::path(dir).is_absolute())
      add_rustc(fs::path(dir) / "rustc");
  add_rustc("/usr/bin/rustc");
  return out;
}

} // namespace

std::string with_library_source_instead(const Toolchain& chosen, const util::Environment& env) {
  std::error_code ec;
  fs::path chosen_sysroot = fs::weakly_canonical(chosen.sysroot, ec);
  for (const Installed& other : installed_compilers(env)) {
    if (fs::weakly_canonical(other.sysroot, ec) == chosen_sysroot ||
        !has_library_source(other.sysroot))
      continue;
    std::string release;
    fs::path rustc = other.sysroot / "bin" / "rustc";
    util::RunOptions options;
    options.env = env;
    if (auto v = util::run_capture({rustc.string(), "--version"}, options); v && v->ok())
      release = first_line(v->out);
    return fmt::format("{} ({}) has its library source: pass {}",
                       release.empty() ? "another rustc" : release, rustc.string(), other.option);
  }
  return "";
}

void require_library_source(const Toolchain& t, const util::Environment& env) {
  fs::path library = t.library_source();
  if (fs::exists(library / "core" / "Cargo.toml"))
    return;
  std::string instead = with_library_source_instead(t, env);
  throw Error("{} has no library source: {} does not exist; building the standard library for a "
              "custom target needs it; {}get it with: {}",
              t.describe(), (library / "core").string(), instead.empty() ? "" : instead + ", or ",
              library_source_remedy(t));
}

} // namespace xport::rust
