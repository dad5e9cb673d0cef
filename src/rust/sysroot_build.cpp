// Building core, compiler_builtins and alloc with rustc into a sysroot folder.
#include "rust/sysroot_build.hpp"

#include <algorithm>
#include <chrono>

#include <fmt/format.h>

#include "rust/cache.hpp"
#include "target/platform.hpp"
#include "target/toml.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/process.hpp"

namespace xport::rust {
namespace fs = std::filesystem;
using nlohmann::json;
namespace {

void add_candidates(const fs::path& dir, std::vector<fs::path>& out) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.path().filename().string().starts_with("compiler_builtins") &&
        fs::exists(entry.path() / "Cargo.toml"))
      out.push_back(entry.path());
}

} // namespace

bool older_version(const std::string& a, const std::string& b) {
  auto parts = [](const std::string& v) {
    std::vector<long> out;
    std::size_t at = 0;
    while (at < v.size()) {
      std::size_t end = v.find_first_of(".-+", at);
      out.push_back(std::strtol(v.substr(at, end - at).c_str(), nullptr, 10));
      if (end == std::string::npos || v[end] != '.')
        break;
      at = end + 1;
    }
    return out;
  };
  return parts(a) < parts(b);
}

CrateSource read_crate(const fs::path& dir) {
  fs::path manifest = dir / "Cargo.toml";
  toml::table table;
  try {
    table = toml::parse_file(manifest.string());
  } catch (const toml::parse_error& e) {
    throw Error("{}:{}:{}: cannot read the crate manifest: {}", manifest.string(),
                e.source().begin.line, e.source().begin.column, e.description());
  }
  CrateSource crate;
  crate.dir = dir;
  crate.name = table["package"]["name"].value_or(std::string());
  crate.version = table["package"]["version"].value_or(std::string("0.0.0"));
  crate.edition = table["package"]["edition"].value_or(std::string("2015"));
  if (crate.name.empty())
    throw Error("{}: no [package] name: not a crate manifest", manifest.string());
  return crate;
}

CrateSource find_compiler_builtins(const Toolchain& t, const util::Environment& env,
                                   const std::vector<fs::path>& extra_registries) {
  fs::path library = t.library_source();
  fs::path in_tree = library / "compiler-builtins" / "compiler-builtins";
  if (fs::exists(in_tree / "Cargo.toml"))
    return read_crate(in_tree);
  std::vector<fs::path> searched = {in_tree, library.parent_path() / "vendor"};
  std::vector<fs::path> candidates;
  add_candidates(library.parent_path() / "vendor", candidates);
  fs::path cargo_home =
      util::env_or(env, "CARGO_HOME", util::env_or(env, "HOME", "/root") + "/.cargo");
  std::error_code ec;
  for (const auto& index : fs::directory_iterator(cargo_home / "registry" / "src", ec))
    add_candidates(index.path(), candidates);
  searched.push_back(cargo_home / "registry" / "src" / "*");
  std::vector<fs::path> registries = extra_registries;
  registries.push_back("/usr/share/cargo/registry");
  for (const fs::path& r : registries) {
    add_candidates(r, candidates);
    searched.push_back(r);
  }
  std::optional<CrateSource> best;
  for (const fs::path& c : candidates) {
    CrateSource crate = read_crate(c);
    if (crate.name == "compiler_builtins" && (!best || older_version(best->version, crate.version)))
      best = crate;
  }
  if (!best) {
    std::vector<std::string> places;
    for (const fs::path& p : searched)
      places.push_back(p.string());
    throw Error("no source of compiler_builtins for {}: searched {}; install it with `apt-get "
                "install librust-compiler-builtins-dev` (Debian) or `cargo fetch` a crate that "
                "depends on compiler_builtins",
                t.describe(), fmt::join(places, ", "));
  }
  return *best;
}

std::vector<std::string> compiler_builtins_cfgs(const json& spec, const std::string& target_name) {
  std::string llvm_target = spec.value("llvm-target", target_name);
  std::string arch = llvm_target.substr(0, llvm_target.find('-'));
  std::string os = spec.value("os", "none");
  std::vector<std::string> cfgs = {"feature=\"unstable\""};
  bool wasm = arch.starts_with("wasm");
  if ((wasm && os != "wasi") || os == "none" || arch.starts_with("nvptx"))
    cfgs.push_back("feature=\"mem\"");
  // As compiler-builtins' build script: the platform table's architectures that access unaligned
  // words, and eBPF, which has no row (xport builds no programs for it).
  bool unaligned = arch.starts_with("bpf");
  for (const target::ArchFacts& a : target::architectures())
    unaligned = unaligned || (a.unaligned_access && arch.starts_with(a.name));
  if (unaligned)
    cfgs.push_back("feature=\"mem-unaligned\"");
  if (arch.starts_with("thumb"))
    cfgs.push_back("thumb");
  if (arch == "thumbv6m" || arch == "thumbv8m.base")
    cfgs.push_back("thumb_1");
  if (arch == "armv4t" || arch == "armv5te")
    cfgs.push_back("kernel_user_helpers");
  return cfgs;
}

