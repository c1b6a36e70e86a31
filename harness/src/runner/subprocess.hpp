// Runs one child process in its own process group with captured stdout/stderr, a wall-clock
// timeout that kills the whole group, and the child's resource usage (CPU time, peak RSS).
#pragma once

#include <string>
#include <vector>

namespace zbench {

struct ProcessResult {
  int exit_code = -1;  // valid when !signaled && !timed_out
  int signal = 0;      // the terminating signal when signaled
  bool signaled = false;
  bool timed_out = false;
  std::string out;
  std::string err;
  double wall_s = 0;
  double cpu_user_s = 0;
  double cpu_sys_s = 0;
  long peak_rss_kb = 0;
};

struct ProcessSpec {
  std::vector<std::string> argv;       // argv[0] is the executable path
  std::vector<std::string> extra_env;  // "NAME=value" added to the inherited environment
  double timeout_s = 60;
  std::size_t max_capture = 1 << 20;  // bytes kept per stream; more is discarded
};

// Starts the process and waits for it. Throws std::system_error when it cannot be started.
ProcessResult run_process(const ProcessSpec& spec);

// Kills the process group of the child currently run by run_process (if any); safe to call
// from a signal handler.
void kill_running_child() noexcept;

// The last max_lines lines of text (for failure reports).
std::string tail_lines(const std::string& text, int max_lines);

}  // namespace zbench
