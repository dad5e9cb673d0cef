// fetch (see fetch.hpp): plan, checksum list, downloads, then one Store::import.
#include "sysroot/fetch.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "sysroot/checksum_list.hpp"
#include "sysroot/download.hpp"
#include "sysroot/fetch_plan.hpp"
#include "util/error.hpp"

namespace xport::sysroot {

bool FetchReport::downloaded_nothing() const {
  return !list_downloaded &&
         std::all_of(files.begin(), files.end(), [](const File& f) { return f.from_cache; });
}

namespace {

// The checksum list at the named mirror, else at the first of its alternatives that has one
// (the mirror's root was named: FreeBSD's pub/FreeBSD, whose releases/ holds the release folders);
// `plan` then takes that alternative's URLs. A list found nowhere is a NotFound naming every URL.
std::string checksum_list(DownloadCache& cache, FetchPlan& plan, bool& downloaded) {
  std::vector<std::string> tried;
  std::vector<MirrorUrls> places = {plan};
  places.insert(places.end(), plan.alternatives.begin(), plan.alternatives.end());
  for (const MirrorUrls& place : places) {
    try {
      std::string text = cache.list(place.checksums_url, plan.release, downloaded);
      static_cast<MirrorUrls&>(plan) = place;
      return text;
    } catch (const NotFound& e) {
      if (places.size() == 1)
        throw;
      tried.push_back(place.checksums_url);
    }
  }
  throw NotFound(
      "no checksum list for release {} at the mirror {}: not found (404) at any of\n  "
      "{}\ncheck the release (--release) and the mirror (--mirror, or $XPORT_MIRROR_<OS>: "
      "the OS's mirror root or the folder holding its releases)",
      plan.release, places.front().mirror, fmt::join(tried, "\n  "));
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

  FetchPlan plan =
      plan_fetch(profile, request.release, request.mirror, util::current_environment());
  report.release = plan.release;
  DownloadCache cache(store.dir() / "downloads");
  report.cache = (store.dir() / "downloads").string();
  std::string list_text = checksum_list(cache, plan, report.list_downloaded);
  report.mirror = plan.mirror;
  say(fmt::format("checksums: {}{}", plan.checksums_url,
                  report.list_downloaded ? "" : " (cached)"));
  std::map<std::string, PublishedChecksum> sums =
      parse_checksum_list(list_text, plan.checksum_format, plan.checksums_url);

  // Every checksum is known before anything is downloaded, and every file is checked before
  // anything is imported.
  std::vector<PublishedChecksum> wanted;
  for (const FetchFile& file : plan.files) {
    auto it = sums.find(file.name);
    if (it == sums.end())
      throw Error("the checksum list {} has no entry for {} (release {}); the mirror may be "
                  "incomplete: try another with --mirror",
                  plan.checksums_url, file.name, plan.release);
    wanted.push_back(it->second);
    if (weak_checksum(it->second.algorithm))
      report.notes.push_back(fmt::format(
          "{} is checked with {}, all its OS publishes: that catches a damaged download, not a "
          "forged one",
          file.name, it->second.algorithm));
  }
  for (std::size_t i = 0; i < plan.files.size(); ++i) {
    const FetchFile& file = plan.files[i];
    Downloaded got = cache.file(file.url, file.name, wanted[i], plan.release, observer.progress);
    report.files.push_back({file.url, wanted[i].algorithm, wanted[i].hex, got.from_cache, got.bytes,
                            got.resumed_from});
    request.import.media.push_back(got.path);
  }
  return store.import(profile, request.import, observer.import, observer.on_wait);
}

} // namespace xport::sysroot
