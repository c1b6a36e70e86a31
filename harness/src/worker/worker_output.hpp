// The single JSON object a worker prints on stdout: its measurements on success, or the reason
// it failed. The runner parses exactly this.
#pragma once

#include <string>

#include "model/sample.hpp"

namespace zbench {

struct WorkerReport {
  bool ok = false;
  std::string failure;
  std::string library;
  std::string protocol;
  std::string allocator;
  ThroughputResult throughput;
  LatencyResult latency;
  WorkerTimings timings;
};

std::string worker_report_json(const WorkerReport& r);
// Throws std::runtime_error when text is not a worker report.
WorkerReport parse_worker_report(const std::string& text);

}  // namespace zbench
