// The raw record of one worker run (one variant, one cell, one repetition) as stored, one JSON
// object per line, in samples.jsonl. Statistics and reports read only these records.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "matrix/matrix.hpp"

namespace zbench {

// What the worker measured in its throughput phase.
struct ThroughputResult {
  std::uint64_t messages = 0;  // messages received inside the measured interval
  double seconds = 0;          // receiver-side interval: first to last measured message
  double msgs_per_sec = 0;
  double mb_per_sec = 0;         // payload megabytes (1e6 bytes) per second
  std::uint64_t sent = 0;        // messages the sender sent inside the measured interval
  std::uint64_t dropped = 0;     // sent - received; only PUBSUB may drop (PUB drops at HWM)
  std::uint64_t sent_total = 0;  // every data message sent, warm-up included (per-message costs)
};

// What the worker measured in its latency phase. One-way figures are round trip / 2.
struct LatencyResult {
  std::uint64_t round_trips = 0;
  std::uint64_t round_trips_total = 0;  // warm-up included (per-message costs)
  double mean_us = 0;
  double p50_us = 0;
  double p90_us = 0;
  double p99_us = 0;
  double p999_us = 0;
  double max_us = 0;
};

// Time spent by the worker outside the measured intervals, from its own clock.
struct WorkerTimings {
  double setup_s = 0;  // context, sockets, bind/connect, ready handshake
  double warmup_s = 0;
  double measured_s = 0;  // throughput + latency measured intervals
  double teardown_s = 0;
};

struct Sample {
  std::string variant;  // label as given by the user: "libzmq", "libzmq#2", "zlink"
  std::string build;    // the underlying variant build: "libzmq" for "libzmq#2"
  Cell cell{};
  int run = 0;   // 0-based repetition index within the cell
  int slot = 0;  // position of this variant in the cell's rotated order
  bool ok = false;
  std::string failure;      // empty when ok; otherwise the reason ("timeout after 20 s", ...)
  std::string stderr_tail;  // last lines of the worker's stderr when it failed
  ThroughputResult throughput;
  LatencyResult latency;
  WorkerTimings timings;
  double wall_s = 0;  // runner-side wall time of the worker process
  double cpu_user_s = 0;
  double cpu_sys_s = 0;
  std::int64_t peak_rss_kb = 0;
  std::string allocator;   // allocator the worker verified at run time ("glibc", "mimalloc")
  std::string library;     // library and version the worker reported ("libzmq 4.3.4")
  std::string started_at;  // ISO-8601 UTC
};

void to_json(nlohmann::json& j, const Sample& s);
void from_json(const nlohmann::json& j, Sample& s);

}  // namespace zbench
