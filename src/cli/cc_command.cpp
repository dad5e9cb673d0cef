// `xport cc|c++ --target T [--sysroot NAME|PATH] [--clang V|PATH] [--profile FILE]
// [--max-version V] [--print-command] ARGS...`:
// compiles and links for T with clang. xport's own options are read at the front (until the first
// other word, or `--`) and, by their long names, anywhere after (take_options_among); every other
// word is the user's and reaches clang verbatim. The
// command prints nothing unless asked (--print-command prints and stops; XPORT_VERBOSE=1 prints
// and runs) and ends by exec'ing clang, so its exit status is clang's. Only a link under a
// symbol-version ceiling (max-versions, XPORT_MAX_VERSION, --max-version) runs clang as a child
// instead: it then judges what the link wrote, as `xport check` does, and fails it above the
// ceiling.
#include <csignal>
#include <filesystem>
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/target_options.hpp"
#include "driver/clang_options.hpp"
#include "driver/compiler.hpp"
#include "elf/check.hpp"
#include "target/version_ceiling.hpp"
#include "util/error.hpp"
#include "util/leading_options.hpp"

namespace xport::cli {
namespace {

struct CompilerOptions {
  TargetOptions target;
  std::string sysroot;
  std::string clang;                     // --clang VERSION|PATH: XPORT_CLANG for this command
  std::vector<std::string> max_versions; // --max-version, repeatable
  bool print_command = false;
  bool help = false;
  std::vector<std::string> rest;
};

// --help: the options below, described as every command's are.
int help(const Invocation& inv) {
  CLI::App app{"Compile and link for a target with clang, the profile's flags and the sysroot's "
               "folders. The options below may also come among or after the CLANG-ARGS (-t and "
               "-h only first); every other word reaches clang verbatim; the exit status is "
               "clang's."};
  TargetOptions target;
  std::string sysroot, clang;
  std::vector<std::string> max_versions;
  bool flag = false;
  add_target_options(app, target);
  app.add_option("--sysroot", sysroot,
                 "sysroot name or folder; default: the store's sysroot named like the target");
  app.add_option("--clang", clang,
                 "the clang to use: a version (19: clang-19 in PATH) or a program; default: the "
                 "newest clang-N in PATH with its lld, or XPORT_CLANG");
  app.add_option("--max-version", max_versions,
                 "the newest symbol version of a family a link's output may need, such as "
                 "GLIBC_2.17 or FBSD_1.5; above it, the link fails with xport check's findings "
                 "and its output is removed (repeatable; replaces the profile's max-versions and "
                 "XPORT_MAX_VERSION for that family)");
  app.add_flag("--print-command", flag,
               "print the clang command instead of running it, after a comment line naming the "
               "clang and lld and why they were chosen");
  app.footer(fmt::format("usage: {} --target T [OPTIONS] [--] CLANG-ARGS...\n"
                         "XPORT_VERBOSE=1 prints the command and runs it, XPORT_LAUNCHER (e.g. "
                         "ccache) is put in front of it, XPORT_CLANG picks the clang, "
                         "XPORT_MAX_VERSION=GLIBC_2.17,... sets ceilings. See docs/driver.md.",
                         inv.program));
  return print_help(app, inv.program);
}

constexpr util::OptionSpec compiler_options[] = {
    {"--clang", "", true},          {"--help", "-h", false}, {"--max-version", "", true},
    {"--print-command", "", false}, {"--profile", "", true}, {"--sysroot", "", true},
    {"--target", "-t", true}};

// xport's long options are also read among clang's arguments, wherever they are: none of them
// is a clang option (clang rejects "--target T", "--profile" and "--print-command"), and
// clang's own "--sysroot DIR" means what xport's means, so xport reads it too (a store name
// given to clang would otherwise be taken for a folder). Clang's "--target=TRIPLE" and
// "-target TRIPLE" stay clang's, as do the words other options take ("-Xlinker --sysroot=X").
std::vector<std::string> take_options_among(std::vector<std::string> args, CompilerOptions& o,
                                            const std::string& program) {
  std::vector<std::string> clang;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string& word = args[i];
    auto value = [&](std::string_view name) -> std::optional<std::string> {
      if (word.starts_with(name) && word.size() > name.size() && word[name.size()] == '=')
        return word.substr(name.size() + 1);
      if (word != name)
        return std::nullopt;
      if (i + 1 == args.size())
        throw UsageError("{}: {} needs a value (see '{} --help')", program, name, program);
      return args[++i];
    };
    if (word == "--print-command") {
      o.print_command = true;
    } else if (auto v = value("--sysroot")) {
      o.sysroot = *v;
    } else if (auto v = value("--profile")) {
      o.target.profiles.push_back(*v);
    } else if (auto v = value("--clang")) {
      o.clang = *v;
    } else if (auto v = value("--max-version")) {
      o.max_versions.push_back(*v);
    } else if (word == "--target") {
      o.target.target = *value("--target");
    } else {
      clang.push_back(std::move(word));
      auto match = driver::find_clang_option(clang.back());
      if (match && !match->joined && (match->option->flags & driver::takes_arg) &&
          i + 1 < args.size())
        clang.push_back(std::move(args[++i]));
    }
  }
  return clang;
}

CompilerOptions read_options(const Invocation& inv) {
  util::LeadingOptions given = util::split_leading_options(
      inv.args, compiler_options, util::UnknownOption::ends_options, inv.program);
  CompilerOptions o;
  o.help = given.has("--help");
  o.print_command = given.has("--print-command");
  o.target.target = given.last("--target").value_or("");
  o.sysroot = given.last("--sysroot").value_or("");
  o.clang = given.last("--clang").value_or("");
  o.target.profiles = given.all("--profile");
  o.max_versions = given.all("--max-version");
  o.rest = take_options_among(std::move(given.rest), o, inv.program);
  return o;
}

// Runs a link that has ceilings, then judges what it wrote: above a ceiling, the findings are
// printed as `xport check` prints them and the file is removed, so that make, ninja or cargo do
// not take it for built.
int link_within_ceilings(const driver::CompilerCommand& command,
                         const target::VersionCeilings& ceilings) {
  util::RunOptions options;
  options.env = command.env;
  util::Completed done = util::run_attached(command.argv, options).value();
  if (done.signal != 0) {
    // Ended as clang ended, as if clang had replaced this process.
    std::signal(done.signal, SIG_DFL);
    std::raise(done.signal);
    return 128 + done.signal;
  }
  if (done.exit_code != 0)
    return done.exit_code;
  const std::string& file = command.linked_file;
  std::error_code ec;
  if (file == "-" || !std::filesystem::is_regular_file(file, ec))
    return exit_ok; // -o /dev/null: nothing was kept to judge
  std::vector<elf::Finding> findings;
  try {
    findings = elf::check_version_ceilings(file, ceilings);
  } catch (const Error& e) {
    std::cerr << "xport: warning: the symbol versions of " << file
              << " were not checked against the ceilings: " << e.what() << "\n";
    return exit_ok;
  }
  if (findings.empty())
    return exit_ok;
  for (const elf::Finding& f : findings)
    std::cerr << f.to_text() << "\n";
  std::filesystem::remove(file, ec);
  throw Error("the link wrote {}, which needs symbol versions above the ceiling{} {} ({} "
              "finding{} above); {} so that no build takes it for done",
              file, ceilings.all().size() == 1 ? "" : "s", ceilings.names(), findings.size(),
              findings.size() == 1 ? "" : "s",
              ec ? fmt::format("removing it failed ({}): remove it", ec.message())
                 : "it was removed");
}

int run_compiler(const Invocation& inv, driver::Language language) {
  CompilerOptions options = read_options(inv);
  if (options.help)
    return help(inv);
  if (options.target.target.empty())
    throw UsageError("{} needs --target T before the compiler arguments (see 'xport target "
                     "list'), or call it through a link made by 'xport toolchain install'",
                     inv.program);
  target::ResolvedProfile resolved = resolve_target(options.target);
  util::Environment env = util::current_environment();
  if (!options.clang.empty())
    env["XPORT_CLANG"] = options.clang;
  driver::CompilerRequest request;
  request.profile = &resolved.profile;
  request.sysroot = options.sysroot;
  request.language = language;
  request.args = std::move(options.rest);
  auto ceiling_variable = env.find("XPORT_MAX_VERSION");
  target::VersionCeilings ceilings = target::version_ceilings(
      resolved, ceiling_variable == env.end() ? nullptr : ceiling_variable->second.c_str(),
      options.max_versions);
  driver::CompilerCommand command = driver::plan_compiler(request, env);
  const bool judged = !ceilings.empty() && !command.linked_file.empty();
  // The comment lines name the clang and lld and what is done after the link; a shell skips
  // them when the output is pasted.
  std::string comment = "# " + command.tools + "\n";
  if (judged)
    comment += fmt::format("# then the symbol versions {} needs are checked against {}\n",
                           command.linked_file, ceilings.names());
  if (options.print_command) {
    std::cout << comment << driver::printable_command(command) << "\n";
    return exit_ok;
  }
  if (driver::verbose(env))
    std::cerr << comment << driver::printable_command(command) << "\n";
  if (judged)
    return link_within_ceilings(command, ceilings);
  util::exec(command.argv, command.env);
}

} // namespace

int run_cc(const Invocation& inv) {
  return run_compiler(inv, driver::Language::c);
}
int run_cxx(const Invocation& inv) {
  return run_compiler(inv, driver::Language::cxx);
}

} // namespace xport::cli
