// `xport cc|c++ --target T [--sysroot NAME|PATH] [--clang V|PATH] [--profile FILE]
// [--print-command] ARGS...`:
// compiles and links for T with clang. xport's own options are read at the front (until the first
// other word, or `--`) and, by their long names, anywhere after (take_options_among); every other
// word is the user's and reaches clang verbatim. The
// command prints nothing unless asked (--print-command prints and stops; XPORT_VERBOSE=1 prints
// and runs) and ends by exec'ing clang, so its exit status is clang's.
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/target_options.hpp"
#include "driver/clang_options.hpp"
#include "driver/compiler.hpp"
#include "util/error.hpp"
#include "util/leading_options.hpp"

namespace xport::cli {
namespace {

struct CompilerOptions {
  TargetOptions target;
  std::string sysroot;
  std::string clang; // --clang VERSION|PATH: XPORT_CLANG for this command
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
  bool flag = false;
  add_target_options(app, target);
  app.add_option("--sysroot", sysroot,
                 "sysroot name or folder; default: the store's sysroot named like the target");
  app.add_option("--clang", clang,
                 "the clang to use: a version (19: clang-19 in PATH) or a program; default: the "
                 "newest clang-N in PATH with its lld, or XPORT_CLANG");
  app.add_flag("--print-command", flag,
               "print the clang command instead of running it, after a comment line naming the "
               "clang and lld and why they were chosen");
  app.footer(fmt::format("usage: {} --target T [OPTIONS] [--] CLANG-ARGS...\n"
                         "XPORT_VERBOSE=1 prints the command and runs it, XPORT_LAUNCHER (e.g. "
                         "ccache) is put in front of it, XPORT_CLANG picks the clang. See "
                         "docs/driver.md.",
                         inv.program));
  return print_help(app, inv.program);
}

constexpr util::OptionSpec compiler_options[] = {
    {"--clang", "", true},   {"--help", "-h", false}, {"--print-command", "", false},
    {"--profile", "", true}, {"--sysroot", "", true}, {"--target", "-t", true}};

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
  o.rest = take_options_among(std::move(given.rest), o, inv.program);
  return o;
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
  driver::CompilerCommand command = driver::plan_compiler(request, env);
  // The comment line names the clang and lld; a shell skips it when the output is pasted.
  if (options.print_command) {
    std::cout << "# " << command.tools << "\n" << driver::printable_command(command) << "\n";
    return exit_ok;
  }
  if (driver::verbose(env))
    std::cerr << "# " << command.tools << "\n" << driver::printable_command(command) << "\n";
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
