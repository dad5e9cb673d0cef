// `xport check` over a set of files: opening them, checking each image, keeping what --only and
// --ignore let through, and writing the report.
#include "elf/check_report.hpp"

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <map>

#include <fmt/format.h>

#include "elf/input.hpp"
#include "sysroot/symbol_abi.hpp"
#include "util/error.hpp"
#include "util/json_text.hpp"

namespace xport::elf {
namespace {

Finding unreadable(const std::string& file, const std::string& member, const Error& e,
                   std::string remedy) {
  Finding f = make_finding(Code::malformed, file, member);
  f.message = e.what();
  f.remedy = std::move(remedy);
  return f;
}

constexpr const char* damaged =
    "rebuild or re-download the file; xport checks only well-formed ELF";

// A shared object given on the command line, by its file name and its soname.
void add_named_library(const Input& input,
                       std::map<std::string, std::filesystem::path, std::less<>>& named) {
  try {
    ElfFile elf(input.images[0].name, input.images[0].bytes);
    if (elf.type() != ET_DYN || elf.interpreter())
      return;
    std::filesystem::path path = std::filesystem::absolute(input.path);
    named.emplace(path.filename().string(), path);
    for (const DynamicEntry& e : elf.dynamic())
      if (e.tag == DT_SONAME)
        named.emplace(std::string(elf.dynamic_string(e.value)), path);
  } catch (const Error&) {
    // Reported when the file itself is checked.
  }
}

} // namespace

bool CodeFilter::keeps(Code code) const {
  return (only.empty() || std::find(only.begin(), only.end(), code) != only.end()) &&
         std::find(ignored.begin(), ignored.end(), code) == ignored.end();
}

void use_sysroot(CheckContext& context, const sysroot::FoundSysroot& found, const char* abi_apis) {
  SysrootPlaces places;
  places.root = found.root;
  places.runtime_root = found.layout.runtime_root;
  for (const std::string& dir : found.layout.library_dirs)
    if (dir != found.layout.gcc_dir)
      places.library_dirs.push_back(dir);
  places.startfile_dirs = found.layout.startfile_dirs;
  context.sysroot = std::move(places);
  context.program_symbols = start_file_symbols(*context.sysroot);
  if (const auto& abi = context.profile.symbol_abi) {
    if (auto layer = sysroot::read_symbol_abi_layer(found.root)) {
      context.symbol_abi = load_symbol_abi(*layer, *abi, sysroot::apis_in_use(*abi, abi_apis));
      context.profile.dynamic_linker = abi->interpreter;
      context.profile.abi_note.reset();
    }
  }
}

CheckReport check_files(const std::vector<std::string>& files, CheckContext context,
                        const CodeFilter& filter) {
  CheckReport report;
  std::vector<Finding>& findings = report.findings;
  std::vector<Input> inputs;
  for (const std::string& file : files) {
    try {
      inputs.push_back(open_input(file));
    } catch (const Error& e) {
      // Missing, not a regular file (a FIFO, a device), or not ELF or ar at all.
      findings.push_back(unreadable(file, "", e,
                                    "name a regular, readable ELF file or .a archive; if it is "
                                    "one, it is damaged: rebuild or re-download it"));
    }
  }
  // The shared objects named together are each other's libraries (a build tree's own).
  for (const Input& input : inputs)
    if (!input.archive && input.images.size() == 1)
      add_named_library(input, context.named_files);

  for (const Input& input : inputs) {
    std::filesystem::path origin = std::filesystem::absolute(input.path).parent_path();
    for (const Image& image : input.images) {
      try {
        ElfFile elf(image.name, image.bytes);
        std::vector<Finding> found = check_image(elf, {image.name, image.member, origin}, context);
        findings.insert(findings.end(), std::make_move_iterator(found.begin()),
                        std::make_move_iterator(found.end()));
      } catch (const Error& e) {
        findings.push_back(unreadable(image.name, image.member, e, damaged));
      }
    }
  }
  std::erase_if(findings, [&](const Finding& f) { return !filter.keeps(f.code); });
  report.errors = std::count_if(findings.begin(), findings.end(),
                                [](const Finding& f) { return f.severity == Severity::error; });
  report.context = std::move(context);
  return report;
}

std::string CheckReport::text(const util::Environment& env) const {
  std::string out;
  for (const Finding& f : findings) {
    out += f.to_text();
    out += '\n';
  }
  const target::Profile& profile = context.profile;
  out += fmt::format(
      "{} finding{} ({} error{}) for {}{}{}\n", findings.size(), findings.size() == 1 ? "" : "s",
      errors, errors == 1 ? "" : "s", profile.name,
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
                        sysroot::where_sysroot_was_looked_for(profile, env), profile.name));
  return out;
}

std::string CheckReport::json() const {
  std::size_t size = 256;
  for (const Finding& f : findings)
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
  return out;
}

} // namespace xport::elf
