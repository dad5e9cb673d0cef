// `xport emit cmake|meson|cargo|clang-cfg --target T [--sysroot S] [-o FILE]`: writes the file
// another build tool reads to cross-compile for T with xport (integration/emit.hpp).
#include <fstream>
#include <iostream>

#include <CLI/CLI.hpp>

#include "cli/command.hpp"
#include "cli/target_options.hpp"
#include "integration/emit.hpp"
#include "util/error.hpp"
#include "util/process.hpp"

namespace xport::cli {
namespace {

struct Format {
  std::string_view name;
  std::string_view what;
  std::string (*write)(const integration::Inputs&);
};

const Format formats[] = {
    {"cargo", "a Cargo config fragment ([target.<triple>] linker)", integration::emit_cargo},
    {"clang-cfg", "a clang config file, for clang --config FILE", integration::emit_clang_config},
    {"cmake", "a CMake toolchain file (-DCMAKE_TOOLCHAIN_FILE=)", integration::emit_cmake},
    {"meson", "a Meson cross file (--cross-file)", integration::emit_meson},
};

} // namespace

int run_emit(const Invocation& inv) {
  CLI::App app{"Write the file a build tool needs to cross-compile for a target with xport."};
  app.require_subcommand(1);
  TargetOptions target;
  std::string sysroot, output;
  const Format* chosen = nullptr;
  for (const Format& f : formats) {
    CLI::App* sub = app.add_subcommand(std::string(f.name), std::string(f.what));
    add_target_options(*sub, target);
    sub->add_option("--sysroot", sysroot, "sysroot name in the store, or a folder");
    sub->add_option("-o,--output", output, "write to FILE instead of standard output");
    sub->callback([&chosen, &f] { chosen = &f; });
  }
  if (auto status = parse(app, inv))
    return *status;
  target::ResolvedProfile resolved = resolve_target(target);
  integration::Inputs in = integration::gather_inputs(resolved.profile, sysroot, target.profiles,
                                                      util::current_environment());
  std::string text = chosen->write(in);
  if (output.empty() || output == "-") {
    std::cout << text;
    return exit_ok;
  }
  std::ofstream out(output, std::ios::binary);
  out << text;
  if (!out.flush())
    throw Error("cannot write {}: {}", output, std::strerror(errno));
  return exit_ok;
}

} // namespace xport::cli
