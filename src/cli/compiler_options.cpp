// Reading `xport cc`'s options from the front and from among clang's arguments (see
// compiler_options.hpp).
#include "cli/compiler_options.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/option_table.hpp"
#include "driver/clang_options.hpp"
#include "util/error.hpp"
#include "util/leading_options.hpp"

namespace xport::cli {
namespace {

// xport's long options are also read among clang's arguments, wherever they are: none of them
// is a clang option (clang rejects "--target T", "--profile" and "--print-command"), and
// clang's own "--sysroot DIR" means what xport's means, so xport reads it too (a store name
// given to clang would otherwise be taken for a folder). Clang's "--target=TRIPLE" and
// "-target TRIPLE" stay clang's, as do the words other options take ("-Xlinker --sysroot=X").
// Returns clang's words; xport's go to `own` as `--name=VALUE` or `--name`.
std::vector<std::string> take_options_among(std::vector<std::string> args, const OptionTable& table,
                                            std::vector<std::string>& own,
                                            const std::string& program) {
  std::vector<std::string> clang;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string& word = args[i];
    const util::OptionSpec* taken = nullptr;
    for (const util::OptionSpec& spec : table.specs()) {
      if (spec.name == "--help")
        continue;
      if (word == spec.name) {
        taken = &spec;
        if (spec.takes_value && i + 1 == args.size())
          throw UsageError("{}: {} needs a value (see '{} --help')", program, spec.name, program);
        append_option_words(own, spec.name, spec.takes_value ? args[++i] : "", spec.takes_value);
      } else if (spec.takes_value && spec.name != "--target" && word.starts_with(spec.name) &&
                 word.size() > spec.name.size() && word[spec.name.size()] == '=') {
        taken = &spec;
        append_option_words(own, spec.name, std::string_view(word).substr(spec.name.size() + 1),
                            true);
      }
      if (taken)
        break;
    }
    if (taken)
      continue;
    clang.push_back(std::move(word));
    auto match = driver::find_clang_option(clang.back());
    if (match && !match->joined && (match->option->flags & driver::takes_arg) &&
        i + 1 < args.size())
      clang.push_back(std::move(args[++i]));
  }
  return clang;
}

} // namespace

void describe_compiler_options(CLI::App& app, CompilerOptions& o, const std::string& program) {
  app.description("Compile and link for a target with clang, the profile's flags and the "
                  "sysroot's folders. The options below may also come among or after the "
                  "CLANG-ARGS (-t and -h only first); every other word reaches clang verbatim; "
                  "the exit status is clang's.");
  auto last_wins = [](CLI::Option* opt) {
    opt->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  };
  add_target_options(app, o.target);
  last_wins(app.get_option("--target"));
  last_wins(
      app.add_option("--sysroot", o.sysroot,
                     "sysroot name or folder; default: the store's sysroot named like the target"));
  last_wins(app.add_option("--clang", o.clang,
                           "the clang to use: a version (19: clang-19 in PATH) or a program; "
                           "default: the newest clang-N in PATH with its lld, or XPORT_CLANG"));
  app.add_option("--max-version", o.max_versions,
                 "the newest symbol version of a family a link's output may need, such as "
                 "GLIBC_2.17 or FBSD_1.5; above it, the link fails with xport check's findings "
                 "and its output is removed (repeatable; replaces the profile's max-versions and "
                 "XPORT_MAX_VERSION for that family)");
  app.add_flag("--print-command", o.print_command,
               "print the clang command instead of running it, after a comment line naming the "
               "clang and lld and why they were chosen");
  app.footer(fmt::format("usage: {} --target T [OPTIONS] [--] CLANG-ARGS...\n"
                         "XPORT_VERBOSE=1 prints the command and runs it, XPORT_LAUNCHER (e.g. "
                         "ccache) is put in front of it, XPORT_CLANG picks the clang, "
                         "XPORT_MAX_VERSION=GLIBC_2.17,... sets ceilings. See docs/driver.md.",
                         program));
}

std::optional<int> read_compiler_options(CLI::App& app, CompilerOptions& o,
                                         const std::vector<std::string>& args,
                                         const std::string& program) {
  OptionTable table(app);
  util::LeadingOptions given =
      util::split_leading_options(args, table.specs(), util::UnknownOption::ends_options, program);
  std::vector<std::string> own;
  for (std::string& word : option_words(given, table)) {
    if (word == "--help")
      o.help = true;
    else
      own.push_back(std::move(word));
  }
  o.rest = take_options_among(std::move(given.rest), table, own, program);
  if (o.help)
    return std::nullopt; // the app stays as --help describes it
  // A missing --target gets cc's own message, which also names the toolchain links.
  app.get_option("--target")->required(false);
  return parse(app, Invocation{program, own});
}

} // namespace xport::cli
