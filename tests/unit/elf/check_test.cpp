// Checks against profiles built here (not the catalog), on objects clang compiles for the test:
// thread-pointer reads per function only where TLS is emulated, machine mismatch, TLS relocations.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <gtest/gtest.h>

#include "elf/check.hpp"
#include "elf/input.hpp"
#include "elf/thread_pointer.hpp"
#include "test_dir.hpp"

namespace xport::elf {
namespace {

namespace fs = std::filesystem;

using testing::test_dir;

fs::path compile_source(const std::string& name, const std::string& text, const std::string& triple,
                        const std::string& flags) {
  fs::path dir = test_dir();
  fs::path src = dir / name;
  std::ofstream(src) << text;
  std::string stem = triple + flags;
  for (char& c : stem)
    if (c == ' ' || c == '=')
      c = '_';
  fs::path out = dir / (stem + ".o");
  std::string cmd =
      "clang -target " + triple + " -O1 " + flags + " -c " + src.string() + " -o " + out.string();
  if (std::system(cmd.c_str()) != 0)
    throw std::runtime_error("cannot run: " + cmd);
  return out;
}

fs::path compile(const std::string& triple, const std::string& flags) {
  return compile_source("tls.c",
                        "_Thread_local int counter;\n"
                        "int bump(int by) { counter += by; return counter; }\n"
                        "int peek(void) { return counter; }\n",
                        triple, flags);
}

target::Profile x86_64_profile(target::TlsModel tls) {
  target::Profile p;
  p.name = "x86_64-test";
  p.llvm_triple = "x86_64-unknown-freebsd";
  p.arch = "x86_64";
  p.pointer_width = 64;
  p.tls_model = tls;
  p.thread_pointer = target::ThreadPointer::fs;
  return p;
}

std::vector<Finding> check_file(const fs::path& path, const target::Profile& profile) {
  Input input = open_input(path);
  ElfFile elf(input.images[0].name, input.images[0].bytes);
  CheckContext context;
  context.profile = profile;
  return check_image(elf, {input.images[0].name, "", {}}, context);
}

std::vector<std::string> codes(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const Finding& f : findings)
    out.emplace_back(code_name(f.code));
  return out;
}

TEST(Check, ThreadPointerReadsOnePerFunctionWhenTlsIsEmulated) {
  fs::path obj = compile("x86_64-unknown-freebsd", "");
  std::vector<Finding> found = check_file(obj, x86_64_profile(target::TlsModel::emulated));
  std::vector<std::string> functions;
  for (const Finding& f : found)
    if (f.code == Code::thread_pointer_read) {
      functions.push_back(f.symbol);
      EXPECT_NE(f.message.find("reads the thread pointer (%fs) at 0x"), std::string::npos);
      EXPECT_NE(f.message.find("the target's tls-model is emulated and it provides no TLS area "
                               "through FS"),
                std::string::npos);
      EXPECT_EQ(f.section, ".text");
    }
  EXPECT_EQ(functions, (std::vector<std::string>{"bump", "peek"}));
  EXPECT_TRUE(check_file(obj, x86_64_profile(target::TlsModel::native)).empty());
}

TEST(Check, EmulatedTlsObjectPasses) {
  fs::path obj = compile("x86_64-unknown-freebsd", "-femulated-tls");
  EXPECT_TRUE(check_file(obj, x86_64_profile(target::TlsModel::emulated)).empty());
}

// ARM reaches TPIDRURO with mrc p15 (with -mtp=cp15), in ARM and in Thumb code alike; the
// mapping symbols ($a/$t/$d) decide how each region is decoded.
TEST(Check, ArmAndThumbMrcAreThreadPointerReads) {
  target::Profile p;
  p.name = "armv7-test";
  p.arch = "arm";
  p.pointer_width = 32;
  p.tls_model = target::TlsModel::emulated;
  for (const char* flags : {"-mtp=cp15", "-mthumb -mtp=cp15"}) {
    std::vector<Finding> found = check_file(compile("armv7-unknown-linux-gnueabihf", flags), p);
    std::vector<std::string> functions;
    for (const Finding& f : found)
      if (f.code == Code::thread_pointer_read)
        functions.push_back(f.symbol);
    EXPECT_EQ(functions, (std::vector<std::string>{"bump", "peek"})) << flags;
  }
}

TEST(Check, OtherMachineIsOneFindingNotAScan) {
  fs::path obj = compile("aarch64-unknown-freebsd", "");
  std::vector<Finding> found = check_file(obj, x86_64_profile(target::TlsModel::native));
  EXPECT_EQ(codes(found), (std::vector<std::string>{"machine-mismatch"}));
}

TEST(Check, ScanIsTheSameOnOneOrTwoThreadsAndWithoutTheFastPath) {
  // Many functions with thread-pointer reads between ordinary code, in an object of the test's own.
  std::string text = "_Thread_local long slots[64];\n";
  for (int i = 0; i < 400; ++i)
    text += "long f" + std::to_string(i) + "(long x) { long y = x * " + std::to_string(i + 3) +
            " + (x >> 3); slots[" + std::to_string(i % 64) + "] += y; return y ^ slots[" +
            std::to_string((i * 7) % 64) + "]; }\n";
  Input input = open_input(compile_source("many.c", text, "x86_64-unknown-linux-gnu", ""));
  ElfFile elf(input.images[0].name, input.images[0].bytes);
  auto one = find_thread_pointer_reads(elf, ScanOptions{1});
  auto two = find_thread_pointer_reads(elf, ScanOptions{2});
  auto mc_only = find_thread_pointer_reads(elf, ScanOptions{2, false});
  ASSERT_EQ(one.size(), two.size());
  ASSERT_EQ(one.size(), mc_only.size());
  EXPECT_GT(one.size(), 100u);
  for (std::size_t i = 0; i < one.size(); ++i) {
    EXPECT_EQ(one[i].address, two[i].address);
    EXPECT_EQ(one[i].address, mc_only[i].address);
  }
}

} // namespace
} // namespace xport::elf
