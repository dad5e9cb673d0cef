// A temporary folder for one test, removed afterwards, with helpers to make files in it.
#pragma once

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace xport::run::testing {

class TestFolder {
public:
  TestFolder() {
    std::random_device seed;
    path_ = std::filesystem::temp_directory_path() / ("xport-run-test-" + std::to_string(seed()));
    std::filesystem::create_directories(path_);
  }
  ~TestFolder() { std::filesystem::remove_all(path_); }
  const std::filesystem::path& path() const { return path_; }

  std::filesystem::path file(const std::string& rel, const std::string& text = "",
                             bool executable = false) const {
    std::filesystem::path p = path_ / rel;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p) << text;
    if (executable)
      std::filesystem::permissions(p, std::filesystem::perms::owner_all);
    return p;
  }

private:
  std::filesystem::path path_;
};

} // namespace xport::run::testing
