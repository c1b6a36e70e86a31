// Turns measured round-trip times into the reported one-way latency distribution.
#pragma once

#include <cstdint>
#include <vector>

#include "model/sample.hpp"

namespace zbench {

// One-way latency = RTT / 2. Percentiles are exact (nearest rank over all round trips).
// Throws std::invalid_argument when no round trip was measured.
LatencyResult summarise_round_trips(std::vector<std::int64_t> rtt_ns);

}  // namespace zbench
