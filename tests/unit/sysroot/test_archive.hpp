// Builds small archives in memory with libarchive's writer, for the import tests.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <archive.h>
#include <archive_entry.h>

namespace xport::sysroot::testing {

struct TestMember {
  TestMember(std::string name_, int type_ = AE_IFREG, std::string data_ = "",
             std::string link_ = "", std::string hardlink_ = "", int mode_ = 0644)
      : name(std::move(name_)), type(type_), data(std::move(data_)), link(std::move(link_)),
        hardlink(std::move(hardlink_)), mode(mode_) {}
  std::string name;
  int type; // AE_IFREG, AE_IFDIR, AE_IFLNK, AE_IFIFO, AE_IFCHR
  std::string data;
  std::string link;     // symlink text
  std::string hardlink; // hardlink target name
  int mode;
};

inline std::vector<std::byte> make_tar(const std::vector<TestMember>& members,
                                       int filter = ARCHIVE_FILTER_NONE) {
  std::size_t data = 0;
  for (const TestMember& m : members)
    data += m.data.size() + m.name.size() + m.link.size() + 4096;
  std::vector<std::byte> out((1 << 20) + 2 * data);
  std::size_t used = 0;
  archive* a = archive_write_new();
  archive_write_set_format_pax_restricted(a);
  if (filter == ARCHIVE_FILTER_GZIP)
    archive_write_add_filter_gzip(a);
  archive_write_set_bytes_in_last_block(a, 1);
  archive_write_open_memory(a, out.data(), out.size(), &used);
  for (const TestMember& m : members) {
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, m.name.c_str());
    archive_entry_set_filetype(e, static_cast<unsigned>(m.type));
    archive_entry_set_perm(e, static_cast<mode_t>(m.mode));
    if (!m.link.empty())
      archive_entry_set_symlink(e, m.link.c_str());
    if (!m.hardlink.empty())
      archive_entry_set_hardlink(e, m.hardlink.c_str());
    archive_entry_set_size(e, m.hardlink.empty() ? static_cast<la_int64_t>(m.data.size()) : 0);
    archive_write_header(a, e);
    if (!m.data.empty() && m.hardlink.empty())
      archive_write_data(a, m.data.data(), m.data.size());
    archive_entry_free(e);
  }
  archive_write_close(a);
  archive_write_free(a);
  out.resize(used);
  return out;
}

} // namespace xport::sysroot::testing
