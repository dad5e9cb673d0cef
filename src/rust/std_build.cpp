// Building the standard library once per (toolchain, spec) into a cached sysroot.
#include "rust/std_build.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <unistd.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "rust/cache.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"

namespace xport::rust {
namespace fs = std::filesystem;
using nlohmann::json;
namespace {

// Bumped when what xport builds or where it puts it changes.
constexpr std::string_view std_format = "xport-std-sysroot-2";
// The crate of the private workspace; its own rlib is not part of the sysroot.
constexpr std::string_view workspace_crate = "xport-std-sysroot";
constexpr std::string_view vendor_source = "xport-library-vendor";

// Variables through which one project's settings would reach the shared std build.
bool project_setting(const std::string& name) {
  static const char* const exact[] = {
      "RUSTFLAGS",        "CARGO_ENCODED_RUSTFLAGS", "CARGO_BUILD_RUSTFLAGS",
      "CARGO_TARGET_DIR", "CARGO_BUILD_TARGET",      "CARGO_BUILD_TARGET_DIR"};
  for (const char* e : exact)
    if (name == e)
      return true;
  return name.starts_with("CARGO_PROFILE_");
}

std::string toml_string(const std::string& text) {
  return json(text).dump(); // a JSON string is a valid TOML basic string
}

// Scratch folders ".build-<pid>-<key>" of builds whose process is gone (killed mid-build): the
// result of a build is renamed into place only when complete, so they are never used, only left.
void remove_abandoned_scratch(const fs::path& std_dir) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(std_dir, ec)) {
    std::string name = entry.path().filename().string();
    if (!name.starts_with(".build-"))
      continue;
    long pid = std::strtol(name.c_str() + 7, nullptr, 10);
    if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH)
      fs::remove_all(entry.path(), ec);
  }
}

// Removes a folder when the scope ends, unless released.
struct ScratchFolder {
  fs::path path;
  ~ScratchFolder() {
    std::error_code ec;
    if (!path.empty())
      fs::remove_all(path, ec);
  }
};

} // namespace

std::string std_workspace_manifest(const StdBuild& b) {
  // std is built with unwinding, as rustup's prebuilt ones are, so that crates built with either
  // panic strategy link against it; panic_abort itself must be compiled with panic=abort, which
  // the library's own workspace says with a per-package rustflags profile that build-std does not
  // read (the user's workspace, here this one, supplies the profiles).
  return fmt::format("# The standard library for {}, built by xport (src/rust/std_build.cpp).\n"
                     "cargo-features = [\"profile-rustflags\"]\n\n"
                     "[package]\nname = \"{}\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n"
                     "[workspace]\n\n"
                     "[profile.release.package.panic_abort]\nrustflags = [\"-Cpanic=abort\"]\n",
                     b.target_name, workspace_crate);
}

fs::path StdBuild::lib_dir() const {
  return dir / "lib" / "rustlib" / target_name / "lib";
}

StdBuild std_build_of(const Toolchain& t, const RustTarget& target, const SpecFile& spec,
                      bool json_target_spec_flag, const util::Environment& env) {
  StdBuild b;
  b.cargo = t.cargo;
  b.rustc = t.rustc;
  b.nightly = t.nightly();
  b.json_target_spec_flag = json_target_spec_flag;
  b.spec_file = spec.file;
  b.target_name = target.name;
  b.host = t.host;
  b.toolchain_sysroot = t.sysroot;
  b.library = t.library_source();
  if (fs::is_directory(b.library / "vendor"))
    b.vendor = b.library / "vendor";
  if (target.rust.has_std) {
    b.crates = {"std", "panic_abort", "test"};
  } else {
    b.crates = {"core", "alloc"};
    // Without a C library, compiler_builtins provides memcpy and friends.
    if (spec.spec.value("os", "none") == "none")
      b.features = {"compiler-builtins-mem"};
  }
  std::string lock;
  for (const fs::path& candidate :
       {b.library / "Cargo.lock", b.library.parent_path() / "Cargo.lock"})
    if (fs::exists(candidate)) {
      lock = util::read_file(candidate);
      break;
    }
  std::string crates = fmt::format("{}", fmt::join(b.crates, ","));
  std::string features = fmt::format("{}", fmt::join(b.features, ","));
  b.key = digest({std_format, t.verbose_version, t.rustc.string(), util::read_file(spec.file),
                  crates, features, lock, b.library.string(), b.vendor.string()});
  b.dir = cache_root(env) / "std" / fmt::format("{}-{}", target.name, b.key);
  return b;
}

