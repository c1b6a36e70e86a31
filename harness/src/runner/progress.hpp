// Progress on stderr: a redrawn bar with ETA when stderr is a terminal, otherwise a plain line
// at most every few seconds (so logs of CI or `nohup` runs stay readable).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace zbench {

class Progress {
 public:
  // total: all runs of the matrix; resumed: runs already present when this session started.
  Progress(std::size_t total, std::size_t resumed, bool terminal);
  void update(std::size_t done, std::size_t failures, const std::string& current);
  void finish(std::size_t done, std::size_t failures);

 private:
  std::string eta(std::size_t done) const;
  std::size_t total_;
  std::size_t resumed_;
  bool terminal_;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point last_line_{};
};

// "1h02m", "12m03s", "45s".
std::string format_duration(double seconds);

}  // namespace zbench
