// The thread-pointer scan's disassembler is made from the platform table's row for the file's
// machine; a machine without a row that names LLVM's disassembler gets an error listing the ones
// that have one, from the same table.
#include <gtest/gtest.h>

#include "elf/elf_file.hpp"
#include "elf/mc_decoder.hpp"

namespace xport::elf {
namespace {

TEST(McDecoder, AMachineWithoutADecoderIsNamedWithTheOnesThatHaveOne) {
  uint8_t header[64] = {0x7f, 'E', 'L', 'F', 2, 2, 1}; // ELF64, big-endian, version 1
  header[17] = 1;                                      // e_type ET_REL
  header[19] = 43;                                     // e_machine EM_SPARCV9
  ElfFile elf("sparc.o", header);
  try {
    McDecoder decoder(elf, false);
    FAIL() << "a disassembler was made for SPARC V9";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "sparc.o: cannot scan SPARC V9 code for thread-pointer reads: xport "
                           "decodes the code of x86_64, aarch64, arm, i686, riscv64");
  }
}

} // namespace
} // namespace xport::elf
