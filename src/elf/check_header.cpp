// Header checks: machine, class and byte order against the profile's arch, pointer width and
// endianness; the OS ABI note (name, encoding, minimum version); the interpreter.
#include <fmt/format.h>

#include "elf/check.hpp"
#include "elf/names.hpp"
#include "elf/os_note.hpp"
#include "target/platform.hpp"

namespace xport::elf {
namespace {

// The ELF machine and class of the profile's arch, from the platform table; an arch the table lacks
// is compared by the name the machine table gives.
bool arch_matches(const ElfFile& elf, std::string_view elf_arch, std::string_view profile_arch) {
  if (const target::ArchFacts* facts = target::arch_facts(profile_arch))
    return facts->elf_machine == elf.machine() && facts->is_64 == elf.is64();
  return elf_arch == profile_arch;
}

// A program (not a library or an object): what the kernel brands by its ABI note.
bool is_program(const ElfFile& elf) {
  return elf.type() == ET_EXEC || (elf.type() == ET_DYN && elf.interpreter().has_value());
}

} // namespace

void check_header(const ElfFile& elf, const ImageName& name, const CheckContext& context,
                  std::vector<Finding>& out) {
  const target::Profile& p = context.profile;
  std::string_view arch = machine_arch(elf.machine(), elf.is64());
  // One cause, one finding: a file for another machine (or class, or byte order) is reported as
  // that alone; its note, interpreter, relocations and libraries are another target's business.
  if (!p.arch.empty() && !arch_matches(elf, arch, p.arch)) {
    Finding f = make_finding(Code::machine_mismatch, name.file, name.member);
    f.message =
        fmt::format("is {} code (e_machine {}, ELF{}), but {} is {}", machine_name(elf.machine()),
                    elf.machine(), elf.is64() ? 64 : 32, p.name, p.arch);
    f.remedy = fmt::format("build it with the {} toolchain (xport cc --target {}), or check it "
                           "against the target it was built for",
                           p.name, p.name);
    out.push_back(std::move(f));
    return;
  }
  if (p.pointer_width && (elf.is64() ? 64 : 32) != p.pointer_width) {
    Finding f = make_finding(Code::class_mismatch, name.file, name.member);
    f.message = fmt::format("is ELF{} but {} has {}-bit pointers", elf.is64() ? 64 : 32, p.name,
                            p.pointer_width);
    f.remedy = fmt::format("build it for {} (-target {})", p.name, p.llvm_triple);
    out.push_back(std::move(f));
    return;
  }
  if (elf.big_endian() != (p.endian == target::Endian::big)) {
    Finding f = make_finding(Code::endian_mismatch, name.file, name.member);
    f.message = fmt::format("is {}-endian but {} is {}-endian", elf.big_endian() ? "big" : "little",
                            p.name, p.endian == target::Endian::big ? "big" : "little");
    f.remedy = fmt::format("build it for {} (-target {})", p.name, p.llvm_triple);
    out.push_back(std::move(f));
    return;
  }

  if (p.abi_note && is_program(elf)) {
    std::optional<OsNote> note = find_os_note(elf, elf.notes());
    const target::AbiNote& want = *p.abi_note;
    if (!note) {
      Finding f = make_finding(Code::os_note_missing, name.file, name.member);
      f.message = fmt::format("has no OS ABI note, but {} programs carry a '{}' note (type {})",
                              p.name, want.name, want.type);
      f.remedy = "link with the target's start files (crt1.o carries the note): use xport cc "
                 "--target " +
                 p.name + " with its sysroot";
      out.push_back(std::move(f));
    } else if (note->note_name != want.name || note->type != want.type) {
      Finding f = make_finding(Code::os_note_mismatch, name.file, name.member);
      f.section = ".note";
      f.addresses = {note->offset};
      f.message = fmt::format("carries the ABI note '{}' ({}) at file offset 0x{:x}, but {} "
                              "expects a '{}' note",
                              note->note_name, note->text(), note->offset, p.name, want.name);
      f.remedy = fmt::format("relink against the {} sysroot's start files", p.name);
      out.push_back(std::move(f));
    } else if (!want.min_version.empty() &&
               compare_versions(note->components, parse_version(want.min_version)) < 0) {
      Finding f = make_finding(Code::os_note_too_old, name.file, name.member);
      f.addresses = {note->offset};
      f.message = fmt::format("is built {} but {} needs at least {} {}", note->text(), p.name,
                              note->os, want.min_version);
      f.remedy =
          fmt::format("rebuild against a sysroot of {} {} or later", note->os, want.min_version);
      out.push_back(std::move(f));
    }
  }

  if (std::optional<std::string_view> interp = elf.interpreter();
      interp && !p.dynamic_linker.empty() && *interp != p.dynamic_linker) {
    Finding f = make_finding(Code::interpreter_mismatch, name.file, name.member);
    f.section = ".interp";
    f.message = fmt::format("asks for the dynamic linker {}, but {} loads programs with {}",
                            *interp, p.name, p.dynamic_linker);
    f.remedy = fmt::format("relink with xport cc --target {} (or -Wl,--dynamic-linker={})", p.name,
                           p.dynamic_linker);
    out.push_back(std::move(f));
  }
}

} // namespace xport::elf
