// Candidate-vs-baseline comparison and the verdict rule. Requiring both a small p and a CI clear
// of the noise band keeps tiny-but-consistent shifts (common with many runs) from being reported
// as real wins or losses.
#include "stats/compare.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>

#include "stats/descriptive.hpp"
#include "stats/mann_whitney.hpp"

namespace zbench {

std::string_view to_string(Direction d) {
  return d == Direction::higher_is_better ? "higher_is_better" : "lower_is_better";
}

std::string_view to_string(Verdict v) {
  switch (v) {
    case Verdict::faster: return "faster";
    case Verdict::slower: return "slower";
    case Verdict::no_difference: break;
  }
  return "no significant difference";
}

double diff_pct_of_ratio(double ratio, Direction direction) {
  return direction == Direction::higher_is_better ? (ratio - 1.0) * 100.0
                                                  : (1.0 - ratio) * 100.0;
}

Verdict decide_verdict(double p_value, const RatioInterval& ratio_ci, Direction direction,
                       const CompareOptions& options) {
  if (!(p_value < options.alpha)) return Verdict::no_difference;
  const bool above = ratio_ci.low > 1.0 + options.noise;   // candidate clearly larger
  const bool below = ratio_ci.high < 1.0 - options.noise;  // candidate clearly smaller
  if (!above && !below) return Verdict::no_difference;     // also catches a NaN interval
  const bool larger_is_better = direction == Direction::higher_is_better;
  return above == larger_is_better ? Verdict::faster : Verdict::slower;
}

Comparison compare_samples(const std::vector<double>& baseline,
                           const std::vector<double>& candidate, Direction direction,
                           const CompareOptions& options) {
  if (!(options.alpha > 0 && options.alpha < 1))
    throw std::invalid_argument("alpha must lie in (0, 1), got " + std::to_string(options.alpha));
  if (!(options.noise >= 0))
    throw std::invalid_argument("noise threshold must be >= 0, got " +
                                std::to_string(options.noise));
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  Comparison c;
  c.n_baseline = baseline.size();
  c.n_candidate = candidate.size();
  c.median_baseline = median(baseline);
  c.median_candidate = median(candidate);
  const bool defined = !baseline.empty() && !candidate.empty() && c.median_baseline != 0;
  c.ratio = defined ? c.median_candidate / c.median_baseline : nan;
  c.diff_pct = diff_pct_of_ratio(c.ratio, direction);
  c.ratio_ci = bootstrap_median_ratio_ci(baseline, candidate, options.bootstrap);
  const double d_low = diff_pct_of_ratio(c.ratio_ci.low, direction);
  const double d_high = diff_pct_of_ratio(c.ratio_ci.high, direction);
  c.diff_pct_ci = {std::min(d_low, d_high), std::max(d_low, d_high)};
  const MannWhitneyResult test = mann_whitney_u(candidate, baseline);
  c.p_value = test.p_value;
  c.exact_p = test.exact;
  c.min_attainable_p = mann_whitney_min_p(baseline.size(), candidate.size());
  c.underpowered = !(c.min_attainable_p < options.alpha);
  c.verdict = decide_verdict(c.p_value, c.ratio_ci, direction, options);
  return c;
}

}  // namespace zbench
