// fetch_with_apt (see fetch.hpp): Debian packages through apt-get itself, so the dependencies are
// resolved and the downloads checked (Release signatures, then each package's hash) by apt. apt
// runs with every folder it writes moved under <store>/apt:
//   apt/sources.list   the machine's `deb` entries (sources.list, sources.list.d/*.list and the
//                      deb822 *.sources), rewritten as one-line entries
//   apt/status         empty: to this apt nothing is installed, so every dependency is fetched
//   apt/state, apt/cache/archives  its package lists and the .deb files it downloaded
// Only the machine's own architecture's lists are read: the cross packages (libc6-dev-arm64-cross
// ...) are Architecture: all, so no `dpkg --add-architecture`, no root and no change to the
// machine.
#include <algorithm>
#include <fstream>
#include <pwd.h>
#include <set>
#include <unistd.h>

#include <fmt/format.h>

#include "sysroot/fetch.hpp"
#include "sysroot/fetch_plan.hpp"
#include "sysroot/store_lock.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/process.hpp"
#include "util/text.hpp"

namespace xport::sysroot {
namespace fs = std::filesystem;
namespace {

// What apt's field values and messages are trimmed of.
constexpr std::string_view blanks = " \t\r\n";

// The stanzas of a file of RFC 822 style fields (dpkg's status, deb822 .sources): "Field: value"
// lines, continued by lines that start with a space, stanzas apart by blank lines; '#' lines are
// comments. A continued value keeps its lines as they are ("first\n second").
using Stanza = std::map<std::string, std::string>;
std::vector<Stanza> stanzas(const std::string& text) {
  std::vector<Stanza> out;
  Stanza fields;
  const std::string padded = text + "\n\n";
  std::string last;
  for (std::string_view line : util::lines(padded)) {
    if (line.starts_with('#'))
      continue;
    if (util::trim(line, blanks).empty()) {
      if (!fields.empty())
        out.push_back(std::move(fields));
      fields.clear();
      continue;
    }
    if (line[0] == ' ' || line[0] == '\t') {
      if (!last.empty())
        fields[last].append("\n").append(line);
      continue;
    }
    std::size_t colon = line.find(':');
    if (colon == std::string::npos)
      continue;
    last = line.substr(0, colon);
    fields[last] = util::trim(line.substr(colon + 1), blanks);
  }
  return out;
}

// The `deb` lines of a deb822 .sources file (sources.list(5); field names in any case): one line
// per URI and suite.
void add_deb822(const std::string& text, std::vector<std::string>& out) {
  for (const Stanza& stanza : stanzas(text)) {
    Stanza fields;
    for (const auto& [name, value] : stanza) {
      std::string lower = name;
      std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
      fields[lower] = value;
    }
    std::vector<std::string_view> types = util::words(fields["types"]);
    bool enabled = fields["enabled"].empty() || fields["enabled"] == "yes";
    if (!enabled || std::find(types.begin(), types.end(), "deb") == types.end())
      continue;
    std::string options;
    if (!fields["signed-by"].empty() && fields["signed-by"].find('\n') == std::string::npos)
      options = fmt::format(" [signed-by={}]", fields["signed-by"]);
    for (std::string_view uri : util::words(fields["uris"]))
      for (std::string_view suite : util::words(fields["suites"]))
        out.push_back(fmt::format("deb{} {} {} {}", options, uri, suite,
                                  fmt::join(util::words(fields["components"]), " ")));
  }
}

// The machine's configured `deb` entries, as one-line sources.
std::vector<std::string> machine_sources() {
  std::vector<std::string> out;
  auto add_list = [&](const fs::path& file) {
    const std::string text = util::read_file(file);
    for (std::string_view line : util::lines(text)) {
      std::string_view t = util::trim(line, blanks);
      if (t.starts_with("deb ") || t.starts_with("deb\t"))
        out.emplace_back(t);
    }
  };
  std::error_code ec;
  if (fs::exists("/etc/apt/sources.list", ec))
    add_list("/etc/apt/sources.list");
  std::vector<fs::path> parts;
  for (auto it = fs::directory_iterator("/etc/apt/sources.list.d", ec);
       !ec && it != fs::directory_iterator(); it.increment(ec))
    parts.push_back(it->path());
  std::sort(parts.begin(), parts.end());
  for (const fs::path& p : parts) {
    if (p.extension() == ".list")
      add_list(p);
    else if (p.extension() == ".sources")
      add_deb822(util::read_file(p), out);
  }
  return out;
}

std::string user_name() {
  if (const passwd* pw = ::getpwuid(::getuid()))
    return pw->pw_name;
  return "root";
}

// "Inst libc6-arm64-cross (2.36-8cross1 Debian:12.5/stable [all])" -> the .deb's file name as
// apt-get names it in its archives folder.
std::optional<std::string> deb_file_of(const std::string& line) {
  if (!line.starts_with("Inst "))
    return std::nullopt;
  std::vector<std::string_view> w = util::words(line);
  std::size_t open = line.find(" (");
  std::size_t arch_open = line.rfind('[');
  std::size_t arch_close = line.rfind(']');
  if (w.size() < 3 || open == std::string::npos || arch_open == std::string::npos ||
      arch_close < arch_open)
    return std::nullopt;
  std::string name(w[1]);
  std::string version(util::words(std::string_view(line).substr(open + 2))[0]);
  std::string arch = line.substr(arch_open + 1, arch_close - arch_open - 1);
  if (std::size_t colon = name.find(':'); colon != std::string::npos)
    name.resize(colon);
  std::string escaped;
  for (char c : version)
    escaped += c == ':' ? std::string("%3a") : std::string(1, c);
  return fmt::format("{}_{}_{}.deb", name, escaped, arch);
}

// The Debian architectures apt resolves for, and the files it reads and writes. Every folder apt
// would write is under the store's apt/ folder; the machine's own state is only read.
struct AptSetup {
  fs::path apt_dir;                // <store>/apt
  fs::path state;                  // its package lists
  fs::path status;                 // the dpkg status it believes
  std::vector<std::string> arches; // APT::Architectures, the machine's first
};

// One planned package, from apt-get -s: "Inst zlib1g:arm64 (1:1.2.13 Debian:12 [arm64])".
struct Planned {
  std::string name, version, arch;
  std::string file; // its .deb in apt's archives folder
};

std::optional<Planned> planned_of(const std::string& line) {
  std::optional<std::string> file = deb_file_of(line);
  if (!file)
    return std::nullopt;
  Planned p;
  p.file = *file;
  std::vector<std::string_view> w = util::words(line);
  p.name = w[1];
  if (std::size_t colon = p.name.find(':'); colon != std::string::npos)
    p.name.resize(colon);
  p.version = util::words(std::string_view(line).substr(line.find(" (") + 2))[0];
  std::size_t open = line.rfind('['), close = line.rfind(']');
  p.arch = line.substr(open + 1, close - open - 1);
  return p;
}

class PrivateApt {
public:
  explicit PrivateApt(AptSetup setup) : setup_(std::move(setup)) {
    sources_ = machine_sources();
    if (sources_.empty())
      throw Error("this machine has no Debian archive configured (no 'deb' entry in "
                  "/etc/apt/sources.list or /etc/apt/sources.list.d/): add one, or download the "
                  "packages yourself and give xport the .deb files");
    const fs::path& a = setup_.apt_dir;
    fs::create_directories(setup_.state / "lists" / "partial");
    fs::create_directories(a / "cache" / "archives" / "partial");
    fs::create_directories(a / "sources.list.d");
    fs::create_directories(a / "preferences.d");
    std::ofstream list(a / "sources.list");
    list << "# written by xport from this machine's /etc/apt sources\n";
    for (const std::string& s : sources_)
      list << s << "\n";
    std::ofstream status(setup_.status, std::ios::app);
  }

