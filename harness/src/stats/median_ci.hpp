// Distribution-free confidence interval of a median from order statistics (binomial method):
// [x(k), x(n-k+1)] covers the population median with probability 1 - 2 P(Bin(n, 1/2) < k).
#pragma once

#include <cstddef>
#include <vector>

namespace zbench {

struct MedianInterval {
  double low = 0;
  double high = 0;
  double coverage = 0;          // exact coverage probability of [low, high]
  bool below_confidence = false;  // too few samples: [min, max] covers less than asked
};

// Widest k whose interval still reaches `confidence`; with too few samples for that (n <= 5
// for 95 %), the widest possible interval [min, max] with its lower coverage and the flag set.
// `sorted` must be sorted ascending; an empty input gives zeros and the flag set.
MedianInterval median_ci_sorted(const std::vector<double>& sorted, double confidence = 0.95);

// Convenience overload that sorts a copy first.
MedianInterval median_ci(std::vector<double> values, double confidence = 0.95);

}  // namespace zbench
