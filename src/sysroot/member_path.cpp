// Lexical path rules for member names and symlink targets (see member_path.hpp for the policy).
#include "sysroot/member_path.hpp"

#include <vector>

#include "util/text.hpp"

namespace xport::sysroot {
namespace {

std::vector<std::string_view> split(std::string_view path) {
  std::vector<std::string_view> parts = util::split(path, '/', util::EmptyParts::skipped);
  std::erase(parts, ".");
  return parts;
}

std::string join(const std::vector<std::string_view>& parts) {
  std::string out;
  for (std::string_view p : parts) {
    if (!out.empty())
      out += '/';
    out += p;
  }
  return out;
}

} // namespace

Result<std::string> normalize_member_name(std::string_view raw) {
  if (raw.find('\0') != std::string_view::npos)
    return fail("the name contains a NUL byte");
  if (raw.starts_with('/'))
    return fail("the name is an absolute path; a sysroot member must be relative");
  std::vector<std::string_view> parts = split(raw);
  for (std::string_view p : parts)
    if (p == "..")
      return fail("the name has a '..' component, which could write outside the sysroot");
  return join(parts);
}

std::string_view parent_of(std::string_view path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view{} : path.substr(0, slash);
}

std::string_view leaf_of(std::string_view path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

Result<std::string> link_target_in_root(std::string_view link_path, std::string_view target) {
  if (target.empty())
    return fail("the link target is empty");
  if (target.find('\0') != std::string_view::npos)
    return fail("the link target contains a NUL byte");
  std::vector<std::string_view> resolved;
  if (!target.starts_with('/'))
    resolved = split(parent_of(link_path));
  for (std::string_view p : split(target)) {
    if (p != "..") {
      resolved.push_back(p);
      continue;
    }
    if (resolved.empty())
      return fail("the link target '{}' points outside the sysroot", target);
    resolved.pop_back();
  }
  return join(resolved);
}

std::string relative_link_text(std::string_view link_path, std::string_view target) {
  std::vector<std::string_view> from = split(parent_of(link_path));
  std::vector<std::string_view> to = split(target);
  std::size_t common = 0;
  while (common < from.size() && common < to.size() && from[common] == to[common])
    ++common;
  std::string out;
  for (std::size_t i = common; i < from.size(); ++i)
    out += out.empty() ? ".." : "/..";
  for (std::size_t i = common; i < to.size(); ++i) {
    if (!out.empty())
      out += '/';
    out += to[i];
  }
  return out.empty() ? "." : out;
}

Result<std::string> rewrite_link(std::string_view link_path, std::string_view target) {
  Result<std::string> in_root = link_target_in_root(link_path, target);
  if (!in_root)
    return in_root;
  return relative_link_text(link_path, *in_root);
}

} // namespace xport::sysroot
