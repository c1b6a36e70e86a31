// Runs the Google Benchmark micro-benchmark binary (harness/micro, zbench_micro) with JSON
// output, for `zbench micro` and `zbench profile --micro`.
#pragma once

#include <string>

namespace zbench::profile {

struct MicroRequest {
  std::string binary;      // path of zbench_micro
  std::string json_out;    // file for --benchmark_out (JSON)
  std::string filter;      // --benchmark_filter regex; "" = all
  double min_time_s = 0.05;
  double timeout_s = 1800;
};

// The micro binary next to zbench, or "" when this build has none.
std::string micro_binary(const std::string& worker_dir);

// Runs it; returns "" on success, else what went wrong.
std::string run_micro(const MicroRequest& request);

}  // namespace zbench::profile
