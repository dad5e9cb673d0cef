// The fetch plan (see fetch_plan.hpp): [media] templates filled in for one release.
#include "sysroot/fetch_plan.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>

#include <fmt/format.h>

#include "util/error.hpp"

namespace xport::sysroot {
namespace {

// {major}, {minor} and {nodot} of "13.2" or "6.4.0": "13", "2", "132".
void add_release_values(const std::string& release, std::map<std::string, std::string>& values) {
  values["release"] = release;
  std::size_t dot = release.find('.');
  values["major"] = release.substr(0, dot);
  std::size_t next = dot == std::string::npos ? dot : release.find('.', dot + 1);
  values["minor"] = dot == std::string::npos ? "" : release.substr(dot + 1, next - dot - 1);
  std::string nodot;
  std::copy_if(release.begin(), release.end(), std::back_inserter(nodot),
               [](char c) { return c != '.'; });
  values["nodot"] = nodot;
}

std::string last_part(const std::string& url) {
  std::size_t slash = url.find_last_of('/');
  return slash == std::string::npos ? url : url.substr(slash + 1);
}

} // namespace

std::string expand_template(std::string_view text, const std::map<std::string, std::string>& values,
                            std::string_view what) {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t open = text.find('{', pos);
    if (open == std::string_view::npos) {
      out.append(text.substr(pos));
      break;
    }
    out.append(text.substr(pos, open - pos));
    std::size_t close = text.find('}', open);
    if (close == std::string_view::npos)
      throw Error("media.{} '{}': '{{' at offset {} is not closed; write placeholders as {{name}}",
                  what, text, open);
    std::string name(text.substr(open + 1, close - open - 1));
    auto it = values.find(name);
    if (it == values.end()) {
      std::vector<std::string> known;
      for (const auto& [key, value] : values)
        known.push_back("{" + key + "}");
      throw Error("media.{} '{}': unknown placeholder {{{}}}; known here: {}", what, text, name,
                  fmt::join(known, " "));
    }
    out += it->second;
    pos = close + 1;
  }
  return out;
}

std::string mirror_variable(std::string_view os) {
  std::string name = "XPORT_MIRROR_";
  for (char c : os)
    name += std::isalnum(static_cast<unsigned char>(c))
                ? static_cast<char>(std::toupper(static_cast<unsigned char>(c)))
                : '_';
  return name;
}

std::string mirror_url(std::string_view mirror) {
  std::string text(mirror);
  while (text.size() > 1 && text.back() == '/')
    text.pop_back();
  if (text.find("://") != std::string::npos)
    return text;
  std::error_code ec;
  std::filesystem::path absolute = std::filesystem::absolute(text, ec);
  if (ec)
    throw Error("the mirror '{}': cannot make it an absolute path: {}", text, ec.message());
  return "file://" + absolute.lexically_normal().string();
}

