// Binomial order-statistic interval of the median: no assumption about the distribution of runs,
// which matters because benchmark samples are often skewed by a few slow runs.
#include "stats/median_ci.hpp"

#include <algorithm>
#include <cmath>

namespace zbench {
namespace {

// P(Bin(n, 1/2) = j) in log space so that large n does not underflow 0.5^n.
double binomial_half_pmf(std::size_t n, std::size_t j) {
  const double dn = static_cast<double>(n);
  const double dj = static_cast<double>(j);
  return std::exp(std::lgamma(dn + 1) - std::lgamma(dj + 1) - std::lgamma(dn - dj + 1) -
                  dn * std::log(2.0));
}

}  // namespace

MedianInterval median_ci_sorted(const std::vector<double>& sorted, double confidence) {
  MedianInterval out;
  const std::size_t n = sorted.size();
  if (n == 0) {
    out.below_confidence = true;
    return out;
  }
  // Coverage of [x(k), x(n-k+1)] (1-based) is 1 - 2 P(B <= k-1); it shrinks as k grows, so walk
  // k upwards while the next interval still reaches the asked confidence.
  std::size_t k = 1;
  double tail = binomial_half_pmf(n, 0);  // P(B <= k-1)
  while (2 * (k + 1) <= n + 1) {
    const double next_tail = tail + binomial_half_pmf(n, k);
    if (1.0 - 2.0 * next_tail < confidence) break;
    tail = next_tail;
    ++k;
  }
  out.low = sorted[k - 1];
  out.high = sorted[n - k];
  out.coverage = std::max(0.0, 1.0 - 2.0 * tail);
  out.below_confidence = out.coverage < confidence;
  return out;
}

MedianInterval median_ci(std::vector<double> values, double confidence) {
  std::sort(values.begin(), values.end());
  return median_ci_sorted(values, confidence);
}

}  // namespace zbench