  std::size_t source_count() const { return sources_.size(); }
  fs::path sources_list() const { return setup_.apt_dir / "sources.list"; }
  fs::path archives() const { return setup_.apt_dir / "cache" / "archives"; }

  util::Completed run(const std::vector<std::string>& args, bool tolerate_failure = false,
                      const std::string& command = "apt-get") const {
    auto dir = [&](const fs::path& p) { return p.string(); };
    const fs::path& a = setup_.apt_dir;
    std::vector<std::string> argv = {
        command,
        "-o",
        "Dir::State=" + dir(setup_.state),
        "-o",
        "Dir::State::status=" + dir(setup_.status),
        "-o",
        "Dir::Cache=" + dir(a / "cache"),
        "-o",
        "Dir::Etc::sourcelist=" + dir(a / "sources.list"),
        "-o",
        "Dir::Etc::sourceparts=" + dir(a / "sources.list.d"),
        "-o",
        "Dir::Etc::preferencesparts=" + dir(a / "preferences.d"),
        "-o",
        fmt::format("APT::Architectures={}", fmt::join(setup_.arches, ",")),
        "-o",
        "Acquire::Languages=none",
        "-o",
        "APT::Sandbox::User=" + user_name(),
        "-o",
        "Debug::NoLocking=1"};
    argv.insert(argv.end(), args.begin(), args.end());
    Result<util::Completed> r = util::run_capture(argv);
    if (!r)
      throw Error("cannot run {}: {}; xport fetches Debian packages through it", command,
                  r.error());
    if (!r->ok() && !tolerate_failure)
      throw Error("'{}' failed (exit {}){}{}", util::shell_join(argv), r->exit_code,
                  r->err.empty() ? "" : ":\n", util::trim(r->err, blanks));
    return std::move(*r);
  }

