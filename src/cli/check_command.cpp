// `xport check FILE... --target T [--sysroot S] [--max-version V] [--json] [--only CODE]
// [--ignore CODE]`: every finding for every image (archive members one by one), then exit 1 if
// any is an error.
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include <CLI/CLI.hpp>

#include "cli/command.hpp"
#include "cli/target_options.hpp"
#include "elf/check_report.hpp"
#include "sysroot/lookup.hpp"
#include "util/error.hpp"
#include "util/suggest.hpp"

namespace xport::cli {
namespace {

// The codes of --only or --ignore; a word that is no code is a usage error with a suggestion.
std::vector<elf::Code> parse_codes(const std::vector<std::string>& given, std::string_view option) {
  std::vector<std::string> known;
  for (const elf::FindingCode& c : elf::finding_codes())
    known.emplace_back(c.name);
  std::vector<elf::Code> out;
  for (const std::string& word : given) {
    std::optional<elf::Code> code = elf::parse_code(word);
    if (!code)
      throw UsageError("{} {}: no such finding code{}; the codes are listed in docs/checks.md",
                       option, word, util::did_you_mean(word, known));
    out.push_back(*code);
  }
  return out;
}

} // namespace

int run_check(const Invocation& inv) {
  CLI::App app{"Check ELF files against a target: thread-pointer use, TLS, OS note, interpreter, "
               "libraries and symbols in the sysroot, relocations, initializers"};
  TargetOptions target;
  add_target_options(app, target);
  std::vector<std::string> files, only, ignore, lib_dirs;
  std::string sysroot;
  bool json = false;
  app.add_option("files", files, "ELF files or .a archives (each member is checked)")->required();
  app.add_option("--sysroot", sysroot,
                 "sysroot folder or store name to look NEEDED libraries up; default: the store's "
                 "sysroot named like the target, as xport cc uses");
  app.add_option("--lib-dir", lib_dirs,
                 "a folder of this machine to look NEEDED libraries up in before the sysroot "
                 "(a build tree's lib folder; repeatable)");
  std::vector<std::string> max_versions;
  app.add_option("--max-version", max_versions,
                 "the newest symbol version of a family the files may need, such as GLIBC_2.17 or "
                 "FBSD_1.5: replaces the profile's max-versions and XPORT_MAX_VERSION for that "
                 "family (repeatable)");
  app.add_option("--only", only, "report only these finding codes (repeatable)");
  app.add_option("--ignore", ignore, "do not report these finding codes (repeatable)");
  app.add_flag("--json", json, "print the findings as JSON");
  if (auto status = parse(app, inv))
    return *status;
  const elf::CodeFilter filter{parse_codes(only, "--only"), parse_codes(ignore, "--ignore")};

  elf::CheckContext context;
  target::ResolvedProfile resolved = resolve_target(target);
  context.max_versions =
      target::version_ceilings(resolved, std::getenv("XPORT_MAX_VERSION"), max_versions);
  context.profile = std::move(resolved.profile);
  // The same sysroot xport cc links against: --sysroot, else the store's named like the target.
  if (auto view = sysroot::open_sysroot(sysroot, context.profile, util::current_environment()))
    elf::use_sysroot(context, *view, std::getenv("XPORT_ABI_APIS"));
  for (const std::string& dir : lib_dirs) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
      throw UsageError("--lib-dir {}: no such folder; give the folder that holds the libraries "
                       "the files need (a build tree's lib folder)",
                       dir);
    context.lib_dirs.emplace_back(dir);
  }

  const elf::CheckReport report = elf::check_files(files, std::move(context), filter);
  const std::string out = json ? report.json() : report.text(util::current_environment());
  std::cout.write(out.data(), static_cast<std::streamsize>(out.size()));
  return report.errors ? exit_failed : exit_ok;
}

} // namespace xport::cli
