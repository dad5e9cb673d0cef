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
#include <sstream>
#include <unistd.h>

#include <fmt/format.h>

#include "sysroot/fetch.hpp"
#include "sysroot/fetch_plan.hpp"
#include "util/error.hpp"
#include "util/process.hpp"

namespace xport::sysroot {
namespace fs = std::filesystem;
namespace {

std::string read_text(const fs::path& file) {
  std::ifstream in(file);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  std::istringstream in{std::string(text)};
  std::string w;
  while (in >> w)
    out.push_back(w);
  return out;
}

std::string trim(std::string_view text) {
  std::size_t b = text.find_first_not_of(" \t\r");
  std::size_t e = text.find_last_not_of(" \t\r");
  return b == std::string_view::npos ? "" : std::string(text.substr(b, e - b + 1));
}

// The `deb` lines of a deb822 .sources file (sources.list(5)): one line per URI and suite.
void add_deb822(const std::string& text, std::vector<std::string>& out) {
  std::istringstream in(text + "\n\n");
  std::map<std::string, std::string> fields;
  std::string line, last;
  auto flush = [&] {
    std::vector<std::string> types = words(fields["types"]);
    bool enabled = fields["enabled"].empty() || fields["enabled"] == "yes";
    if (enabled && std::find(types.begin(), types.end(), "deb") != types.end()) {
      std::string options;
      if (!fields["signed-by"].empty() && fields["signed-by"].find('\n') == std::string::npos)
        options = fmt::format(" [signed-by={}]", fields["signed-by"]);
      for (const std::string& uri : words(fields["uris"]))
        for (const std::string& suite : words(fields["suites"]))
          out.push_back(fmt::format("deb{} {} {} {}", options, uri, suite, fields["components"]));
    }
    fields.clear();
  };
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] == '#')
      continue;
    if (trim(line).empty()) {
      if (!fields.empty())
        flush();
      continue;
    }
    if (line[0] == ' ' || line[0] == '\t') {
      if (!last.empty())
        fields[last] += "\n" + trim(line);
      continue;
    }
    std::size_t colon = line.find(':');
    if (colon == std::string::npos)
      continue;
    last = line.substr(0, colon);
    std::transform(last.begin(), last.end(), last.begin(), ::tolower);
    fields[last] = trim(line.substr(colon + 1));
  }
}

