// Mann-Whitney U: exact small cases worked by hand and a tie-corrected normal-approximation case.
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <vector>

#include "stats/mann_whitney.hpp"

namespace zbench {
namespace {

TEST(MannWhitney, CompletelySeparatedThreeVersusThreeGivesPointOne) {
  // U = 0 is 1 of C(6,3) = 20 equally likely arrangements: two-sided p = 2/20.
  const auto r = mann_whitney_u({1, 2, 3}, {4, 5, 6});
  EXPECT_TRUE(r.exact);
  EXPECT_DOUBLE_EQ(r.u, 0.0);
  EXPECT_DOUBLE_EQ(r.p_value, 0.1);
}

TEST(MannWhitney, ExactFourVersusFourMatchesPartitionCounts) {
  // The number of arrangements with U = u equals the number of partitions of u into at most 4
  // parts, each at most 4: u = 0, 1, 2 -> 1, 1, 2 of C(8,4) = 70 in all.
  // {1,2,3,5} vs {4,6,7,8}: only 5 > 4, so U = 1 and p = 2 * (1 + 1) / 70.
  // {1,2,4,5} vs {3,6,7,8}: 4 > 3 and 5 > 3, so U = 2 and p = 2 * (1 + 1 + 2) / 70.
  EXPECT_NEAR(mann_whitney_u({1, 2, 3, 5}, {4, 6, 7, 8}).p_value, 4.0 / 70.0, 1e-12);
  const auto r = mann_whitney_u({1, 2, 4, 5}, {3, 6, 7, 8});
  EXPECT_DOUBLE_EQ(r.u, 2.0);
  EXPECT_NEAR(r.p_value, 8.0 / 70.0, 1e-12);
}

// Two-sided exact p by brute force: every way of choosing which n1 of the n1 + n2 ranks belong
// to the first sample is equally likely under the null; count those at least as extreme.
double brute_force_p(int n1, int n2, double u_observed) {
  const int n = n1 + n2;
  double total = 0, lower = 0, upper = 0;
  for (unsigned mask = 0; mask < (1u << n); ++mask) {
    if (std::popcount(mask) != n1) continue;
    double u = 0;  // pairs (a, b) with a ranked above b
    for (int i = 0; i < n; ++i)
      if (mask & (1u << i))
        for (int j = 0; j < i; ++j)
          if (!(mask & (1u << j))) u += 1;
    total += 1;
    if (u <= u_observed) lower += 1;
    if (u >= u_observed) upper += 1;
  }
  return std::min(1.0, 2.0 * std::min(lower, upper) / total);
}

TEST(MannWhitney, ExactPMatchesBruteForceEnumeration) {
  const std::vector<double> a{3.1, 4.7, 2.2, 8.9, 5.5};
  const std::vector<double> b{6.1, 7.3, 9.4, 8.0, 6.6, 7.7, 1.0};
  const auto r = mann_whitney_u(a, b);
  ASSERT_TRUE(r.exact);
  EXPECT_NEAR(r.p_value, brute_force_p(5, 7, r.u), 1e-12);
}

TEST(MannWhitney, PValueIsSymmetricInTheTwoSamples) {
  const std::vector<double> a{3.1, 4.7, 2.2, 8.9, 5.5};
  const std::vector<double> b{6.1, 7.3, 9.4, 8.0, 6.6, 7.7};
  EXPECT_DOUBLE_EQ(mann_whitney_u(a, b).p_value, mann_whitney_u(b, a).p_value);
}

TEST(MannWhitney, TiedSamplesUseCorrectedNormalApproximation) {
  // Worked by hand: pooled mid-ranks of {1,1,2} vs {2,3,3} give R_a = 6.5, U = 0.5, mean 4.5;
  // tie term 3 * (2^3 - 2) = 18, variance = 9/12 * (7 - 18/30) = 4.8;
  // z = (4 - 0.5) / sqrt(4.8) = 1.59752, p = erfc(z / sqrt 2) = 0.110149 (the value R's
  // wilcox.test(exact = FALSE, correct = TRUE) reports for these data).
  const auto r = mann_whitney_u({1, 1, 2}, {2, 3, 3});
  EXPECT_FALSE(r.exact);
  EXPECT_DOUBLE_EQ(r.u, 0.5);
  EXPECT_NEAR(r.p_value, 0.110149, 1e-6);
}

TEST(MannWhitney, IdenticalSamplesGivePOne) {
  EXPECT_DOUBLE_EQ(mann_whitney_u({1, 2, 3, 4, 5}, {1, 2, 3, 4, 5}).p_value, 1.0);
  EXPECT_DOUBLE_EQ(mann_whitney_u({7, 7, 7}, {7, 7, 7}).p_value, 1.0);
}

TEST(MannWhitney, LargeSeparatedSamplesAreHighlySignificant) {
  std::vector<double> a, b;
  for (int i = 0; i < 30; ++i) {
    a.push_back(i);
    b.push_back(100 + i);
  }
  const auto r = mann_whitney_u(a, b);
  EXPECT_FALSE(r.exact);
  EXPECT_LT(r.p_value, 1e-9);
}

TEST(MannWhitney, EmptySideGivesPOne) {
  EXPECT_DOUBLE_EQ(mann_whitney_u({}, {1, 2}).p_value, 1.0);
}

TEST(MannWhitney, MinimumAttainablePIsTwoOverBinomialCoefficient) {
  EXPECT_DOUBLE_EQ(mann_whitney_min_p(3, 3), 0.1);
  EXPECT_NEAR(mann_whitney_min_p(4, 4), 2.0 / 70.0, 1e-15);
  EXPECT_DOUBLE_EQ(mann_whitney_min_p(0, 5), 1.0);
}

TEST(MannWhitney, FourRunsPerSideAreNeededAtFivePercent) {
  EXPECT_EQ(mann_whitney_min_samples_per_side(0.05), 4u);
  EXPECT_EQ(mann_whitney_min_samples_per_side(0.01), 5u);  // 2/252 < 0.01 <= 2/70
  EXPECT_THROW(mann_whitney_min_samples_per_side(0.0), std::invalid_argument);
}

}  // namespace
}  // namespace zbench
