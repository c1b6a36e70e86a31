// The allocation probe's report (written by harness/probe at worker exit) as a plain record,
// and the per-message figures the attribution uses.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace zbench::profile {

struct ProbeCounts {
  bool marked = false;         // true: counts cover the worker's measured window only
  std::uint64_t messages = 0;  // messages the worker reported sending in the window (0: unknown)
  std::uint64_t allocs = 0, frees = 0, bytes_allocated = 0, cross_thread_frees = 0;
  std::uint64_t untracked_frees = 0;
  // Kernel counts for the whole process over the same window (getrusage); absent from
  // reports written before the probe recorded them, hence has_kernel_counts.
  bool has_kernel_counts = false;
  std::uint64_t page_faults = 0;           // minor + major
  std::uint64_t voluntary_switches = 0;    // blocking sleeps, each ended by a wake-up
  std::uint64_t involuntary_switches = 0;  // preemptions
  std::map<std::uint64_t, std::uint64_t> size_histogram;  // bucket upper bound -> allocations
  // "allocating thread -> freeing thread" -> cross-thread frees
  std::map<std::string, std::uint64_t> cross_thread_pairs;

  double per_message(std::uint64_t n) const { return messages == 0 ? 0 : double(n) / double(messages); }
  // Fraction of allocations of at most max_bytes (glibc's tcache serves up to 1032 bytes).
  double share_at_most(std::uint64_t max_bytes) const;
};

// Reads a probe report; the "window" object is used. Throws std::runtime_error naming the
// problem when text is not a probe report.
ProbeCounts parse_probe_report(const std::string& text);

void to_json(nlohmann::json& j, const ProbeCounts& c);
void from_json(const nlohmann::json& j, ProbeCounts& c);

}  // namespace zbench::profile
