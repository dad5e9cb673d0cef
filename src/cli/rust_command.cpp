// `xport rust spec T` (the rustc target spec derived for a profile) and `xport rust sysroot T`
// (core, compiler_builtins and alloc built for it with rustc). The work is in src/rust.
#include <filesystem>
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "cli/target_options.hpp"
#include "rust/cache.hpp"
#include "rust/rust_target.hpp"
#include "rust/spec_store.hpp"
#include "rust/sysroot_build.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/json_text.hpp"
#include "util/paths.hpp"
#include "util/suggest.hpp"

namespace xport::cli {
namespace fs = std::filesystem;
using nlohmann::json;
namespace {

struct Common {
  std::string target;
  TargetOptions profiles;
  rust::ToolchainRequest toolchain;
  std::string rustc;
  std::string sysroot;
  bool json = false;
};

void add_common(CLI::App& sub, Common& c) {
  sub.add_option("target", c.target,
                 "target profile (see 'xport target list'); a word, not --target, as the target "
                 "is what the command is about (as in 'xport target show')")
      ->required();
  sub.add_option("--toolchain", c.toolchain.rustup_name,
                 "a rustup toolchain: nightly, stable, 1.80.0, nightly-2024-05-01...");
  sub.add_option("--rustc", c.rustc, "a rustc by path, e.g. Debian's /usr/bin/rustc")
      ->type_name("PATH");
  sub.add_option("--sysroot", c.sysroot,
                 "the sysroot the linker (xport cc) links against: a store name or a folder "
                 "(default: the store's sysroot named like the target)")
      ->type_name("NAME|PATH");
  add_target_options(sub, c.profiles, TargetOption::none);
  sub.add_flag("--json", c.json, "print the result as JSON");
}

struct Context {
  rust::Toolchain toolchain;
  rust::RustTarget target;
  util::Environment env;
};

Context context_of(Common& c) {
  Context ctx;
  ctx.env = util::current_environment();
  target::ResolvedProfile resolved = resolve_target(load_catalog(c.profiles), c.target);
  std::vector<fs::path> files(c.profiles.profiles.begin(), c.profiles.profiles.end());
  ctx.target = rust::rust_target_of(resolved, files, c.sysroot);
  c.toolchain.rustc = c.rustc;
  ctx.toolchain = rust::find_toolchain(c.toolchain, ctx.env);
  return ctx;
}

void print_notes(const std::vector<std::string>& notes) {
  for (const std::string& n : notes)
    std::cerr << "xport: note: " << n << "\n";
}

int run_spec(Common& c, const std::string& output) {
  Context ctx = context_of(c);
  rust::SpecFile spec =
      rust::derived_spec_file(ctx.toolchain, ctx.target, util::self_path(), ctx.env);
  print_notes(spec.notes);
  std::string text = spec.spec.dump(2) + "\n";
  if (!output.empty())
    util::write_file_atomically(output, text);
  if (c.json) {
    std::cout << util::json_text(json{{"target", ctx.target.name},
                                      {"toolchain", ctx.toolchain.describe()},
                                      {"release", ctx.toolchain.release},
                                      {"file", output.empty() ? spec.file.string() : output},
                                      {"cached", spec.from_cache},
                                      {"notes", spec.notes},
                                      {"spec", spec.spec}})
              << "\n";
  } else if (output.empty()) {
    std::cout << text;
  }
  return exit_ok;
}

std::vector<std::string> crates_to_build(const std::vector<std::string>& asked) {
  static const std::vector<std::string> known = {"alloc", "core"};
  bool alloc = false;
  for (const std::string& name : asked) {
    if (name != "core" && name != "alloc")
      throw UsageError("--crates: xport rust sysroot builds core and alloc, not '{}'{}", name,
                       util::did_you_mean(name, known));
    alloc = alloc || name == "alloc";
  }
  // No crate builds without compiler_builtins: rustc injects it into every no_std crate.
  if (alloc)
    return {"core", "compiler_builtins", "alloc"};
  return {"core", "compiler_builtins"};
}

int run_sysroot(Common& c, const std::vector<std::string>& crates, const std::string& output) {
  std::vector<std::string> names = crates_to_build(crates);
  Context ctx = context_of(c);
  rust::require_library_source(ctx.toolchain, ctx.env);
  rust::SpecFile spec =
      rust::derived_spec_file(ctx.toolchain, ctx.target, util::self_path(), ctx.env);
  print_notes(spec.notes);

  rust::SysrootInputs in =
      rust::sysroot_inputs(ctx.toolchain, ctx.target, spec.file, spec.spec, names, ctx.env);
  std::vector<std::string> crate_ids;
  for (const rust::CrateSource& crate : in.crates)
    crate_ids.push_back(fmt::format("{} {} ({})", crate.name, crate.version, crate.dir.string()));
  fs::path dir = output.empty()
                     ? rust::cache_root(ctx.env) / "sysroots" / (ctx.target.name + "-" + in.key)
                     : fs::absolute(output);
  rust::SysrootResult built = rust::build_sysroot(ctx.toolchain, in, dir, ctx.env);
  if (c.json) {
    std::cout << util::json_text(json{{"target", ctx.target.name},
                                      {"toolchain", ctx.toolchain.describe()},
                                      {"sysroot", built.dir},
                                      {"lib-dir", built.lib_dir},
                                      {"spec", built.spec_file},
                                      {"crates", crate_ids},
                                      {"rebuilt", built.rebuilt},
                                      {"seconds", built.seconds}})
              << "\n";
    return exit_ok;
  }
  std::cerr << (built.rebuilt ? fmt::format("xport: built {} for {} with {} in {:.1f} s\n",
                                            fmt::join(names, ", "), ctx.target.name,
                                            ctx.toolchain.describe(), built.seconds)
                              : fmt::format("xport: {} for {} with {} is up to date\n",
                                            fmt::join(names, ", "), ctx.target.name,
                                            ctx.toolchain.describe()));
  std::cerr << fmt::format("xport: use it with: rustc --sysroot {} --target {}\n",
                           util::shell_quote(built.dir.string()),
                           util::shell_quote(built.spec_file.string()));
  std::cout << built.dir.string() << "\n";
  return exit_ok;
}

} // namespace

int run_rust(const Invocation& inv) {
  CLI::App app{"Rust for xport's targets: derived rustc target specs and core/alloc sysroots"};
  app.require_subcommand(1);
  Common spec_common, sysroot_common;
  std::string spec_output, sysroot_output;
  std::vector<std::string> crates = {"core", "alloc"};

  CLI::App* spec = app.add_subcommand(
      "spec", "the rustc target spec (JSON) for a profile, derived from the toolchain's own spec "
              "of the profile's Rust base target");
  add_common(*spec, spec_common);
  spec->add_option("-o,--output", spec_output, "write the spec to FILE instead of printing it")
      ->type_name("FILE");

  CLI::App* sysroot = app.add_subcommand(
      "sysroot", "build core, compiler_builtins and alloc for a profile with rustc (no cargo) "
                 "and print the sysroot folder");
  add_common(*sysroot, sysroot_common);
  sysroot->add_option("--crates", crates, "crates to build: core, alloc (default both)")
      ->delimiter(',');
  sysroot
      ->add_option("-o,--output", sysroot_output,
                   "build into DIR (default: the cache, $XDG_CACHE_HOME/xport/rust/sysroots)")
      ->type_name("DIR");

  if (auto status = parse(app, inv))
    return *status;
  if (spec->parsed())
    return run_spec(spec_common, spec_output);
  return run_sysroot(sysroot_common, crates, sysroot_output);
}

} // namespace xport::cli
