// Running CLI11 over a command's arguments, with xport's usage-error conventions: unknown options
// and subcommands get "did you mean", and every usage error points at --help.
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/command.hpp"
#include "util/suggest.hpp"

namespace xport::cli {
namespace {

void allow_extras_everywhere(CLI::App& app) {
  app.allow_extras(true);
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; }))
    allow_extras_everywhere(*sub);
}

// The most deeply selected subcommand: the one whose options an unknown word was meant for.
CLI::App* deepest(CLI::App& app) {
  for (CLI::App* sub : app.get_subcommands())
    return deepest(*sub);
  return &app;
}

std::string full_name(const CLI::App& app) {
  const CLI::App* parent = app.get_parent();
  return parent ? full_name(*parent) + " " + app.get_name() : app.get_name();
}

std::vector<std::string> names_of(CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::Option* opt : app.get_options()) {
    for (const std::string& l : opt->get_lnames())
      names.push_back("--" + l);
    for (const std::string& s : opt->get_snames())
      names.push_back("-" + s);
  }
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; }))
    names.push_back(sub->get_name());
  return names;
}

} // namespace

std::optional<int> parse(CLI::App& app, const Invocation& inv) {
  app.name(inv.program);
  allow_extras_everywhere(app);
  std::vector<std::string> reversed(inv.args.rbegin(), inv.args.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help();
    return exit_ok;
  } catch (const CLI::CallForAllHelp&) {
    std::cout << app.help("", CLI::AppFormatMode::All);
    return exit_ok;
  } catch (const CLI::ParseError& e) {
    std::cerr << fmt::format("xport: error: {}; see '{} --help'\n", e.what(), inv.program);
    return exit_usage;
  }
  CLI::App* target = deepest(app);
  std::vector<std::string> extras = app.remaining(true);
  if (!extras.empty()) {
    const std::string& word = extras.front();
    std::vector<std::string> names = names_of(*target);
    const char* what = word.starts_with("-") ? "unknown option" : "unexpected argument";
    std::cerr << fmt::format("xport: error: {} '{}'{}; see '{} --help'\n", what, word,
                             util::did_you_mean(word, names), full_name(*target));
    return exit_usage;
  }
  return std::nullopt;
}

int print_help(CLI::App& app, std::string_view program) {
  app.name(std::string(program));
  std::cout << app.help();
  return exit_ok;
}

} // namespace xport::cli