CargoPlan plan_std_build(const StdBuild& b, const fs::path& workspace, const fs::path& target_dir,
                         const util::Environment& env) {
  CargoPlan plan;
  plan.argv = {b.cargo.string(), "build", "--release", "-Z",
               fmt::format("build-std={}", fmt::join(b.crates, ","))};
  if (!b.features.empty())
    plan.argv.insert(plan.argv.end(),
                     {"-Z", fmt::format("build-std-features={}", fmt::join(b.features, ","))});
  if (b.json_target_spec_flag)
    plan.argv.insert(plan.argv.end(), {"-Z", "json-target-spec"});
  plan.argv.insert(plan.argv.end(),
                   {"--target", b.spec_file.string(), "--target-dir", target_dir.string(),
                    "--manifest-path", (workspace / "Cargo.toml").string()});
  if (!b.vendor.empty())
    plan.argv.insert(
        plan.argv.end(),
        {"--offline", "--config",
         fmt::format("source.crates-io.replace-with={}", toml_string(std::string(vendor_source))),
         "--config",
         fmt::format("source.{}.directory={}", vendor_source, toml_string(b.vendor.string()))});
  for (const auto& [name, value] : env)
    if (!project_setting(name))
      plan.env.emplace(name, value);
  for (const auto& [name, value] : env)
    if (project_setting(name))
      plan.env_changes.push_back("-" + name);
  plan.env["RUSTC"] = b.rustc.string();
  plan.env_changes.push_back("RUSTC=" + b.rustc.string());
  if (!b.nightly) {
    plan.env["RUSTC_BOOTSTRAP"] = "1";
    plan.env_changes.push_back("RUSTC_BOOTSTRAP=1");
  } else if (plan.env.erase("RUSTC_BOOTSTRAP")) {
    plan.env_changes.push_back("-RUSTC_BOOTSTRAP");
  }
  return plan;
}

bool std_sysroot_ready(const StdBuild& b) {
  fs::path stamp = b.dir / "xport-std.json";
  if (!fs::exists(stamp))
    return false;
  try {
    return json::parse(util::read_file(stamp)).value("key", "") == b.key;
  } catch (const std::exception&) {
    return false; // a damaged stamp: build again
  }
}

StdSysroot ensure_std_sysroot(const StdBuild& b, const util::Environment& env) {
  StdSysroot out;
  out.dir = b.dir;
  FolderLock lock(fs::path(b.dir.string() + ".lock"));
  remove_abandoned_scratch(b.dir.parent_path());
  if (std_sysroot_ready(b))
    return out;
  auto started = std::chrono::steady_clock::now();
  fs::path scratch = b.dir.parent_path() / fmt::format(".build-{}-{}", getpid(), b.key);
  fs::remove_all(scratch);
  ScratchFolder cleanup{scratch}; // on every way out, success included
  fs::path workspace = scratch / "workspace", target_dir = scratch / "target";
  util::write_file_atomically(workspace / "Cargo.toml", std_workspace_manifest(b));
  util::write_file_atomically(workspace / "src" / "lib.rs", "#![no_std]\n");
  CargoPlan plan = plan_std_build(b, workspace, target_dir, env);
  util::RunOptions options;
  options.env = plan.env;
  options.cwd = workspace;
  auto done = util::run_to_stderr(plan.argv, options);
  if (!done || !done->ok()) {
    std::string where =
        b.vendor.empty()
            ? fmt::format("{} has no vendor/ folder, so cargo had to fetch the standard library's "
                          "dependencies (libc, hashbrown, addr2line, ... at the versions of its "
                          "Cargo.lock) from crates.io; with no network, install a library source "
                          "that vendors them (Debian: apt-get install rust-web-src, for "
                          "/usr/bin/rustc 1.96) or fetch them once while online",
                          b.library.string())
            : fmt::format("the dependencies came from {} (offline)", b.vendor.string());
    throw Error(
        "building the standard library ({}) for {} failed: {}; cargo's output is above; "
        "{}; the command was:\n  {}",
        fmt::join(b.crates, ", "), b.target_name,
        done ? fmt::format("cargo exited {}", done->signal ? 128 + done->signal : done->exit_code)
             : done.error(),
        where, util::shell_join(plan.argv));
  }

  // The sysroot rustc searches: lib/rustlib/<T>/lib with every rlib but the workspace's own, and
  // the host's libraries beside it (proc macros and build scripts are compiled for the host).
  fs::path staged = scratch / "sysroot";
  fs::path lib_dir = staged / "lib" / "rustlib" / b.target_name / "lib";
  fs::create_directories(lib_dir);
  std::string own = "lib" + std::string(workspace_crate);
  std::replace(own.begin(), own.end(), '-', '_');
  std::size_t count = 0;
  for (const auto& entry :
       fs::directory_iterator(target_dir / b.target_name / "release" / "deps")) {
    std::string name = entry.path().filename().string();
    if (entry.path().extension() != ".rlib" || name.starts_with(own + "-"))
      continue;
    fs::rename(entry.path(), lib_dir / name);
    ++count;
  }
  if (count == 0)
    throw Error("cargo built the standard library for {} but left no .rlib in {}; this cargo ({}) "
                "puts its output elsewhere: report it with `cargo -V`",
                b.target_name, (target_dir / b.target_name / "release" / "deps").string(),
                b.cargo.string());
  fs::path host_libs = b.toolchain_sysroot / "lib" / "rustlib" / b.host;
  if (!b.host.empty() && b.host != b.target_name && fs::exists(host_libs))
    fs::create_directory_symlink(host_libs, staged / "lib" / "rustlib" / b.host);
  fs::copy_file(b.spec_file, staged / (b.target_name + ".json"));
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  json stamp = {
      {"key", b.key},       {"target", b.target_name},       {"rustc", b.rustc.string()},
      {"crates", b.crates}, {"library", b.library.string()}, {"vendor", b.vendor.string()},
      {"rlibs", count},     {"seconds", out.seconds}};
  util::write_file_atomically(staged / "xport-std.json", stamp.dump(2) + "\n");
  fs::remove_all(b.dir);
  fs::rename(staged, b.dir);
  out.built = true;
  return out;
}

} // namespace xport::rust
