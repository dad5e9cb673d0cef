// libFuzzer target for the ELF and ar readers: any input must either be read or rejected with
// xport::Error, never crash, hang or read out of bounds. Each image goes through everything the
// commands touch: headers, symbols with versions, needed versions, dynamic entries, notes,
// relocations, the summary, and the thread-pointer scan.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "elf/archive.hpp"
#include "elf/elf_file.hpp"
#include "elf/summary.hpp"
#include "elf/thread_pointer.hpp"
#include "util/error.hpp"
#include "util/json_text.hpp"

namespace {

void exercise(const std::string& name, std::span<const uint8_t> bytes) {
  try {
    xport::elf::ElfFile elf(name, bytes);
    xport::elf::Summary summary = xport::elf::summarize(elf);
    (void)summary.describe();
    (void)xport::util::json_text(summary.to_json());
    (void)elf.symbols(true);
    (void)elf.symbols(false);
    (void)elf.version_needs();
    xport::elf::ScanOptions options;
    options.threads = 1;
    (void)xport::elf::find_thread_pointer_reads(elf, options);
  } catch (const xport::Error&) {
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::span<const uint8_t> bytes(data, size);
  if (xport::elf::has_archive_magic(bytes)) {
    try {
      for (const xport::elf::ArchiveMember& m : xport::elf::read_archive("fuzz.a", bytes))
        exercise(m.full_name, m.bytes);
    } catch (const xport::Error&) {
    }
    return 0;
  }
  exercise("fuzz", bytes);
  return 0;
}
