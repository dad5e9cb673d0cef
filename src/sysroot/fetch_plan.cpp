// The fetch plan (see fetch_plan.hpp): [media] templates filled in for one release.
#include "sysroot/fetch_plan.hpp"

#include <algorithm>
#include <cctype>
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
  return "file://" + std::filesystem::absolute(text).lexically_normal().string();
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
  return plan;
}

} // namespace xport::sysroot