// The machine's configured `deb` entries, as one-line sources.
std::vector<std::string> machine_sources() {
  std::vector<std::string> out;
  auto add_list = [&](const fs::path& file) {
    std::istringstream in(read_text(file));
    std::string line;
    while (std::getline(in, line)) {
      std::string t = trim(line);
      if (t.starts_with("deb ") || t.starts_with("deb\t"))
        out.push_back(t);
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
      add_deb822(read_text(p), out);
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
  std::vector<std::string> w = words(line);
  std::size_t open = line.find(" (");
  std::size_t arch_open = line.rfind('[');
  std::size_t arch_close = line.rfind(']');
  if (w.size() < 3 || open == std::string::npos || arch_open == std::string::npos ||
      arch_close < arch_open)
    return std::nullopt;
  std::string name = w[1];
  std::string version = words(line.substr(open + 2))[0];
  std::string arch = line.substr(arch_open + 1, arch_close - arch_open - 1);
  if (std::size_t colon = name.find(':'); colon != std::string::npos)
    name.resize(colon);
  std::string escaped;
  for (char c : version)
    escaped += c == ':' ? std::string("%3a") : std::string(1, c);
  return fmt::format("{}_{}_{}.deb", name, escaped, arch);
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

  std::vector<std::string> sources = machine_sources();
  if (sources.empty())
    throw Error("this machine has no Debian archive configured (no 'deb' entry in "
                "/etc/apt/sources.list or /etc/apt/sources.list.d/): add one, or download the "
                "packages yourself and run 'xport sysroot import *.deb --target {}'",
                profile.name);
  fs::create_directories(apt_dir / "state" / "lists" / "partial");
  fs::create_directories(apt_dir / "cache" / "archives" / "partial");
  fs::create_directories(apt_dir / "sources.list.d");
  fs::create_directories(apt_dir / "preferences.d");
  {
    std::ofstream list(apt_dir / "sources.list");
    list << "# written by xport sysroot fetch from this machine's /etc/apt sources\n";
    for (const std::string& s : sources)
      list << s << "\n";
    std::ofstream status(apt_dir / "status", std::ios::app);
  }
  auto dir = [&](const char* sub) { return (apt_dir / sub).string(); };
  // This machine's architecture alone: not the foreign ones dpkg may have been given.
  Result<util::Completed> native = util::run_capture({"dpkg", "--print-architecture"});
  std::string native_arch = native && native->ok() ? trim(native->out) : "";
  std::vector<std::string> apt = {"apt-get",
                                  "-o",
                                  "Dir::State=" + dir("state"),
                                  "-o",
                                  "Dir::State::status=" + dir("status"),
                                  "-o",
                                  "Dir::Cache=" + dir("cache"),
                                  "-o",
                                  "Dir::Etc::sourcelist=" + dir("sources.list"),
                                  "-o",
                                  "Dir::Etc::sourceparts=" + dir("sources.list.d"),
                                  "-o",
                                  "Dir::Etc::preferencesparts=" + dir("preferences.d"),
                                  "-o",
                                  "APT::Architectures=" + native_arch,
                                  "-o",
                                  "Acquire::Languages=none",
                                  "-o",
                                  "APT::Sandbox::User=" + user_name(),
                                  "-o",
                                  "Debug::NoLocking=1"};
  auto run = [&](std::vector<std::string> args, bool to_stderr) {
    std::vector<std::string> argv = apt;
    argv.insert(argv.end(), args.begin(), args.end());
    Result<util::Completed> r = to_stderr ? util::run_to_stderr(argv) : util::run_capture(argv);
    if (!r)
      throw Error("cannot run apt-get: {}; xport fetches Debian packages through it", r.error());
    if (!r->ok())
      throw Error("'{}' failed (exit {}){}{}", util::shell_join(argv), r->exit_code,
                  r->err.empty() ? "" : ":\n", trim(r->err));
    return std::move(*r);
  };

  if (observer.say)
    observer.say(fmt::format("apt-get update, from this machine's archive ({} sources), into {}",
                             sources.size(), apt_dir.string()));
  run({"-q", "update"}, false);
  std::vector<std::string> simulate = {"-s", "-q", "--no-install-recommends", "install"};
  simulate.insert(simulate.end(), packages.begin(), packages.end());
  util::Completed plan = run(simulate, false);
  std::vector<fs::path> debs;
  std::istringstream lines(plan.out);
  std::string line;
  fs::path archives = apt_dir / "cache" / "archives";
  std::set<fs::path> before;
  while (std::getline(lines, line))
    if (auto file = deb_file_of(line)) {
      debs.push_back(archives / *file);
      std::error_code ec;
      if (fs::exists(debs.back(), ec))
        before.insert(debs.back());
    }
  if (debs.empty())
    throw Error("apt-get resolved no packages for {} from {}:\n{}", fmt::join(packages, " "),
                dir("sources.list"), trim(plan.out));
  if (before.size() < debs.size()) {
    std::vector<std::string> download = {"-q", "-y", "--download-only", "--no-install-recommends",
                                         "install"};
    download.insert(download.end(), packages.begin(), packages.end());
    run(download, false);
  }
  report.release = "the machine's configured suites";
  report.mirror = dir("sources.list");
  report.cache = archives.string();
  for (const fs::path& deb : debs) {
    std::error_code ec;
    if (!fs::exists(deb, ec))
      throw Error("apt-get did not download {} into {}; run 'xport sysroot fetch {}' again",
                  deb.filename().string(), archives.string(), profile.name);
    report.files.push_back({deb.filename().string(), "apt", "", before.contains(deb),
                            before.contains(deb) ? 0 : fs::file_size(deb, ec), 0});
  }
  return debs;
}

} // namespace xport::sysroot
