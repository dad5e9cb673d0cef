// Fuzzes the import path: an in-memory medium (any format libarchive is allowed to read) is
// imported with --all into a fresh temporary root. It must not crash, and nothing may appear next
// to the root: hostile members are refused with xport::Error, never written outside.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <span>
#include <unistd.h>

#include "sysroot/importer.hpp"
#include "util/error.hpp"

namespace fs = std::filesystem;
using namespace xport;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const target::Profile profile = [] {
    target::Profile p;
    p.name = "fuzz";
    p.os = "freebsd";
    p.include_dirs = {"usr/include"};
    p.library_dirs = {"usr/lib"};
    p.dynamic_linker = "/libexec/ld-elf.so.1";
    return p;
  }();
  char base_template[] = "/tmp/xport-import-fuzz.XXXXXX";
  if (!::mkdtemp(base_template))
    std::abort();
  fs::path base = base_template;
  fs::create_directory(base / "root");
  sysroot::ImportOptions options;
  options.all = (size % 2) == 0; // both the selection and --all
  options.max_member_size = 1 << 20;
  options.hash_media = false;
  sysroot::MediumSource medium{
      "fuzz-input", {}, std::span(reinterpret_cast<const std::byte*>(data), size), ""};
  try {
    sysroot::import_media(base / "root", {medium}, profile, options);
  } catch (const Error&) {
  }
  for (const auto& entry : fs::directory_iterator(base))
    if (entry.path().filename() != "root") {
      std::fprintf(stderr, "import wrote outside its root: %s\n", entry.path().c_str());
      std::abort();
    }
  fs::remove_all(base);
  return 0;
}
