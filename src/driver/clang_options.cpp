// The table of clang options the driver reads (see clang_options.hpp). Names and argument forms
// follow clang 14's clang/include/clang/Driver/Options.td; keep the table sorted by name (byte
// order): find_clang_option relies on it, and tests/unit/driver/clang_options_test.cpp checks it.
#include "driver/clang_options.hpp"

#include <algorithm>

namespace xport::driver {
namespace {

const ClangOption table[] = {
    {"-###", runs_nothing},
    {"--config", takes_arg},
    {"--gcc-toolchain", takes_arg, Aspect::gcc_toolchain},
    {"--gcc-toolchain=", takes_concat_arg, Aspect::gcc_toolchain},
    {"--ld-path=", takes_concat_arg, Aspect::linker},
    {"--param", takes_arg},
    {"--rtlib", takes_arg, Aspect::runtime_library},
    {"--rtlib=", takes_concat_arg, Aspect::runtime_library},
    {"--serialize-diagnostics", takes_arg},
    {"--sysroot", takes_arg, Aspect::sysroot},
    {"--sysroot=", takes_concat_arg, Aspect::sysroot},
    {"--target=", takes_concat_arg, Aspect::target},
    {"--unwindlib", takes_arg, Aspect::unwind_library},
    {"--unwindlib=", takes_concat_arg, Aspect::unwind_library},
    {"--version", info_only},
    {"-B", takes_arg | takes_concat_arg},
    {"-D", takes_arg | takes_concat_arg},
    {"-E", stops_after_preprocess},
    {"-F", takes_arg | takes_concat_arg},
    {"-I", takes_arg | takes_concat_arg},
    {"-L", takes_arg | takes_concat_arg},
    {"-M", stops_after_preprocess},
    {"-MF", takes_arg | takes_concat_arg},
    {"-MJ", takes_arg | takes_concat_arg},
    {"-MM", stops_after_preprocess},
    {"-MQ", takes_arg | takes_concat_arg},
    {"-MT", takes_arg | takes_concat_arg},
    {"-S", stops_after_compile},
    {"-T", takes_arg | takes_concat_arg},
    {"-U", takes_arg | takes_concat_arg},
    {"-Wa,", takes_concat_arg},
    {"-Wl,", takes_concat_arg | passes_to_linker},
    {"-Wp,", takes_concat_arg},
    {"-Xassembler", takes_arg},
    {"-Xclang", takes_arg},
    {"-Xlinker", takes_arg | passes_to_linker},
    {"-Xpreprocessor", takes_arg},
    {"-c", stops_after_assemble},
    {"-cxx-isystem", takes_arg},
    {"-dumpmachine", info_only},
    {"-dumpversion", info_only},
    {"-e", takes_arg},
    {"-fPIC", 0, Aspect::pie_codegen},
    {"-fPIE", 0, Aspect::pie_codegen},
    {"-femulated-tls", 0, Aspect::emulated_tls},
    {"-fno-PIC", 0, Aspect::pie_codegen},
    {"-fno-PIE", 0, Aspect::pie_codegen},
    {"-fno-emulated-tls", 0, Aspect::emulated_tls},
    {"-fno-pic", 0, Aspect::pie_codegen},
    {"-fno-pie", 0, Aspect::pie_codegen},
    {"-fpic", 0, Aspect::pie_codegen},
    {"-fpie", 0, Aspect::pie_codegen},
    {"-fsyntax-only", stops_after_compile},
    {"-fuse-ld=", takes_concat_arg, Aspect::linker},
    {"-gcc-toolchain", takes_arg, Aspect::gcc_toolchain},
    {"-idirafter", takes_arg | takes_concat_arg},
    {"-imacros", takes_arg | takes_concat_arg},
    {"-include", takes_arg | takes_concat_arg},
    {"-iprefix", takes_arg | takes_concat_arg},
    {"-iquote", takes_arg | takes_concat_arg},
    {"-isysroot", takes_arg | takes_concat_arg},
    {"-isystem", takes_arg | takes_concat_arg},
    {"-isystem-after", takes_arg | takes_concat_arg},
    {"-ivfsoverlay", takes_arg},
    {"-iwithprefix", takes_arg | takes_concat_arg},
    {"-iwithprefixbefore", takes_arg | takes_concat_arg},
    {"-l", takes_arg | takes_concat_arg},
    {"-mllvm", takes_arg},
    {"-no-pie", link_no_pie},
    {"-nodefaultlibs", 0, Aspect::default_libs},
    {"-nopie", link_no_pie},
    {"-nostartfiles", 0, Aspect::start_files},
    {"-nostdinc", 0, Aspect::system_includes},
    {"-nostdinc++", 0, Aspect::system_includes},
    {"-nostdlib", 0, Aspect::all_libs},
    {"-nostdlib++", 0, Aspect::cxx_stdlib_link},
    {"-nostdlibinc", 0, Aspect::system_includes},
    {"-o", takes_arg | takes_concat_arg | names_output},
    {"-pie", link_pie},
    {"-print-effective-triple", info_only},
    {"-print-file-name=", takes_concat_arg | info_only},
    {"-print-libgcc-file-name", info_only},
    {"-print-prog-name=", takes_concat_arg | info_only},
    {"-print-resource-dir", info_only},
    {"-print-search-dirs", info_only},
    {"-print-target-triple", info_only},
    {"-r", link_relocatable},
    {"-rtlib=", takes_concat_arg, Aspect::runtime_library},
    {"-shared", link_shared},
    {"-static", link_static},
    {"-static-pie", link_static_pie},
    {"-stdlib=", takes_concat_arg, Aspect::cxx_stdlib},
    {"-target", takes_arg, Aspect::target},
    {"-u", takes_arg | takes_concat_arg},
    {"-unwindlib=", takes_concat_arg, Aspect::unwind_library},
    {"-x", takes_arg | takes_concat_arg | selects_language},
    {"-z", takes_arg},
};

} // namespace

std::span<const ClangOption> clang_options() {
  return table;
}

std::optional<OptionMatch> find_clang_option(std::string_view word) {
  auto exact =
      std::lower_bound(std::begin(table), std::end(table), word,
                       [](const ClangOption& o, std::string_view w) { return o.name < w; });
  if (exact != std::end(table) && exact->name == word)
    return OptionMatch{&*exact, false};
  // Joined forms: the longest name with a joined argument that prefixes the word. Every such
  // prefix sorts before the word, so only entries before `exact` can match.
  const ClangOption* best = nullptr;
  for (auto it = std::begin(table); it != exact; ++it) {
    if ((it->flags & takes_concat_arg) && word.starts_with(it->name) &&
        (!best || it->name.size() > best->name.size()))
      best = &*it;
  }
  if (!best)
    return std::nullopt;
  return OptionMatch{best, true};
}

} // namespace xport::driver
