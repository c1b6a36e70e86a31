// Percentile bootstrap of a ratio of medians. std::mt19937_64 is specified bit-exactly by the
// standard, and indices are drawn with our own reduction rather than a std distribution (whose
// algorithm differs between standard libraries), so the same inputs give the same interval.
#include "stats/bootstrap.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

#include "stats/descriptive.hpp"

namespace zbench {
namespace {

// Median of a with-replacement resample of `values`, using `scratch` as the buffer. The modulo
// bias is about n / 2^64, far below anything a bootstrap can resolve.
double resampled_median(const std::vector<double>& values, std::vector<double>& scratch,
                        std::mt19937_64& rng) {
  const std::size_t n = values.size();
  scratch.resize(n);
  for (std::size_t i = 0; i < n; ++i) scratch[i] = values[rng() % n];
  const auto mid = scratch.begin() + static_cast<std::ptrdiff_t>(n / 2);
  std::nth_element(scratch.begin(), mid, scratch.end());
  if (n % 2 == 1) return *mid;
  return (*std::max_element(scratch.begin(), mid) + *mid) / 2.0;
}

// Type-7 quantile (linear interpolation) of sorted values, 0 <= q <= 1.
double quantile_sorted(const std::vector<double>& sorted, double q) {
  const double h = static_cast<double>(sorted.size() - 1) * q;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

}  // namespace

RatioInterval bootstrap_median_ratio_ci(const std::vector<double>& baseline,
                                        const std::vector<double>& candidate,
                                        const BootstrapOptions& options) {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  if (baseline.empty() || candidate.empty() || median(baseline) == 0 || options.resamples == 0)
    return {nan, nan};
  std::mt19937_64 rng(options.seed);
  std::vector<double> scratch, ratios;
  ratios.reserve(options.resamples);
  for (std::size_t r = 0; r < options.resamples; ++r) {
    const double base = resampled_median(baseline, scratch, rng);
    const double cand = resampled_median(candidate, scratch, rng);
    // A resample can hit a zero baseline median when some runs measured 0; such a draw has
    // no finite ratio and is left out rather than poisoning the quantiles.
    if (base != 0 && std::isfinite(cand / base)) ratios.push_back(cand / base);
  }
  if (ratios.size() < options.resamples / 2) return {nan, nan};
  std::sort(ratios.begin(), ratios.end());
  const double tail = (1.0 - options.confidence) / 2.0;
  return {quantile_sorted(ratios, tail), quantile_sorted(ratios, 1.0 - tail)};
}

}  // namespace zbench
