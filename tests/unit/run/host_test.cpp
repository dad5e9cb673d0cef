#include <gtest/gtest.h>

#include "run/host.hpp"

namespace xport::run {
namespace {

target::Profile profile(std::string name, std::string arch, std::string os,
                        std::vector<std::string> chain = {}) {
  target::Profile p;
  p.name = name;
  p.arch = arch;
  p.os = os;
  p.inherits_chain = chain.empty() ? std::vector<std::string>{name} : chain;
  return p;
}

TEST(RunsNatively, SameArchitectureAndOperatingSystem) {
  Host host{"x86_64", "linux"};
  EXPECT_TRUE(runs_natively(profile("x86_64-unknown-linux-gnu", "x86_64", "linux"), host));
  EXPECT_TRUE(runs_natively(profile("x86_64-unknown-linux-musl", "x86_64", "linux"), host));
  EXPECT_FALSE(runs_natively(profile("aarch64-unknown-linux-gnu", "aarch64", "linux"), host));
  EXPECT_FALSE(runs_natively(profile("x86_64-unknown-freebsd", "x86_64", "freebsd"), host));
}

TEST(RunsNatively, TheKernelIsAFactOfTheProfileNotOfItsName) {
  Host host{"x86_64", "linux"};
  // A runtime of its own over Linux's system calls: the `kernel` field says so, whatever the names.
  auto layered = profile("my-runtime", "x86_64", "genode", {"my-runtime", "x86_64-genode-base"});
  EXPECT_FALSE(runs_natively(layered, host));
  layered.kernel = "linux";
  EXPECT_TRUE(runs_natively(layered, host));
  // Names that look like the host's prove nothing: Genode's programs need Genode's kernel.
  auto genode = profile("x86_64-unknown-genode", "x86_64", "genode",
                        {"x86_64-unknown-genode", "x86_64-unknown-linux-gnu", "linux-base"});
  EXPECT_FALSE(runs_natively(genode, host));
  // Architecture spellings are the platform table's.
  EXPECT_TRUE(runs_natively(profile("amd64-linux", "amd64", "linux"), host));
  EXPECT_FALSE(runs_natively(profile("x86_64-unknown-netbsd", "x86_64", "netbsd"), host));
  EXPECT_TRUE(runs_natively(profile("x86_64-unknown-netbsd", "x86_64", "netbsd"),
                            Host{"x86_64", "netbsd"}));
}

TEST(HostNames, UnameSpellingsAndQemuNames) {
  EXPECT_EQ(profile_arch("amd64"), "x86_64");
  EXPECT_EQ(profile_arch("arm64"), "aarch64");
  EXPECT_EQ(profile_arch("riscv64"), "riscv64");
  EXPECT_EQ(qemu_program("aarch64", ""), "qemu-aarch64");
  EXPECT_EQ(qemu_program("i686", ""), "qemu-i386");
  EXPECT_EQ(qemu_program("arm", "arm"), "qemu-arm");
  EXPECT_EQ(qemu_program("arm", "qemu-armeb"), "qemu-armeb");
  EXPECT_FALSE(current_host().arch.empty());
}

} // namespace
} // namespace xport::run
