// Reading `ar` archives (static libraries): the System V/GNU format with its "//" long-name table,
// and BSD "#1/<len>" names. Members are returned as views into the archive's bytes, each named
// "libfoo.a(bar.o)" for findings and errors. Spec: the ar(5) format as described in
// https://www.freebsd.org/cgi/man.cgi?query=ar&sektion=5 and binutils' bfd/archive.c.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace xport::elf {

struct ArchiveMember {
  std::string name;      // "bar.o"
  std::string full_name; // "libfoo.a(bar.o)"
  uint64_t offset = 0;   // of the member's data in the archive
  std::span<const uint8_t> bytes;
};

bool has_archive_magic(std::span<const uint8_t> bytes);

// Every member except the symbol tables ("/", "/SYM64/", "__.SYMDEF"). Throws xport::Error
// naming the archive and the offset of a bad header, size or name.
std::vector<ArchiveMember> read_archive(const std::string& archive_name,
                                        std::span<const uint8_t> bytes);

} // namespace xport::elf
