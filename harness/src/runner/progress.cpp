// Progress rendering. The ETA extrapolates this session's own pace, not resumed runs.
#include "runner/progress.hpp"

#include <cstdio>

#include <fmt/format.h>

namespace zbench {

std::string format_duration(double seconds) {
  const long s = static_cast<long>(seconds + 0.5);
  if (s >= 3600) return fmt::format("{}h{:02}m", s / 3600, (s % 3600) / 60);
  if (s >= 60) return fmt::format("{}m{:02}s", s / 60, s % 60);
  return fmt::format("{}s", s);
}

Progress::Progress(std::size_t total, std::size_t resumed, bool terminal)
    : total_(total),
      resumed_(resumed),
      terminal_(terminal),
      started_(std::chrono::steady_clock::now()) {}

std::string Progress::eta(std::size_t done) const {
  const std::size_t fresh = done > resumed_ ? done - resumed_ : 0;
  if (fresh == 0) return "--";
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  return format_duration(elapsed / static_cast<double>(fresh) * static_cast<double>(total_ - done));
}

void Progress::update(std::size_t done, std::size_t failures, const std::string& current) {
  const double pct =
      total_ == 0 ? 100.0 : 100.0 * static_cast<double>(done) / static_cast<double>(total_);
  const std::string fail_note = failures == 0 ? "" : fmt::format(", {} failed", failures);
  if (terminal_) {
    constexpr int width = 30;
    const int filled = static_cast<int>(pct / 100.0 * width);
    std::fprintf(stderr, "\r\033[K[%s%s] %zu/%zu %.1f%% ETA %s%s  %s",
                 std::string(static_cast<std::size_t>(filled), '#').c_str(),
                 std::string(static_cast<std::size_t>(width - filled), '.').c_str(), done, total_,
                 pct, eta(done).c_str(), fail_note.c_str(), current.c_str());
    std::fflush(stderr);
    return;
  }
  const auto now = std::chrono::steady_clock::now();
  if (done != total_ && now - last_line_ < std::chrono::seconds(5)) return;
  last_line_ = now;
  std::fprintf(stderr, "progress: %zu/%zu runs (%.1f%%), ETA %s%s, now %s\n", done, total_, pct,
               eta(done).c_str(), fail_note.c_str(), current.c_str());
}

void Progress::finish(std::size_t done, std::size_t failures) {
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  if (terminal_) std::fprintf(stderr, "\r\033[K");
  std::fprintf(stderr, "finished %zu/%zu runs in %s (%zu failed)\n", done, total_,
               format_duration(elapsed).c_str(), failures);
}

}  // namespace zbench
