// Making ABI stubs (see abi_stubs.hpp). Undefined symbols (U) become a real reference, so that the
// stub's users must resolve them (posix's `main`): a GOT load on x86_64, whose PIC code cannot
// take a symbol's address as data, and a data word elsewhere, as abi.mk does.
#include "driver/abi_stubs.hpp"

#include <algorithm>
#include <thread>

#include <fmt/format.h>

#include "driver/host_isolation.hpp"
#include "driver/tools.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/parallel.hpp"

namespace xport::driver {
namespace {

namespace fs = std::filesystem;

std::string reference_to(const std::string& name, const std::string& arch) {
  if (arch == "x86_64")
    return fmt::format("movq {}@GOTPCREL(%rip), %rax", name);
  if (arch == "riscv64" || arch == "aarch64")
    return fmt::format(".dword {}", name);
  return fmt::format(".long {}", name);
}

} // namespace

std::string stub_assembly(const std::vector<sysroot::AbiSymbol>& symbols, const std::string& arch) {
  std::string out;
  for (const sysroot::AbiSymbol& s : symbols) {
    const std::string& n = s.name;
    switch (s.type) {
    case 'D':
      out += fmt::format(".data\n.global {0}\n.type {0},%object\n.size {0},{1}\n{0}: .skip 1\n", n,
                         s.size);
      break;
    case 'V':
      out += fmt::format(".data\n.weak {0}\n.type {0},%object\n{0}: .skip 1\n", n);
      break;
    case 'T':
      out += fmt::format(".text\n.global {0}\n.type {0},%function\n{0}:\n", n);
      break;
    case 'R':
      out += fmt::format(".section .rodata\n.global {0}\n.type {0},%object\n.size {0},{1}\n{0}:\n",
                         n, s.size);
      break;
    case 'W':
      out += fmt::format(".text\n.weak {0}\n.type {0},%function\n{0}:\n", n);
      break;
    case 'B':
      out += fmt::format(".bss\n.global {0}\n.type {0},%object\n.size {0},{1}\n{0}:\n", n, s.size);
      break;
    case 'U':
      out += fmt::format(".text\n.global {}\n{}\n", n, reference_to(n, arch));
      break;
    }
  }
  return out;
}

void make_abi_stubs(const target::Profile& profile, const fs::path& layer,
                    const sysroot::StagedTree& tree, const util::Environment& env) {
  const target::SymbolAbi& abi = *profile.symbol_abi;
  FoundClang clang = find_clang(env);
  if (clang.lld.empty())
    throw Error("cannot make the ABI stubs of {}: no ld.lld beside {} or in PATH; install lld-{}",
                tree.identity.text(), clang.c.string(), clang.major ? clang.major : 19);
  fs::path build = layer / "build";
  fs::path stubs = layer / "stubs";
  fs::create_directories(build);
  fs::create_directories(stubs);
  std::vector<std::string> libs;
  for (const auto& [lib, path] : tree.libraries) {
    auto symbols = sysroot::parse_symbol_file(util::read_file(layer / "tree" / path), path);
    util::write_file_atomically(build / (lib + ".s"), stub_assembly(symbols, profile.arch));
    libs.push_back(lib);
  }
  util::RunOptions run{isolate_from_host(util::Environment(env)), build, ""};
  auto failed = [](const std::vector<std::string>& argv, auto& done) {
    return fmt::format("$ {}\n{}", util::shell_join(argv), done.ok() ? done->err : done.error());
  };
  // One clang per core assembles its share of the files (a process per file cost more than the
  // assembling), writing <lib>.o beside them.
  unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::string> failures(cores);
  util::parallel_for(
      cores, 0,
      [&](std::size_t part) {
        std::vector<std::string> assemble = {clang.c.string(), "-target", profile.llvm_triple,
                                             "-c"};
        for (std::size_t i = part; i < libs.size(); i += cores)
          assemble.push_back(libs[i] + ".s");
        if (assemble.size() == 4)
          return;
        auto done = util::run_capture(assemble, run);
        if (!done.ok() || !done->ok())
          failures[part] = failed(assemble, done);
      },
      1);
  for (const std::string& f : failures)
    if (!f.empty())
      throw Error("cannot assemble the ABI stubs of {}:\n{}", tree.identity.text(), f);
  // lld links each stub as abi.mk does: the soname, the tree's script, the profile's link flags.
  std::vector<std::string> flags = {"-shared"};
  for (const std::string& flag : abi.link_flags)
    if (flag.starts_with("-Wl,"))
      for (std::string_view rest = std::string_view(flag).substr(4); !rest.empty();) {
        std::size_t comma = rest.find(',');
        flags.emplace_back(rest.substr(0, comma));
        rest.remove_prefix(comma == std::string_view::npos ? rest.size() : comma + 1);
      }
  if (!abi.stub_script.empty())
    flags.insert(flags.end(), {"-T", (layer / "tree" / abi.stub_script).string()});
  failures.assign(libs.size(), "");
  util::parallel_for(
      libs.size(), 0,
      [&](std::size_t i) {
        std::vector<std::string> link = {clang.lld.string(), "-soname", libs[i] + ".lib.so"};
        link.insert(link.end(), flags.begin(), flags.end());
        link.insert(link.end(), {libs[i] + ".o", "-o", (stubs / (libs[i] + ".lib.so")).string()});
        auto done = util::run_capture(link, run);
        if (!done.ok() || !done->ok())
          failures[i] = failed(link, done);
      },
      1);
  for (std::size_t i = 0; i < libs.size(); ++i)
    if (!failures[i].empty())
      throw Error("cannot make the ABI stub of '{}' ({}) from {}:\n{}", libs[i],
                  tree.libraries.at(libs[i]), tree.identity.text(), failures[i]);
  fs::remove_all(build);
  sysroot::write_empty_archives(layer / "empty", abi.empty_libs);
}

std::optional<sysroot::StagedTree> stage_abi_layer(const sysroot::MediumSource& medium,
                                                   const target::Profile& profile,
                                                   const fs::path& staging,
                                                   const util::Environment& env) {
  std::optional<sysroot::StagedTree> tree =
      sysroot::stage_symbol_abi_tree(medium, *profile.symbol_abi, staging);
  if (!tree)
    return std::nullopt;
  std::error_code ec;
  std::string source =
      medium.path.empty() ? medium.display : fs::absolute(medium.path, ec).string();
  make_abi_stubs(profile, staging / sysroot::symbol_abi_dir, *tree, env);
  sysroot::write_layer_file(staging, profile.symbol_abi->format, source, *tree);
  return tree;
}

} // namespace xport::driver
