// Parameters of the measured phases, shared by the throughput and latency drivers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace zbench {

// Test-only faults a worker can be told to inject (see worker/fault_injection.hpp).
enum class Fault { none, crash, hang, lose, fail };

struct PhaseConfig {
  std::size_t size = 64;
  double warmup_s = 0.05;
  double duration_s = 0.25;
  double latency_duration_s = 0.2;
  std::uint64_t latency_max_round_trips = 200000;
  std::uint64_t latency_warmup_round_trips = 200;
  Fault fault = Fault::none;
};

}  // namespace zbench
