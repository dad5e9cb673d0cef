// fetch (see fetch.hpp): plan, checksum list (verified where the OS signs it, re-fetched when the
// cached one does not serve), pins, downloads, then one Store::import.
#include "sysroot/fetch.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "sysroot/checksum_list.hpp"
#include "sysroot/download.hpp"
#include "sysroot/fetch_plan.hpp"
#include "sysroot/signify.hpp"
#include "util/error.hpp"
#include "util/result.hpp"

namespace xport::sysroot {

bool FetchReport::downloaded_nothing() const {
  return !list_downloaded &&
         std::all_of(files.begin(), files.end(), [](const File& f) { return f.from_cache; });
}

namespace {

// How fetch names the OS in messages: as its ABI note does ("NetBSD"), else the profile's os.
std::string os_name(const target::Profile& profile) {
  return profile.abi_note && !profile.abi_note->name.empty() ? profile.abi_note->name : profile.os;
}

// What the checksum list `text` (fetched from `place`) gives each of the plan's files, or why it
// cannot serve: a signature that does not verify, text that is not a list, a file it lacks or
// lists only with another algorithm.
Result<std::vector<PublishedChecksum>> read_list(const std::string& text, const FetchPlan& plan,
                                                 const MirrorUrls& place,
                                                 const std::optional<SignifyKey>& key,
                                                 const target::Profile& profile) {
  std::string message;
  std::string_view list = text;
  if (key) {
    try {
      message = verified_message(text, *key, place.checksums_url);
    } catch (const Error& e) {
      return fail("{}; nothing was downloaded (a forged or damaged mirror, or a wrong key in the "
                  "profile's media.signify-keys: try another mirror with --mirror)",
                  e.what());
    }
    list = message;
  }
  ChecksumEntries entries = parse_checksum_list(list, plan.checksum_format, place.checksums_url);
  if (entries.empty())
    return fail("{} is not a checksum list in the {} format: it has no line like '{}' (it begins "
                "'{}'); the mirror answered with something else, an error page perhaps: try "
                "again later, or another mirror with --mirror",
                place.checksums_url, plan.checksum_format,
                plan.checksum_format == "freebsd-manifest" ? "base.txz<TAB><sha256><TAB>..."
                                                           : "SHA512 (base.tar.xz) = <hex>",
                text_excerpt(list));
  std::vector<PublishedChecksum> sums;
  for (const FetchFile& file : place.files) {
    Result<PublishedChecksum> sum =
        published_checksum(entries, file.name, plan.checksum_algorithm, place.checksums_url,
                           plan.release, os_name(profile));
    if (!sum)
      return Failure{sum.error()};
    sums.push_back(*sum);
  }
  return sums;
}

// The checksums of the plan's files from the list at the named mirror, else at the first of its
// alternatives that has one (the mirror's root was named: FreeBSD's pub/FreeBSD, whose releases/
// holds the release folders); `plan` then takes that place's URLs. A cached list is used when it
// still serves, and fetched again when it does not; a downloaded one is kept only once it served.
// A list found nowhere is a NotFound naming every URL.
std::vector<PublishedChecksum> checksums(DownloadCache& cache, FetchPlan& plan,
                                         const target::Profile& profile,
                                         std::chrono::seconds timeout, FetchReport& report,
                                         const std::function<void(const std::string&)>& say) {
  std::optional<SignifyKey> key;
  if (!plan.signify_key.empty())
    key = parse_signify_key(
        plan.signify_key,
        fmt::format("the target '{}': media.signify-keys.\"{}\"", profile.name, plan.release));
  std::vector<std::string> tried, problems;
  std::vector<MirrorUrls> places = {plan};
  places.insert(places.end(), plan.alternatives.begin(), plan.alternatives.end());
  for (const MirrorUrls& place : places) {
    const std::string& url = place.checksums_url;
    if (std::optional<std::string> cached = cache.cached_list(url)) {
      Result<std::vector<PublishedChecksum>> sums = read_list(*cached, plan, place, key, profile);
      if (sums) {
        static_cast<MirrorUrls&>(plan) = place;
        report.list_downloaded = false;
        return std::move(sums).value();
      }
      say(fmt::format("the cached checksum list of {} does not serve ({}); fetching it again", url,
                      sums.error()));
      cache.forget_list(url);
    }
    std::string text;
    try {
      text = cache.download_list(url, plan.release, timeout);
    } catch (const NotFound& e) {
      if (places.size() == 1 && key)
        throw NotFound("{}\n{} signs its checksum list, and xport reads only the signed one: a "
                       "mirror without it is incomplete",
                       e.what(), os_name(profile));
      if (places.size() == 1)
        throw;
      tried.push_back(url);
      continue;
    }
    Result<std::vector<PublishedChecksum>> sums = read_list(text, plan, place, key, profile);
    if (!sums) {
      if (places.size() == 1)
        throw Error("{}", sums.error());
      problems.push_back(sums.error());
      continue;
    }
    cache.keep_list(url, text);
    static_cast<MirrorUrls&>(plan) = place;
    report.list_downloaded = true;
    return std::move(sums).value();
  }
  if (!problems.empty())
    throw Error("no usable checksum list for release {} at the mirror {}:\n  {}{}", plan.release,
                places.front().mirror, fmt::join(problems, "\n  "),
                tried.empty() ? "" : fmt::format("\n  not found (404): {}", fmt::join(tried, " ")));
  throw NotFound(
      "no checksum list for release {} at the mirror {}: not found (404) at any of\n  "
      "{}\ncheck the release (--release) and the mirror (--mirror, or $XPORT_MIRROR_<OS>: "
      "the OS's mirror root or the folder holding its releases)",
      plan.release, places.front().mirror, fmt::join(tried, "\n  "));
}

// A pin on a file: the digest it must have, and who said so.
struct Pin {
  PublishedChecksum sum;
  std::string source; // "the profile (media.pinned.\"13.2\")", "--expect-sha256"
};

std::map<std::string, Pin> pins_of(const FetchPlan& plan, const FetchRequest& request,
                                   const target::Profile& profile) {
  std::map<std::string, Pin> pins;
  for (const auto& [file, sum] : plan.pinned)
    pins[file] = {sum,
                  fmt::format("the target '{}' (media.pinned.\"{}\")", profile.name, plan.release)};
  if (request.expect_sha256.empty())
    return pins;
  std::vector<std::string> names;
  for (const FetchFile& file : plan.files)
    names.push_back(file.name);
  if (request.expect_sha256.size() != plan.files.size())
    throw UsageError("--expect-sha256 was given {} times for {} media ({}): give one per medium, "
                     "in that order",
                     request.expect_sha256.size(), names.size(), fmt::join(names, " "));
  for (std::size_t i = 0; i < names.size(); ++i) {
    std::string hex = request.expect_sha256[i];
    std::transform(hex.begin(), hex.end(), hex.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    pins[names[i]] = {{"sha256", hex}, "--expect-sha256"};
  }
  return pins;
}

} // namespace

Sysroot fetch(Store& store, const target::Profile& profile, FetchRequest request,
              const FetchObserver& observer, FetchReport& report) {
  auto say = [&](const std::string& line) {
    if (observer.say)
      observer.say(line);
  };
  if (profile.media && profile.media->kind == "apt") {
    if (!request.release.empty())
      throw UsageError("--release {}: the target '{}' is fetched with apt from this machine's "
                       "configured Debian archive, whose suites decide the release; drop "
                       "--release",
                       request.release, profile.name);
    if (!request.mirror.empty())
      throw UsageError("--mirror {}: the target '{}' is fetched with apt from this machine's "
                       "configured Debian archive (/etc/apt/sources.list*); drop --mirror",
                       request.mirror, profile.name);
    request.import.media = fetch_with_apt(store.dir() / "apt", profile, observer, report);
    return store.import(profile, request.import, observer.import, observer.on_wait);
  }

  util::Environment env = util::current_environment();
  FetchPlan plan = plan_fetch(profile, request.release, request.mirror, env);
  DownloadLimits limits =
      download_limits(*profile.media, request.max_download_size, request.timeout, env);
  std::map<std::string, Pin> pins = pins_of(plan, request, profile);
  report.release = plan.release;
  DownloadCache cache(store.dir() / "downloads");
  report.cache = (store.dir() / "downloads").string();
  // Every checksum is known before anything is downloaded, and every file is checked before
  // anything is imported.
  std::vector<PublishedChecksum> wanted =
      checksums(cache, plan, profile, std::min(list_timeout, limits.timeout), report, say);
  report.mirror = plan.mirror;
  if (!plan.signify_key.empty())
    report.list_signed_by = key_number_text(parse_signify_key(plan.signify_key, "media"));
  say(fmt::format("checksums: {}{}{}", plan.checksums_url,
                  report.list_downloaded ? "" : " (cached)",
                  report.list_signed_by.empty()
                      ? ""
                      : fmt::format(", signature verified with the release's signify key {}",
                                    report.list_signed_by)));

  bool unpinned = false;
  for (std::size_t i = 0; i < plan.files.size(); ++i) {
    const FetchFile& file = plan.files[i];
    auto pin = pins.find(file.name);
    if (pin == pins.end()) {
      unpinned = true;
    } else if (pin->second.sum.algorithm == wanted[i].algorithm &&
               pin->second.sum.hex != wanted[i].hex) {
      throw Error("{}: the checksum list {} gives it the {} {}, and {} pins {}: the mirror does "
                  "not serve release {}'s own {} (a forged or wrong mirror, or a wrong pin); "
                  "nothing was downloaded",
                  file.name, plan.checksums_url, wanted[i].algorithm, wanted[i].hex,
                  pin->second.source, pin->second.sum.hex, plan.release, file.name);
    }
    if (weak_checksum(wanted[i].algorithm))
      report.notes.push_back(fmt::format(
          "{} is checked with {}, all {} publishes: that catches a damaged download, not a "
          "forged one",
          file.name, wanted[i].algorithm, os_name(profile)));
  }
  if (plan.signify_key.empty() && unpinned)
    report.notes.push_back(fmt::format(
        "{} signs nothing: the checksum list comes from the same mirror as the media, so it "
        "catches a damaged download, not a forged mirror; pin the release's digests with "
        "--expect-sha256 (one per medium) or the profile's media.pinned",
        os_name(profile)));

  for (std::size_t i = 0; i < plan.files.size(); ++i) {
    const FetchFile& file = plan.files[i];
    Downloaded got =
        cache.file(file.url, file.name, wanted[i], plan.release, limits, observer.progress);
    std::string pinned;
    if (auto pin = pins.find(file.name); pin != pins.end()) {
      const PublishedChecksum& sum = pin->second.sum;
      if (sum.algorithm != wanted[i].algorithm) {
        std::string actual = checksum_file(got.path, sum.algorithm);
        if (actual != sum.hex) {
          cache.forget_file(got.path);
          throw Error("{}: its {} is {}, and {} pins {}: the mirror does not serve release {}'s "
                      "own {}, although its checksum list agrees with it (a forged mirror, or a "
                      "wrong pin); nothing was kept or imported",
                      file.url, sum.algorithm, actual, pin->second.source, sum.hex, plan.release,
                      file.name);
        }
      }
      pinned = sum.algorithm + ":" + sum.hex;
    }
    report.files.push_back({file.url, wanted[i].algorithm, wanted[i].hex, got.from_cache, got.bytes,
                            got.resumed_from, pinned});
    request.import.media.push_back(got.path);
    request.import.origins.push_back(
        {file.url, wanted[i].algorithm + ":" + wanted[i].hex, pinned, report.list_signed_by});
  }
  return store.import(profile, request.import, observer.import, observer.on_wait);
}

} // namespace xport::sysroot
