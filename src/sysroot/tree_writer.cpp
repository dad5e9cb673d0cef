// The sysroot folder under construction. Every path is first resolved through the links this
// writer made (symlinks_), so the kernel never follows a link while we write: files are created
// with O_EXCL | O_NOFOLLOW in folders that are real folders we made.
#include "sysroot/tree_writer.hpp"

#include <cerrno>
#include <cstring>
#include <deque>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

#include "sysroot/member_path.hpp"
#include "sysroot/size_text.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace xport::sysroot {
namespace {

// The umask, read once (reading it means setting it; nothing else here creates files meanwhile).
mode_t process_umask() {
  static const mode_t mask = [] {
    mode_t m = ::umask(022);
    ::umask(m);
    return m;
  }();
  return mask;
}

constexpr int max_link_hops = 40; // as the kernel's MAXSYMLINKS

std::string join(const std::string& dir, std::string_view leaf) {
  return dir.empty() ? std::string(leaf) : dir + "/" + std::string(leaf);
}

} // namespace

TreeWriter::TreeWriter(std::filesystem::path root, uint64_t max_member_size,
                       uint64_t max_total_size, util::DigestAlgorithm digest)
    : root_(std::move(root)), max_member_size_(max_member_size), max_total_size_(max_total_size),
      digest_(digest), writes_(root_) {
  directories_.insert("");
}

std::string TreeWriter::resolve(const std::string& path, bool follow_last,
                                const std::string& where) const {
  // Most paths go through no link: then a path without empty components is its own physical
  // path, found without building the component list.
  if (!path.starts_with('/') && !path.ends_with('/') && path.find("//") == std::string::npos) {
    bool through_link = false;
    for (std::size_t slash = path.find('/'); !symlinks_.empty() && !through_link;
         slash = path.find('/', slash + 1)) {
      if (slash == std::string::npos) {
        through_link = follow_last && symlinks_.contains(std::string_view(path));
        break;
      }
      through_link = symlinks_.contains(std::string_view(path).substr(0, slash));
    }
    if (!through_link)
      return path;
  }
  std::vector<std::string_view> parts = util::split(path, '/', util::EmptyParts::skipped);
  std::deque<std::string> pending(parts.begin(), parts.end());
  std::vector<std::string> done;
  std::string current;
  int hops = 0;
  while (!pending.empty()) {
    std::string part = std::move(pending.front());
    pending.pop_front();
    std::string candidate = join(current, part);
    auto link = symlinks_.find(candidate);
    if (link != symlinks_.end() && (follow_last || !pending.empty())) {
      if (++hops > max_link_hops)
        throw Error("{}{}refused: '{}' goes through more than {} links (a link loop)", where,
                    where.empty() ? "" : ": ", path, max_link_hops);
      std::vector<std::string_view> target =
          util::split(link->second, '/', util::EmptyParts::skipped);
      pending.insert(pending.begin(), target.begin(), target.end());
      current.clear();
      continue;
    }
    current = std::move(candidate);
  }
  return current;
}

const FileRecord* TreeWriter::find(const std::string& physical) const {
  auto it = records_.find(physical);
  return it == records_.end() ? nullptr : &it->second;
}

void TreeWriter::ensure_directory(const std::string& physical, const std::string& where) {
  if (directories_.contains(physical))
    return;
  ensure_directory(std::string(parent_of(physical)), where);
  if (auto it = records_.find(physical); it != records_.end())
    throw Error("{}: needs '{}' to be a folder, but an earlier member made it a {}; the media "
                "disagree about this path",
                where, physical, to_string(it->second.kind));
  writes_.make_directory(physical, where);
  directories_.insert(physical);
  records_[physical] = FileRecord{physical, MemberKind::directory, 0, 0755, "", "", 0};
}

std::string TreeWriter::prepare_leaf(const std::string& name, const std::string& where) {
  std::string parent = resolve(std::string(parent_of(name)), true, where);
  ensure_directory(parent, where);
  std::string physical = join(parent, leaf_of(name));
  if (directories_.contains(physical))
    throw Error("{}: '{}' is already a folder in the sysroot; a member cannot replace it", where,
                physical);
  if (records_.erase(physical) > 0) { // a later medium replaces an earlier one's file
    symlinks_.erase(physical);
    writes_.remove(physical, where);
  }
  return physical;
}

void TreeWriter::add_directory(const std::string& name, std::size_t medium,
                               const std::string& where) {
  medium += medium_offset_;
  std::string physical = resolve(name, true, where);
  ensure_directory(physical, where);
  records_[physical].medium = medium;
}

// Two limits, two errors: media that expand past what their size makes plausible are a bomb;
// media that are plausible but larger than the disk can take are a matter of free space.
void TreeWriter::check_total(uint64_t total, uint64_t adding, bool declared,
                             const std::string& where) const {
  if (space_ && total > space_->usable())
    throw Error("{}: not enough free space: the media would write {} in all, past the {} the "
                "store's filesystem can give ('{}': {} free of {}, less {} kept free); nothing "
                "was kept; free space there, or import into a store elsewhere with --store",
                where, human_size(total), human_size(space_->usable()), space_->where.string(),
                human_size(space_->free), human_size(space_->filesystem),
                human_size(space_->reserve));
  if (max_total_size_ && total > max_total_size_) {
    if (declared)
      throw Error("{}: {} would take the media past {} in all (a decompression bomb?); nothing "
                  "was kept; if they are genuine, raise the limit with --max-total-size",
                  where, human_size(adding), human_size(max_total_size_));
    throw Error("{}: the media expand past {} in all (a decompression bomb?); nothing was "
                "kept; if they are genuine, raise the limit with --max-total-size",
                where, human_size(max_total_size_));
  }
}

