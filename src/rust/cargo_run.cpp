// Preparing a cargo build-std run for a derived target.
#include "rust/cargo_run.hpp"

#include <fmt/format.h>

#include "util/error.hpp"

namespace xport::rust {
namespace fs = std::filesystem;
namespace {

util::Completed run_quietly(const std::vector<std::string>& argv, const util::Environment& env) {
  util::RunOptions options;
  options.env = env;
  auto done = util::run_capture(argv, options);
  if (!done)
    throw Error("cannot run {}: {}", argv.front(), done.error());
  return std::move(*done);
}

// Newer cargo refuses a .json --target without -Zjson-target-spec; older cargo does not know it.
bool cargo_wants_json_target_spec(const Toolchain& t, const util::Environment& env) {
  util::Completed help = run_quietly({t.cargo.string(), "-Z", "help"}, t.unstable_environment(env));
  return help.out.find("json-target-spec") != std::string::npos;
}

fs::path workspace_root(const Toolchain& t, const util::Environment& env) {
  util::Completed done = run_quietly(
      {t.cargo.string(), "locate-project", "--workspace", "--message-format", "plain"}, env);
  if (!done.ok())
    throw Error("no Cargo.toml here or in a parent folder of {}: run xport cargo in a cargo "
                "project; cargo said: {}",
                fs::current_path().string(), done.err.substr(0, done.err.find('\n')));
  return fs::path(done.out.substr(0, done.out.find('\n'))).parent_path();
}

} // namespace

void require_build_std(const Toolchain& t, const util::Environment& env) {
  if (t.cargo.empty())
    throw Error("{} has no cargo beside it ({}); install it ({})", t.describe(),
                (t.rustc.parent_path() / "cargo").string(),
                t.rustup_name.empty() ? "apt-get install cargo"
                                      : "rustup component add cargo --toolchain " + t.rustup_name);
  require_library_source(t, env);
  fs::path library = t.library_source();
  if (!fs::exists(library / "Cargo.lock") && !fs::exists(library.parent_path() / "Cargo.lock"))
    throw Error(
        "{} has library source in {} but no Cargo.lock beside it ({} or {}), so cargo "
        "-Z build-std cannot resolve the standard library's dependencies (compiler_builtins, "
        "libc, hashbrown, ... at the versions this release was tested with); {}; for "
        "no_std work build core and alloc without cargo: `xport rust sysroot T`",
        t.describe(), library.string(), (library / "Cargo.lock").string(),
        (library.parent_path() / "Cargo.lock").string(),
        t.rustup_name.empty() && t.sysroot == "/usr"
            ? "Debian's rust-src ships none and Debian does not package those crates at "
              "the locked versions: use a rustup toolchain with rust-src instead"
            : "reinstall the library source: " + library_source_remedy(t));
}

PreparedCargo prepare_cargo(const Toolchain& t, const RustTarget& target, const fs::path& xport,
                            const std::vector<std::string>& user_args, const util::Environment& env,
                            const std::vector<std::string>& runner, bool require) {
  PreparedCargo out;
  try {
    require_build_std(t, env);
  } catch (const Error& e) {
    if (require || t.cargo.empty())
      throw;
    out.build_std_problem = e.what();
  }
  out.spec = derived_spec_file(t, target, xport, env);
  CargoRequest request;
  request.cargo = t.cargo;
  request.rustc = t.rustc;
  if (fs::path rustdoc = t.rustc.parent_path() / "rustdoc"; fs::exists(rustdoc))
    request.rustdoc = rustdoc;
  request.nightly = t.nightly();
  request.json_target_spec_flag = cargo_wants_json_target_spec(t, env);
  request.spec_file = out.spec.file;
  request.target_name = target.name;
  out.std_build = std_build_of(t, target, out.spec, request.json_target_spec_flag, env);
  request.std_sysroot = out.std_build.dir;
  request.runner = runner;
  request.panic = target.rust.panic;
  request.workspace_root = workspace_root(t, env);
  request.user_args = user_args;
  request.env = env;
  out.plan = plan_cargo(request);
  return out;
}

} // namespace xport::rust
