// `xport check FILE... --target T [--sysroot S] [--max-version V] [--json] [--only CODE]
// [--ignore CODE]`: every finding for every image (archive members one by one), then exit 1 if
// any is an error.
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <map>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/target_options.hpp"
#include "driver/compiler.hpp"
#include "elf/check.hpp"
#include "elf/input.hpp"
#include "util/error.hpp"
#include "util/json_text.hpp"
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

elf::Finding unreadable(const std::string& file, const std::string& member, const Error& e,
                        std::string remedy) {
  elf::Finding f = elf::make_finding(elf::Code::malformed, file, member);
  f.message = e.what();
  f.remedy = std::move(remedy);
  return f;
}

constexpr const char* damaged =
    "rebuild or re-download the file; xport checks only well-formed ELF";

// Where the sysroot's libraries are, as xport cc and xport run see them: the layout's library
// folders without gcc's link-only one.
elf::SysrootPlaces places_of(const driver::SysrootView& view) {
  elf::SysrootPlaces places;
  places.root = view.root;
  places.runtime_root = view.layout.runtime_root;
  for (const std::string& dir : view.layout.library_dirs)
    if (dir != view.layout.gcc_dir)
      places.library_dirs.push_back(dir);
  places.startfile_dirs = view.layout.startfile_dirs;
  return places;
}

