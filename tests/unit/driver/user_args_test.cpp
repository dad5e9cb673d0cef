#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "driver/user_args.hpp"

namespace xport::driver {
namespace {

UserArgs read(std::vector<std::string> args) {
  return read_user_args(args);
}

TEST(UserArgs, PhaseFollowsTheEarliestStop) {
  EXPECT_EQ(read({"hw.c"}).last_phase, Phase::link);
  EXPECT_EQ(read({"-c", "hw.c"}).last_phase, Phase::assemble);
  EXPECT_EQ(read({"-S", "hw.c"}).last_phase, Phase::compile);
  EXPECT_EQ(read({"-E", "hw.c"}).last_phase, Phase::preprocess);
  EXPECT_EQ(read({"-c", "-E", "hw.c"}).last_phase, Phase::preprocess);
  EXPECT_EQ(read({"-fsyntax-only", "hw.c"}).last_phase, Phase::compile);
  EXPECT_TRUE(read({"--version"}).info_only);
  EXPECT_TRUE(read({"-print-file-name=libc.so"}).info_only);
}

// What a link writes, for xport cc's check after it: the last -o, else a.out; nothing for a
// compile, -r or -###.
TEST(UserArgs, LinkedFileIsTheLinksOutput) {
  EXPECT_EQ(read({"hw.c", "-o", "hw"}).linked_file(), "hw");
  EXPECT_EQ(read({"hw.c", "-ohw2"}).linked_file(), "hw2");
  EXPECT_EQ(read({"-o", "a", "hw.c", "-o", "b"}).linked_file(), "b");
  EXPECT_EQ(read({"hw.c"}).linked_file(), "a.out");
  EXPECT_EQ(read({"-shared", "x.o", "-o", "libx.so"}).linked_file(), "libx.so");
  EXPECT_EQ(read({"-c", "hw.c", "-o", "hw.o"}).linked_file(), "");
  EXPECT_EQ(read({"-r", "a.o", "b.o", "-o", "ab.o"}).linked_file(), "");
  EXPECT_EQ(read({"-###", "hw.c", "-o", "hw"}).linked_file(), "");
  EXPECT_EQ(read({"--version"}).linked_file(), "");
  EXPECT_EQ(read({"-Xlinker", "-o", "hw.c"}).linked_file(), "a.out") << "the linker's word";
}

TEST(UserArgs, ArgumentsOfOptionsAreNotInputs) {
  UserArgs u = read({"-o", "x.cpp", "-MF", "dep.cc", "-include", "pre.hpp", "main.o"});
  EXPECT_EQ(u.input_count, 1u);
  EXPECT_FALSE(u.has_cxx_input);
  EXPECT_FALSE(u.has_source_input);
}

TEST(UserArgs, LanguageByExtensionAndByX) {
  EXPECT_TRUE(read({"a.cpp"}).has_cxx_input);
  EXPECT_TRUE(read({"a.cc"}).has_cxx_input);
  EXPECT_FALSE(read({"a.c"}).has_cxx_input);
  UserArgs x = read({"-x", "c++", "a.c"});
  EXPECT_TRUE(x.has_cxx_input);
  EXPECT_TRUE(x.selects_language);
  EXPECT_TRUE(read({"-xc++", "-"}).has_cxx_input);
  EXPECT_FALSE(read({"-x", "c++", "-x", "none", "a.c"}).has_cxx_input);
  EXPECT_FALSE(read({"libfoo.so.1", "a.o", "b.a"}).has_source_input);
}

TEST(UserArgs, LinkModes) {
  EXPECT_TRUE(read({"-shared", "a.o"}).shared);
  EXPECT_TRUE(read({"-static", "a.o"}).static_);
  EXPECT_TRUE(read({"-static-pie", "a.o"}).static_pie);
  EXPECT_TRUE(read({"-r", "a.o"}).relocatable);
  UserArgs last_wins = read({"-pie", "-no-pie"});
  EXPECT_TRUE(last_wins.no_pie);
  EXPECT_FALSE(last_wins.pie);
}

TEST(UserArgs, ExplicitChoicesAreRecorded) {
  UserArgs u = read({"-fuse-ld=bfd", "-stdlib=libstdc++", "--rtlib=libgcc", "-nostartfiles",
                     "--target=x86_64-linux-gnu", "-fPIC", "-fno-emulated-tls"});
  EXPECT_TRUE(u.chose(Aspect::linker));
  EXPECT_TRUE(u.chose(Aspect::cxx_stdlib));
  EXPECT_TRUE(u.chose(Aspect::runtime_library));
  EXPECT_TRUE(u.chose(Aspect::start_files));
  EXPECT_TRUE(u.chose(Aspect::target));
  EXPECT_TRUE(u.chose(Aspect::pie_codegen));
  EXPECT_FALSE(u.wants_start_files());
  EXPECT_TRUE(u.wants_default_libs());
  ASSERT_TRUE(u.emulated_tls.has_value());
  EXPECT_FALSE(*u.emulated_tls);
  EXPECT_FALSE(read({"-nostdlib"}).wants_default_libs());
}

TEST(UserArgs, DynamicLinkerThroughTheLinker) {
  EXPECT_TRUE(read({"-Wl,-z,now,--dynamic-linker=/lib/ld.so"}).sets_dynamic_linker);
  EXPECT_TRUE(read({"-Xlinker", "-dynamic-linker", "-Xlinker", "/x"}).sets_dynamic_linker);
  EXPECT_FALSE(read({"-Wl,-z,now"}).sets_dynamic_linker);
}

TEST(UserArgs, ResponseFilesAreReadRecursively) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("xport-rsp-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "inner.rsp") << "-shared 'my file.cpp'\n";
  std::ofstream(dir / "outer.rsp") << "-c @" << (dir / "inner.rsp").string() << "\n";
  UserArgs u = read({"@" + (dir / "outer.rsp").string()});
  EXPECT_EQ(u.last_phase, Phase::assemble);
  EXPECT_TRUE(u.shared);
  EXPECT_TRUE(u.has_cxx_input);
  EXPECT_EQ(u.response_files.size(), 1u);
  fs::remove_all(dir);
  EXPECT_EQ(read({"@/nonexistent/file.rsp", "a.c"}).last_phase, Phase::link);
}

TEST(UserArgs, ResponseFileQuoting) {
  std::vector<std::string> words = split_response_file("a 'b c' \"d\\\"e\" f\\ g\n\th");
  EXPECT_EQ(words, (std::vector<std::string>{"a", "b c", "d\"e", "f g", "h"}));
  EXPECT_EQ(split_response_file("''"), (std::vector<std::string>{""}));
}

} // namespace
} // namespace xport::driver
