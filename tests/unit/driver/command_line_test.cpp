// The command-line builder as a table of cases: each gives a profile, a sysroot layout and the
// user's arguments, and says which words must and must not appear. The user's arguments must
// always appear verbatim, in order, as one run.
#include <algorithm>

#include <gtest/gtest.h>

#include "driver/command_line.hpp"
#include "util/error.hpp"

namespace xport::driver {
namespace {

using target::CxxStdlib;
using target::Profile;
using target::RuntimeLibrary;
using target::TlsModel;

Profile linux_gnu(std::string arch, std::string loader) {
  Profile p;
  p.name = arch + "-unknown-linux-gnu";
  p.llvm_triple = p.name;
  p.arch = arch;
  p.os = "linux";
  p.env = "gnu";
  p.dynamic_linker = loader;
  p.pie_default = false;
  return p;
}
Profile aarch64() {
  return linux_gnu("aarch64", "/lib/ld-linux-aarch64.so.1");
}
Profile musl() {
  Profile p = linux_gnu("x86_64", "/lib/ld-musl-x86_64.so.1");
  p.name = p.llvm_triple = "x86_64-unknown-linux-musl";
  p.env = "musl";
  p.pie_default = true;
  return p;
}
Profile freebsd() {
  Profile p;
  p.name = p.llvm_triple = "x86_64-unknown-freebsd";
  p.arch = "x86_64";
  p.os = "freebsd";
  p.dynamic_linker = "/libexec/ld-elf.so.1";
  p.cxx_stdlib = CxxStdlib::libcxx;
  return p;
}
Profile genode() {
  Profile p = freebsd();
  p.name = "x86_64-unknown-genode";
  p.tls_model = TlsModel::emulated;
  return p;
}
Profile dragonfly() {
  Profile p;
  p.name = "x86_64-unknown-dragonfly";
  p.llvm_triple = "x86_64-pc-dragonfly-elf";
  p.arch = "x86_64";
  p.os = "dragonfly";
  p.dynamic_linker = "/usr/libexec/ld-elf.so.2";
  return p;
}

SysrootView debian_cross() {
  SysrootView s;
  s.root = "/s";
  s.layout.kind = "debian-cross";
  s.layout.triplet = "aarch64-linux-gnu";
  s.layout.gcc_dir = "usr/lib/gcc-cross/aarch64-linux-gnu/12";
  s.layout.include_dirs = {"usr/aarch64-linux-gnu/include"};
  s.layout.cxx_include_dirs = {"usr/aarch64-linux-gnu/include/c++/12"};
  s.layout.library_dirs = {s.layout.gcc_dir, "usr/aarch64-linux-gnu/lib", "usr/lib"};
  s.layout.startfile_dirs = {"usr/aarch64-linux-gnu/lib", s.layout.gcc_dir};
  s.has_libgcc = true;
  return s;
}
SysrootView musl_multiarch() {
  SysrootView s;
  s.root = "/m";
  s.layout.kind = "debian-multiarch";
  s.layout.triplet = "x86_64-linux-musl";
  s.layout.include_dirs = {"usr/include/x86_64-linux-musl", "usr/include"};
  s.layout.library_dirs = {"usr/lib/x86_64-linux-musl", "usr/lib"};
  s.layout.startfile_dirs = {"usr/lib/x86_64-linux-musl"};
  return s;
}
SysrootView plain_bsd(std::string gcc_dir = "") {
  SysrootView s;
  s.root = "/b";
  s.layout.kind = "plain";
  s.layout.include_dirs = {"usr/include"};
  s.layout.library_dirs = {"usr/lib", "lib"};
  s.layout.startfile_dirs = {"usr/lib"};
  if (!gcc_dir.empty()) {
    s.layout.gcc_dir = gcc_dir;
    s.layout.library_dirs.insert(s.layout.library_dirs.begin(), gcc_dir);
    s.layout.startfile_dirs.push_back(gcc_dir);
  }
  s.has_libgcc = true;
  return s;
}

struct Case {
  std::string name;
  Profile profile;
  std::optional<SysrootView> sysroot;
  std::vector<std::string> args;
  std::vector<std::string> present;
  std::vector<std::string> absent;
  Language language = Language::c;
  std::string own_emutls = "";
  bool compiler_rt = false;
};

CompilerCommand build(const Case& c, const util::Environment& env = {{"PATH", "/usr/bin"}}) {
  CommandInputs in;
  in.profile = &c.profile;
  in.sysroot = c.sysroot ? &*c.sysroot : nullptr;
  in.language = c.language;
  in.user = UserArgList(c.args);
  in.environment = &env;
  in.toolchain.compiler = {c.language == Language::cxx ? "clang++-14" : "clang-14"};
  in.toolchain.compiler_rt_builtins = c.compiler_rt;
  in.own_emutls_archive = c.own_emutls;
  return build_command(in);
}

bool contains_run(const std::vector<std::string>& hay, const std::vector<std::string>& needle) {
  return std::search(hay.begin(), hay.end(), needle.begin(), needle.end()) != hay.end();
}

// `word` is an argument, or (with a space) a run of arguments.
bool has(const std::vector<std::string>& argv, const std::string& word) {
  std::vector<std::string> run;
  std::size_t start = 0;
  while (true) {
    auto space = word.find(' ', start);
    run.push_back(word.substr(start, space - start));
    if (space == std::string::npos)
      break;
    start = space + 1;
  }
  return contains_run(argv, run);
}

SysrootView with_emutls(SysrootView s, std::string archive) {
  s.emutls_archive = std::move(archive);
  return s;
}

const std::vector<Case>& cases() {
  static const std::vector<Case> all = {
      {"aarch64 link: triple, sysroot, gcc-toolchain, lld, the profile's non-PIE default",
       aarch64(),
       debian_cross(),
       {"hw.c", "-o", "hw"},
       {"-target", "aarch64-unknown-linux-gnu", "--sysroot=/s", "--gcc-toolchain=/s/usr",
        "-fuse-ld=lld", "-fno-pie", "-no-pie"},
       // clang finds the cross layout itself through --gcc-toolchain: no paths, no loader.
       {"-L/s/usr/aarch64-linux-gnu/lib", "-B/s/usr/aarch64-linux-gnu/lib",
        "-Wl,--dynamic-linker=/lib/ld-linux-aarch64.so.1", "--rtlib=libgcc"}},
      {"compile only (-c): no link flags",
       aarch64(),
       debian_cross(),
       {"-c", "hw.c"},
       {"-target", "--sysroot=/s", "-fno-pie"},
       {"-fuse-ld=lld", "-no-pie", "--rtlib=compiler-rt"}},
      {"preprocess only (-E): no link flags",
       aarch64(),
       debian_cross(),
       {"-E", "hw.c"},
       {"--sysroot=/s"},
       {"-fuse-ld=lld", "-no-pie"}},
      {"assembly only (-S): no link flags",
       aarch64(),
       debian_cross(),
       {"-S", "hw.c"},
       {"--sysroot=/s"},
       {"-fuse-ld=lld"}},
      {"-### shows clang's view of the full command",
       aarch64(),
       debian_cross(),
       {"-###", "hw.c"},
       {"-fuse-ld=lld", "-###"},
       {}},
      {"user -fuse-ld wins",
       aarch64(),
       debian_cross(),
       {"-fuse-ld=bfd", "hw.c"},
       {"-fuse-ld=bfd"},
       {"-fuse-ld=lld"}},
      {"user --ld-path wins",
       aarch64(),
       debian_cross(),
       {"--ld-path=/x/ld", "hw.c"},
       {},
       {"-fuse-ld=lld"}},
      {"user -target wins",
       aarch64(),
       debian_cross(),
       {"-target", "aarch64-linux-gnu", "hw.c"},
       {},
       {"aarch64-unknown-linux-gnu"}},
      {"user --target= wins",
       aarch64(),
       debian_cross(),
       {"--target=aarch64-linux-gnu", "hw.c"},
       {},
       {"-target"}},
      {"user --sysroot wins",
       aarch64(),
       debian_cross(),
       {"--sysroot=/other", "hw.c"},
       {},
       {"--sysroot=/s"}},
      {"user --gcc-toolchain wins",
       aarch64(),
       debian_cross(),
       {"--gcc-toolchain=/g", "hw.c"},
       {},
       {"--gcc-toolchain=/s/usr"}},
      {"-static: no PIE switch, no dynamic linker",
       aarch64(),
       debian_cross(),
       {"-static", "hw.c"},
       {"-static"},
       {"-no-pie", "-pie"}},
      {"a profile that links statically: no PIE switch either",
       [] {
         Profile p = aarch64();
         p.link_flags = {"-static"};
         return p;
       }(),
       debian_cross(),
       {"hw.c"},
       {"-static"},
       {"-no-pie", "-pie"}},
      {"-shared: no PIE flags",
       aarch64(),
       debian_cross(),
       {"-shared", "-fPIC", "lib.c"},
       {"-shared"},
       {"-no-pie", "-fno-pie", "-pie"}},
      {"user -pie wins over the profile",
       aarch64(),
       debian_cross(),
       {"-fPIE", "-pie", "hw.c"},
       {"-pie"},
       {"-no-pie", "-fno-pie"}},
      {"-r: a relocatable link",
       aarch64(),
       debian_cross(),
       {"-r", "a.o", "-o", "b.o"},
       {"-r"},
       {"-no-pie"}},
      {"-nostdlib: no start files from the sysroot",
       dragonfly(),
       plain_bsd("usr/lib/gcc80"),
       {"-nostdlib", "start.o"},
       {"-L/b/usr/lib"},
       {"-B/b/usr/lib", "-B/b/usr/lib/gcc80"}},
      {"-nostdinc: no sysroot headers",
       musl(),
       musl_multiarch(),
       {"-nostdinc", "-c", "a.c"},
       {},
       {"-idirafter"}},
      {"DragonFly: -B and -L into the sysroot, gcc80 included",
       dragonfly(),
       plain_bsd("usr/lib/gcc80"),
       {"hw.c"},
       {"-target", "x86_64-pc-dragonfly-elf", "-B/b/usr/lib", "-B/b/usr/lib/gcc80", "-L/b/usr/lib",
        "-L/b/usr/lib/gcc80", "-L/b/lib"},
       {"--gcc-toolchain=/b/usr", "-fno-pie", "-Wl,--dynamic-linker=/usr/libexec/ld-elf.so.2"}},
      {"FreeBSD C: clang finds usr/lib itself",
       freebsd(),
       plain_bsd(),
       {"hw.c"},
       {"-target", "x86_64-unknown-freebsd", "--sysroot=/b", "-L/b/lib"},
       {"-L/b/usr/lib", "-B/b/usr/lib", "-stdlib=libc++", "-fno-pie"}},
      {"FreeBSD C++: libc++",
       freebsd(),
       plain_bsd(),
       {"hw.cpp"},
       {"-stdlib=libc++"},
       {},
       Language::cxx},
      {"FreeBSD: a C++ source through cc still gets libc++ headers",
       freebsd(),
       plain_bsd(),
       {"-c", "hw.cpp"},
       {"-stdlib=libc++"},
       {}},
      {"FreeBSD C++: user -stdlib wins",
       freebsd(),
       plain_bsd(),
       {"-stdlib=libstdc++", "hw.cpp"},
       {"-stdlib=libstdc++"},
       {"-stdlib=libc++"},
       Language::cxx},
      {"musl without libgcc: compiler-rt stands in, multiarch folders added",
       musl(),
       musl_multiarch(),
       {"-static", "hw.c"},
       {"--rtlib=compiler-rt", "--unwindlib=none", "-B/m/usr/lib/x86_64-linux-musl",
        "-L/m/usr/lib/x86_64-linux-musl", "-idirafter", "/m/usr/include/x86_64-linux-musl",
        "-fPIE"},
       {"-idirafter /m/usr/include", "-L/m/usr/lib"},
       Language::c,
       "",
       true},
      {"user --rtlib wins",
       musl(),
       musl_multiarch(),
       {"--rtlib=libgcc", "hw.c"},
       {},
       {"--rtlib=compiler-rt"},
       Language::c,
       "",
       true},
      {"emulated TLS: -femulated-tls and the sysroot's runtime after the user's objects",
       genode(),
       with_emutls(plain_bsd(), "/b/usr/lib/libgcc_eh.a"),
       {"tls.c"},
       {"-femulated-tls", "/b/usr/lib/libgcc_eh.a"},
       {}},
      {"emulated TLS: xport's runtime when the sysroot has none",
       genode(),
       plain_bsd(),
       {"tls.c"},
       {"-femulated-tls", "/cache/libxport_emutls.a"},
       {},
       Language::c,
       "/cache/libxport_emutls.a"},
      {"emulated TLS after -x c: the runtime is not read as C",
       genode(),
       plain_bsd(),
       {"-x", "c", "tls.c"},
       {"-x", "none"},
       {},
       Language::c,
       "/cache/libxport_emutls.a"},
      {"emulated TLS, compile only: no runtime",
       genode(),
       plain_bsd(),
       {"-c", "tls.c"},
       {"-femulated-tls"},
       {"/cache/libxport_emutls.a"},
       Language::c,
       "/cache/libxport_emutls.a"},
      {"emulated TLS, -nodefaultlibs (rustc's link): the objects still call the runtime",
       genode(),
       plain_bsd(),
       {"-nodefaultlibs", "tls.o", "-lc", "-lgcc_s"},
       {"/cache/libxport_emutls.a"},
       {},
       Language::c,
       "/cache/libxport_emutls.a"},
      {"emulated TLS, -nodefaultlibs with compiler-rt: the sysroot's archive by name",
       genode(),
       with_emutls(plain_bsd(), "/b/usr/lib/libgcc.a"),
       {"-nodefaultlibs", "tls.o"},
       {"/b/usr/lib/libgcc.a"},
       {}},
      {"emulated TLS, -nostdlib: the user links the runtime",
       genode(),
       plain_bsd(),
       {"-nostdlib", "tls.o"},
       {},
       {"/cache/libxport_emutls.a"},
       Language::c,
       "/cache/libxport_emutls.a"},
      {"user -fno-emulated-tls wins",
       genode(),
       plain_bsd(),
       {"-fno-emulated-tls", "tls.c"},
       {},
       {"-femulated-tls", "/cache/libxport_emutls.a"},
       Language::c,
       "/cache/libxport_emutls.a"},
      {"user -femulated-tls on a native profile gets a runtime",
       freebsd(),
       plain_bsd(),
       {"-femulated-tls", "tls.c"},
       {"/cache/libxport_emutls.a"},
       {},
       Language::c,
       "/cache/libxport_emutls.a"},
      {"no sysroot: --version needs none",
       aarch64(),
       std::nullopt,
       {"--version"},
       {"-target"},
       {"--sysroot"}},
      {"no sysroot: freestanding compile needs none",
       aarch64(),
       std::nullopt,
       {"-ffreestanding", "-nostdinc", "-c", "k.c"},
       {"-target"},
       {"--sysroot"}},
  };
  return all;
}

TEST(CommandLine, Table) {
  for (const Case& c : cases()) {
    SCOPED_TRACE(c.name);
    CompilerCommand cmd = build(c);
    ASSERT_FALSE(cmd.argv.empty());
    EXPECT_TRUE(contains_run(cmd.argv, c.args)) << "user arguments must appear verbatim";
    std::string joined = util::shell_join(cmd.argv);
    for (const std::string& w : c.present)
      EXPECT_TRUE(has(cmd.argv, w)) << w << " missing in " << joined;
    for (const std::string& w : c.absent)
      EXPECT_FALSE(has(cmd.argv, w)) << w << " present in " << joined;
  }
}

TEST(CommandLine, ProfileFlagsBeforeUserArgsAndPathsAfter) {
  Case c{"dragonfly", dragonfly(), plain_bsd("usr/lib/gcc80"), {"-L/mine", "hw.c"}, {}, {}};
  CompilerCommand cmd = build(c);
  auto at = [&](const std::string& w) {
    return std::find(cmd.argv.begin(), cmd.argv.end(), w) - cmd.argv.begin();
  };
  EXPECT_LT(at("-target"), at("-L/mine"));
  EXPECT_LT(at("-fuse-ld=lld"), at("-L/mine"));
  EXPECT_LT(at("-L/mine"), at("-L/b/usr/lib")) << "the user's folders are searched first";
  EXPECT_EQ(cmd.argv.front(), "clang-14");
}

TEST(CommandLine, ArgumentsWithSpacesAndResponseFilesPassThrough) {
  Case c{"verbatim",
         aarch64(),
         debian_cross(),
         {"-DMSG=\"hello world\"", "@objects.rsp", "-Wl,-rpath,$ORIGIN", "my file.c", "-o", "a b"},
         {},
         {}};
  CompilerCommand cmd = build(c);
  EXPECT_TRUE(contains_run(cmd.argv, c.args));
}

TEST(CommandLine, HostVariablesAreRemoved) {
  util::Environment env = {{"PATH", "/usr/bin"},
                           {"LIBRARY_PATH", "/host/lib"},
                           {"CPATH", "/host/include"},
                           {"C_INCLUDE_PATH", "/h"},
                           {"CPLUS_INCLUDE_PATH", "/h"},
                           {"COMPILER_PATH", "/h"},
                           {"GCC_EXEC_PREFIX", "/h"},
                           {"CCC_OVERRIDE_OPTIONS", "#"},
                           {"OBJC_INCLUDE_PATH", "/h"},
                           {"SDKROOT", "/h"},
                           {"HOME", "/root"}};
  Case c{"env", aarch64(), debian_cross(), {"hw.c"}, {}, {}};
  CompilerCommand cmd = build(c, env);
  for (const char* name :
       {"LIBRARY_PATH", "CPATH", "C_INCLUDE_PATH", "CPLUS_INCLUDE_PATH", "COMPILER_PATH",
        "GCC_EXEC_PREFIX", "CCC_OVERRIDE_OPTIONS", "OBJC_INCLUDE_PATH", "SDKROOT"})
    EXPECT_EQ(cmd.env.count(name), 0u) << name;
  EXPECT_EQ(cmd.env.at("PATH"), "/usr/bin");
  EXPECT_EQ(cmd.env.at("HOME"), "/root");
  std::string printed = printable_command(cmd);
  EXPECT_TRUE(printed.starts_with("env -u CCC_OVERRIDE_OPTIONS -u COMPILER_PATH")) << printed;
  EXPECT_NE(printed.find("-u LIBRARY_PATH"), std::string::npos);
}

TEST(CommandLine, LauncherGoesFirst) {
  Profile p = aarch64();
  SysrootView s = debian_cross();
  std::vector<std::string> args = {"-c", "hw.c"};
  util::Environment env;
  CommandInputs in;
  in.profile = &p;
  in.sysroot = &s;
  in.user = UserArgList(args);
  in.environment = &env;
  in.toolchain.compiler = {"clang-14"};
  in.toolchain.launcher = {"ccache"};
  CompilerCommand cmd = build_command(in);
  ASSERT_GE(cmd.argv.size(), 2u);
  EXPECT_EQ(cmd.argv[0], "ccache");
  EXPECT_EQ(cmd.argv[1], "clang-14");
}

TEST(CommandLine, NoSysrootIsAnErrorThatSaysHowToGetOne) {
  Case c{"none", aarch64(), std::nullopt, {"hw.c"}, {}, {}};
  try {
    build(c);
    FAIL() << "expected an error";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("xport sysroot import MEDIA --target aarch64"),
              std::string::npos);
  }
}

TEST(CommandLine, UnknownOsCannotLink) {
  Profile p = freebsd();
  p.os = "genode";
  Case c{"unknown", p, plain_bsd(), {"hw.c"}, {}, {}};
  EXPECT_THROW(build(c), UsageError);
  Case compile{"unknown -c", p, plain_bsd(), {"-c", "hw.c"}, {}, {}};
  EXPECT_NO_THROW(build(compile));
}

TEST(CommandLine, EmutlsProviderPrefersCompilerRtThenSysroot) {
  UserArgs link = read_user_args(std::vector<std::string>{"tls.c"});
  Toolchain with_rt;
  with_rt.compiler_rt_builtins = true;
  SysrootView m = musl_multiarch();
  EXPECT_EQ(emutls_provider(genode(), &m, with_rt, link), EmutlsProvider::compiler_rt);
  SysrootView b = with_emutls(plain_bsd(), "/b/usr/lib/libgcc_eh.a");
  EXPECT_EQ(emutls_provider(genode(), &b, Toolchain{}, link), EmutlsProvider::sysroot);
  SysrootView none = plain_bsd();
  EXPECT_EQ(emutls_provider(genode(), &none, Toolchain{}, link), EmutlsProvider::xport_runtime);
  EXPECT_EQ(emutls_provider(freebsd(), &none, Toolchain{}, link), EmutlsProvider::not_needed);
  // rustc links with -nodefaultlibs: clang would add no compiler-rt, so a named archive serves.
  UserArgs rustc_link = read_user_args(std::vector<std::string>{"-nodefaultlibs", "main.o"});
  EXPECT_EQ(emutls_provider(genode(), &m, with_rt, rustc_link), EmutlsProvider::xport_runtime);
  EXPECT_EQ(emutls_provider(genode(), &b, with_rt, rustc_link), EmutlsProvider::sysroot);
}

} // namespace
} // namespace xport::driver

