// What `xport check` reports for the files it was given: every image's findings (archive members
// one by one, a file that cannot be read as a finding of its own), kept or dropped by --only and
// --ignore, counted, and written as text (a finding a paragraph, then one summary line) or as
// the JSON document (docs/checks.md).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "elf/check.hpp"
#include "elf/finding.hpp"
#include "sysroot/lookup.hpp"
#include "util/process.hpp"

namespace xport::elf {

// --only and --ignore: which finding codes a report keeps.
struct CodeFilter {
  std::vector<Code> only;    // empty = every code
  std::vector<Code> ignored; // wins over `only`
  bool keeps(Code code) const;
};

struct CheckReport {
  CheckContext context; // what the files were checked against
  // Those the filter kept: the files that could not be opened first, then each image's, in the
  // order of the files.
  std::vector<Finding> findings;
  std::size_t errors = 0; // of them, those of severity error

  // Each finding's text on its lines, then "N findings (E errors) for TARGET, ..." saying what
  // the files were checked against. `env` places the store when the context has no sysroot
  // (the summary then says where one was looked for).
  std::string text(const util::Environment& env) const;
  // {"target", "sysroot", "max_versions", "errors", "findings": [...]}, a finding a line: the
  // document can hold tens of thousands of them.
  std::string json() const;
};

// Makes `context` judge against the sysroot `found`, as xport cc and xport run see it: its
// library folders without gcc's link-only one, the symbols its start files give every program,
// and, when it has the profile's symbol-ABI layer, the layer for the APIs `abi_apis` names
// (XPORT_ABI_APIS; null = the profile's default): programs are then judged as the layer links
// them (its interpreter, its libraries, no start files and so no note of the media's OS). Throws
// xport::Error naming a file of the layer that does not parse.
void use_sysroot(CheckContext& context, const sysroot::FoundSysroot& found, const char* abi_apis);

// Checks every image of `files` (ELF files or ar archives) against `context`; the shared objects
// among them are each other's libraries (a build tree's own). A file that is missing, not a
// regular file, or not ELF at all, and an image that does not parse, are `malformed` findings.
CheckReport check_files(const std::vector<std::string>& files, CheckContext context,
                        const CodeFilter& filter);

} // namespace xport::elf
