// Bootstrap CI of the ratio of medians and the verdict rule on synthetic samples.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "stats/bootstrap.hpp"
#include "stats/compare.hpp"

namespace zbench {
namespace {

// n values spread evenly around `centre` by +-spread (deterministic, no ties).
std::vector<double> spread_around(double centre, double spread, int n) {
  std::vector<double> out;
  for (int i = 0; i < n; ++i)
    out.push_back(centre - spread + 2.0 * spread * i / std::max(1, n - 1));
  return out;
}

TEST(Bootstrap, IntervalContainsThePointRatio) {
  const std::vector<double> base{98, 103, 100, 97, 101, 99, 104, 102, 100, 96};
  const std::vector<double> cand{121, 118, 125, 119, 122, 117, 124, 120, 123, 126};
  const RatioInterval ci = bootstrap_median_ratio_ci(base, cand);
  const double point = 121.5 / 100.0;
  EXPECT_LE(ci.low, point);
  EXPECT_GE(ci.high, point);
  EXPECT_LT(ci.low, ci.high);
}

TEST(Bootstrap, SameInputsGiveTheSameInterval) {
  const auto base = spread_around(10, 1, 9);
  const auto cand = spread_around(11, 2, 7);
  const RatioInterval a = bootstrap_median_ratio_ci(base, cand);
  const RatioInterval b = bootstrap_median_ratio_ci(base, cand);
  EXPECT_EQ(a.low, b.low);
  EXPECT_EQ(a.high, b.high);
}

TEST(Bootstrap, ZeroBaselineMedianGivesUndefinedInterval) {
  const RatioInterval ci = bootstrap_median_ratio_ci({0, 0, 0}, {1, 2, 3});
  EXPECT_TRUE(std::isnan(ci.low));
  EXPECT_TRUE(std::isnan(ci.high));
}

TEST(Compare, IdenticalSamplesAreNoSignificantDifference) {
  const auto runs = spread_around(1e6, 5e4, 10);
  const Comparison c = compare_samples(runs, runs, Direction::higher_is_better);
  EXPECT_EQ(c.verdict, Verdict::no_difference);
  EXPECT_DOUBLE_EQ(c.p_value, 1.0);
  EXPECT_DOUBLE_EQ(c.ratio, 1.0);
  EXPECT_DOUBLE_EQ(c.diff_pct, 0.0);
  EXPECT_FALSE(c.underpowered);
}

TEST(Compare, HigherThroughputIsFaster) {
  const Comparison c = compare_samples(spread_around(100, 2, 10), spread_around(130, 2, 10),
                                       Direction::higher_is_better);
  EXPECT_EQ(c.verdict, Verdict::faster);
  EXPECT_NEAR(c.diff_pct, 30.0, 1e-9);
  EXPECT_LT(c.p_value, 0.05);
  EXPECT_GT(c.ratio_ci.low, 1.02);
}

TEST(Compare, LowerThroughputIsSlower) {
  const Comparison c = compare_samples(spread_around(100, 2, 10), spread_around(70, 2, 10),
                                       Direction::higher_is_better);
  EXPECT_EQ(c.verdict, Verdict::slower);
  EXPECT_NEAR(c.diff_pct, -30.0, 1e-9);
}

TEST(Compare, LowerLatencyIsFasterWithPositiveDiff) {
  const Comparison c = compare_samples(spread_around(50, 1, 10), spread_around(40, 1, 10),
                                       Direction::lower_is_better);
  EXPECT_EQ(c.verdict, Verdict::faster);
  EXPECT_NEAR(c.diff_pct, 20.0, 1e-9);  // (50 - 40) / 50
  EXPECT_LE(c.diff_pct_ci.low, c.diff_pct);
  EXPECT_GE(c.diff_pct_ci.high, c.diff_pct);
}

TEST(Compare, HigherLatencyIsSlowerWithNegativeDiff) {
  const Comparison c = compare_samples(spread_around(50, 1, 10), spread_around(60, 1, 10),
                                       Direction::lower_is_better);
  EXPECT_EQ(c.verdict, Verdict::slower);
  EXPECT_NEAR(c.diff_pct, -20.0, 1e-9);
}

TEST(Compare, ConsistentShiftInsideNoiseBandIsNoSignificantDifference) {
  // Fully separated (tiny p) but only 1 % apart: the CI cannot clear the 2 % band.
  const Comparison c = compare_samples(spread_around(100, 0.1, 10), spread_around(101, 0.1, 10),
                                       Direction::higher_is_better);
  EXPECT_LT(c.p_value, 0.05);
  EXPECT_EQ(c.verdict, Verdict::no_difference);
}

TEST(Compare, ThreeRunsPerSideAreUnderpoweredAndNeverSignificant) {
  const Comparison c = compare_samples({100, 101, 102}, {200, 201, 202},
                                       Direction::higher_is_better);
  EXPECT_TRUE(c.underpowered);
  EXPECT_DOUBLE_EQ(c.p_value, 0.1);
  EXPECT_EQ(c.verdict, Verdict::no_difference);
}

TEST(Compare, FourRunsPerSideCanReachSignificance) {
  const Comparison c = compare_samples({100, 101, 102, 103}, {200, 201, 202, 203},
                                       Direction::higher_is_better);
  EXPECT_FALSE(c.underpowered);
  EXPECT_EQ(c.verdict, Verdict::faster);
}

TEST(Compare, InvalidAlphaIsRejected) {
  CompareOptions options;
  options.alpha = 1.5;
  EXPECT_THROW(compare_samples({1, 2}, {1, 2}, Direction::higher_is_better, options),
               std::invalid_argument);
}

TEST(Compare, VerdictNamesAreTheReportWording) {
  EXPECT_EQ(to_string(Verdict::faster), "faster");
  EXPECT_EQ(to_string(Verdict::slower), "slower");
  EXPECT_EQ(to_string(Verdict::no_difference), "no significant difference");
}

}  // namespace
}  // namespace zbench
