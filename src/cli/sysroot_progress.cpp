// "[#########-----------]  45%  512.0 MiB / 1.1 GiB  1234 files", redrawn at most ten times a
// second, erased when the import ends.
#include "cli/sysroot_progress.hpp"

#include <cstdio>
#include <string>
#include <unistd.h>

#include <fmt/format.h>

#include "sysroot/size_text.hpp"

namespace xport::cli {

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
                         sysroot::human_size(done), sysroot::human_size(total), files)
                 .c_str(),
             stderr);
  std::fflush(stderr);
  drawn_ = true;
}

} // namespace xport::cli
