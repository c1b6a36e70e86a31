// Exact percentiles by sorting every measured round trip: the runs are short enough that the
// full set fits easily, so no histogram approximation is needed.
#include "patterns/latency_summary.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace zbench {
namespace {

// Nearest-rank percentile of sorted values, q in (0, 1].
double nearest_rank(const std::vector<std::int64_t>& sorted, double q) {
  const auto n = sorted.size();
  auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(n)));
  rank = std::clamp<std::size_t>(rank, 1, n);
  return static_cast<double>(sorted[rank - 1]);
}

}  // namespace

LatencyResult summarise_round_trips(std::vector<std::int64_t> rtt_ns) {
  if (rtt_ns.empty()) throw std::invalid_argument("no round trip was measured");
  std::sort(rtt_ns.begin(), rtt_ns.end());
  constexpr double ns_to_one_way_us = 1.0 / 2000.0;
  LatencyResult r;
  r.round_trips = rtt_ns.size();
  const double sum = std::accumulate(rtt_ns.begin(), rtt_ns.end(), 0.0);
  r.mean_us = sum / static_cast<double>(rtt_ns.size()) * ns_to_one_way_us;
  r.p50_us = nearest_rank(rtt_ns, 0.50) * ns_to_one_way_us;
  r.p90_us = nearest_rank(rtt_ns, 0.90) * ns_to_one_way_us;
  r.p99_us = nearest_rank(rtt_ns, 0.99) * ns_to_one_way_us;
  r.p999_us = nearest_rank(rtt_ns, 0.999) * ns_to_one_way_us;
  r.max_us = static_cast<double>(rtt_ns.back()) * ns_to_one_way_us;
  return r;
}

}  // namespace zbench
