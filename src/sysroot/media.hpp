// Reading media: ISO 9660 images (Rock Ridge and Joliet names, zisofs), tar archives in any
// compression, cpio, zip, .deb packages (an ar archive whose data.tar.* is read as a stream,
// without unpacking it first) and folders. Archives are read with libarchive, in one pass, with
// data handed to the caller block by block; members the caller does not read are skipped, which
// for an ISO image is a seek.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <span>
#include <string>

#include "sysroot/member.hpp"

namespace xport::sysroot {

struct MediumSource {
  std::string display;        // how errors name it: the path as the user gave it
  std::filesystem::path path; // a file or folder; empty when reading from memory
  std::span<const std::byte> memory;
  std::string recorded; // what the manifest records; "" = the absolute path (or the display)
};

// Called once per member, in medium order. It may read the member's data or not.
using MemberVisitor = std::function<void(const Member&, MemberData&)>;

// Reads every member of a medium. Throws xport::Error naming the medium and the member (or the
// last member read) on an unreadable, truncated or corrupt medium, and for an empty medium or a
// .deb without a data.tar member. Returns what the medium is ("ISO9660 with Rockridge
// extensions", "deb: data.tar.xz, GNU tar format", "folder").
std::string read_medium(const MediumSource& medium, const MemberVisitor& visit);

// The medium's size in bytes (0 for a folder or memory), for progress and the manifest.
uint64_t medium_size(const MediumSource& medium);

} // namespace xport::sysroot
