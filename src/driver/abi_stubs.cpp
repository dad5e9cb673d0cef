// Making ABI stubs (see abi_stubs.hpp). Undefined symbols (U) become a real reference, so that the
// stub's users must resolve them (posix's `main`): a GOT load on x86_64, whose PIC code cannot
// take a symbol's address as data, and a data word elsewhere, as abi.mk does.
#include "driver/abi_stubs.hpp"

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
  std::string lld = linker_flag(profile, clang);
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
  fs::path script = layer / "tree" / abi.stub_script;
  std::vector<std::string> failures(libs.size());
  util::RunOptions run{isolate_from_host(util::Environment(env)), std::nullopt, ""};
  util::parallel_for(
      libs.size(), 0,
      [&](std::size_t i) {
        const std::string& lib = libs[i];
        std::string object = (build / (lib + ".o")).string();
        std::vector<std::string> assemble = {clang.c.string(),
                                             "-target",
                                             profile.llvm_triple,
                                             "-c",
                                             (build / (lib + ".s")).string(),
                                             "-o",
                                             object};
        auto done = util::run_capture(assemble, run);
        if (!done.ok() || !done->ok()) {
          failures[i] = fmt::format("$ {}\n{}", util::shell_join(assemble),
                                    done.ok() ? done->err : done.error());
          return;
        }
        std::vector<std::string> link = {clang.c.string(),
                                         "-target",
                                         profile.llvm_triple,
                                         lld,
                                         "-nostdlib",
                                         "-shared",
                                         "-Wl,-soname," + lib + ".lib.so"};
        link.insert(link.end(), abi.link_flags.begin(), abi.link_flags.end());
        if (!abi.stub_script.empty())
          link.push_back("-Wl,-T," + script.string());
        link.insert(link.end(), {object, "-o", (stubs / (lib + ".lib.so")).string()});
        done = util::run_capture(link, run);
        if (!done.ok() || !done->ok())
          failures[i] =
              fmt::format("$ {}\n{}", util::shell_join(link), done.ok() ? done->err : done.error());
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
