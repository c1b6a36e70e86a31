// Percentile bootstrap of a ratio of medians. std::mt19937_64 is specified bit-exactly by the
// standard, and indices are drawn with our own reduction rather than a std distribution (whose
// algorithm differs between standard libraries), so the same inputs give the same interval
// everywhere.
#include "stats/bootstrap.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

#include "stats/descriptive.hpp"

namespace zbench {
namespace {

// Uniform indices in [0, n) for n < 2^32, two per 64-bit draw (half the generator work, which
// dominates the bootstrap's cost). Multiply-shift instead of modulo avoids a division; its bias
// of at most n / 2^32 is far below anything a bootstrap can resolve.
class IndexSource {
 public:
  explicit IndexSource(std::uint64_t seed) : rng_(seed) {}

  std::size_t next(std::size_t n) {
    if (!have_spare_) {
      spare_ = rng_();
      have_spare_ = true;
      return scale(spare_ >> 32, n);
    }
    have_spare_ = false;
    return scale(spare_ & 0xffffffffu, n);
  }

 private:
  static std::size_t scale(std::uint64_t bits32, std::size_t n) {
    return static_cast<std::size_t>((bits32 * static_cast<std::uint64_t>(n)) >> 32);
  }

  std::mt19937_64 rng_;
  std::uint64_t spare_ = 0;
  bool have_spare_ = false;
};

// Median of a with-replacement resample of `sorted` (ascending). Because the values are sorted,
// counting how often each index is drawn and walking the counts finds the middle order
// statistics in O(n) without copying or partitioning values. `counts` is scratch space.
double resampled_median(const std::vector<double>& sorted, std::vector<std::uint32_t>& counts,
                        IndexSource& indices) {
  const std::size_t n = sorted.size();
  counts.assign(n, 0);
  for (std::size_t i = 0; i < n; ++i) ++counts[indices.next(n)];
  // 0-based ranks of the middle element(s) within the resample.
  const std::size_t upper_rank = n / 2;
  const std::size_t lower_rank = n % 2 == 1 ? upper_rank : upper_rank - 1;
  double lower = 0;
  bool have_lower = false;
  std::size_t seen = 0;  // resampled values <= sorted[i]
  for (std::size_t i = 0; i < n; ++i) {
    seen += counts[i];
    if (!have_lower && seen > lower_rank) {
      lower = sorted[i];
      have_lower = true;
    }
    if (seen > upper_rank) return (lower + sorted[i]) / 2.0;
  }
  return sorted.back();
}

// Type-7 quantile (linear interpolation between order statistics), 0 <= q <= 1. Selects the
// two order statistics it needs rather than sorting; reorders `values`.
double quantile(std::vector<double>& values, double q) {
  const double h = static_cast<double>(values.size() - 1) * q;
  const auto lo = static_cast<std::ptrdiff_t>(std::floor(h));
  std::nth_element(values.begin(), values.begin() + lo, values.end());
  const double low = values[static_cast<std::size_t>(lo)];
  if (lo + 1 >= static_cast<std::ptrdiff_t>(values.size())) return low;
  const double high = *std::min_element(values.begin() + lo + 1, values.end());
  return low + (h - static_cast<double>(lo)) * (high - low);
}

}  // namespace

RatioInterval bootstrap_median_ratio_ci(const std::vector<double>& baseline,
                                        const std::vector<double>& candidate,
                                        const BootstrapOptions& options) {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  if (baseline.empty() || candidate.empty() || median(baseline) == 0 || options.resamples == 0)
    return {nan, nan};
  std::vector<double> base_sorted = baseline, cand_sorted = candidate;
  std::sort(base_sorted.begin(), base_sorted.end());
  std::sort(cand_sorted.begin(), cand_sorted.end());
  IndexSource indices(options.seed);
  std::vector<std::uint32_t> counts;
  std::vector<double> ratios;
  ratios.reserve(options.resamples);
  for (std::size_t r = 0; r < options.resamples; ++r) {
    const double base = resampled_median(base_sorted, counts, indices);
    const double cand = resampled_median(cand_sorted, counts, indices);
    // A resample can hit a zero baseline median when some runs measured 0; such a draw has
    // no finite ratio and is left out rather than poisoning the quantiles.
    if (base != 0 && std::isfinite(cand / base)) ratios.push_back(cand / base);
  }
  if (ratios.size() < options.resamples / 2) return {nan, nan};
  const double tail = (1.0 - options.confidence) / 2.0;
  const double low = quantile(ratios, tail);
  return {low, quantile(ratios, 1.0 - tail)};
}

}  // namespace zbench
