// The OS ABI note a start file would have given a program, as an object of xport's own, for links
// that lose the start file's copy.
//
// FreeBSD's crt1.o and Scrt1.o carry their NT_FREEBSD_ABI_TAG note (name "FreeBSD", type 1, one
// word __FreeBSD_version; lib/csu/common/crtbrand.S) in a COMDAT group, .freebsd.noteG, so that
// copies fold into one. lld garbage-collects SHT_NOTE sections that are in a group
// (lld/ELF/MarkLive.cpp: "SHT_NOTE sections in a group are subject to garbage collection"), so a
// link with --gc-sections, as every rustc link is, drops the note: the program then carries no
// release at all, and FreeBSD's kernel and rtld treat it as a binary of unknown age. For such a
// link xport adds the same note outside any group.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "driver/command_line.hpp"
#include "driver/user_args.hpp"
#include "target/profile.hpp"
#include "util/process.hpp"

namespace xport::driver {

// Whether this link would lose the start file's note: an executable of a profile whose note is
// FreeBSD-encoded, linked with the start files and --gc-sections.
bool link_loses_abi_note(const target::Profile& profile, const UserArgs& user);

// __FreeBSD_version from <root>/usr/include/osreldate.h (1302001 for 13.2), if there is one.
std::optional<unsigned long> freebsd_version(const std::filesystem::path& root);

// The note as assembly for any architecture clang assembles (pure).
std::string abi_note_assembly(const target::AbiNote& note, unsigned long version);

// The note object for this profile and sysroot (cached), or "" when the sysroot does not say its
// release.
std::string ensure_abi_note_object(const target::Profile& profile, const SysrootView& sysroot,
                                   const util::Environment& env,
                                   const std::filesystem::path& cache_root,
                                   std::string_view chosen_clang = {});

} // namespace xport::driver
