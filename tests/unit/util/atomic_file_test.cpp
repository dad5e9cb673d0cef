#include <filesystem>

#include <gtest/gtest.h>

#include "util/atomic_file.hpp"
#include "util/error.hpp"

namespace xport::util {
namespace {

namespace fs = std::filesystem;

TEST(AtomicFile, WritesReplacesAndLeavesNoTemporaryFiles) {
  fs::path dir = fs::temp_directory_path() / ("xport-atomic-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  write_file_atomically(dir / "a" / "f.txt", "one"); // the folder is created
  write_file_atomically(dir / "a" / "f.txt", "two");
  EXPECT_EQ(read_file(dir / "a" / "f.txt"), "two");
  write_file_atomically(dir / "a" / "run.sh", "#!/bin/sh\n", true);
  EXPECT_NE(fs::status(dir / "a" / "run.sh").permissions() & fs::perms::owner_exec,
            fs::perms::none);
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir / "a"))
    ++entries;
  EXPECT_EQ(entries, 2u) << "a temporary file was left behind";
  // A folder where the file's folder should be: an error naming the file.
  try {
    write_file_atomically(dir / "a" / "f.txt" / "inner", "x");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("f.txt/inner"), std::string::npos) << e.what();
  }
  EXPECT_THROW(read_file(dir / "missing"), Error);
  fs::remove_all(dir);
}

} // namespace
} // namespace xport::util