// A shared object given on the command line, by its file name and its soname.
void add_named_library(const elf::Input& input,
                       std::map<std::string, std::filesystem::path, std::less<>>& named) {
  try {
    elf::ElfFile elf(input.images[0].name, input.images[0].bytes);
    if (elf.type() != elf::ET_DYN || elf.interpreter())
      return;
    std::filesystem::path path = std::filesystem::absolute(input.path);
    named.emplace(path.filename().string(), path);
    for (const elf::DynamicEntry& e : elf.dynamic())
      if (e.tag == elf::DT_SONAME)
        named.emplace(std::string(elf.dynamic_string(e.value)), path);
  } catch (const Error&) {
    // Reported when the file itself is checked.
  }
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
  const std::vector<elf::Code> only_codes = parse_codes(only, "--only");
  const std::vector<elf::Code> ignored_codes = parse_codes(ignore, "--ignore");

  elf::CheckContext context;
  target::ResolvedProfile resolved = resolve_target(target);
  context.max_versions =
      target::version_ceilings(resolved, std::getenv("XPORT_MAX_VERSION"), max_versions);
  context.profile = std::move(resolved.profile);
  // The same sysroot xport cc links against: --sysroot, else the store's named like the target.
  if (auto view = driver::open_sysroot(sysroot, context.profile, util::current_environment())) {
    context.sysroot = places_of(*view);
    context.program_symbols = elf::start_file_symbols(*context.sysroot);
    // A sysroot with the profile's symbol-ABI layer: programs are judged as the layer links them
    // (its interpreter, its libraries, no start files and so no note of the media's OS).
    if (const auto& abi = context.profile.symbol_abi) {
      if (auto layer = sysroot::read_symbol_abi_layer(view->root)) {
        const char* apis = std::getenv("XPORT_ABI_APIS");
        context.symbol_abi = elf::load_symbol_abi(*layer, *abi, sysroot::apis_in_use(*abi, apis));
        context.profile.dynamic_linker = abi->interpreter;
        context.profile.abi_note.reset();
      }
    }
  }
  for (const std::string& dir : lib_dirs) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
      throw UsageError("--lib-dir {}: no such folder; give the folder that holds the libraries "
                       "the files need (a build tree's lib folder)",
                       dir);
    context.lib_dirs.emplace_back(dir);
  }

  std::vector<elf::Finding> findings;
  std::vector<elf::Input> inputs;
  std::vector<std::string> input_names;
  for (const std::string& file : files) {
    try {
      inputs.push_back(elf::open_input(file));
      input_names.push_back(file);
    } catch (const Error& e) {
      // Missing, not a regular file (a FIFO, a device), or not ELF or ar at all.
      findings.push_back(unreadable(file, "", e,
                                    "name a regular, readable ELF file or .a archive; if it is "
                                    "one, it is damaged: rebuild or re-download it"));
    }
  }
  // The shared objects named together are each other's libraries (a build tree's own).
  for (const elf::Input& input : inputs)
    if (!input.archive && input.images.size() == 1)
      add_named_library(input, context.named_files);

  for (std::size_t i = 0; i < inputs.size(); ++i) {
    std::filesystem::path origin = std::filesystem::absolute(inputs[i].path).parent_path();
    for (const elf::Image& image : inputs[i].images) {
      try {
        elf::ElfFile elf(image.name, image.bytes);
        std::vector<elf::Finding> found =
            elf::check_image(elf, {image.name, image.member, origin}, context);
        findings.insert(findings.end(), std::make_move_iterator(found.begin()),
                        std::make_move_iterator(found.end()));
      } catch (const Error& e) {
        findings.push_back(unreadable(image.name, image.member, e, damaged));
      }
    }
  }
  std::erase_if(findings, [&](const elf::Finding& f) {
    return (!only_codes.empty() &&
            std::find(only_codes.begin(), only_codes.end(), f.code) == only_codes.end()) ||
           std::find(ignored_codes.begin(), ignored_codes.end(), f.code) != ignored_codes.end();
  });
  const std::size_t errors = std::count_if(findings.begin(), findings.end(), [](const auto& f) {
    return f.severity == elf::Severity::error;
  });
  if (json) {
    // Written as text, a finding a line: the document can hold tens of thousands of them.
    std::size_t size = 256;
    for (const elf::Finding& f : findings)
      size += 160 + f.file.size() + f.section.size() + 2 * f.symbol.size() + f.message.size() +
              f.remedy.size() + 14 * f.addresses.size();
    std::string out;
    out.reserve(size);
    out += "{\n  \"target\": ";
    util::append_json_string(out, context.profile.name);
    out += ",\n  \"sysroot\": ";
    if (context.sysroot)
      util::append_json_string(out, context.sysroot->root.string());
    else
      out += "null";
    out += ",\n  \"max_versions\": [";
    for (std::size_t i = 0; i < context.max_versions.all().size(); ++i) {
      out += i ? ", " : "";
      util::append_json_string(out, context.max_versions.all()[i].name);
    }
    out += fmt::format("],\n  \"errors\": {},\n  \"findings\": [", errors);
    for (std::size_t i = 0; i < findings.size(); ++i) {
      out += i ? ",\n    " : "\n    ";
      findings[i].append_json(out);
    }
    out += findings.empty() ? "]\n}\n" : "\n  ]\n}\n";
    std::cout.write(out.data(), static_cast<std::streamsize>(out.size()));
  } else {
    for (const elf::Finding& f : findings)
      std::cout << f.to_text() << "\n";
    std::cout << fmt::format(
        "{} finding{} ({} error{}) for {}{}{}\n", findings.size(), findings.size() == 1 ? "" : "s",
        errors, errors == 1 ? "" : "s", context.profile.name,
        context.max_versions.empty()
            ? ""
            : fmt::format(", symbol versions up to {}", context.max_versions.names()),
        context.symbol_abi
            ? fmt::format(", libraries and symbols against the {} ABI of {} (APIs {}: {})",
                          context.symbol_abi->format, context.sysroot->root.string(),
                          fmt::join(context.symbol_abi->apis, ", "), context.symbol_abi->tree)
        : context.sysroot
            ? fmt::format(", libraries and symbols against {}", context.sysroot->root.string())
            : fmt::format("; libraries and symbols not checked: no sysroot {} (import "
                          "one as '{}' or pass --sysroot)",
                          driver::where_sysroot_was_looked_for(context.profile,
                                                               util::current_environment()),
                          context.profile.name));
  }
  return errors ? exit_failed : exit_ok;
}

} // namespace xport::cli
