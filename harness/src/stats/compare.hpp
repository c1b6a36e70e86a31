// Comparison of a candidate against a baseline in one cell and one metric: ratio of medians with
// its bootstrap CI, Mann-Whitney p-value, Diff (%), and the verdict rule of the report.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "stats/bootstrap.hpp"

namespace zbench {

enum class Direction { higher_is_better, lower_is_better };  // throughput vs latency
enum class Verdict { faster, slower, no_difference };

std::string_view to_string(Direction d);  // "higher_is_better", "lower_is_better"
std::string_view to_string(Verdict v);    // "faster", "slower", "no significant difference"

struct CompareOptions {
  double noise = 0.02;  // noise threshold as a fraction of the baseline median
  double alpha = 0.05;  // significance level of the two-sided Mann-Whitney test
  BootstrapOptions bootstrap;
};

struct Comparison {
  std::size_t n_baseline = 0;
  std::size_t n_candidate = 0;
  double median_baseline = 0;
  double median_candidate = 0;
  double ratio = 0;          // candidate median / baseline median (NaN if undefined)
  RatioInterval ratio_ci;    // percentile bootstrap CI of `ratio`
  double diff_pct = 0;       // positive = better: faster, or lower latency
  RatioInterval diff_pct_ci;  // ratio_ci expressed as Diff (%), low <= high
  double p_value = 1;        // two-sided Mann-Whitney U
  bool exact_p = false;      // p from the exact distribution rather than the normal approximation
  double min_attainable_p = 1;  // smallest p these sample sizes allow
  bool underpowered = false;    // min_attainable_p >= alpha: significance was impossible
  Verdict verdict = Verdict::no_difference;
};

// Diff (%) of a ratio: higher-is-better (ratio - 1) * 100; lower-is-better (1 - ratio) * 100,
// which equals (base - cand) / base * 100.
double diff_pct_of_ratio(double ratio, Direction direction);

// Verdict rule: faster/slower only when p < alpha AND the whole ratio CI lies beyond the noise
// threshold on one side (CI low > 1 + noise, or CI high < 1 - noise); which of the two means
// "faster" depends on the direction. Anything else, including an undefined CI, is no_difference.
Verdict decide_verdict(double p_value, const RatioInterval& ratio_ci, Direction direction,
                       const CompareOptions& options);

// Full comparison of candidate runs against baseline runs. Throws std::invalid_argument when
// alpha is outside (0, 1) or noise is negative.
Comparison compare_samples(const std::vector<double>& baseline,
                           const std::vector<double>& candidate, Direction direction,
                           const CompareOptions& options = {});

}  // namespace zbench
