// Versioned imports above the symbol-version ceilings (target/version_ceiling.hpp): each symbol
// whose version (getrandom@GLIBC_2.25) is newer than its family's ceiling is one finding, and so
// is a needed version no symbol uses, since the loader checks every .gnu.version_r entry whether
// or not a symbol refers to it. xport check runs this among its checks; xport cc runs it alone on
// what a link wrote, so the front binary links this file: it needs the ELF reader and LLVM's
// demangler, none of the disassembler the other checks pull in.
#include <fmt/format.h>

#include "elf/check.hpp"
#include "elf/input.hpp"

namespace xport::elf {
namespace {

std::string ceiling_text(const target::VersionCeiling& ceiling) {
  return ceiling.origin.empty() ? ceiling.name
                                : fmt::format("{} ({})", ceiling.name, ceiling.origin);
}

// A needed version no import was seen to use: none does, or the symbols are not readable (a
// file without section headers).
Finding above(const ImageName& name, const VersionNeed& need, const target::VersionCeiling& ceiling,
              bool symbols_read) {
  Finding f = make_finding(Code::symbol_version_above_ceiling, name.file, name.member);
  f.section = ".gnu.version_r";
  f.message = fmt::format(
      "needs version {} of {}{}, above the ceiling {}{}: a system whose {} "
      "stops at {} refuses to load it",
      need.name, need.file, need.weak ? " (a weak need, of which the loader only warns)" : "",
      ceiling_text(ceiling), symbols_read ? ", although no symbol it imports has that version" : "",
      need.file, ceiling.name);
  f.remedy = fmt::format("link against the sysroot of the oldest release you deploy to, or "
                         "raise the ceiling if that release's {} has {}",
                         need.file, need.name);
  return f;
}

} // namespace

void check_version_ceilings(const ElfFile& elf, const ImageName& name,
                            const target::VersionCeilings& ceilings, std::vector<Finding>& out) {
  if (ceilings.empty() || (elf.type() != ET_EXEC && elf.type() != ET_DYN))
    return;
  std::vector<VersionNeed> needs = elf.version_needs();
  if (needs.empty())
    return;
  std::vector<bool> used(needs.size(), false);
  std::vector<Symbol> symbols = elf.symbols(false);
  for (const Symbol& s : symbols) {
    if (s.defined() || s.name.empty() || s.version_file.empty())
      continue;
    const target::VersionCeiling* ceiling = ceilings.exceeded_by(s.version);
    if (!ceiling)
      continue;
    for (std::size_t i = 0; i < needs.size(); ++i)
      if (needs[i].name == s.version && needs[i].file == s.version_file)
        used[i] = true;
    Finding f = make_finding(Code::symbol_version_above_ceiling, name.file, name.member);
    f.section = ".gnu.version_r";
    f.symbol = demangle(s.name);
    f.message = fmt::format("imports `{}` at version {} from {}, above the ceiling {}: a "
                            "system whose {} stops at {} refuses to load it",
                            f.symbol, s.version, s.version_file, ceiling_text(*ceiling),
                            s.version_file, ceiling->name);
    f.remedy = fmt::format("link against the sysroot of the oldest release you deploy to (the "
                           "only way when that release has `{}` at an older version), do without "
                           "it (or look it up at run time with dlsym), or raise the ceiling if "
                           "that release's {} has {}",
                           f.symbol, s.version_file, s.version);
    out.push_back(std::move(f));
  }
  for (std::size_t i = 0; i < needs.size(); ++i) {
    if (used[i])
      continue;
    if (const target::VersionCeiling* ceiling = ceilings.exceeded_by(needs[i].name))
      out.push_back(above(name, needs[i], *ceiling, !symbols.empty()));
  }
}

std::vector<Finding> check_version_ceilings(const std::filesystem::path& path,
                                            const target::VersionCeilings& ceilings) {
  std::vector<Finding> out;
  Input input = open_input(path);
  for (const Image& image : input.images) {
    ElfFile elf(image.name, image.bytes);
    check_version_ceilings(elf, {image.name, image.member, {}}, ceilings, out);
  }
  return out;
}

} // namespace xport::elf
