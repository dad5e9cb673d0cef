// Building and caching xport's emulated-TLS runtime, and finding a sysroot's own (see
// emutls_runtime.hpp). The symbol index of an ar archive is its first member, named "/" (GNU) or
// "/SYM64/"; its string table holds every defined symbol name, which is all we look for.
#include "driver/emutls_runtime.hpp"

#include <cstring>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include <fmt/format.h>

#include "driver/tools.hpp"
#include "util/error.hpp"
#include "util/fnv.hpp"

namespace xport::driver {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view emutls_symbol = "__emutls_get_address";
constexpr const char* archive_names[] = {"libgcc_eh.a", "libgcc.a"};

bool symbol_index_defines(const fs::path& archive, std::string_view symbol) {
  std::ifstream in(archive, std::ios::binary);
  char magic[8];
  char header[60];
  if (!in.read(magic, 8) || std::string_view(magic, 8) != "!<arch>\n" || !in.read(header, 60))
    return false;
  std::string_view name(header, 16);
  if (!name.starts_with("/ ") && !name.starts_with("/SYM64/"))
    return false;
  std::size_t size = std::strtoull(std::string(header + 48, 10).c_str(), nullptr, 10);
  if (size > (64u << 20))
    return false;
  std::string index(size, '\0');
  if (!in.read(index.data(), static_cast<std::streamsize>(size)))
    return false;
  std::string needle = std::string(symbol) + '\0';
  return index.find(needle) != std::string::npos;
}

void write_file(const fs::path& file, std::string_view text) {
  std::ofstream out(file, std::ios::binary);
  out << text;
  if (!out)
    throw Error("cannot write {}: {}", file.string(), std::strerror(errno));
}

} // namespace

std::string find_sysroot_emutls(const fs::path& root, const sysroot::Layout& layout) {
  std::vector<std::string> dirs;
  if (!layout.gcc_dir.empty())
    dirs.push_back(layout.gcc_dir);
  dirs.insert(dirs.end(), layout.library_dirs.begin(), layout.library_dirs.end());
  for (const std::string& dir : dirs) {
    for (const char* name : archive_names) {
      fs::path candidate = root / dir / name;
      if (symbol_index_defines(candidate, emutls_symbol))
        return candidate.string();
    }
  }
  return "";
}

fs::path ensure_target_object(const CachedObject& what, const target::Profile& profile,
                              const SysrootView& sysroot, const util::Environment& env,
                              const fs::path& cache_root, std::string_view chosen) {
  FoundClang clang = find_clang(env, chosen);
  std::error_code ec;
  fs::path clang_file = fs::canonical(clang.c, ec);
  auto clang_size = ec ? 0 : fs::file_size(clang_file, ec);
  auto clang_time = ec ? fs::file_time_type{} : fs::last_write_time(clang_file, ec);
  util::Fnv64 key;
  key.add(what.source)
      .add(profile.llvm_triple)
      .add(clang_file.string())
      .add(std::to_string(clang.major))
      .add(std::to_string(clang_size))
      .add(std::to_string(clang_time.time_since_epoch().count()))
      .add(sysroot.root.string());
  fs::path folder = cache_root / what.kind / fmt::format("{}-{:016x}", profile.name, key.h);
  fs::path result = folder / what.output;
  if (fs::exists(result, ec))
    return result;

  fs::create_directories(cache_root / what.kind, ec);
  fs::path scratch = cache_root / what.kind / fmt::format(".build-{}-{}", getpid(), key.h);
  fs::remove_all(scratch, ec);
  fs::create_directories(scratch, ec);
  if (ec)
    throw Error("cannot create the cache folder {}: {}; set XPORT_HOME to a writable folder",
                scratch.string(), ec.message());
  fs::path source = scratch / what.source_name;
  fs::path object = scratch / "object.o";
  write_file(source, what.source);

  std::vector<std::string> args = what.flags;
  args.insert(args.end(), {"-c", source.string(), "-o", object.string()});
  CommandInputs inputs;
  inputs.profile = &profile;
  inputs.sysroot = &sysroot;
  inputs.user = UserArgList(args);
  inputs.environment = &env;
  inputs.toolchain = find_toolchain(profile, Language::c, false, env, chosen);
  inputs.toolchain.launcher.clear();
  CompilerCommand compile = build_command(inputs);
  auto compiled = util::run_capture(compile.argv, {compile.env, std::nullopt, ""});
  if (!compiled.ok() || !compiled->ok()) {
    fs::remove_all(scratch, ec);
    throw Error("cannot build {} for {} against the sysroot {}:\n$ {}\n{}", what.description,
                profile.name, sysroot.root.string(), printable_command(compile),
                compiled.ok() ? compiled->err : compiled.error());
  }
  if (what.output.extension() == ".a") {
    fs::path ar = find_llvm_tool("llvm-ar", clang, env);
    auto archived =
        util::run_capture({ar.string(), "rcs", (scratch / what.output).string(), object.string()});
    if (!archived.ok() || !archived->ok()) {
      fs::remove_all(scratch, ec);
      throw Error("cannot archive {} with {}: {}", what.description, ar.string(),
                  archived.ok() ? archived->err : archived.error());
    }
  } else {
    fs::rename(object, scratch / what.output, ec);
  }
  fs::rename(scratch, folder, ec);
  if (ec) // another build won the race: its result is as good as ours
    fs::remove_all(scratch, ec);
  if (!fs::exists(result))
    throw Error("cannot store {} in {}", what.description, folder.string());
  return result;
}

fs::path ensure_emutls_runtime(const target::Profile& profile, const SysrootView& sysroot,
                               const util::Environment& env, const fs::path& cache_root,
                               std::string_view chosen) {
  std::string text(emutls_source());
  // The embedded text is a C++ raw string's body: drop its first (empty) line.
  if (!text.empty() && text.front() == '\n')
    text.erase(0, 1);
  CachedObject what{"emutls",
                    "xport's emulated-TLS runtime (needed because the sysroot has no "
                    "__emutls_get_address)",
                    text,
                    "emutls.c",
                    "libxport_emutls.a",
                    {"-O2", "-fPIC", "-fno-emulated-tls", "-fno-stack-protector"}};
  return ensure_target_object(what, profile, sysroot, env, cache_root, chosen);
}

} // namespace xport::driver
