// Building the clang command line (see command_line.hpp for its layout). Each step is one small
// function that appends what the profile decides for one concern; clang_defaults.cpp says what
// clang does by itself, so only the differences are added.
#include "driver/command_line.hpp"

#include <algorithm>

#include "driver/clang_defaults.hpp"
#include "driver/host_isolation.hpp"
#include "util/error.hpp"

namespace xport::driver {
namespace {

using target::CxxStdlib;
using target::RuntimeLibrary;

// clang's default PIE setting differs from the profile's (or depends on how clang was built).
bool pie_differs(const ClangOsFacts* clang, bool wanted) {
  if (!clang || !clang->pie_default.has_value())
    return true;
  return *clang->pie_default != wanted;
}

struct Builder {
  const CommandInputs& in;
  const target::Profile& profile;
  const SysrootView* sysroot;
  const ClangOsFacts* clang;
  const UserArgs& user;
  std::vector<std::string> front; // before the user's arguments
  std::vector<std::string> back;  // after them

  bool cxx() const { return in.language == Language::cxx || user.has_cxx_input; }
  bool links() const { return user.links(); }
  bool links_executable() const { return links() && !user.shared && !user.relocatable; }
  // A profile can make every link static (a runtime with no dynamic loader, such as the
  // Genode-like example): its link flags count like the user's.
  bool profile_links_statically() const {
    return std::find(profile.link_flags.begin(), profile.link_flags.end(), "-static") !=
           profile.link_flags.end();
  }
  bool links_dynamic_executable() const {
    return links_executable() && !user.static_ && !user.static_pie && !profile_links_statically();
  }

  std::string in_sysroot(const std::string& relative) const {
    return (sysroot->root / relative).string();
  }

  // The folders clang searches by itself inside the sysroot, with {multiarch} filled in.
  std::vector<std::string> clang_finds(std::span<const std::string_view> dirs) const {
    std::vector<std::string> out;
    std::string multiarch = clang_multiarch(profile);
    for (std::string_view d : dirs) {
      std::string dir(d);
      if (auto at = dir.find("{multiarch}"); at != std::string::npos) {
        if (multiarch.empty())
          continue;
        dir.replace(at, 11, multiarch);
      }
      out.push_back(dir);
    }
    return out;
  }

  // Linux's clang finds GCC's folders (and the cross layout's usr/<triplet>) through
  // --gcc-toolchain when the layout uses the multiarch name clang looks for.
  bool clang_finds_gcc() const {
    return clang && clang->uses_gcc_installation && sysroot && !sysroot->layout.gcc_dir.empty() &&
           sysroot->layout.triplet == clang_multiarch(profile);
  }

  std::vector<std::string> missing(const std::vector<std::string>& wanted,
                                   std::span<const std::string_view> known) const {
    std::vector<std::string> found = clang ? clang_finds(known) : std::vector<std::string>{};
    std::vector<std::string> out;
    for (const std::string& dir : wanted) {
      if (std::find(found.begin(), found.end(), dir) != found.end())
        continue;
      if (clang_finds_gcc() && (dir == sysroot->layout.gcc_dir ||
                                dir.starts_with("usr/" + sysroot->layout.triplet + "/")))
        continue;
      if (std::find(out.begin(), out.end(), dir) == out.end())
        out.push_back(dir);
    }
    return out;
  }

  void target_and_sysroot() {
    if (!user.chose(Aspect::target))
      front.insert(front.end(), {"-target", profile.llvm_triple});
    if (!sysroot)
      return;
    if (!user.chose(Aspect::sysroot))
      front.push_back("--sysroot=" + sysroot->root.string());
    // Without it, clang also searches the folder above its own (the host's /usr) for GCC and
    // takes the host's crtbegin.o, libgcc and C++ headers for any Linux target of the host's
    // architecture.
    if (clang && clang->uses_gcc_installation && !user.chose(Aspect::gcc_toolchain))
      front.push_back("--gcc-toolchain=" + in_sysroot("usr"));
  }

  void code_generation() {
    bool emulated = user.emulated_tls.value_or(profile.tls_model == target::TlsModel::emulated);
    if (emulated && !user.chose(Aspect::emulated_tls))
      front.push_back("-femulated-tls");
    if (!user.chose(Aspect::pie_codegen) && pie_differs(clang, profile.pie_default) &&
        !user.shared && !user.relocatable)
      front.push_back(profile.pie_default ? "-fPIE" : "-fno-pie");
    if (cxx() && !user.chose(Aspect::cxx_stdlib) && profile.cxx_stdlib != CxxStdlib::none &&
        (!clang || clang->cxx_stdlib != profile.cxx_stdlib) &&
        (in.language == Language::cxx || user.has_source_input))
      front.push_back(profile.cxx_stdlib == CxxStdlib::libcxx ? "-stdlib=libc++"
                                                              : "-stdlib=libstdc++");
    front.insert(front.end(), profile.compile_flags.begin(), profile.compile_flags.end());
  }