namespace xport::driver {
namespace {

// A sysroot with a symbol-ABI layer (Genode's): the link uses the layer's stubs and recipe.
SysrootView with_genode_layer() {
  SysrootView s = plain_bsd();
  AbiLayerLink abi;
  abi.interpreter = "ld.lib.so";
  abi.stubs = {"/b/symbol-abi/stubs/ld.lib.so", "/b/symbol-abi/stubs/libc.lib.so"};
  abi.empty_libs = "/b/symbol-abi/empty";
  abi.link_script = "/b/symbol-abi/tree/genode_dyn.ld";
  abi.dynamic_list = "/b/symbol-abi/tree/genode_dyn.dl";
  abi.static_archives = {"/b/usr/lib/libgcc_eh.a", "/b/usr/lib/libgcc.a"};
  abi.link_flags = {"-Wl,--hash-style=sysv"};
  abi.executable_flags = {"-Wl,-Ttext=0x01000000"};
  abi.shims_archive = "/cache/libxport_shims.a";
  abi.defines_emutls = true;
  s.abi_layer = abi;
  return s;
}

TEST(CommandLine, AgainstASymbolAbiLayerTheStubsAndRecipeReplaceTheMediasLibraries) {
  Case c{"genode layer", genode(), with_genode_layer(), {"hw.o", "-o", "hw"}, {}, {}};
  c.own_emutls = "/cache/libxport_emutls.a";
  CompilerCommand cmd = build(c);
  std::string joined = util::shell_join(cmd.argv);
  for (const char* w : {"-nostdlib", "-Wl,--dynamic-linker=ld.lib.so", "-Wl,--hash-style=sysv",
                        "-Wl,-Ttext=0x01000000", "-Wl,-T,/b/symbol-abi/tree/genode_dyn.ld",
                        "-Wl,--dynamic-list=/b/symbol-abi/tree/genode_dyn.dl",
                        "-L/b/symbol-abi/empty", "/cache/libxport_shims.a",
                        "-Wl,--push-state,--no-as-needed /b/symbol-abi/stubs/ld.lib.so "
                        "/b/symbol-abi/stubs/libc.lib.so -Wl,--pop-state",
                        "/b/usr/lib/libgcc_eh.a"})
    EXPECT_TRUE(has(cmd.argv, w)) << w << " missing in " << joined;
  // Nothing of the media's own link: no start files, library folders, FreeBSD loader, or
  // emulated-TLS runtime (ld.lib.so exports __emutls_get_address).
  for (const char* w : {"-L/b/usr/lib", "-B/b/usr/lib", "-Wl,--dynamic-linker=/libexec/ld-elf.so.1",
                        "/cache/libxport_emutls.a"})
    EXPECT_FALSE(has(cmd.argv, w)) << w << " present in " << joined;
  auto at = [&](const std::string& w) {
    return std::find(cmd.argv.begin(), cmd.argv.end(), w) - cmd.argv.begin();
  };
  EXPECT_LT(at("hw.o"), at("/b/symbol-abi/stubs/ld.lib.so"));
  SysrootView layer = with_genode_layer();
  EXPECT_EQ(emutls_provider(genode(), &layer, Toolchain{}, read_user_args(c.args)),
            EmutlsProvider::abi_layer);
  layer.abi_layer->defines_emutls = false;
  EXPECT_EQ(emutls_provider(genode(), &layer, Toolchain{}, read_user_args(c.args)),
            EmutlsProvider::xport_runtime);
}

TEST(CommandLine, SharedObjectsAgainstALayerGetNoProgramRecipe) {
  Case c{"genode shared", genode(), with_genode_layer(), {"-shared", "x.o", "-o", "x.so"}, {}, {}};
  CompilerCommand cmd = build(c);
  for (const char* w : {"-Wl,-Ttext=0x01000000", "-Wl,-T,/b/symbol-abi/tree/genode_dyn.ld",
                        "-Wl,--dynamic-linker=ld.lib.so"})
    EXPECT_FALSE(has(cmd.argv, w)) << w;
  EXPECT_TRUE(has(cmd.argv, "-Wl,--hash-style=sysv"));
  EXPECT_TRUE(has(cmd.argv, "/b/symbol-abi/stubs/libc.lib.so"));
}

TEST(CommandLine, CompilesAgainstALayerAreFreeBsdCompiles) {
  Case c{"genode compile", genode(), with_genode_layer(), {"-c", "hw.c"}, {}, {}};
  CompilerCommand cmd = build(c);
  EXPECT_TRUE(has(cmd.argv, "-femulated-tls"));
  EXPECT_TRUE(has(cmd.argv, "-idirafter /b/usr/include") || has(cmd.argv, "--sysroot=/b"));
  EXPECT_FALSE(has(cmd.argv, "-nostdlib"));
  EXPECT_FALSE(has(cmd.argv, "/b/symbol-abi/stubs/libc.lib.so"));
}

} // namespace
} // namespace xport::driver
