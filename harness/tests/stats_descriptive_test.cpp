// Descriptive statistics and the binomial order-statistic CI of the median, checked against
// values worked by hand.
#include <gtest/gtest.h>

#include <cmath>

#include "stats/descriptive.hpp"
#include "stats/median_ci.hpp"

namespace zbench {
namespace {

TEST(Descriptive, MatchesHandComputedValues) {
  // Mean 5; squared deviations sum to 32, so the sample variance is 32 / 7.
  const Descriptive d = describe({2, 4, 4, 4, 5, 5, 7, 9});
  EXPECT_EQ(d.n, 8u);
  EXPECT_DOUBLE_EQ(d.median, 4.5);
  EXPECT_DOUBLE_EQ(d.mean, 5.0);
  EXPECT_NEAR(d.stddev, std::sqrt(32.0 / 7.0), 1e-12);
  EXPECT_NEAR(d.cv, std::sqrt(32.0 / 7.0) / 5.0, 1e-12);
  EXPECT_DOUBLE_EQ(d.min, 2.0);
  EXPECT_DOUBLE_EQ(d.max, 9.0);
}

TEST(Descriptive, OddCountMedianIsMiddleValueWhateverTheOrder) {
  EXPECT_DOUBLE_EQ(median({9, 1, 5}), 5.0);
}

TEST(Descriptive, SingleValueHasZeroSpread) {
  const Descriptive d = describe({3.5});
  EXPECT_DOUBLE_EQ(d.median, 3.5);
  EXPECT_DOUBLE_EQ(d.stddev, 0.0);
  EXPECT_DOUBLE_EQ(d.cv, 0.0);
}

TEST(Descriptive, EmptyInputGivesZeroCountAndNoCoverage) {
  const Descriptive d = describe({});
  EXPECT_EQ(d.n, 0u);
  EXPECT_TRUE(d.median_ci.below_confidence);
}

TEST(MedianCi, TenSamplesUseSecondAndNinthOrderStatistics) {
  // Bin(10, 1/2): P(B <= 1) = 11/1024, so [x(2), x(9)] covers 1 - 22/1024 = 0.978515625;
  // P(B <= 2) = 56/1024 would leave only 0.890625, below 95 %.
  const MedianInterval ci = median_ci({10, 9, 8, 7, 6, 5, 4, 3, 2, 1});
  EXPECT_DOUBLE_EQ(ci.low, 2.0);
  EXPECT_DOUBLE_EQ(ci.high, 9.0);
  EXPECT_DOUBLE_EQ(ci.coverage, 1.0 - 22.0 / 1024.0);
  EXPECT_FALSE(ci.below_confidence);
}

TEST(MedianCi, SixSamplesAreTheFewestReaching95Percent) {
  // [min, max] of n values covers 1 - 2 / 2^n: 0.96875 for n = 6.
  const MedianInterval ci = median_ci({1, 2, 3, 4, 5, 6});
  EXPECT_DOUBLE_EQ(ci.low, 1.0);
  EXPECT_DOUBLE_EQ(ci.high, 6.0);
  EXPECT_DOUBLE_EQ(ci.coverage, 0.96875);
  EXPECT_FALSE(ci.below_confidence);
}

TEST(MedianCi, FiveSamplesGiveMinMaxFlaggedBelow95Percent) {
  // 1 - 2 / 32 = 0.9375 < 0.95: the widest interval is returned and flagged.
  const MedianInterval ci = median_ci({5, 3, 1, 4, 2});
  EXPECT_DOUBLE_EQ(ci.low, 1.0);
  EXPECT_DOUBLE_EQ(ci.high, 5.0);
  EXPECT_DOUBLE_EQ(ci.coverage, 0.9375);
  EXPECT_TRUE(ci.below_confidence);
}

TEST(MedianCi, LargeSampleIntervalNarrowsAroundTheMedian) {
  std::vector<double> values;
  for (int i = 1; i <= 1001; ++i) values.push_back(i);
  const MedianInterval ci = median_ci(values);
  EXPECT_LT(ci.low, 501.0);
  EXPECT_GT(ci.high, 501.0);
  EXPECT_LT(ci.high - ci.low, 100.0);
  EXPECT_GE(ci.coverage, 0.95);
}

}  // namespace
}  // namespace zbench
