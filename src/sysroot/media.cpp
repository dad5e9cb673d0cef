// Archive media through libarchive. Formats and filters are enabled one by one rather than with
// read_support_*_all: "all" would also enable mtree, whose entries name files on the importing
// machine (an archive could pull /etc/shadow into a sysroot), and filters that run an external
// program (lrzip, grzip, lzop). A .deb is an ar archive (deb(5)); its data.tar.* member is opened
// as a second archive whose input is the first archive's data stream.
#include "sysroot/media.hpp"

#include <memory>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "util/error.hpp"
#include "util/input_file.hpp"

namespace xport::sysroot {
namespace fs = std::filesystem;

std::string read_folder(const MediumSource& medium, const MemberVisitor& visit); // media_folder.cpp

namespace {

constexpr std::size_t block_size = 64 << 10;

using ArchivePtr = std::unique_ptr<archive, decltype(&archive_read_free)>;

ArchivePtr new_reader() {
  ArchivePtr a(archive_read_new(), archive_read_free);
  if (!a)
    throw Error("out of memory creating an archive reader");
  for (auto enable : {archive_read_support_filter_gzip, archive_read_support_filter_bzip2,
                      archive_read_support_filter_xz, archive_read_support_filter_lzma,
                      archive_read_support_filter_lzip, archive_read_support_filter_zstd,
                      archive_read_support_filter_lz4, archive_read_support_filter_compress})
    enable(a.get());
  for (auto enable : {archive_read_support_format_tar, archive_read_support_format_gnutar,
                      archive_read_support_format_cpio, archive_read_support_format_iso9660,
                      archive_read_support_format_ar, archive_read_support_format_zip,
                      archive_read_support_format_7zip, archive_read_support_format_empty})
    enable(a.get());
  return a;
}

// ARCHIVE_RETRY ("damaged tar archive", a header that fails its checksum) is a failure too: the
// entry it comes with cannot be trusted.
bool failed(int status) {
  return status != ARCHIVE_OK && status != ARCHIVE_WARN;
}

std::string error_text(archive* a) {
  const char* text = archive_error_string(a);
  return text ? text : "unknown error";
}

// Where a problem is: "medium 'x.deb' (data.tar.xz), member './usr/lib/libc.so'".
std::string place(const std::string& medium, const std::string& container,
                  const std::string& member) {
  std::string out = "medium '" + medium + "'";
  if (!container.empty())
    out += " (" + container + ")";
  if (!member.empty())
    out += ", member '" + member + "'";
  return out;
}

class ArchiveData : public MemberData {
public:
  ArchiveData(archive* a, archive* outer, std::string where)
      : a_(a), outer_(outer), where_(std::move(where)) {}
  bool next_block(const void*& data, std::size_t& size, uint64_t& offset) override {
    la_int64_t off = 0;
    int r = archive_read_data_block(a_, &data, &size, &off);
    if (r == ARCHIVE_EOF)
      return false;
    if (failed(r))
      throw Error("{}: cannot read the data: {}; the medium is truncated or corrupt", where_,
                  error_text(a_));
    offset = static_cast<uint64_t>(off);
    return true;
  }
  uint64_t medium_bytes_read() const override {
    return static_cast<uint64_t>(archive_filter_bytes(outer_, -1));
  }

private:
  archive* a_;
  archive* outer_;
  std::string where_;
};

MemberKind kind_of(archive_entry* entry, std::string& special) {
  if (archive_entry_hardlink(entry))
    return MemberKind::hardlink;
  return member_kind_of_mode(archive_entry_filetype(entry), special); // AE_IF* are S_IF*
}

Member member_of(archive_entry* entry) {
  Member m;
  const char* name = archive_entry_pathname(entry);
  m.name = name ? name : "";
  m.kind = kind_of(entry, m.special);
  m.mode = static_cast<uint32_t>(archive_entry_mode(entry)) & 07777;
  m.size = archive_entry_size_is_set(entry) ? static_cast<uint64_t>(archive_entry_size(entry)) : 0;
  if (m.kind == MemberKind::hardlink)
    m.link = archive_entry_hardlink(entry);
  else if (m.kind == MemberKind::symlink && archive_entry_symlink(entry))
    m.link = archive_entry_symlink(entry);
  return m;
}

// Reads the headers of an opened archive and visits each member. `outer` is the archive whose
// input is the medium file (the same as `a` except inside a .deb).
std::size_t visit_members(archive* a, archive* outer, const std::string& medium,
                          const std::string& container, const MemberVisitor& visit,
                          std::string last = "") {
  std::size_t count = 0;
  for (;;) {
    archive_entry* entry = nullptr;
    int r = archive_read_next_header(a, &entry);
    if (r == ARCHIVE_EOF)
      break;
    if (failed(r)) {
      std::string where = place(medium, container, "");
      std::string what = last.empty() ? "cannot read the first member"
                                      : "cannot read the member after '" + last + "'";
      throw Error("{}: {}: {}; the medium is truncated or corrupt (check its download or copy)",
                  where, what, error_text(a));
    }
    Member m = member_of(entry);
    m.container = container;
    last = m.name;
    ArchiveData data(a, outer, place(medium, container, m.name));
    visit(m, data);
    ++count;
  }
  return count;
}

struct InnerInput {
  archive* outer;
};

la_ssize_t read_from_outer(archive*, void* client, const void** buffer) {
  auto* input = static_cast<InnerInput*>(client);
  std::size_t size = 0;
  la_int64_t offset = 0;
  int r = archive_read_data_block(input->outer, buffer, &size, &offset);
  if (r == ARCHIVE_EOF)
    return 0;
  if (failed(r))
    return -1;
  return static_cast<la_ssize_t>(size);
}

std::string describe(archive* a) {
  std::string out = archive_format_name(a) ? archive_format_name(a) : "archive";
  for (int i = archive_filter_count(a) - 1; i >= 0; --i)
    if (archive_filter_code(a, i) != ARCHIVE_FILTER_NONE)
      out += std::string(", ") + archive_filter_name(a, i);
  return out;
}

std::string read_deb_data(archive* outer, const std::string& medium, const std::string& data_name,
                          const MemberVisitor& visit) {
  ArchivePtr inner = new_reader();
  InnerInput input{outer};
  if (archive_read_open(inner.get(), &input, nullptr, read_from_outer, nullptr) != ARCHIVE_OK)
    throw Error("{}: cannot open it as an archive: {}", place(medium, data_name, ""),
                error_text(inner.get()));
  if (visit_members(inner.get(), outer, medium, data_name, visit) == 0)
    throw Error("{}: the package's data archive is empty; nothing to import",
                place(medium, data_name, ""));
  return "deb: " + data_name + ", " + describe(inner.get());
}

bool is_ar(archive* a) {
  return (archive_format(a) & ARCHIVE_FORMAT_BASE_MASK) == ARCHIVE_FORMAT_AR;
}

// The members of a .deb: debian-binary, control.tar.*, data.tar.* (deb(5)). The members after
// the data are read too: a second data.tar.* makes the package ambiguous, and is refused.
std::string read_deb(archive* a, archive_entry* first, const std::string& medium,
                     const MemberVisitor& visit) {
  bool is_deb = false;
  std::string data_name, format;
  archive_entry* entry = first;
  for (;;) {
    std::string name = archive_entry_pathname(entry) ? archive_entry_pathname(entry) : "";
    if (name == "debian-binary")
      is_deb = true;
    if (name.starts_with("data.tar")) {
      if (!data_name.empty())
        throw Error("medium '{}': the package has two data members, '{}' and '{}'; a .deb has "
                    "one (deb(5)), and which one dpkg would install is not for xport to guess: "
                    "the package is malformed or crafted; nothing was imported",
                    medium, data_name, name);
      data_name = name;
      format = read_deb_data(a, medium, name, visit);
    }
    int r = archive_read_next_header(a, &entry);
    if (r == ARCHIVE_EOF)
      break;
    if (failed(r))
      throw Error("{}: cannot read the member after '{}': {}; the package is truncated or corrupt",
                  place(medium, "", ""), name, error_text(a));
  }
  if (!data_name.empty())
    return format;
  if (is_deb)
    throw Error("medium '{}': the .deb has no data.tar.* member, so there is nothing to import; "
                "check that it is a complete package",
                medium);
  throw Error("medium '{}': an ar archive that is not a .deb package (no debian-binary and no "
              "data.tar.* member); give a .deb, a tar archive, an ISO image or a folder",
              medium);
}

} // namespace

uint64_t medium_size(const MediumSource& medium) {
  if (medium.path.empty())
    return medium.memory.size();
  std::error_code ec;
  if (fs::is_regular_file(medium.path, ec))
    return fs::file_size(medium.path, ec);
  return 0;
}

std::string read_medium(const MediumSource& medium, const MemberVisitor& visit) {
  std::error_code ec;
  if (!medium.path.empty() && fs::is_directory(medium.path, ec))
    return read_folder(medium, visit);
  if (!medium.path.empty() && !fs::exists(medium.path, ec))
    throw Error("medium '{}' does not exist; give an ISO image, a tar archive, a .deb or a folder",
                medium.display);
  // A medium is a regular file, a block device (an optical drive) or a pipe the user feeds
  // (`<(xz -dc base.txz)`, /dev/stdin): a pipe is read as a stream, as before. A character
  // device (/dev/zero never ends), a socket or a folder is refused by its kind before anything
  // is read. libarchive opens a checked file through /proc/self/fd (the same file, whatever the
  // path names by now), so it can seek in it.
  struct stat st {};
  bool pipe = !medium.path.empty() && ::stat(medium.path.c_str(), &st) == 0 && S_ISFIFO(st.st_mode);
  int fd = -1;
  if (!medium.path.empty() && !pipe) {
    Result<int> opened = util::open_regular_file(medium.path, util::BlockDevices::accepted);
    if (!opened)
      throw Error("medium '{}': cannot read it: {}; give an ISO image, a tar archive, a .deb or "
                  "a folder",
                  medium.display, opened.error());
    fd = *opened;
  }
  struct FdCloser {
    int fd;
    ~FdCloser() {
      if (fd >= 0)
        ::close(fd);
    }
  } closer{fd};
  ArchivePtr a = new_reader();
  const std::string checked = "/proc/self/fd/" + std::to_string(fd);
  int r = medium.path.empty()
              ? archive_read_open_memory(a.get(), medium.memory.data(), medium.memory.size())
              : archive_read_open_filename(a.get(), pipe ? medium.path.c_str() : checked.c_str(),
                                           block_size);
  if (r != ARCHIVE_OK)
    throw Error("medium '{}': cannot open it: {}; the medium is truncated or corrupt, or not an "
                "archive xport reads (ISO 9660, tar in any compression, .deb, a folder)",
                medium.display, error_text(a.get()));

  archive_entry* first = nullptr;
  r = archive_read_next_header(a.get(), &first);
  if (r == ARCHIVE_EOF)
    throw Error("medium '{}' is empty: it holds no members; check that it is the right file",
                medium.display);
  if (failed(r))
    throw Error("medium '{}': cannot read the first member: {}; the medium is truncated or "
                "corrupt, or not what xport reads (ISO 9660 images, tar archives in gz, bz2, xz, "
                "zst, lz4..., .deb packages, folders)",
                medium.display, error_text(a.get()));
  if (is_ar(a.get()))
    return read_deb(a.get(), first, medium.display, visit);
  Member m = member_of(first);
  {
    ArchiveData data(a.get(), a.get(), place(medium.display, "", m.name));
    visit(m, data);
  }
  visit_members(a.get(), a.get(), medium.display, "", visit, m.name);
  return describe(a.get());
}

} // namespace xport::sysroot
