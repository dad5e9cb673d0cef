// `xport abi dump|diff|bindgen|check-rust`: a target's C interface from its sysroot's headers
// (src/abi). dump prints it; diff compares two targets (exit 1 when they differ); bindgen runs
// Debian's bindgen with the target's clang flags; check-rust compares a Rust crate with it.
#include <algorithm>
#include <future>
#include <iostream>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "abi/clang_flags.hpp"
#include "abi/diff.hpp"
#include "abi/dump.hpp"
#include "abi/rust_check.hpp"
#include "cli/command.hpp"
#include "cli/target_options.hpp"
#include "driver/host_isolation.hpp"
#include "rust/rust_target.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/json_text.hpp"
#include "util/process.hpp"

namespace xport::cli {
namespace {

std::vector<abi::Kind> parse_kinds(const std::vector<std::string>& words) {
  std::vector<abi::Kind> kinds;
  for (const std::string& w : words) {
    std::optional<abi::Kind> kind = abi::parse_kind(w);
    if (!kind)
      throw UsageError("--only {}: not a kind; give struct, union, enum, type, const or func", w);
    kinds.push_back(*kind);
  }
  return kinds;
}

// "T" or "T=SYSROOT" (a folder or a store name).
struct Side {
  std::string target, sysroot;
};

Side side_of(const std::string& word) {
  std::size_t eq = word.find('=');
  if (eq == std::string::npos)
    return {word, ""};
  return {word.substr(0, eq), word.substr(eq + 1)};
}

// The words before `--` are headers and names: a word with ".h" is a header, another a name.
void split_words(const std::vector<std::string>& words, std::vector<std::string>& headers,
                 std::vector<std::string>& names) {
  for (const std::string& w : words)
    (w.ends_with(".h") ? headers : names).push_back(w);
}

int run_dump(const TargetOptions& target, const std::string& sysroot,
             const std::vector<std::string>& words, const std::vector<std::string>& only,
             bool json) {
  std::vector<abi::Kind> kinds = parse_kinds(only);
  std::vector<std::string> headers, names;
  split_words(words, headers, names);
  target::ResolvedProfile resolved = resolve_target(target);
  abi::Dump dump =
      abi::dump_headers({&resolved.profile, sysroot, headers}, util::current_environment());
  abi::require_known_names({&dump}, names);
  if (json)
    std::cout << util::json_text(abi::dump_json(dump, kinds, names)) << "\n";
  else
    std::cout << abi::dump_text(dump, kinds, names);
  return exit_ok;
}

int run_diff(const TargetOptions& profiles, const std::string& a, const std::string& b,
             const std::vector<std::string>& words, const std::vector<std::string>& only,
             bool json) {
  std::vector<abi::Kind> kinds = parse_kinds(only);
  std::vector<std::string> headers, names;
  split_words(words, headers, names);
  target::Catalog catalog = load_catalog(profiles);
  util::Environment env = util::current_environment();
  // Profiles, sysroots and flags here, one side after the other (the catalog resolves lazily);
  // then the two sides' reader processes run at once.
  const Side sa = side_of(a), sb = side_of(b);
  target::ResolvedProfile pa = resolve_target(catalog, sa.target);
  target::ResolvedProfile pb = resolve_target(catalog, sb.target);
  abi::ReaderJob job_a = abi::prepare_dump({&pa.profile, sa.sysroot, headers}, env);
  abi::ReaderJob job_b = abi::prepare_dump({&pb.profile, sb.sysroot, headers}, env);
  std::future<abi::Dump> pending_right =
      std::async(std::launch::async, [&] { return abi::run_reader(job_b, env); });
  abi::Dump left = abi::run_reader(job_a, env);
  abi::Dump right = pending_right.get();
  abi::require_known_names({&left, &right}, names);
  std::vector<abi::Difference> differences = abi::diff_dumps(left, right, kinds, names);
  if (json)
    std::cout << util::json_text(abi::diff_json(left, right, differences)) << "\n";
  else
    std::cout << abi::diff_text(left, right, differences);
  return differences.empty() ? exit_ok : exit_failed;
}

int run_bindgen(const TargetOptions& target, const std::string& sysroot,
                const std::vector<std::string>& headers, const std::vector<std::string>& extra,
                const std::string& bindgen) {
  target::ResolvedProfile resolved = resolve_target(target);
  util::Environment env = util::current_environment();
  abi::ClangFlags flags = abi::clang_flags_for(resolved.profile, sysroot, env);
  // bindgen reads one header: a wrapper includes the given ones, a file by its path and another
  // name (sys/event.h) from the sysroot's include folders.
  std::string wrapper;
  for (const std::string& h : headers) {
    std::error_code ec;
    wrapper += std::filesystem::is_regular_file(h, ec)
                   ? fmt::format("#include \"{}\"\n", std::filesystem::absolute(h).string())
                   : fmt::format("#include <{}>\n", h);
  }
  std::filesystem::path file =
      std::filesystem::temp_directory_path() / fmt::format("xport-bindgen-{}.h", ::getpid());
  util::write_file_atomically(file, wrapper);
  std::vector<std::string> argv = {bindgen, file.string()};
  argv.insert(argv.end(), extra.begin(), extra.end());
  argv.push_back("--");
  argv.insert(argv.end(), flags.flags.begin(), flags.flags.end());
  // bindgen's libclang reads CPATH and friends from its environment, as clang does.
  util::RunOptions options;
  options.env = driver::isolate_from_host(env);
  Result<util::Completed> result = util::run_capture(argv, options);
  std::error_code ec;
  std::filesystem::remove(file, ec);
  if (!result)
    throw Error("cannot run bindgen ('{}'): {}; install Debian's bindgen package, or name the "
                "program with --bindgen",
                bindgen, result.error());
  std::cout << result->out;
  std::cerr << result->err;
  if (!result->ok())
    throw Error("bindgen failed (exit status {}) for {}: {}", result->exit_code,
                resolved.profile.name, util::shell_join(argv));
  return exit_ok;
}

struct RustOptions {
  TargetOptions target;
  std::string sysroot, crate, toolchain, rustc;
  int freebsd_version = 0;
};

int run_check_rust(const RustOptions& o, bool json) {
  target::ResolvedProfile resolved = resolve_target(o.target);
  util::Environment env = util::current_environment();
  abi::Dump c_side = abi::dump_headers({&resolved.profile, o.sysroot, {}}, env);
  abi::RustCheckRequest request;
  std::vector<std::filesystem::path> files(o.target.profiles.begin(), o.target.profiles.end());
  request.target = rust::rust_target_of(resolved, files, o.sysroot);
  request.toolchain.rustup_name = o.toolchain;
  request.toolchain.rustc = o.rustc;
  request.crate = o.crate;
  request.freebsd_version = o.freebsd_version;
  abi::RustCheckReport report = abi::check_rust(c_side, request, env);
  if (json)
    std::cout << util::json_text(abi::report_json(report)) << "\n";
  else
    std::cout << abi::report_text(report);
  return report.mismatches.empty() ? exit_ok : exit_failed;
}

} // namespace

int run_abi(const Invocation& inv) {
  CLI::App app{"A target's C interface from its sysroot's headers, as clang compiles them for it: "
               "structure layouts, enums, typedefs, constants, prototypes"};
  app.require_subcommand(1);
  bool json = false;
  std::vector<std::string> only;

  CLI::App* dump = app.add_subcommand("dump", "list the layouts and constants of the headers");
  TargetOptions target;
  std::string sysroot;
  std::vector<std::string> words;
  add_target_options(*dump, target);
  dump->add_option("--sysroot", sysroot,
                   "a sysroot folder or store name (default: the store's "
                   "sysroot named like the target)");
  dump->add_option("words", words,
                   "headers (sys/stat.h; default: the C library's) and names (stat, EAGAIN) to "
                   "show");
  dump->add_option("--only", only, "struct, union, enum, type, const or func (repeatable)")
      ->allow_extra_args(false);
  dump->add_flag("--json", json, "print JSON");

  CLI::App* diff =
      app.add_subcommand("diff", "compare two targets' headers; exit 1 when they differ");
  TargetOptions profiles;
  std::string a, b;
  std::vector<std::string> diff_words;
  add_target_options(*diff, profiles, TargetOption::none);
  diff->add_option("a", a, "a target, or TARGET=SYSROOT")->required();
  diff->add_option("b", b, "another target, or TARGET=SYSROOT")->required();
  diff->add_option("words", diff_words, "headers (sys/stat.h) and names (stat, EAGAIN) to compare");
  diff->add_option("--only", only, "struct, union, enum, type, const or func (repeatable)")
      ->allow_extra_args(false);
  diff->add_flag("--json", json, "print JSON");

  CLI::App* bindgen = app.add_subcommand(
      "bindgen", "run bindgen on headers with the target's clang flags: xport abi bindgen "
                 "--target T HEADER... [-- BINDGEN-OPTIONS]");
  TargetOptions bindgen_target;
  std::string bindgen_sysroot, bindgen_program = "bindgen";
  std::vector<std::string> bindgen_headers, bindgen_extra;
  add_target_options(*bindgen, bindgen_target);
  bindgen->add_option("--sysroot", bindgen_sysroot, "a sysroot folder or store name");
  bindgen->add_option("--bindgen", bindgen_program, "the bindgen program (default: bindgen)");
  bindgen->add_option("headers", bindgen_headers, "the headers to translate")->required();

  CLI::App* check_rust = app.add_subcommand(
      "check-rust", "compare a Rust crate's definitions for the target (default: the libc crate "
                    "the toolchain vendors) with the sysroot's headers; exit 1 on a mismatch");
  RustOptions rust;
  add_target_options(*check_rust, rust.target);
  check_rust->add_option("--sysroot", rust.sysroot,
                         "a sysroot folder or store name (default: "
                         "the store's sysroot named like the target)");
  check_rust
      ->add_option("--crate", rust.crate,
                   "a crate folder (with Cargo.toml); default: the toolchain's vendored libc")
      ->type_name("PATH");
  check_rust->add_option("--toolchain", rust.toolchain, "a rustup toolchain");
  check_rust->add_option("--rustc", rust.rustc, "a rustc by path")->type_name("PATH");
  check_rust->add_option("--freebsd-version", rust.freebsd_version,
                         "the FreeBSD major version libc's cfgs select (default: the headers')");
  check_rust->add_flag("--json", json, "print JSON");

  // bindgen's own options follow `--`: they are not ours to parse.
  Invocation ours = inv;
  if (auto dashes = std::find(ours.args.begin(), ours.args.end(), "--");
      dashes != ours.args.end()) {
    bindgen_extra.assign(dashes + 1, ours.args.end());
    ours.args.erase(dashes, ours.args.end());
  }
  if (auto status = parse(app, ours))
    return *status;
  if (!bindgen->parsed() && !bindgen_extra.empty())
    throw UsageError("only 'xport abi bindgen' takes arguments after --");
  if (dump->parsed())
    return run_dump(target, sysroot, words, only, json);
  if (diff->parsed())
    return run_diff(profiles, a, b, diff_words, only, json);
  if (check_rust->parsed())
    return run_check_rust(rust, json);
  return run_bindgen(bindgen_target, bindgen_sysroot, bindgen_headers, bindgen_extra,
                     bindgen_program);
}

} // namespace xport::cli
