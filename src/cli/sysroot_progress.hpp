// The import progress bar: drawn on standard error when it is a terminal and the import has run
// for more than a second; nothing otherwise, so logs and pipes stay clean.
#pragma once

#include <chrono>
#include <cstdint>

#include "sysroot/importer.hpp"

namespace xport::cli {

class ImportProgressBar : public sysroot::ImportObserver {
public:
  ImportProgressBar();
  ~ImportProgressBar() override;
  void progress(uint64_t done, uint64_t total, uint64_t files) override;

private:
  using Clock = std::chrono::steady_clock;
  bool terminal_;
  bool drawn_ = false;
  Clock::time_point start_;
  Clock::time_point last_;
};

} // namespace xport::cli
