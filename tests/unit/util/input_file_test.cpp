#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "util/input_file.hpp"

namespace xport::util {
namespace {

namespace fs = std::filesystem;

TEST(InputFile, OpensRegularFilesAndRefusesWhatCouldBlock) {
  fs::path dir = fs::temp_directory_path() / ("xport-input-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "file") << "data";
  Result<int> file = open_regular_file(dir / "file");
  ASSERT_TRUE(file) << file.error();
  char c = 0;
  EXPECT_EQ(::read(*file, &c, 1), 1); // blocking mode restored, data readable
  ::close(*file);

  ASSERT_EQ(::mkfifo((dir / "pipe").c_str(), 0600), 0);
  Result<int> pipe = open_regular_file(dir / "pipe"); // must return, not wait for a writer
  ASSERT_FALSE(pipe);
  EXPECT_NE(pipe.error().find("a FIFO (named pipe), not a regular file"), std::string::npos);
  Result<int> zero = open_regular_file("/dev/zero");
  ASSERT_FALSE(zero);
  EXPECT_NE(zero.error().find("a character device"), std::string::npos);
  Result<int> folder = open_regular_file(dir);
  ASSERT_FALSE(folder);
  EXPECT_NE(folder.error().find("a directory"), std::string::npos);
  Result<int> missing = open_regular_file(dir / "missing");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().find("No such file"), std::string::npos);
  fs::remove_all(dir);
}

} // namespace
} // namespace xport::util
