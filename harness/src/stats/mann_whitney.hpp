// Mann-Whitney U test (Wilcoxon rank-sum), two-sided: do two sets of runs come from the same
// distribution? Distribution-free, so skewed benchmark timings need no normality assumption.
#pragma once

#include <cstddef>
#include <vector>

namespace zbench {

// Largest per-side size for which the exact null distribution is enumerated; above it (or with
// ties) the normal approximation is used.
inline constexpr std::size_t kMannWhitneyExactMax = 20;

struct MannWhitneyResult {
  double u = 0;        // U of the first sample: pairs (a, b) with a > b, ties counting 1/2
  double p_value = 1;  // two-sided
  bool exact = false;  // true: exact distribution; false: normal approximation
};

// Two-sided test of `a` against `b`. Exact distribution (Gaussian-binomial counting) when there
// are no ties and both sides have at most kMannWhitneyExactMax values; otherwise the normal
// approximation with tie-corrected variance and a 0.5 continuity correction. An empty side, or
// samples whose values are all tied, give p = 1.
MannWhitneyResult mann_whitney_u(const std::vector<double>& a, const std::vector<double>& b);

// Smallest two-sided p-value the test above can return for sizes n1 and n2 (the most extreme
// arrangement, no ties): 1 when a side is empty.
double mann_whitney_min_p(std::size_t n1, std::size_t n2);

// Smallest n such that n runs per side can reach p < alpha at all (4 for alpha = 0.05).
// Needs 0 < alpha < 1; throws std::invalid_argument otherwise.
std::size_t mann_whitney_min_samples_per_side(double alpha);

}  // namespace zbench
