// Progress of the long sysroot operations, drawn on standard error when it is a terminal and
// nothing otherwise, so logs and pipes stay clean: the import's bar and a download's line. Only
// the full binary's commands use them (ARCHITECTURE.md, "Two binaries").
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "sysroot/importer.hpp"

namespace xport::sysroot {

// "[#########-----------]  45%  512.0 MiB / 1.1 GiB  1234 files", drawn once the import has run
// for more than a second, redrawn at most ten times a second, erased when the import ends.
class ImportProgressBar : public ImportObserver {
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

// "downloading base.txz: 12.0 MiB of 180.3 MiB (6%)", redrawn at most ten times a second (and at
// the end of each file), erased by finish() before anything else is printed.
class DownloadProgressLine {
public:
  DownloadProgressLine();
  ~DownloadProgressLine();
  void update(const std::string& name, uint64_t done, uint64_t total);
  void finish();

private:
  bool terminal_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_;
};

} // namespace xport::sysroot