FetchPlan plan_fetch(const target::Profile& profile, std::string_view release,
                     std::string_view mirror, const util::Environment& env) {
  if (!profile.media || profile.media->files.empty())
    throw Error("the target '{}' says nowhere where its media are (no [media] files in its "
                "profile); download them yourself and run 'xport sysroot import MEDIA --target {}'",
                profile.name, profile.name);
  const target::MediaSource& media = *profile.media;
  FetchPlan plan;
  plan.release = release.empty() ? media.default_release : std::string(release);
  if (plan.release.empty())
    throw UsageError("the target '{}' names no default release (media.default-release); give "
                     "one with --release: {}",
                     profile.name, fmt::join(media.releases, " "));
  if (!media.releases.empty() &&
      std::find(media.releases.begin(), media.releases.end(), plan.release) == media.releases.end())
    throw UsageError("unknown release '{}' of {} (target '{}'); the known releases are: {} "
                     "(default {}); a newer one can be added to the profile's media.releases",
                     plan.release, profile.os, profile.name, fmt::join(media.releases, " "),
                     media.default_release);

  std::map<std::string, std::string> values;
  values["arch"] = media.arch.empty() ? profile.arch : media.arch;
  values["os"] = profile.os;
  add_release_values(plan.release, values);
  if (auto it = media.release_values.find(plan.release);
      it != media.release_values.end() && it->is_object())
    for (const auto& [key, value] : it->items())
      if (value.is_string())
        values[key] = value.get<std::string>();
  if (!values.contains("mirror"))
    values["mirror"] = media.mirror;
  std::string variable = mirror_variable(profile.os);
  bool users_mirror = true;
  if (!mirror.empty())
    values["mirror"] = mirror_url(mirror);
  else if (auto it = env.find(variable); it != env.end() && !it->second.empty())
    values["mirror"] = mirror_url(it->second);
  else
    users_mirror = false;
  if (media.checksums.empty())
    throw Error("the target '{}' names no checksum list (media.checksums): xport fetches nothing "
                "it cannot check",
                profile.name);

  auto urls_at = [&](const std::string& at) {
    values["mirror"] = at;
    MirrorUrls urls;
    urls.mirror = at;
    for (const std::string& file : media.files) {
      std::string url = expand_template(file, values, "files");
      urls.files.push_back({url, last_part(url)});
    }
    urls.checksums_url = expand_template(media.checksums, values, "checksums");
    return urls;
  };
  std::string given = values["mirror"];
  static_cast<MirrorUrls&>(plan) = urls_at(given);
  bool names_a_folder = std::any_of(media.mirror_folders.begin(), media.mirror_folders.end(),
                                    [&](const std::string& f) { return given.ends_with("/" + f); });
  if (users_mirror && !names_a_folder)
    for (const std::string& folder : media.mirror_folders)
      plan.alternatives.push_back(urls_at(given + "/" + folder));
  plan.checksum_format = media.checksum_format;
  plan.checksum_algorithm = media.checksum_algorithm;
  if (plan.checksum_algorithm.empty() && media.checksum_format == "freebsd-manifest")
    plan.checksum_algorithm = "sha256";
  if (plan.checksum_algorithm.empty())
    throw Error("the target '{}' does not say which checksum algorithm its OS publishes "
                "(media.checksum-algorithm: sha512, sha256 or md5); xport takes no other",
                profile.name);
  if (media.checksum_format == "freebsd-manifest" && plan.checksum_algorithm != "sha256")
    throw Error("the target '{}': a freebsd-manifest list holds sha256 sums, not {} "
                "(media.checksum-algorithm)",
                profile.name, plan.checksum_algorithm);
  if (!media.signify_keys.empty()) {
    auto key = media.signify_keys.find(plan.release);
    if (key == media.signify_keys.end())
      throw Error("the target '{}' has its checksum list checked with signify, and "
                  "media.signify-keys has no key for release {}; add the release's public key "
                  "(the base64 line of etc/signify/openbsd-{}-base.pub in OpenBSD's source tree) "
                  "to the profile",
                  profile.name, plan.release, values["nodot"]);
    plan.signify_key = key->second;
  }
  if (auto pins = media.pinned.find(plan.release); pins != media.pinned.end())
    for (const auto& [file, digest] : pins->second) {
      std::size_t colon = digest.find(':');
      if (colon == std::string::npos)
        throw Error("the target '{}': media.pinned.\"{}\".\"{}\" = \"{}\" is not "
                    "\"algorithm:hex\"",
                    profile.name, plan.release, file, digest);
      plan.pinned[file] = {digest.substr(0, colon), digest.substr(colon + 1)};
    }
  return plan;
}

DownloadLimits download_limits(const target::MediaSource& media, uint64_t max_size,
                               uint64_t timeout, const util::Environment& env) {
  DownloadLimits limits;
  if (max_size > 0)
    limits.max_bytes = max_size;
  else if (media.max_size > 0)
    limits.max_bytes = media.max_size;
  if (timeout == 0)
    if (auto it = env.find("XPORT_FETCH_TIMEOUT"); it != env.end() && !it->second.empty()) {
      const std::string& text = it->second;
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), timeout);
      if (ec != std::errc() || end != text.data() + text.size() || timeout == 0)
        throw UsageError("XPORT_FETCH_TIMEOUT={}: not a number of seconds above 0", text);
    }
  constexpr uint64_t longest = 30 * 24 * 3600; // a deadline past a month is no deadline
  if (timeout > 0)
    limits.timeout = std::chrono::seconds(std::min(timeout, longest));
  return limits;
}

} // namespace xport::sysroot
