// Parsing published checksum lists and hashing downloads (see checksum_list.hpp).
#include "sysroot/checksum_list.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <nettle/nettle-meta.h>
#include <unistd.h>
#include <vector>

#include <fmt/format.h>

#include "util/digest.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace xport::sysroot {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool is_hex(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(),
                                      [](unsigned char c) { return std::isxdigit(c) != 0; });
}

std::size_t hex_digits(std::string_view algorithm) {
  if (algorithm == "md5")
    return 32;
  if (algorithm == "sha1")
    return 40;
  if (algorithm == "sha256")
    return 64;
  if (algorithm == "sha512")
    return 128;
  return 0;
}

} // namespace

ChecksumEntries parse_checksum_list(std::string_view text, std::string_view format,
                                    std::string_view source) {
  ChecksumEntries out;
  for (std::string_view line : util::split(text, '\n')) {
    if (!line.empty() && line.back() == '\r')
      line.remove_suffix(1);
    if (format == "freebsd-manifest") {
      std::vector<std::string_view> fields = util::split(line, '\t');
      if (fields.size() >= 2 && fields[1].size() == 64 && is_hex(fields[1]))
        out[std::string(fields[0])].push_back({"sha256", lower(fields[1])});
    } else if (format == "bsd") {
      // ALGO (name) = hex
      std::size_t open = line.find(" (");
      std::size_t close = line.rfind(") = ");
      if (open == std::string_view::npos || close == std::string_view::npos || close < open)
        continue;
      std::string algorithm = lower(line.substr(0, open));
      std::string_view hex = line.substr(close + 4);
      if (hex_digits(algorithm) == hex.size() && is_hex(hex))
        out[std::string(line.substr(open + 2, close - open - 2))].push_back(
            {algorithm, lower(hex)});
    } else {
      throw Error("checksum list {}: unknown format '{}' (media.checksum-format); known: "
                  "freebsd-manifest, bsd",
                  source, format);
    }
  }
  return out;
}

Result<PublishedChecksum> published_checksum(const ChecksumEntries& entries, std::string_view name,
                                             std::string_view algorithm, std::string_view source,
                                             std::string_view release, std::string_view os) {
  auto it = entries.find(std::string(name));
  if (it == entries.end())
    return fail("the checksum list {} has no entry for {} (release {}); the mirror may be "
                "incomplete: try another with --mirror",
                source, name, release);
  std::vector<std::string> others;
  const PublishedChecksum* found = nullptr;
  for (const PublishedChecksum& sum : it->second) {
    if (sum.algorithm != algorithm)
      others.push_back(sum.algorithm);
    else if (found && found->hex != sum.hex)
      return fail("the checksum list {} gives {} two different {} sums, {} and {}: it is not "
                  "the list {} published; try another mirror with --mirror",
                  source, name, algorithm, found->hex, sum.hex, os);
    else
      found = &sum;
  }
  if (found)
    return *found;
  return fail("the checksum list {} gives {} only as {}, and {} publishes {} (the profile's "
              "media.checksum-algorithm): another algorithm, weaker or not, is not taken for it; "
              "the list is not the one {} published (a wrong or forged mirror): try another with "
              "--mirror",
              source, name, fmt::join(others, ", "), os, algorithm, os);
}

std::string text_excerpt(std::string_view text) {
  std::string out;
  for (char c : text.substr(0, 60))
    out += std::isprint(static_cast<unsigned char>(c)) ? c : ' ';
  return text.size() > 60 ? out + "..." : out;
}

std::string checksum_file(const std::filesystem::path& file, std::string_view algorithm) {
  const nettle_hash* hash = nettle_lookup_hash(std::string(algorithm).c_str());
  if (hash == nullptr)
    throw Error("cannot check {}: nettle has no '{}' digest", file.string(), algorithm);
  int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    throw Error("cannot read {}: {}", file.string(), std::strerror(errno));
  std::vector<uint8_t> state(hash->context_size);
  hash->init(state.data());
  std::vector<uint8_t> buffer(1 << 20);
  while (true) {
    ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      int saved = errno;
      ::close(fd);
      throw Error("cannot read {}: {}", file.string(), std::strerror(saved));
    }
    if (n == 0)
      break;
    hash->update(state.data(), static_cast<std::size_t>(n), buffer.data());
  }
  ::close(fd);
  std::vector<uint8_t> digest(hash->digest_size);
  hash->digest(state.data(), digest.size(), digest.data());
  return util::hex(digest.data(), digest.size());
}

} // namespace xport::sysroot
