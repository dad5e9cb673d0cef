// `xport sysroot import|add|fetch|list|show|verify|rm`: the sysroot store on the command line.
// Reading media, selection, the store, what an add layers (layer_plan.hpp) and the progress drawn
// on the terminal live in src/sysroot; this file parses options and prints.
#include <iostream>
#include <optional>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "cli/target_options.hpp"
#include "driver/abi_stubs.hpp"
#include "sysroot/fetch.hpp"
#include "sysroot/layer_plan.hpp"
#include "sysroot/size_text.hpp"
#include "sysroot/store.hpp"
#include "sysroot/symbol_abi.hpp"
#include "sysroot/terminal_progress.hpp"
#include "util/digest.hpp"
#include "util/error.hpp"
#include "util/json_text.hpp"
#include "util/paths.hpp"
#include "util/process.hpp"

namespace xport::cli {
namespace {

using nlohmann::json;
using sysroot::DownloadProgressLine;
using sysroot::human_size;
using sysroot::ImportProgressBar;

struct StoreOption {
  std::string dir;
  sysroot::Store open() const {
    return sysroot::Store::open(dir.empty() ? std::nullopt
                                            : std::optional<std::filesystem::path>(dir));
  }
};

void add_store_option(CLI::App& app, StoreOption& store) {
  app.add_option("--store", store.dir,
                 "the store folder (default $XPORT_HOME, else $XDG_DATA_HOME/xport)");
}

json summary_json(const sysroot::Sysroot& s) {
  json media = json::array();
  for (const auto& m : s.manifest.media)
    media.push_back({{"path", m.path},
                     {"format", m.format},
                     {"size", m.size},
                     {"xxh3_128", m.xxh3_128},
                     {"sha256", m.sha256}});
  return {{"name", s.name},
          {"target", s.manifest.target},
          {"root", s.root.string()},
          {"imported_at", s.manifest.imported_at},
          {"files", s.manifest.entry_count()},
          {"bytes", s.manifest.total_bytes()},
          {"layout", sysroot::to_json(s.manifest.layout)},
          {"media", media}};
}

void print_layout(const sysroot::Layout& l) {
  auto list = [](const std::vector<std::string>& dirs) {
    return dirs.empty() ? std::string("-") : fmt::format("{}", fmt::join(dirs, " "));
  };
  std::cout << fmt::format("layout:          {}{}\n", l.kind,
                           l.triplet.empty() ? "" : " (" + l.triplet + ")");
  std::cout << fmt::format("  include dirs:  {}\n", list(l.include_dirs));
  if (!l.cxx_include_dirs.empty())
    std::cout << fmt::format("  c++ includes:  {}\n", list(l.cxx_include_dirs));
  std::cout << fmt::format("  library dirs:  {}\n", list(l.library_dirs));
  std::cout << fmt::format("  startfile dirs: {}\n", list(l.startfile_dirs));
  std::cout << fmt::format("  gcc dir:       {}\n", l.gcc_dir.empty() ? "-" : l.gcc_dir);
  std::cout << fmt::format("  dynamic linker: {}\n",
                           l.dynamic_linker.empty() ? "- (not in the sysroot)" : l.dynamic_linker);
  if (!l.runtime_root.empty())
    std::cout << fmt::format("  runtime root:  {} (qemu-user -L)\n", l.runtime_root);
}

int run_import(const TargetOptions& target, const StoreOption& store,
               const std::vector<std::string>& media, const std::string& name, bool all, bool force,
               uint64_t max_member_size, uint64_t max_total_size,
               const std::vector<std::string>& expect_sha256, const std::string& file_digest,
               bool as_json) {
  target::ResolvedProfile profile = resolve_target(target);
  sysroot::ImportRequest request;
  for (const std::string& m : media)
    request.media.emplace_back(m);
  request.name = name;
  request.all = all;
  request.force = force;
  request.max_member_size = max_member_size;
  request.max_total_size = max_total_size;
  request.expect_sha256 = expect_sha256;
  if (!expect_sha256.empty() && expect_sha256.size() != media.size())
    throw UsageError("--expect-sha256 was given {} times for {} media: give one per medium, in "
                     "the order of the media",
                     expect_sha256.size(), media.size());
  for (const std::string& hex : expect_sha256)
    if (hex.size() != 64 || hex.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos)
      throw UsageError("--expect-sha256 {}: not a SHA-256 sum (64 hex digits)", hex);
  request.file_digest = *util::parse_digest_name(file_digest); // CLI11 checked the spelling
  request.digest_cache = util::cache_home(util::current_environment()) / "media-digests";
  sysroot::Store opened = store.open();
  std::string shown = name.empty() ? profile.profile.name : name;
  sysroot::Sysroot s = [&] {
    ImportProgressBar bar;
    return opened.import(profile.profile, request, &bar, [&] {
      std::cerr << fmt::format("xport: waiting for another import of '{}' to finish...\n", shown);
    });
  }();
  for (const std::string& w : s.warnings)
    std::cerr << "xport: warning: " << w << "\n";
  if (as_json) {
    json out = summary_json(s);
    out["warnings"] = s.warnings;
    std::cout << util::json_text(out) << "\n";
    return exit_ok;
  }
  std::cout << fmt::format("imported sysroot '{}' for {}: {} files, {} from {} media\n", s.name,
                           s.manifest.target, s.manifest.entry_count(),
                           human_size(s.manifest.total_bytes()), s.manifest.media.size());
  std::cout << fmt::format("root:            {}\n", s.root.string());
  print_layout(s.manifest.layout);
  return exit_ok;
}

// `xport sysroot add NAME MEDIA...`: packages layered onto a sysroot, for the target it was
// imported for (its profile from the catalog, with any --profile files).
struct SizeLimits {
  uint64_t member = sysroot::default_max_member_size;
  uint64_t total = 0; // 0 = the default of the media's size
};

int run_add(TargetOptions target, const StoreOption& store, const std::string& name,
            const std::vector<std::string>& media, const std::vector<std::string>& debs, bool all,
            const SizeLimits& limits, bool as_json) {
  if (media.empty() && debs.empty())
    throw UsageError("sysroot add {}: name the packages to layer: MEDIA (.deb, .pkg, tar files, "
                     "folders) or --deb PACKAGE...",
                     name);
  sysroot::Store opened = store.open();
  sysroot::Sysroot existing = opened.get(name);
  if (target.target.empty())
    target.target = existing.manifest.target;
  else if (target.target != existing.manifest.target)
    throw UsageError("--target {}: the sysroot '{}' was imported for {}; layer packages for {} "
                     "onto it, or import another sysroot for {}",
                     target.target, name, existing.manifest.target, existing.manifest.target,
                     target.target);
  target::ResolvedProfile profile = resolve_target(target);
  sysroot::LayerSources sources{name, media, debs, {}};
  sources.settings.all = all;
  sources.settings.max_member_size = limits.member;
  sources.settings.max_total_size = limits.total;
  sysroot::FetchObserver apt_observer;
  apt_observer.say = [](const std::string& line) { std::cerr << "xport: " << line << "\n"; };
  sysroot::LayerPlan plan = sysroot::plan_layer(
      opened, existing, profile.profile, std::move(sources),
      [&](const sysroot::MediumSource& medium, const std::filesystem::path& staging) {
        return driver::stage_abi_layer(medium, profile.profile, staging,
                                       util::current_environment());
      },
      apt_observer);
  if (const auto& tree = plan.tree) {
    std::cerr << fmt::format("xport: {} tree at {}: {}; {} symbol files, stubs made\n",
                             profile.profile.symbol_abi->format, media[0],
                             tree->identity.explained(), tree->libraries.size());
    for (const std::string& d : tree->duplicates)
      std::cerr << "xport: note: two symbol files for " << d << "\n";
  }
  if (const auto& resolved = plan.apt) {
    for (const std::string& a : resolved->already)
      std::cerr << fmt::format("xport: {} is in the sysroot '{}' already\n", a, name);
    if (!resolved->host_tools.empty())
      std::cerr << fmt::format("xport: apt-get would also install on this machine (not layered; "
                               "install them if the build runs them): {}\n",
                               fmt::join(resolved->host_tools, ", "));
    if (plan.nothing_to_add()) {
      if (as_json) {
        json out = summary_json(existing);
        out["apt"] = {{"layered", json::array()}, {"already", resolved->already}};
        std::cout << util::json_text(out) << "\n";
      } else
        std::cout << fmt::format("nothing to add to sysroot '{}': it holds {} already\n", name,
                                 fmt::join(resolved->already, ", "));
      return exit_ok;
    }
    if (!as_json)
      for (std::size_t i = 0; i < resolved->debs.size(); ++i)
        std::cout << fmt::format("apt-get: {} ({}, checked by apt)\n", resolved->layered[i],
                                 resolved->debs[i].filename().string());
  }
  plan.request.digest_cache = util::cache_home(util::current_environment()) / "media-digests";
  sysroot::Sysroot s = [&] {
    ImportProgressBar bar;
    return opened.add(name, profile.profile, plan.request, &bar, [&] {
      std::cerr << fmt::format("xport: waiting for another change to '{}' to finish...\n", name);
    });
  }();
  for (const std::string& w : s.warnings)
    std::cerr << "xport: warning: " << w << "\n";
  const sysroot::Layer& layer = s.manifest.layers.back();
  if (as_json) {
    json out = summary_json(s);
    out["warnings"] = s.warnings;
    out["layer"] = {
        {"added_at", layer.added_at}, {"media", layer.media}, {"entries", layer.entries}};
    if (const auto& resolved = plan.apt)
      out["apt"] = {{"layered", resolved->layered},
                    {"already", resolved->already},
                    {"sysroot_holds", resolved->provided},
                    {"host_tools", resolved->host_tools},
                    {"cache", resolved->cache},
                    {"downloaded", resolved->debs.size() - resolved->from_cache}};
    std::cout << util::json_text(out) << "\n";
    return exit_ok;
  }
  std::cout << fmt::format("added {} media to sysroot '{}' (layer {}): {} entries; now {} files, "
                           "{}\n",
                           layer.media.size(), s.name, s.manifest.layers.size(), layer.entries,
                           s.manifest.entry_count(), human_size(s.manifest.total_bytes()));
  print_layout(s.manifest.layout);
  return exit_ok;
}

// What `sysroot fetch` takes besides the target and the store.
struct FetchOptions {
  std::string release, mirror, name;
  bool force = false;
  uint64_t max_download_size = 0, timeout = 0;
  std::vector<std::string> expect_sha256;
};

int run_fetch(const TargetOptions& target, const StoreOption& store, const FetchOptions& options,
              bool as_json) {
  const std::string& name = options.name;
  target::ResolvedProfile profile = resolve_target(target);
  for (const std::string& hex : options.expect_sha256)
    if (hex.size() != 64 || hex.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos)
      throw UsageError("--expect-sha256 {}: not a SHA-256 sum (64 hex digits)", hex);
  sysroot::FetchRequest request;
  request.release = options.release;
  request.mirror = options.mirror;
  request.max_download_size = options.max_download_size;
  request.timeout = options.timeout;
  request.expect_sha256 = options.expect_sha256;
  request.import.name = name;
  request.import.force = options.force;
  request.import.digest_cache = util::cache_home(util::current_environment()) / "media-digests";
  sysroot::Store opened = store.open();
  sysroot::FetchReport report;
  DownloadProgressLine line;
  ImportProgressBar bar;
  sysroot::FetchObserver observer;
  observer.progress = [&](const std::string& file, uint64_t done, uint64_t total) {
    line.update(file, done, total);
  };
  observer.say = [&](const std::string& text) {
    line.finish();
    std::cerr << "xport: " << text << "\n";
  };
  observer.import = &bar;
  std::string shown = name.empty() ? profile.profile.name : name;
  observer.on_wait = [&] {
    std::cerr << fmt::format("xport: waiting for another import of '{}' to finish...\n", shown);
  };
  sysroot::Sysroot s = sysroot::fetch(opened, profile.profile, request, observer, report);
  line.finish();
  for (const std::string& note : report.notes)
    std::cerr << "xport: note: " << note << "\n";
  for (const std::string& w : s.manifest.warnings)
    std::cerr << "xport: warning: " << w << "\n";
  if (as_json) {
    json files = json::array();
    for (const auto& f : report.files)
      files.push_back({{"url", f.url},
                       {"checksum", f.algorithm + (f.hex.empty() ? "" : ":" + f.hex)},
                       {"cached", f.from_cache},
                       {"pinned", f.pinned},
                       {"downloaded_bytes", f.bytes},
                       {"resumed_from", f.resumed_from}});
    json out = summary_json(s);
    out["release"] = report.release;
    out["mirror"] = report.mirror;
    out["checksums_signed_by"] = report.list_signed_by;
    out["notes"] = report.notes;
    out["downloads"] = files;
    out["downloaded_nothing"] = report.downloaded_nothing();
    out["warnings"] = s.manifest.warnings;
    std::cout << util::json_text(out) << "\n";
    return exit_ok;
  }
  for (const auto& f : report.files) {
    std::string how = f.from_cache ? "cached" : fmt::format("downloaded {}", human_size(f.bytes));
    if (f.resumed_from > 0)
      how += fmt::format(", resumed after {}", human_size(f.resumed_from));
    std::cout << fmt::format("{}: {}{}{}\n", f.url, how,
                             f.hex.empty() ? std::string(", checked by apt")
                                           : fmt::format(", {} {}", f.algorithm, f.hex),
                             f.pinned.empty() ? "" : ", matches the pinned digest");
  }
  if (report.downloaded_nothing())
    std::cout << "nothing downloaded: every file was in the download cache (" << report.cache
              << ")\n";
  std::cout << fmt::format(
      "imported sysroot '{}' for {} (release {}): {} files, {} from {} media\n", s.name,
      s.manifest.target, report.release, s.manifest.entry_count(),
      human_size(s.manifest.total_bytes()), s.manifest.media.size());
  std::cout << fmt::format("root:            {}\n", s.root.string());
  print_layout(s.manifest.layout);
  return exit_ok;
}

int run_list(const StoreOption& store, bool as_json) {
  std::vector<sysroot::Sysroot> all = store.open().list();
  if (as_json) {
    json out = json::array();
    for (const auto& s : all)
      out.push_back(summary_json(s));
    std::cout << util::json_text(out) << "\n";
    return exit_ok;
  }
  if (all.empty()) {
    std::cout << "no sysroots; import one with 'xport sysroot import MEDIA --target T'\n";
    return exit_ok;
  }
  std::size_t w0 = 4, w1 = 6;
  for (const auto& s : all) {
    w0 = std::max(w0, s.name.size());
    w1 = std::max(w1, s.manifest.target.size());
  }
  std::cout << fmt::format("{:<{}}  {:<{}}  {:>8}  {:>10}  {}\n", "NAME", w0, "TARGET", w1, "FILES",
                           "SIZE", "LAYOUT");
  for (const auto& s : all)
    std::cout << fmt::format("{:<{}}  {:<{}}  {:>8}  {:>10}  {}\n", s.name, w0, s.manifest.target,
                             w1, s.manifest.entry_count(), human_size(s.manifest.total_bytes()),
                             s.manifest.layout.kind);
  return exit_ok;
}

int run_show(const StoreOption& store, const std::string& name, bool as_json) {
  sysroot::Sysroot s = store.open().get(name);
  std::optional<sysroot::SymbolAbiLayer> layer = sysroot::read_symbol_abi_layer(s.root);
  if (as_json) {
    json out = sysroot::to_json(s.manifest);
    out["root"] = s.root.string();
    if (layer)
      out["symbol_abi"] = {{"format", layer->format},
                           {"source", layer->source},
                           {"tree", layer->identity.text()},
                           {"libraries", layer->libraries}};
    std::cout << util::json_text(out) << "\n";
    return exit_ok;
  }
  const sysroot::Manifest& m = s.manifest;
  std::cout << fmt::format("sysroot:         {}\ntarget:          {}\nroot:            {}\n",
                           s.name, m.target, s.root.string());
  std::cout << fmt::format("imported:        {} by xport {}{}\n", m.imported_at, m.xport_version,
                           m.settings.all ? " (--all)" : "");
  std::cout << fmt::format("contents:        {} files, {}\n", m.entry_count(),
                           human_size(m.total_bytes()));
  print_layout(m.layout);
  if (layer)
    std::cout << fmt::format("symbol ABI:      {} tree at {}, {} libraries, from {}\n",
                             layer->format, layer->identity.text(), layer->libraries.size(),
                             layer->source);
  std::cout << "layers:\n";
  for (std::size_t l = 0; l < m.layers.size(); ++l) {
    std::cout << fmt::format("  {} {} {}: {} entries\n", l + 1, l == 0 ? "imported" : "added   ",
                             m.layers[l].added_at, m.layers[l].entries);
    for (std::size_t i : m.layers[l].media) {
      const sysroot::MediumRecord& medium = m.media[i];
      std::cout << fmt::format("    {}\n      {}, {}\n", medium.path, medium.format,
                               human_size(medium.size));
      if (!medium.xxh3_128.empty())
        std::cout << fmt::format("      xxh3-128 {} (the whole file)\n", medium.xxh3_128);
      if (!medium.sha256.empty())
        std::cout << fmt::format(
            "      sha256   {} (the whole file, as --expect-sha256 required)\n", medium.sha256);
      if (const sysroot::MediumOrigin& o = medium.origin; !o.url.empty())
        std::cout << fmt::format("      fetched from {}: {} as its checksum list published{}{}\n",
                                 o.url, o.published,
                                 o.signed_by.empty() ? "" : " (signed, key " + o.signed_by + ")",
                                 o.pinned.empty() ? "" : ", the pinned digest");
    }
  }
  std::cout << fmt::format("file digests:    {} of each file's data, as written; "
                           "`xport sysroot verify` recomputes them\n",
                           util::digest_name(m.file_digest));
  if (!m.linker_scripts.empty()) {
    std::cout << "linker scripts:\n";
    for (const auto& script : m.linker_scripts)
      std::cout << fmt::format("  {} ({})\n", script.path, script.treatment);
  }
  for (const std::string& w : m.warnings)
    std::cout << "warning: " << w << "\n";
  return exit_ok;
}

int run_verify(const StoreOption& store, const std::string& name, bool as_json) {
  sysroot::VerifyReport r = store.open().verify(name);
  auto problems_json = [](const std::vector<sysroot::VerifyProblem>& list) {
    json out = json::array();
    for (const auto& p : list)
      out.push_back({{"path", p.path}, {"detail", p.detail}});
    return out;
  };
  if (as_json) {
    std::cout << util::json_text(json{{"name", r.name},
                                      {"checked", r.checked},
                                      {"ok", r.ok()},
                                      {"changed", problems_json(r.changed)},
                                      {"missing", problems_json(r.missing)},
                                      {"extra", problems_json(r.extra)}})
              << "\n";
    return r.ok() ? exit_ok : exit_failed;
  }
  for (const auto& p : r.changed)
    std::cout << fmt::format("changed: {} ({})\n", p.path, p.detail);
  for (const auto& p : r.missing)
    std::cout << fmt::format("missing: {} ({})\n", p.path, p.detail);
  for (const auto& p : r.extra)
    std::cout << fmt::format("extra:   {} ({})\n", p.path, p.detail);
  std::cout << fmt::format("sysroot '{}': {} paths checked, {} changed, {} missing, {} extra\n",
                           r.name, r.checked, r.changed.size(), r.missing.size(), r.extra.size());
  return r.ok() ? exit_ok : exit_failed;
}

int run_remove(const StoreOption& store, const std::string& name, bool as_json) {
  sysroot::Store opened = store.open();
  opened.remove(name);
  if (as_json)
    std::cout << util::json_text(json{{"removed", name}, {"store", opened.dir().string()}}) << "\n";
  else
    std::cout << fmt::format("removed sysroot '{}'\n", name);
  return exit_ok;
}

} // namespace

int run_sysroot(const Invocation& inv) {
  CLI::App app{"Sysroots imported from OS media (ISO images, tar archives, .deb packages, "
               "folders), kept in a store with a manifest"};
  app.require_subcommand(1);
  StoreOption store;
  bool as_json = false;

  CLI::App* import = app.add_subcommand("import", "import MEDIA... as a sysroot for --target");
  TargetOptions target;
  std::vector<std::string> media;
  std::string name;
  bool all = false, force = false;
  uint64_t max_member_size = sysroot::default_max_member_size;
  uint64_t max_total_size = 0;
  std::vector<std::string> expect_sha256;
  std::string file_digest = "xxh3-128";
  import
      ->add_option("MEDIA", media,
                   "ISO images, tar archives (any compression), .deb files, folders")
      ->required();
  add_target_options(*import, target);
  import->add_option("--name", name, "the sysroot's name (default: the target's name)");
  import->add_flag("--all", all, "take every member, not just what a sysroot needs");
  import->add_flag("--force", force, "replace a sysroot of the same name (atomically)");
  import
      ->add_option("--max-member-size", max_member_size,
                   "refuse a member larger than this (default 4GiB; accepts K, M, G suffixes)")
      ->transform(CLI::AsSizeValue(false));
  import
      ->add_option("--max-total-size", max_total_size,
                   "refuse media that expand past this in all (default: 64 times their size, at "
                   "least 256MiB); the store's free space less a reserve is a limit besides")
      ->transform(CLI::AsSizeValue(false));
  import->add_option("--expect-sha256", expect_sha256,
                     "the SHA-256 the medium must have (the checksum its OS publishes); one per "
                     "medium, in order; a mismatch refuses the import");
  import
      ->add_option("--file-digest", file_digest,
                   "how each file's data is hashed for the manifest and verify: xxh3-128 "
                   "(default, fast) or sha256")
      ->check(CLI::IsMember({"xxh3-128", "sha256"}));
  add_store_option(*import, store);
  import->add_flag("--json", as_json, "print the result as JSON");

  CLI::App* add =
      app.add_subcommand("add", "layer packages (.deb, FreeBSD .pkg, tar, folders) onto a sysroot");
  std::string add_name;
  std::vector<std::string> add_media;
  bool add_all = false;
  TargetOptions add_target;
  add->add_option("NAME", add_name, "the sysroot")->required();
  std::vector<std::string> add_debs;
  add->add_option("MEDIA", add_media,
                  "packages for the sysroot's target: .deb files (zlib1g-dev_*_arm64.deb), "
                  "FreeBSD .pkg files, tar archives, folders");
  add->add_option("--deb", add_debs,
                  "Debian packages for the sysroot's architecture (zlib1g-dev, "
                  "libssl-dev:arm64), resolved with their dependencies and downloaded by apt-get "
                  "from this machine's configured archive, without root; what the sysroot holds "
                  "is not fetched again");
  add_target_options(*add, add_target, TargetOption::optional);
  add->add_flag("--all", add_all, "take every member, not just what a sysroot needs");
  SizeLimits add_limits;
  add->add_option("--max-member-size", add_limits.member,
                  "refuse a member larger than this (default 4GiB; accepts K, M, G suffixes)")
      ->transform(CLI::AsSizeValue(false));
  add->add_option("--max-total-size", add_limits.total,
                  "refuse media that expand past this in all (default: 64 times their size, at "
                  "least 256MiB); the store's free space less a reserve is a limit besides")
      ->transform(CLI::AsSizeValue(false));
  add_store_option(*add, store);
  add->add_flag("--json", as_json, "print the result as JSON");

  CLI::App* fetch = app.add_subcommand(
      "fetch", "download TARGET's media from where its profile says, check them against the "
               "checksums its OS publishes, and import them");
  FetchOptions fetch_options;
  TargetOptions fetch_target;
  fetch
      ->add_option("TARGET", fetch_target.target,
                   "the target whose media are fetched; a word, not --target, as the target is "
                   "what the command is about (import and add take --target beside their MEDIA)")
      ->required();
  add_target_options(*fetch, fetch_target, TargetOption::none);
  fetch->add_option("--release", fetch_options.release, "the OS release (default: the profile's)");
  fetch->add_option("--mirror", fetch_options.mirror,
                    "another mirror: a URL or a local folder (default $XPORT_MIRROR_<OS>, else "
                    "the profile's)");
  fetch->add_option("--name", fetch_options.name,
                    "the sysroot's name (default: the target's name)");
  fetch->add_flag("--force", fetch_options.force,
                  "replace a sysroot of the same name (atomically)");
  fetch
      ->add_option("--max-download-size", fetch_options.max_download_size,
                   "stop and delete a medium's download past this size (default: the profile's "
                   "media.max-size, else 4GiB; accepts K, M, G suffixes)")
      ->transform(CLI::AsSizeValue(false));
  fetch
      ->add_option("--timeout", fetch_options.timeout,
                   "give up a medium's download after this many seconds (default "
                   "$XPORT_FETCH_TIMEOUT, else 3600; a checksum list gets at most 60); a partial "
                   "download is resumed by the next fetch")
      ->check(CLI::PositiveNumber);
  fetch->add_option("--expect-sha256", fetch_options.expect_sha256,
                    "the SHA-256 each medium must have, whatever the mirror's checksum list says "
                    "(a digest published elsewhere); one per medium, in the profile's order");
  add_store_option(*fetch, store);
  fetch->add_flag("--json", as_json, "print the result as JSON");

  CLI::App* list = app.add_subcommand("list", "list the sysroots in the store");
  add_store_option(*list, store);
  list->add_flag("--json", as_json, "print JSON");

  std::string subject;
  CLI::App* show = app.add_subcommand("show", "show a sysroot's layout, media and manifest");
  show->add_option("NAME", subject, "the sysroot")->required();
  add_store_option(*show, store);
  show->add_flag("--json", as_json, "print the manifest as JSON");

  CLI::App* verify =
      app.add_subcommand("verify", "re-hash a sysroot and report changed, missing, extra files");
  verify->add_option("NAME", subject, "the sysroot")->required();
  add_store_option(*verify, store);
  verify->add_flag("--json", as_json, "print JSON");

  CLI::App* remove = app.add_subcommand("rm", "remove a sysroot from the store");
  remove->add_option("NAME", subject, "the sysroot")->required();
  add_store_option(*remove, store);
  remove->add_flag("--json", as_json, "print JSON");

  if (auto status = parse(app, inv))
    return *status;
  if (import->parsed())
    return run_import(target, store, media, name, all, force, max_member_size, max_total_size,
                      expect_sha256, file_digest, as_json);
  if (add->parsed())
    return run_add(add_target, store, add_name, add_media, add_debs, add_all, add_limits, as_json);
  if (fetch->parsed())
    return run_fetch(fetch_target, store, fetch_options, as_json);
  if (list->parsed())
    return run_list(store, as_json);
  if (show->parsed())
    return run_show(store, subject, as_json);
  if (verify->parsed())
    return run_verify(store, subject, as_json);
  return run_remove(store, subject, as_json);
}

} // namespace xport::cli
