// check_rust: the crate compiled for the target, the probe compiled until rustc accepts it, the
// answers compared with the C side. The rustc invocations follow rust/sysroot_build.cpp's (a JSON
// target, a sysroot of core and compiler_builtins built from the toolchain's source).
#include "abi/rust_check.hpp"

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <set>
#include <unistd.h>

#include <fmt/format.h>

#include "abi/rust_crate.hpp"
#include "abi/rust_probe.hpp"
#include "elf/elf_file.hpp"
#include "rust/cache.hpp"
#include "rust/spec_store.hpp"
#include "rust/sysroot_build.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/paths.hpp"
#include "util/text.hpp"

namespace xport::abi {
namespace fs = std::filesystem;
using nlohmann::json;
namespace {

// Each round drops the statics rustc reported; rustc stops after name resolution errors before it
// type-checks, and after type errors before it evaluates constants, so a few rounds are needed.
constexpr int max_probe_rounds = 8;

// A temporary folder, removed with everything in it when the check ends.
class WorkFolder {
public:
  WorkFolder() {
    std::string pattern = (fs::temp_directory_path() / "xport-abi-rust.XXXXXX").string();
    if (!mkdtemp(pattern.data()))
      throw Error("cannot make a temporary folder under {}: {}; set TMPDIR to a writable folder",
                  fs::temp_directory_path().string(), std::strerror(errno));
    path_ = pattern;
  }
  ~WorkFolder() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  WorkFolder(const WorkFolder&) = delete;
  WorkFolder& operator=(const WorkFolder&) = delete;
  const fs::path& path() const { return path_; }

private:
  fs::path path_;
};

// __FreeBSD_version from sys/param.h under the dump's folder (the include folder or the sysroot),
// for a dump whose header list left sys/param.h out: (value, "sys/param.h:LINE").
std::optional<std::pair<int64_t, std::string>> freebsd_version_of_headers(const std::string& dir) {
  if (dir.empty())
    return std::nullopt;
  for (const char* relative : {"sys/param.h", "usr/include/sys/param.h"}) {
    std::error_code ec;
    fs::path file = fs::path(dir) / relative;
    if (!fs::is_regular_file(file, ec))
      continue;
    std::string text = util::read_file(file);
    unsigned line = 0;
    for (std::string_view l : util::lines(text)) {
      ++line;
      constexpr std::string_view define = "#define __FreeBSD_version";
      if (l.starts_with(define)) {
        int64_t v = std::strtoll(std::string(l.substr(define.size())).c_str(), nullptr, 10);
        if (v >= 1000000)
          return std::make_pair(v, fmt::format("{}:{}", relative, line));
      }
    }
  }
  return std::nullopt;
}

// The FreeBSD major version libc is configured for, and why that one.
std::pair<int, std::string> freebsd_version(const Dump& c, const RustCheckRequest& request,
                                            const util::Environment& env) {
  if (request.freebsd_version > 0)
    return {request.freebsd_version, "as asked"};
  std::string variable = util::env_or(env, "RUST_LIBC_UNSTABLE_FREEBSD_VERSION", "");
  if (!variable.empty()) {
    int v = std::atoi(variable.c_str());
    if (v < 10)
      throw Error("RUST_LIBC_UNSTABLE_FREEBSD_VERSION={}: libc knows FreeBSD 10 and later; "
                  "set a major version such as 13, or unset it",
                  variable);
    return {v, "from RUST_LIBC_UNSTABLE_FREEBSD_VERSION, which libc's build.rs reads"};
  }
  auto it = c.constants.find("__FreeBSD_version");
  if (it != c.constants.end() && it->second.value >= 1000000)
    return {static_cast<int>(it->second.value / 100000),
            fmt::format("from the headers' __FreeBSD_version {} ({}:{})", it->second.value,
                        it->second.place.file, it->second.place.line)};
  if (auto found = freebsd_version_of_headers(c.sysroot))
    return {
        static_cast<int>(found->first / 100000),
        fmt::format("from the headers' __FreeBSD_version {} ({})", found->first, found->second)};
  return {12, "libc's build.rs default: the headers define no __FreeBSD_version"};
}

util::Completed run_rustc(const std::vector<std::string>& argv, const util::Environment& env,
                          const std::string& what) {
  util::RunOptions options;
  options.env = env;
  auto done = util::run_capture(argv, options);
  if (!done)
    throw Error("cannot run rustc to build {}: {}; the command was:\n  {}", what, done.error(),
                util::shell_join(argv));
  return *done;
}

std::string c_place(const Place& p) {
  return p.file.empty() ? "" : fmt::format("{}:{}", p.file, p.line);
}

// The C constant as the 128-bit two's complement the probe's `as i128` gives.
RustValue c_value_of(const Constant& c) {
  RustValue v;
  v.lo = static_cast<uint64_t>(c.value);
  v.hi = !c.is_unsigned && c.value < 0 ? -1 : 0;
  return v;
}

// Equal as numbers, or equal bits at the Rust type's width when the C value fits that width
// (C's 0xffffffff and Rust's `-1i32` are the same 32 bits: libc often types C's unsigned macros
// as c_int).
bool same_constant(const Constant& c, const RustValue& rust) {
  RustValue cv = c_value_of(c);
  if (cv.lo == rust.lo && cv.hi == rust.hi)
    return true;
  if (rust.width == 0 || rust.width >= 8)
    return false;
  unsigned bits = static_cast<unsigned>(rust.width * 8);
  uint64_t mask = (uint64_t{1} << bits) - 1;
  bool fits_unsigned = cv.hi == 0 && cv.lo <= mask;
  int64_t s = static_cast<int64_t>(cv.lo);
  bool fits_signed = cv.hi == (s < 0 ? -1 : 0) && s >= -(int64_t{1} << (bits - 1)) &&
                     s < (int64_t{1} << (bits - 1));
  return (fits_unsigned || fits_signed) && (cv.lo & mask) == (rust.lo & mask);
}

std::string c_constant_text(const Constant& c) {
  return c.is_unsigned ? std::to_string(static_cast<uint64_t>(c.value)) : std::to_string(c.value);
}

} // namespace

std::vector<std::string> libc_cfgs(const json& spec, const util::Environment& env, int freebsd) {
  std::string os = spec.value("os", "none");
  std::string target_env = spec.value("env", "");
  std::string arch = spec.value("arch", "");
  const json& width = spec.value("target-pointer-width", json());
  std::string pointer_width = width.is_string()   ? width.get<std::string>()
                              : width.is_number() ? std::to_string(width.get<int>())
                                                  : "";
  std::vector<std::string> cfgs;
  // build.rs sets one freebsdN whatever the target; only FreeBSD's modules read it.
  cfgs.push_back(fmt::format("freebsd{}", std::clamp(freebsd, 10, 15)));

  bool musl = target_env == "musl" || target_env == "ohos";
  bool musl_v1_2_3 = !util::env_or(env, "RUST_LIBC_UNSTABLE_MUSL_V1_2_3", "").empty() &&
                     util::env_or(env, "RUST_LIBC_UNSTABLE_MUSL_V1_2_3", "") != "0";
  if (arch == "loongarch64" || arch == "hexagon" || target_env == "ohos")
    musl_v1_2_3 = true;
  static const std::set<std::string> redir_time64 = {"arm", "hexagon", "mips", "powerpc", "x86"};
  if (musl && musl_v1_2_3) {
    cfgs.push_back("musl_v1_2_3");
    if (redir_time64.count(arch))
      cfgs.insert(cfgs.end(), {"musl32_time64", "linux_time_bits64"});
  }
  if (env.count("RUST_LIBC_UNSTABLE_LINUX_TIME_BITS64"))
    cfgs.push_back("linux_time_bits64");
  if (target_env == "gnu" && os == "linux" && pointer_width == "32" && arch != "riscv32" &&
      arch != "x86_64") {
    std::string time_bits = util::env_or(env, "RUST_LIBC_UNSTABLE_GNU_TIME_BITS", "");
    std::string file_bits = util::env_or(env, "RUST_LIBC_UNSTABLE_GNU_FILE_OFFSET_BITS", "");
    if (time_bits == "64")
      cfgs.insert(cfgs.end(), {"linux_time_bits64", "gnu_time_bits64", "gnu_file_offset_bits64"});
    else if (file_bits == "64")
      cfgs.push_back("gnu_file_offset_bits64");
  }
  std::vector<std::string> unique;
  for (const std::string& c : cfgs)
    if (std::find(unique.begin(), unique.end(), c) == unique.end())
      unique.push_back(c);
  return unique;
}

RustCheckReport check_rust(const Dump& c, const RustCheckRequest& request,
                           const util::Environment& env) {
  auto started = std::chrono::steady_clock::now();
  RustCheckReport report;
  report.target = request.target.name;
  report.c_sysroot = c.sysroot;

  rust::Toolchain toolchain = rust::find_toolchain(request.toolchain, env);
  rust::require_library_source(toolchain, env);
  report.toolchain = toolchain.describe();
  fs::path xport = request.xport.empty() ? util::self_path() : request.xport;

  // The same derived spec and the same cached core as `xport rust sysroot T --crates core`.
  rust::SpecFile spec = rust::derived_spec_file(toolchain, request.target, xport, env);
  for (const std::string& note : spec.notes)
    report.assumptions.push_back("target spec: " + note);
  rust::SysrootInputs inputs = rust::sysroot_inputs(toolchain, request.target, spec.file, spec.spec,
                                                    {"core", "compiler_builtins"}, env);
  rust::SysrootResult sysroot = rust::build_sysroot(
      toolchain, inputs,
      rust::cache_root(env) / "sysroots" / (request.target.name + "-" + inputs.key), env);
  report.sysroot_rebuilt = sysroot.rebuilt;

  RustCrate crate =
      request.crate.empty() ? vendored_libc(toolchain) : read_rust_crate(request.crate);
  report.crate = crate.dir.string();
  report.crate_name = crate.package;
  report.crate_version = crate.version;
  if (crate.package == "libc") {
    auto [version, why] = freebsd_version(c, request, env);
    report.cfgs = libc_cfgs(spec.spec, env, version);
    if (spec.spec.value("os", "") == "freebsd")
      report.assumptions.push_back(
          fmt::format("FreeBSD {} ABI (cfg freebsd{}): {}", version, version, why));
    report.assumptions.push_back(
        "cfgs as libc's build.rs prints them for this target; no Cargo features");
  } else {
    report.assumptions.push_back(
        fmt::format("no cfgs and no Cargo features: {} is not libc, whose build script xport knows",
                    crate.package));
  }

  WorkFolder work;
  util::Environment rustc_env = toolchain.unstable_environment(env);
  std::vector<std::string> common = {"--target",    sysroot.spec_file.string(),
                                     "--sysroot",   sysroot.dir.string(),
                                     "-Z",          "unstable-options",
                                     "-C",          "opt-level=0",
                                     "--cap-lints", "allow"};
  if (request.target.rust.panic == "abort")
    common.insert(common.end(), {"-C", "panic=abort"});

  std::vector<std::string> crate_argv = {toolchain.rustc.string(),
                                         "--crate-name",
                                         crate.lib_name,
                                         "--crate-type",
                                         "rlib",
                                         "--edition",
                                         crate.edition,
                                         crate.lib_path.string(),
                                         "--out-dir",
                                         work.path().string(),
                                         "--emit=metadata,link,dep-info"};
  crate_argv.insert(crate_argv.end(), common.begin(), common.end());
  for (const std::string& cfg : report.cfgs)
    crate_argv.insert(crate_argv.end(), {"--cfg", cfg});
  util::Completed built = run_rustc(crate_argv, rustc_env, crate.lib_name);
  if (!built.ok())
    throw Error("{}: the crate does not compile for {} with {}; the command was:\n  {}\nrustc "
                "said:\n{}",
                crate.dir.string(), request.target.name, toolchain.describe(),
                util::shell_join(crate_argv), built.err);
  fs::path rlib = work.path() / ("lib" + crate.lib_name + ".rlib");

  ProbePlan plan = plan_probe(c);
  report.not_compared = plan.skipped;
  std::vector<bool> alive(plan.items.size(), true);
  std::map<std::size_t, std::string> dropped; // item -> why

  // Names the crate has no item for are not asked about at all (see crate_names).
  std::vector<std::string> doc_args = {"--target",    sysroot.spec_file.string(),
                                       "--sysroot",   sysroot.dir.string(),
                                       "--cap-lints", "allow"};
  for (const std::string& cfg : report.cfgs)
    doc_args.insert(doc_args.end(), {"--cfg", cfg});
  std::string no_names;
  fs::create_directories(work.path() / "doc");
  if (auto names = crate_names(toolchain, crate, doc_args, work.path() / "doc", env, no_names)) {
    for (std::size_t i = 0; i < plan.items.size(); ++i) {
      const std::string& name = plan.items[i].name;
      if (plan.items[i].kind == ProbeKind::value ? !names->values.count(name)
                                                 : !names->types.count(name)) {
        alive[i] = false;
        dropped[i] = "not in the crate";
      } else if (plan.items[i].kind != ProbeKind::value && names->types.at(name) == "enum") {
        // libc declares the C types it only points to as `pub enum timezone {}`: no layout.
        alive[i] = false;
        dropped[i] = "opaque in the crate (an empty enum)";
      }
    }
  } else {
    report.assumptions.push_back("every name asked of rustc (slow for thousands): " + no_names);
  }
  fs::path probe = work.path() / "xport_abi_probe.rs";
  fs::path object = work.path() / "xport_abi_probe.o";
  std::vector<std::string> probe_argv = {toolchain.rustc.string(),
                                         "--crate-name",
                                         "xport_abi_probe",
                                         "--crate-type",
                                         "lib",
                                         "--edition",
                                         "2021",
                                         probe.string(),
                                         "--extern",
                                         crate.lib_name + "=" + rlib.string(),
                                         "-L",
                                         "dependency=" + work.path().string(),
                                         "--emit=obj",
                                         "-o",
                                         object.string(),
                                         "-C",
                                         "codegen-units=1",
                                         "--error-format=json"};
  probe_argv.insert(probe_argv.end(), common.begin(), common.end());
  while (true) {
    if (++report.probe_rounds > max_probe_rounds)
      throw Error("{}: rustc still reports errors in the probe after {} rounds; the last "
                  "command was:\n  {}",
                  crate.dir.string(), max_probe_rounds, util::shell_join(probe_argv));
    util::write_file_atomically(probe, probe_source(plan.items, alive, crate.lib_name));
    util::Completed done = run_rustc(probe_argv, rustc_env, "the probe");
    if (done.ok())
      break;
    std::size_t before = dropped.size();
    std::vector<std::string> unplaced;
    for (const ProbeError& e : parse_probe_errors(done.err, probe.string())) {
      bool placed = false;
      for (unsigned line : e.lines) {
        if (line < probe_line(0) || line >= probe_line(plan.items.size()))
          continue;
        std::size_t index = line - probe_line(0);
        placed = true;
        if (alive[index]) {
          alive[index] = false;
          dropped[index] = reason_of(e);
        }
      }
      if (!placed)
        unplaced.push_back(e.rendered);
    }
    if (dropped.size() == before)
      throw Error("{}: rustc rejects the probe for a reason xport cannot tie to one name; the "
                  "command was:\n  {}\nrustc said:\n{}",
                  crate.dir.string(), util::shell_join(probe_argv),
                  unplaced.empty() ? done.err : fmt::format("{}", fmt::join(unplaced, "")));
  }

  std::string bytes = util::read_file(object);
  std::span<const uint8_t> span(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  if (!elf::ElfFile::has_elf_magic(span))
    throw Error("{}: rustc made no ELF object for {}; xport abi check-rust reads ELF only",
                object.string(), request.target.name);
  elf::ElfFile elf(object.string(), span);
  std::map<std::size_t, RustValue> values = read_probe_values(elf, plan.items, alive);

  CrateIndex index = index_crate(crate, work.path() / (crate.lib_name + ".d"));
  auto mismatch = [&](std::string kind, const std::string& name, const std::string& field,
                      std::string cv, std::string rv, const Place& place) {
    report.mismatches.push_back({std::move(kind), name, field, std::move(cv), std::move(rv),
                                 c_place(place), index.place_of(name, field)});
  };
  std::set<std::string> records_seen;
  for (std::size_t i = 0; i < plan.items.size(); ++i) {
    const ProbeItem& item = plan.items[i];
    if (!alive[i]) {
      // A record the crate lacks is one entry, not one per field.
      bool record_missing = records_seen.count(item.name) == 0;
      if (item.kind == ProbeKind::size)
        report.not_compared.push_back({"record", item.name, dropped[i]});
      else if (item.kind == ProbeKind::value)
        report.not_compared.push_back({"constant", item.name, dropped[i]});
      else if (item.kind == ProbeKind::offset && !record_missing)
        report.not_compared.push_back({"field", item.name + "." + item.field, dropped[i]});
      else if (item.kind == ProbeKind::field_size && !record_missing && alive[i - 1])
        report.not_compared.push_back(
            {"field", item.name + "." + item.field, "its size: " + dropped[i]});
      continue;
    }
    const RustValue& v = values.at(i);
    if (item.kind == ProbeKind::value) {
      const Constant& k = c.constants.at(item.name);
      ++report.constants_compared;
      if (!same_constant(k, v))
        mismatch("value", item.name, "", c_constant_text(k), value_text(v), k.place);
      continue;
    }
    const Record& r = c.records.at(item.name);
    switch (item.kind) {
    case ProbeKind::size:
      records_seen.insert(item.name);
      ++report.records_compared;
      if (r.size != v.lo)
        mismatch("size", item.name, "", std::to_string(r.size), value_text(v), r.place);
      break;
    case ProbeKind::align:
      if (r.align != v.lo)
        mismatch("align", item.name, "", std::to_string(r.align), value_text(v), r.place);
      break;
    case ProbeKind::offset:
    case ProbeKind::field_size: {
      const Field* f = nullptr;
      for (const Field& candidate : r.fields)
        if (candidate.name == item.field && !candidate.bitfield)
          f = &candidate;
      if (!f)
        break;
      bool offset = item.kind == ProbeKind::offset;
      if (offset)
        ++report.fields_compared;
      uint64_t want = (offset ? f->offset_bits : f->size_bits) / 8;
      if (want != v.lo)
        mismatch(offset ? "offset" : "field size", item.name, item.field, std::to_string(want),
                 value_text(v), r.place);
      break;
    }
    case ProbeKind::value:
      break;
    }
  }
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

} // namespace xport::abi