SysrootInputs sysroot_inputs(const Toolchain& t, const RustTarget& target,
                             const fs::path& spec_file, const json& spec,
                             const std::vector<std::string>& crates, const util::Environment& env) {
  SysrootInputs in;
  in.rustc = t.rustc;
  in.spec_file = spec_file;
  in.spec = spec;
  in.target_name = target.name;
  in.panic = target.rust.panic;
  std::vector<std::string> key_parts = {t.verbose_version, t.rustc.string(), spec.dump(), in.panic};
  for (const std::string& name : crates) {
    in.crates.push_back(name == "compiler_builtins" ? find_compiler_builtins(t, env)
                                                    : read_crate(t.library_source() / name));
    key_parts.push_back(in.crates.back().dir.string() + "@" + in.crates.back().version);
  }
  in.key = digest({key_parts.begin(), key_parts.end()});
  return in;
}

std::vector<RustcStep> plan_sysroot(const SysrootInputs& in, const fs::path& dir) {
  fs::path lib_dir = dir / "lib" / "rustlib" / in.target_name / "lib";
  std::vector<RustcStep> steps;
  for (const CrateSource& crate : in.crates) {
    std::string hash = digest({in.key, crate.name, crate.version});
    std::vector<std::string> argv = {
        in.rustc.string(), "--crate-name", crate.name, "--crate-type", "rlib", "--edition",
        crate.edition, (crate.dir / "src" / "lib.rs").string(), "--target", in.spec_file.string(),
        "--sysroot", dir.string(), "--out-dir", lib_dir.string(), "--emit=metadata,link", "-C",
        "opt-level=3", "-C", "debug-assertions=off", "-C", "overflow-checks=off", "-C",
        "metadata=" + hash, "-C", "extra-filename=-" + hash,
        // As the standard library is built: its unmarked items are unstable to users.
        "-Z", "force-unstable-if-unmarked", "-Z", "unstable-options"};
    if (in.panic == "abort")
      argv.insert(argv.end(), {"-C", "panic=abort"});
    if (crate.name == "compiler_builtins") {
      // Cargo.toml's features as the standard library enables them (rustc-dep-of-std), then
      // what build.rs prints for the target.
      for (const char* f : {"compiler-builtins", "core", "rustc-dep-of-std"})
        argv.insert(argv.end(), {"--cfg", fmt::format("feature=\"{}\"", f)});
      for (const std::string& cfg : compiler_builtins_cfgs(in.spec, in.target_name))
        argv.insert(argv.end(), {"--cfg", cfg});
      argv.insert(argv.end(), {"--cap-lints", "allow"});
    }
    steps.push_back({crate.name, std::move(argv)});
  }
  return steps;
}

SysrootResult build_sysroot(const Toolchain& t, const SysrootInputs& in, const fs::path& dir,
                            const util::Environment& env) {
  SysrootResult result;
  result.dir = dir;
  result.lib_dir = dir / "lib" / "rustlib" / in.target_name / "lib";
  result.spec_file = dir / (in.target_name + ".json");
  fs::path stamp = dir / "xport-sysroot.json";
  FolderLock lock(fs::path(dir.string() + ".lock"));
  if (fs::exists(stamp)) {
    try {
      if (json::parse(util::read_file(stamp)).value("key", "") == in.key)
        return result;
    } catch (const json::exception&) {
      // A damaged stamp: rebuild.
    }
  }
  auto started = std::chrono::steady_clock::now();
  // Built in place under the lock, the stamp written last. rustc records a JSON target as its
  // name plus a hash of the file's content: the spec beside the crates is the one to name.
  fs::remove_all(dir);
  fs::create_directories(result.lib_dir);
  fs::copy_file(in.spec_file, result.spec_file);
  SysrootInputs placed = in;
  placed.spec_file = result.spec_file;
  util::RunOptions options;
  options.env = t.unstable_environment(env);
  for (const RustcStep& step : plan_sysroot(placed, dir)) {
    auto done = util::run_capture(step.argv, options);
    if (!done || !done->ok())
      throw Error("building {} for {} with {} failed; the command was:\n  {}\nrustc said:\n{}",
                  step.crate, in.target_name, t.describe(), util::shell_join(step.argv),
                  done ? done->err : done.error());
  }
  json manifest = {{"key", in.key},
                   {"target", in.target_name},
                   {"toolchain", t.describe()},
                   {"verbose-version", t.verbose_version}};
  for (const CrateSource& c : in.crates)
    manifest["crates"].push_back(
        {{"name", c.name}, {"version", c.version}, {"source", c.dir.string()}});
  util::write_file_atomically(stamp, manifest.dump(2) + "\n");
  result.rebuilt = true;
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

} // namespace xport::rust
