// rustc queries behind the spec derivation, the linker wrapper, and the spec cache.
#include "rust/spec_store.hpp"

#include <unistd.h>

#include <fmt/format.h>

#include "rust/cache.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/suggest.hpp"
#include "util/text.hpp"

namespace xport::rust {
namespace fs = std::filesystem;
using nlohmann::json;
namespace {

// Bumped when xport changes what it writes into a spec, so old cache entries are not reused.
constexpr std::string_view spec_format = "xport-rust-spec-1";

util::Completed run(const Toolchain& t, const std::vector<std::string>& args,
                    const util::Environment& env) {
  std::vector<std::string> argv{t.rustc.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  util::RunOptions options;
  options.env = t.unstable_environment(env);
  auto done = util::run_capture(argv, options);
  if (!done)
    throw Error("cannot run {}: {}", t.describe(), done.error());
  return std::move(*done);
}

std::vector<std::string> target_list(const Toolchain& t, const util::Environment& env) {
  util::Completed done = run(t, {"--print", "target-list"}, env);
  std::vector<std::string_view> names = util::split(done.out, '\n', util::EmptyParts::skipped);
  return {names.begin(), names.end()};
}

} // namespace

json builtin_spec(const Toolchain& t, const std::string& base, const util::Environment& env) {
  util::Completed done =
      run(t, {"-Z", "unstable-options", "--print", "target-spec-json", "--target", base}, env);
  if (!done.ok()) {
    std::vector<std::string> names = target_list(t, env);
    throw Error("{} has no built-in target '{}'{} to derive the spec from; rustc said: {}",
                t.describe(), base, util::did_you_mean(base, names),
                done.err.substr(0, done.err.find('\n')));
  }
  try {
    return json::parse(done.out);
  } catch (const json::exception& e) {
    throw Error("{} printed a target spec for '{}' that is not JSON: {}", t.describe(), base,
                e.what());
  }
}

SpecVerdict check_spec_file(const Toolchain& t, const fs::path& file,
                            const util::Environment& env) {
  util::Completed done =
      run(t, {"-Z", "unstable-options", "--print", "cfg", "--target", file.string()}, env);
  return parse_verdict(done.ok(), done.err);
}

fs::path linker_wrapper(const fs::path& cache, const fs::path& xport, const RustTarget& target) {
  std::vector<std::string> argv{xport.string(), "cc"};
  argv.insert(argv.end(), target.driver_selection.begin(), target.driver_selection.end());
  std::string script = fmt::format("#!/bin/sh\n# rustc's linker for profile {}: xport's compiler "
                                   "driver, written by xport (rust/spec_store.cpp).\nexec {} "
                                   "\"$@\"\n",
                                   target.name, util::shell_join(argv));
  fs::path file = cache / "linkers" / digest({script}) / (target.name + "-cc");
  if (!fs::exists(file) || util::read_file(file) != script)
    util::write_file_atomically(file, script, true);
  return file;
}

SpecFile derived_spec_file(const Toolchain& t, const RustTarget& target, const fs::path& xport,
                           const util::Environment& env) {
  if (target.rust.base.empty())
    throw Error("profile '{}' has no Rust base target ([rust] base = \"...\"); add one to derive "
                "a rustc target spec",
                target.name);
  fs::path cache = cache_root(env);
  fs::path linker = linker_wrapper(cache, xport, target);
  std::string key = digest({spec_format, t.verbose_version, t.rustc.string(), target.fingerprint,
                            target.name, target.rust.base, target.rust.overrides.dump(),
                            target.rust.fallbacks.dump(), linker.string()});
  fs::path dir = cache / "specs" / key;
  SpecFile out;
  out.file = dir / (target.name + ".json");
  fs::path notes_file = dir / "notes.json";
  if (fs::exists(out.file) && fs::exists(notes_file)) {
    out.spec = json::parse(util::read_file(out.file));
    out.notes = json::parse(util::read_file(notes_file)).get<std::vector<std::string>>();
    out.from_cache = true;
    return out;
  }

  // Candidates are checked under the profile's name, as rustc will see the final file.
  fs::path scratch = dir / fmt::format("check.{}", getpid()) / (target.name + ".json");
  SpecValidator validate = [&](const json& spec) {
    util::write_file_atomically(scratch, spec.dump(2) + "\n");
    return check_spec_file(t, scratch, env);
  };
  DerivedSpec derived;
  try {
    derived = derive_spec(builtin_spec(t, target.rust.base, env), target, linker.string(),
                          t.describe(), validate);
  } catch (...) {
    fs::remove_all(scratch.parent_path());
    throw;
  }
  fs::remove_all(scratch.parent_path());
  out.spec = derived.spec;
  out.notes = derived.notes;
  util::write_file_atomically(out.file, out.spec.dump(2) + "\n");
  util::write_file_atomically(notes_file, json(out.notes).dump() + "\n");
  return out;
}

} // namespace xport::rust