  const AbiLayerLink* layer() const {
    return sysroot && sysroot->abi_layer ? &*sysroot->abi_layer : nullptr;
  }

  // Linking against a symbol-ABI layer: no start files and none of the sysroot's libraries; the
  // stubs, the tree's linker script and dynamic list, the interpreter the layer names.
  void linking_against_layer(const AbiLayerLink& abi) {
    if (!user.chose(Aspect::linker) && !in.toolchain.linker_flag.empty())
      front.push_back(in.toolchain.linker_flag);
    front.push_back("-nostdlib");
    if (links_dynamic_executable() && !user.pie && !user.no_pie &&
        pie_differs(clang, profile.pie_default))
      front.push_back(profile.pie_default ? "-pie" : "-no-pie");
    if (links_dynamic_executable() && !user.sets_dynamic_linker && !abi.interpreter.empty())
      front.push_back("-Wl,--dynamic-linker=" + abi.interpreter);
    front.insert(front.end(), abi.link_flags.begin(), abi.link_flags.end());
    if (links_executable()) {
      front.insert(front.end(), abi.executable_flags.begin(), abi.executable_flags.end());
      if (!abi.link_script.empty())
        front.push_back("-Wl,-T," + abi.link_script);
      if (!abi.dynamic_list.empty())
        front.push_back("-Wl,--dynamic-list=" + abi.dynamic_list);
    }
  }

  void layer_libraries(const AbiLayerLink& abi) {
    if (!links() || user.chose(Aspect::all_libs))
      return;
    back.push_back("-L" + abi.empty_libs);
    if (user.selects_language)
      back.insert(back.end(), {"-x", "none"});
    if (!abi.shims_archive.empty())
      back.push_back(abi.shims_archive);
    // Every API library is NEEDED, as Genode links them, whatever --as-needed said before.
    back.push_back("-Wl,--push-state,--no-as-needed");
    back.insert(back.end(), abi.stubs.begin(), abi.stubs.end());
    back.push_back("-Wl,--pop-state");
    back.insert(back.end(), abi.static_archives.begin(), abi.static_archives.end());
  }

  void linking() {
    if (!links())
      return;
    if (const AbiLayerLink* abi = layer())
      return linking_against_layer(*abi);
    if (!user.chose(Aspect::linker) && !in.toolchain.linker_flag.empty())
      front.push_back(in.toolchain.linker_flag);
    RuntimeLibrary runtime = effective_runtime_library(profile, sysroot, in.toolchain);
    RuntimeLibrary clang_runtime = clang ? clang->runtime_library : RuntimeLibrary::libgcc;
    if (runtime != clang_runtime && !user.chose(Aspect::runtime_library))
      front.push_back(runtime == RuntimeLibrary::compiler_rt ? "--rtlib=compiler-rt"
                                                             : "--rtlib=libgcc");
    // compiler-rt standing in for a missing libgcc: there is no libgcc_eh/libgcc_s to unwind with.
    if (runtime != profile.runtime_library && !user.chose(Aspect::unwind_library))
      front.push_back("--unwindlib=none");
    if (links_dynamic_executable() && !user.pie && !user.no_pie &&
        pie_differs(clang, profile.pie_default))
      front.push_back(profile.pie_default ? "-pie" : "-no-pie");
    if (links_dynamic_executable() && !user.sets_dynamic_linker &&
        !profile.dynamic_linker.empty() && profile.dynamic_linker != clang_dynamic_linker(profile))
      front.push_back("-Wl,--dynamic-linker=" + profile.dynamic_linker);
    front.insert(front.end(), profile.link_flags.begin(), profile.link_flags.end());
  }

  void sysroot_folders() {
    if (!sysroot)
      return;
    const sysroot::Layout& layout = sysroot->layout;
    if (!user.chose(Aspect::system_includes)) {
      // C++ headers must precede the C headers (libstdc++'s <cstdlib> uses #include_next), so
      // they go in front of clang's own system folders; C headers clang misses go after them.
      if (cxx() && !clang_finds_gcc()) {
        for (const std::string& dir : missing(layout.cxx_include_dirs, {}))
          back.insert(back.end(), {"-isystem", in_sysroot(dir)});
      }
      std::span<const std::string_view> known =
          clang ? clang->include_dirs : std::span<const std::string_view>{};
      for (const std::string& dir : missing(layout.include_dirs, known))
        back.insert(back.end(), {"-idirafter", in_sysroot(dir)});
    }
    if (!links())
      return;
    if (const AbiLayerLink* abi = layer())
      return layer_libraries(*abi);
    std::vector<std::string> startfile_dirs = layout.startfile_dirs;
    std::vector<std::string> library_dirs = layout.library_dirs;
    if (!layout.gcc_dir.empty()) {
      startfile_dirs.push_back(layout.gcc_dir);
      library_dirs.push_back(layout.gcc_dir);
    }
    if (user.wants_start_files()) {
      for (const std::string& dir : missing(
               startfile_dirs, clang ? clang->startfile_dirs : std::span<const std::string_view>{}))
        back.push_back("-B" + in_sysroot(dir));
    }
    for (const std::string& dir :
         missing(library_dirs, clang ? clang->library_dirs : std::span<const std::string_view>{}))
      back.push_back("-L" + in_sysroot(dir));
  }