void TreeWriter::add_file(const std::string& name, uint32_t mode, uint64_t declared_size,
                          MemberData& data, std::size_t medium, const std::string& where) {
  medium += medium_offset_;
  check_total(bytes_written_ + declared_size, declared_size, true, where);
  if (declared_size > max_member_size_)
    throw Error("{}: {} is larger than the {} limit for one member (a decompression bomb?); if "
                "the member is genuine, raise the limit with --max-member-size",
                where, human_size(declared_size), human_size(max_member_size_));
  std::string physical = prepare_leaf(name, where);
  // Created with its final permissions, so that a fchmod is needed only where the umask takes
  // bits away (one system call less per file: a sysroot has thousands of small headers).
  const mode_t final_mode = (mode & 0777) | 0400;
  writes_.create_file(physical, final_mode, where);
  util::Digest& hash = digest_;
  hash.reset(); // a member that failed half-way left data in it
  uint64_t written = 0;
  bool holes = false;
  auto hash_zeros = [&hash](uint64_t count) {
    static const char zeros[65536] = {};
    for (; count > 0;) {
      std::size_t n = static_cast<std::size_t>(std::min<uint64_t>(count, sizeof zeros));
      hash.update(zeros, n);
      count -= n;
    }
  };
  const void* block = nullptr;
  std::size_t size = 0;
  uint64_t offset = 0;
  while (data.next_block(block, size, offset)) {
    if (offset < written)
      throw Error("{}: data blocks out of order; the medium is corrupt", where);
    if (offset + size > max_member_size_)
      throw Error("{}: the data grows past the {} limit for one member (a decompression "
                  "bomb?); if the member is genuine, raise the limit with --max-member-size",
                  where, human_size(max_member_size_));
    check_total(bytes_written_ + offset + size, offset + size, false, where);
    hash_zeros(offset - written);      // a sparse member's hole
    holes = holes || offset > written; // the hole stays a hole in the file
    writes_.write(block, size, offset);
    hash.update(block, size);
    written = offset + size;
  }
  // Data that ends before the member's size leaves a trailing hole (a sparse member whose last
  // blocks are zeros): the file gets its whole size, as `bsdtar -x` gives it.
  if (declared_size > written) {
    hash_zeros(declared_size - written);
    holes = true;
    written = declared_size;
  }
  writes_.close_file(written, holes, (final_mode & ~process_umask()) != final_mode);
  bytes_written_ += written;
  ++files_written_;
  records_[physical] =
      FileRecord{physical, MemberKind::file, written, final_mode, hash.hex_digest(), "", medium};
}

void TreeWriter::add_symlink(const std::string& name, const std::string& text, std::size_t medium,
                             const std::string& where) {
  medium += medium_offset_;
  std::string physical = prepare_leaf(name, where);
  Result<std::string> target = link_target_in_root(physical, text);
  if (!target)
    throw Error("{}: refused: {} (a link that leaves the sysroot could make a later member be "
                "written outside it); the medium is hostile or was not made for a sysroot",
                where, target.error());
  std::string relative = relative_link_text(physical, *target);
  writes_.make_symlink(relative, physical, where);
  symlinks_[physical] = *target;
  ++files_written_;
  records_[physical] = FileRecord{physical, MemberKind::symlink, 0, 0777, "", relative, medium};
}

bool TreeWriter::add_hardlink(const std::string& name, const std::string& target,
                              std::size_t medium, const std::string& where) {
  medium += medium_offset_;
  std::string source = resolve(target, false, where);
  const FileRecord* existing = find(source);
  if (!existing || (existing->kind != MemberKind::file && existing->kind != MemberKind::hardlink))
    return false;
  FileRecord copy = *existing;
  if (join(resolve(std::string(parent_of(name)), true, where), leaf_of(name)) == source)
    return true; // a member naming itself
  std::string physical = prepare_leaf(name, where);
  writes_.make_hardlink(source, physical, where);
  ++files_written_;
  records_[physical] =
      FileRecord{physical, MemberKind::hardlink, copy.size, copy.mode, copy.digest, source, medium};
  return true;
}

void TreeWriter::seed(const std::vector<FileRecord>& records, std::size_t medium_offset) {
  medium_offset_ = medium_offset;
  for (const FileRecord& r : records) {
    records_[r.path] = r;
    if (r.kind == MemberKind::directory)
      directories_.insert(r.path);
    else if (r.kind == MemberKind::symlink)
      if (Result<std::string> target = link_target_in_root(r.path, r.target))
        symlinks_[r.path] = *target;
  }
}

void TreeWriter::finish() {
  writes_.finish();
}

} // namespace xport::sysroot
