// The import's progress bar and a download's progress line on a terminal's standard error.
#include "sysroot/terminal_progress.hpp"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <unistd.h>

#include <fmt/format.h>

#include "sysroot/size_text.hpp"

namespace xport::sysroot {

ImportProgressBar::ImportProgressBar()
    : terminal_(::isatty(STDERR_FILENO) == 1), start_(Clock::now()), last_(start_) {}

ImportProgressBar::~ImportProgressBar() {
  if (drawn_)
    std::fputs("\r\033[K", stderr);
}

void ImportProgressBar::progress(uint64_t done, uint64_t total, uint64_t files) {
  if (!terminal_)
    return;
  auto now = Clock::now();
  if (now - start_ < std::chrono::seconds(1) || now - last_ < std::chrono::milliseconds(100))
    return;
  last_ = now;
  constexpr int width = 30;
  double fraction =
      total == 0 ? 0 : std::min(1.0, static_cast<double>(done) / static_cast<double>(total));
  int filled = static_cast<int>(fraction * width);
  std::string bar = std::string(filled, '#') + std::string(width - filled, '-');
  std::fputs(fmt::format("\r\033[K[{}] {:3.0f}%  {} / {}  {} files", bar, fraction * 100,
                         human_size(done), human_size(total), files)
                 .c_str(),
             stderr);
  std::fflush(stderr);
  drawn_ = true;
}

DownloadProgressLine::DownloadProgressLine() : terminal_(::isatty(STDERR_FILENO) == 1) {}

DownloadProgressLine::~DownloadProgressLine() {
  finish();
}

void DownloadProgressLine::update(const std::string& name, uint64_t done, uint64_t total) {
  if (!terminal_)
    return;
  auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_ < std::chrono::milliseconds(100) && done != total)
    return;
  last_ = now;
  drawn_ = true;
  std::string line = total > 0
                         ? fmt::format("downloading {}: {} of {} ({}%)", name, human_size(done),
                                       human_size(total), done * 100 / total)
                         : fmt::format("downloading {}: {}", name, human_size(done));
  std::cerr << "\r\033[K" << line << std::flush;
}

void DownloadProgressLine::finish() {
  if (drawn_)
    std::cerr << "\r\033[K" << std::flush;
  drawn_ = false;
}

} // namespace xport::sysroot
