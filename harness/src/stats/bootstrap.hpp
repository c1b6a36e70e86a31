// Percentile bootstrap confidence interval of the ratio of medians (candidate / baseline). Each
// side is resampled independently with a fixed-seed generator, so reports are reproducible.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace zbench {

inline constexpr std::uint64_t kDefaultBootstrapSeed = 0x7a62656e63680001;  // "zbench" + 1

struct BootstrapOptions {
  std::size_t resamples = 2000;
  double confidence = 0.95;
  std::uint64_t seed = kDefaultBootstrapSeed;
};

// Interval bounds are NaN when the ratio is undefined (an empty side, or a baseline median of 0).
struct RatioInterval {
  double low = 0;
  double high = 0;
};

// Percentile bootstrap: draws `resamples` pairs of with-replacement resamples (one per side, each
// of its own size), takes the ratio of their medians, and returns the (1-c)/2 and (1+c)/2
// quantiles of those ratios (linear interpolation between order statistics).
RatioInterval bootstrap_median_ratio_ci(const std::vector<double>& baseline,
                                        const std::vector<double>& candidate,
                                        const BootstrapOptions& options = {});

}  // namespace zbench
