#include "progress.h"

#include <fmt/format.h>

#include <cstdio>

namespace paxray::cli {

void ProgressBar::update(const ScanProgress& p) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  drawn_ = true;
  const double frac = p.raw_total == 0 ? 1.0 : std::min(1.0, static_cast<double>(p.raw_done) / static_cast<double>(p.raw_total));
  constexpr int kWidth = 30;
  const int filled = static_cast<int>(frac * kWidth);
  fmt::print(stderr, "\r[{:=<{}}{: <{}}] {:3.0f}%  {:.1f}/{:.1f} MiB  {} files", "", filled, "", kWidth - filled,
             frac * 100, static_cast<double>(p.raw_done) / (1 << 20), static_cast<double>(p.raw_total) / (1 << 20),
             p.files_done);
  std::fflush(stderr);
}

void ProgressBar::finish() {
  if (!enabled_ || !drawn_) return;
  fmt::print(stderr, "\r\x1b[2K");
  std::fflush(stderr);
  drawn_ = false;
}

}  // namespace paxray::cli