  void update() const { run({"-q", "update"}); }

  // What `apt-get install` would install, in its order.
  std::vector<Planned> plan(const std::vector<std::string>& packages, bool reinstall) const {
    std::vector<std::string> args = {"-s", "-q", "--no-install-recommends"};
    if (reinstall)
      args.push_back("--reinstall");
    args.push_back("install");
    args.insert(args.end(), packages.begin(), packages.end());
    util::Completed r = run(args, true);
    if (!r.ok())
      throw Error("apt-get cannot install {} from this machine's archive ({}):\n{}\nSee which "
                  "packages exist with 'apt-cache search NAME' (for another architecture, name "
                  "it as NAME:ARCH)",
                  fmt::join(packages, " "), sources_list().string(), util::trim(r.err, blanks));
    std::vector<Planned> out;
    for (std::string_view line : util::lines(r.out))
      if (auto p = planned_of(std::string(line)))
        out.push_back(std::move(*p));
    return out;
  }

  // Downloads what plan() named into archives(); returns how many were there before.
  std::size_t download(const std::vector<std::string>& packages, bool reinstall,
                       const std::vector<Planned>& planned) const {
    std::size_t cached = 0;
    for (const Planned& p : planned) {
      std::error_code ec;
      cached += fs::exists(archives() / p.file, ec) ? 1 : 0;
    }
    if (cached < planned.size()) {
      std::vector<std::string> args = {"-q", "-y", "--download-only", "--no-install-recommends"};
      if (reinstall)
        args.push_back("--reinstall");
      args.push_back("install");
      args.insert(args.end(), packages.begin(), packages.end());
      run(args);
    }
    return cached;
  }

private:
  AptSetup setup_;
  std::vector<std::string> sources_;
};

// One apt at a time in a store's apt folder: it runs with its own locking off.
StoreLock lock_apt(const fs::path& apt_dir, const FetchObserver& observer) {
  fs::create_directories(apt_dir);
  return StoreLock::acquire(apt_dir / ".lock", [&] {
    if (observer.say)
      observer.say(
          fmt::format("waiting for another apt-get run in {} to finish...", apt_dir.string()));
  });
}

std::string native_architecture() {
  Result<util::Completed> native = util::run_capture({"dpkg", "--print-architecture"});
  return native && native->ok() ? std::string(util::trim(native->out, blanks)) : "";
}

std::string stanza_text(const Stanza& fields) {
  static const std::vector<std::string> first = {"Package", "Status", "Architecture", "Multi-Arch",
                                                 "Version"};
  std::string out;
  for (const std::string& key : first)
    if (auto it = fields.find(key); it != fields.end())
      out += fmt::format("{}: {}\n", key, it->second);
  for (const auto& [key, value] : fields)
    if (std::find(first.begin(), first.end(), key) == first.end())
      out += fmt::format("{}: {}\n", key, value);
  return out + "\n";
}

// The Debian packages a sysroot already holds, by the names a multiarch system gives them:
// its .deb media (libc6-dev-arm64-cross_2.36-8cross1_all.deb -> libc6-dev), and, for media that
// were folders or archives, what its files show (libc.so.6 -> libc6).
std::set<std::string> packages_in(const Manifest& manifest, const std::string& deb_arch) {
  std::set<std::string> names;
  std::string cross = fmt::format("-{}-cross", deb_arch);
  for (const MediumRecord& m : manifest.media) {
    if (!m.format.starts_with("deb"))
      continue;
    std::string file = fs::path(m.path).filename().string();
    std::string name = file.substr(0, file.find('_'));
    if (name.ends_with(cross))
      name.resize(name.size() - cross.size());
    else if (name.ends_with("-cross") || name.ends_with("-cross-base"))
      continue;
    names.insert(name);
  }
  static const std::vector<std::pair<std::string, std::string>> evidence = {
      {"libc.so.6", "libc6"},
      {"libc_nonshared.a", "libc6-dev"},
      {"linux/version.h", "linux-libc-dev"},
      {"libgcc_s.so.1", "libgcc-s1"},
      {"libstdc++.so.6", "libstdc++6"}};
  for (const FileRecord& f : manifest.files)
    for (const auto& [suffix, name] : evidence)
      if (f.path.ends_with("/" + suffix))
        names.insert(name);
  return names;
}

} // namespace

std::vector<fs::path> fetch_with_apt(const fs::path& apt_dir, const target::Profile& profile,
                                     const FetchObserver& observer, FetchReport& report) {
  const target::MediaSource& media = *profile.media;
  if (media.packages.empty())
    throw Error("the target '{}' fetches with apt but names no packages (media.packages)",
                profile.name);
  std::map<std::string, std::string> values{
      {"arch", media.arch.empty() ? profile.arch : media.arch}};
  std::vector<std::string> packages;
  for (const std::string& p : media.packages)
    packages.push_back(expand_template(p, values, "packages"));

  // The cross packages (libc6-dev-arm64-cross ...) are Architecture: all, so this machine's
  // architecture alone is read, not the foreign ones dpkg may have been given; to this apt nothing
  // is installed (an empty status), so every dependency is fetched.
  StoreLock lock = lock_apt(apt_dir, observer);
  PrivateApt apt({apt_dir, apt_dir / "state", apt_dir / "status", {native_architecture()}});
  if (observer.say)
    observer.say(fmt::format("apt-get update, from this machine's archive ({} sources), into {}",
                             apt.source_count(), apt_dir.string()));
  apt.update();
  std::vector<Planned> planned = apt.plan(packages, false);
  if (planned.empty())
    throw Error("apt-get resolved no packages for {} from {}", fmt::join(packages, " "),
                apt.sources_list().string());
  std::set<std::string> cached;
  for (const Planned& p : planned) {
    std::error_code ec;
    if (fs::exists(apt.archives() / p.file, ec))
      cached.insert(p.file);
  }
  apt.download(packages, false, planned);
  report.release = "the machine's configured suites";
  report.mirror = apt.sources_list().string();
  report.cache = apt.archives().string();
  std::vector<fs::path> debs;
  for (const Planned& p : planned) {
    fs::path deb = apt.archives() / p.file;
    std::error_code ec;
    if (!fs::exists(deb, ec))
      throw Error("apt-get did not download {} into {}; run 'xport sysroot fetch {}' again", p.file,
                  apt.archives().string(), profile.name);
    bool from_cache = cached.contains(p.file);
    report.files.push_back(
        {p.file, "apt", "", from_cache, from_cache ? 0 : fs::file_size(deb, ec), 0, ""});
    debs.push_back(deb);
  }
  return debs;
}

DebResolution resolve_debs_with_apt(const fs::path& apt_dir, const target::Profile& profile,
                                    const Manifest& sysroot, const std::vector<std::string>& wanted,
                                    const FetchObserver& observer) {
  if (!profile.media || profile.media->kind != "apt" || profile.media->arch.empty())
    throw UsageError("--deb: the target '{}' has no Debian architecture (its profile's [media] "
                     "is not apt with media.arch); give the .deb files as MEDIA instead",
                     profile.name);
  const std::string deb_arch = profile.media->arch;
  const std::string native = native_architecture();

  // The packages as apt takes them: name[:arch][=version], for the sysroot's architecture.
  std::vector<std::string> packages;
  std::set<std::string> requested;
  for (const std::string& spec : wanted) {
    std::string name = spec.substr(0, spec.find_first_of(":="));
    std::string rest = spec.substr(name.size());
    std::string arch, version;
    if (rest.starts_with(":")) {
      arch = rest.substr(1, rest.find('=') == std::string::npos ? std::string::npos
                                                                : rest.find('=') - 1);
      rest = rest.substr(1 + arch.size());
    }
    if (rest.starts_with("="))
      version = rest.substr(1);
    bool name_ok = name.size() >= 2 && std::isalnum(static_cast<unsigned char>(name[0])) &&
                   std::all_of(name.begin(), name.end(), [](char c) {
                     return std::islower(static_cast<unsigned char>(c)) ||
                            std::isdigit(static_cast<unsigned char>(c)) || c == '+' || c == '-' ||
                            c == '.';
                   });
    if (!name_ok || (rest.starts_with("=") && version.empty()))
      throw UsageError("--deb {}: not a Debian package name (name[:arch][=version], as "
                       "'zlib1g-dev:{}')",
                       spec, deb_arch);
    if (!arch.empty() && arch != deb_arch && arch != "all")
      throw UsageError("--deb {}: that is the {} build; the sysroot is for {} ({} in Debian): "
                       "name {}:{}",
                       spec, arch, profile.name, deb_arch, name, deb_arch);
    requested.insert(name);
    packages.push_back(fmt::format("{}:{}{}", name, arch.empty() ? deb_arch : arch,
                                   version.empty() ? "" : "=" + version));
  }

  // apt reads the machine's architecture and the sysroot's; to it, the machine's packages are
  // installed (so build tools are not fetched), and so are those the sysroot already holds,
  // declared without dependencies (so its libc is not fetched again in Debian's multiarch layout).
  StoreLock lock = lock_apt(apt_dir, observer);
  fs::path own = apt_dir / ("multiarch-" + deb_arch);
  fs::create_directories(own);
  std::set<std::string> provided = packages_in(sysroot, deb_arch);
  DebResolution out;
  std::vector<std::string> to_install;
  for (std::size_t i = 0; i < packages.size(); ++i) {
    std::string name = packages[i].substr(0, packages[i].find(':'));
    if (provided.contains(name))
      out.already.push_back(wanted[i]);
    else
      to_install.push_back(packages[i]);
  }
  if (to_install.empty())
    return out;

  std::vector<std::string> arches = {native};
  if (deb_arch != native)
    arches.push_back(deb_arch);
  // The status is written before apt runs and holds no sysroot packages yet: apt-cache, run first,
  // names the versions they are declared at.
  { std::ofstream(own / "status", std::ios::trunc); }
  PrivateApt apt({apt_dir, own / "state", own / "status", arches});
  if (observer.say)
    observer.say(fmt::format("apt-get update for {} and {}, from this machine's archive ({} "
                             "sources), into {}",
                             native, deb_arch, apt.source_count(), own.string()));
  apt.update();

  std::string status;
  std::set<std::string> host_names;
  std::map<std::string, std::string> host_versions; // Multi-Arch: same ones, kept in step
  for (auto& fields : stanzas(util::read_file("/var/lib/dpkg/status"))) {
    if (fields["Architecture"] == deb_arch)
      continue; // the machine's own packages of the sysroot's architecture are not the sysroot's
    host_names.insert(fields["Package"]);
    if (fields["Multi-Arch"] == "same")
      host_versions[fields["Package"]] = fields["Version"];
    status += stanza_text(fields);
  }
  std::vector<std::string> show = {"show", "--no-all-versions"};
  for (const std::string& name : provided)
    show.push_back(name + ":" + deb_arch);
  util::Completed shown = apt.run(show, true, "apt-cache");
  std::vector<std::string> declared;
  for (auto& fields : stanzas(shown.out)) {
    Stanza entry{{"Package", fields["Package"]},
                 {"Status", "install ok installed"},
                 {"Architecture", deb_arch},
                 {"Version", fields["Version"]}};
    if (auto it = host_versions.find(fields["Package"]); it != host_versions.end())
      entry["Version"] = it->second;
    if (!fields["Multi-Arch"].empty())
      entry["Multi-Arch"] = fields["Multi-Arch"];
    if (!fields["Provides"].empty())
      entry["Provides"] = fields["Provides"];
    if (fields["Architecture"] != deb_arch || entry["Package"].empty())
      continue;
    status += stanza_text(entry);
    declared.push_back(entry["Package"]);
  }
  out.provided = declared;
  {
    std::ofstream file(own / "status", std::ios::trunc);
    file << status;
    if (!file)
      throw Error("cannot write apt's private status {}", (own / "status").string());
  }

  // Requested packages the machine has (Architecture: all headers) are reinstalled, so apt plans
  // them for the sysroot too.
  bool reinstall = std::any_of(requested.begin(), requested.end(),
                               [&](const std::string& n) { return host_names.contains(n); });
  std::vector<Planned> planned = apt.plan(to_install, reinstall);
  std::vector<Planned> layered;
  for (const Planned& p : planned) {
    if (p.arch == deb_arch || p.arch == "all")
      layered.push_back(p);
    else
      out.host_tools.push_back(fmt::format("{}:{} {}", p.name, p.arch, p.version));
  }
  if (layered.empty())
    throw Error("apt-get planned nothing for {} from {}: {}", fmt::join(to_install, " "),
                apt.sources_list().string(),
                planned.empty() ? "the packages are installed already"
                                : "every package it named is for this machine");
  out.from_cache = apt.download(to_install, reinstall, layered);
  for (const Planned& p : layered) {
    fs::path deb = apt.archives() / p.file;
    std::error_code ec;
    if (!fs::exists(deb, ec))
      throw Error("apt-get did not download {} into {}; run the command again", p.file,
                  apt.archives().string());
    out.debs.push_back(deb);
    out.layered.push_back(fmt::format("{}:{} {}", p.name, p.arch, p.version));
  }
  out.cache = apt.archives().string();
  return out;
}

} // namespace xport::sysroot
