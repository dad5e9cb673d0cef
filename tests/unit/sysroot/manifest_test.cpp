// sysroot.json survives a write and a read unchanged, and a damaged one is reported by name.
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include <gtest/gtest.h>

#include "sysroot/linker_script.hpp"
#include "sysroot/manifest.hpp"
#include "util/error.hpp"

namespace xport::sysroot {
namespace {

namespace fs = std::filesystem;

TEST(Manifest, RoundTrip) {
  Manifest m;
  m.name = "aarch64";
  m.target = "aarch64-unknown-linux-gnu";
  m.xport_version = "0.1.0";
  m.imported_at = "2026-01-01T00:00:00Z";
  m.media = {{"/m/libc6.deb",
              "deb: data.tar.xz, GNU tar format",
              1234,
              std::string(32, 'a'),
              std::string(64, 'a'),
              {}},
             {"/m/base.txz",
              "tar.xz",
              5678,
              std::string(32, 'c'),
              "",
              {"https://mirror.example/13.2-RELEASE/base.txz", "sha256:" + std::string(64, 'd'),
               "sha256:" + std::string(64, 'd'), "openbsd-78-base"}}};
  m.settings = {false, 4096};
  m.layout.kind = "debian-cross";
  m.layout.include_dirs = {"usr/aarch64-linux-gnu/include"};
  m.linker_scripts = {{"usr/lib/libc.so", {"/lib/libc.so.6"}, "unmodified"}};
  m.warnings = {"a warning"};
  m.files = {{"usr/lib", MemberKind::directory, 0, 0755, "", "", 0},
             {"usr/lib/libc.a", MemberKind::file, 10, 0644, std::string(64, 'b'), "", 0},
             {"usr/lib/libc.so.6", MemberKind::symlink, 0, 0777, "", "../../lib/libc.so.6", 0},
             {"usr/lib/libc_p.a", MemberKind::hardlink, 10, 0644, std::string(64, 'b'),
              "usr/lib/libc.a", 0},
             {"usr/include/q\"uo\\te\n\x01"
              "caf\xc3\xa9.h",
              MemberKind::file, 1, 0600, "c", "", 1}};
  fs::path file = fs::temp_directory_path() / ("xport-manifest-" + std::to_string(::getpid()));
  write_manifest(m, file);
  Manifest back = read_manifest(file);
  fs::remove(file);
  EXPECT_EQ(to_json(back), to_json(m));
  EXPECT_EQ(back.total_bytes(), 11u);
  // Where a fetched medium came from and what vouched for it; a medium the user gave has none.
  ASSERT_EQ(back.media.size(), 2u);
  EXPECT_FALSE(to_json(m)["media"][0].contains("origin"));
  EXPECT_EQ(back.media[1].origin.url, "https://mirror.example/13.2-RELEASE/base.txz");
  EXPECT_EQ(back.media[1].origin.pinned, "sha256:" + std::string(64, 'd'));
  EXPECT_EQ(back.media[1].origin.signed_by, "openbsd-78-base");
}

TEST(Manifest, DamagedFilesAreNamed) {
  fs::path file = fs::temp_directory_path() / ("xport-manifest-bad-" + std::to_string(::getpid()));
  std::ofstream(file) << "{\"format\": 1, \"name\": 3}";
  try {
    read_manifest(file);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(file.string()), std::string::npos) << e.what();
  }
  fs::remove(file);
}

TEST(LinkerScript, FindsAbsolutePaths) {
  const char* glibc = "/* GNU ld script\n   Use the shared library */\n"
                      "OUTPUT_FORMAT(elf64-littleaarch64)\n"
                      "GROUP ( /usr/aarch64-linux-gnu/lib/libc.so.6 "
                      "/usr/aarch64-linux-gnu/lib/libc_nonshared.a  AS_NEEDED ( "
                      "/usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1 ) )\n";
  EXPECT_EQ(absolute_paths_in_script(glibc),
            (std::vector<std::string>{"/usr/aarch64-linux-gnu/lib/libc.so.6",
                                      "/usr/aarch64-linux-gnu/lib/libc_nonshared.a",
                                      "/usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1"}));
  EXPECT_EQ(absolute_paths_in_script("GROUP ( /lib/libc.so.7 /usr/lib/libc_nonshared.a )"),
            (std::vector<std::string>{"/lib/libc.so.7", "/usr/lib/libc_nonshared.a"}));
}

} // namespace
} // namespace xport::sysroot