  void emutls_runtime() {
    std::string archive;
    switch (emutls_provider(profile, sysroot, in.toolchain, user)) {
    case EmutlsProvider::sysroot:
      archive = sysroot->emutls_archive;
      break;
    case EmutlsProvider::xport_runtime:
      archive = in.own_emutls_archive;
      break;
    default:
      return;
    }
    if (archive.empty())
      return;
    if (user.selects_language) // after "-x c", a path would be compiled as C
      back.insert(back.end(), {"-x", "none"});
    back.push_back(archive);
  }
};

// A build that reads system headers or libraries needs the target's, never the host's.
bool needs_sysroot(const UserArgs& user) {
  if (user.info_only || user.chose(Aspect::sysroot)) // the user's own --sysroot
    return false;
  bool reads_headers = user.has_source_input && !user.chose(Aspect::system_includes);
  bool reads_libraries = user.links() && !user.chose(Aspect::all_libs);
  return reads_headers || reads_libraries;
}

} // namespace

RuntimeLibrary effective_runtime_library(const target::Profile& profile, const SysrootView* sysroot,
                                         const Toolchain& toolchain) {
  if (profile.runtime_library == RuntimeLibrary::libgcc && sysroot && !sysroot->has_libgcc &&
      toolchain.compiler_rt_builtins)
    return RuntimeLibrary::compiler_rt;
  return profile.runtime_library;
}

EmutlsProvider emutls_provider(const target::Profile& profile, const SysrootView* sysroot,
                               const Toolchain& toolchain, const UserArgs& user) {
  bool emulated = user.emulated_tls.value_or(profile.tls_model == target::TlsModel::emulated);
  if (!emulated || !user.links() || user.chose(Aspect::all_libs))
    return EmutlsProvider::not_needed;
  if (sysroot && sysroot->abi_layer && sysroot->abi_layer->defines_emutls)
    return EmutlsProvider::abi_layer;
  // -nodefaultlibs (rustc links that way) drops clang's runtime library but not the objects'
  // calls to __emutls_get_address, which the profile's TLS model put there: the archive is then
  // named explicitly. Only -nostdlib leaves the whole runtime to the user.
  if (user.wants_default_libs() &&
      effective_runtime_library(profile, sysroot, toolchain) == RuntimeLibrary::compiler_rt &&
      toolchain.compiler_rt_builtins)
    return EmutlsProvider::compiler_rt;
  if (sysroot && !sysroot->emutls_archive.empty())
    return EmutlsProvider::sysroot;
  return EmutlsProvider::xport_runtime;
}

CompilerCommand build_command(const CommandInputs& in) {
  const target::Profile& profile = *in.profile;
  Builder b{in, profile, in.sysroot, clang_os_facts(profile.os), in.user.asks, {}, {}};
  if (!in.sysroot && needs_sysroot(b.user))
    throw UsageError("no sysroot for target '{}' {}: clang would use the host's headers and "
                     "libraries; import one with 'xport sysroot import MEDIA --target {}' or "
                     "pass --sysroot DIR",
                     profile.name,
                     sysroot::where_sysroot_was_looked_for(
                         profile, in.environment ? *in.environment : util::Environment{}),
                     profile.name);
  if (b.links() && !b.clang)
    throw UsageError("clang 14 cannot link for OS '{}' of target '{}' (it would run the host's "
                     "gcc); compile with -c and link with the target's own linker",
                     profile.os, profile.name);
  b.target_and_sysroot();
  b.code_generation();
  b.linking();
  b.sysroot_folders();
  b.emutls_runtime();
  if (!in.abi_note_object.empty()) {
    if (b.user.selects_language)
      b.back.insert(b.back.end(), {"-x", "none"});
    b.back.push_back(in.abi_note_object);
  }

  CompilerCommand out;
  out.argv = in.toolchain.launcher;
  out.argv.insert(out.argv.end(), in.toolchain.compiler.begin(), in.toolchain.compiler.end());
  out.argv.insert(out.argv.end(), b.front.begin(), b.front.end());
  out.argv.insert(out.argv.end(), in.user.words.begin(), in.user.words.end());
  out.argv.insert(out.argv.end(), b.back.begin(), b.back.end());
  util::Environment env = in.environment ? *in.environment : util::Environment{};
  for (const LeakyVariable& v : leaky_variables())
    if (env.count(std::string(v.name)))
      out.removed_variables.emplace_back(v.name);
  out.env = isolate_from_host(std::move(env));
  out.tools = in.toolchain.description;
  out.linked_file = b.user.linked_file();
  return out;
}

std::string printable_command(const CompilerCommand& command) {
  std::string out;
  if (!command.removed_variables.empty()) {
    out = "env";
    for (const std::string& name : command.removed_variables)
      out += " -u " + name;
    out += ' ';
  }
  return out + util::shell_join(command.argv);
}

} // namespace xport::driver
