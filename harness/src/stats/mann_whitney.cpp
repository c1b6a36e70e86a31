// Mann-Whitney U: ranks with mid-ranks for ties; the exact null distribution of U comes from the
// coefficients of the Gaussian binomial [n1+n2 choose n1]_q, which count arrangements by U.
#include "stats/mann_whitney.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <stdexcept>
#include <string>

namespace zbench {
namespace {

struct RankSum {
  double rank_sum_a = 0;
  double tie_term = 0;  // sum over tie groups of t^3 - t
  bool has_ties = false;
};

// Mid-ranks of the pooled sample (1-based), summed over the values of `a`.
RankSum rank_sum(const std::vector<double>& a, const std::vector<double>& b) {
  struct Item {
    double value;
    bool from_a;
  };
  std::vector<Item> pooled;
  pooled.reserve(a.size() + b.size());
  for (double v : a) pooled.push_back({v, true});
  for (double v : b) pooled.push_back({v, false});
  std::sort(pooled.begin(), pooled.end(),
            [](const Item& x, const Item& y) { return x.value < y.value; });
  RankSum out;
  for (std::size_t i = 0; i < pooled.size();) {
    std::size_t j = i;
    while (j < pooled.size() && pooled[j].value == pooled[i].value) ++j;
    const double t = static_cast<double>(j - i);
    const double mid_rank = static_cast<double>(i + j + 1) / 2.0;
    for (std::size_t k = i; k < j; ++k)
      if (pooled[k].from_a) out.rank_sum_a += mid_rank;
    if (j - i > 1) {
      out.has_ties = true;
      out.tie_term += t * t * t - t;
    }
    i = j;
  }
  return out;
}

// Number of arrangements of n1 + n2 distinct values giving each U = 0..n1*n2: the coefficients
// of prod_{i=1..n1} (1 - q^(n2+i)) / (1 - q^i). Each step multiplies by one factor and divides
// exactly by the other, so every intermediate is a polynomial with integer coefficients.
std::vector<std::int64_t> exact_u_counts(std::size_t n1, std::size_t n2) {
  std::vector<std::int64_t> c(n1 * n2 + 1, 0);
  c[0] = 1;
  for (std::size_t i = 1; i <= n1; ++i) {
    const std::size_t up = n2 + i;
    for (std::size_t u = c.size(); u-- > up;) c[u] -= c[u - up];
    for (std::size_t u = i; u < c.size(); ++u) c[u] += c[u - i];
  }
  return c;
}

double exact_two_sided_p(double u, std::size_t n1, std::size_t n2) {
  const auto counts = exact_u_counts(n1, n2);
  const double total = std::accumulate(counts.begin(), counts.end(), 0.0);
  const auto observed = static_cast<std::size_t>(std::llround(u));
  double lower = 0, upper = 0;
  for (std::size_t k = 0; k < counts.size(); ++k) {
    if (k <= observed) lower += static_cast<double>(counts[k]);
    if (k >= observed) upper += static_cast<double>(counts[k]);
  }
  return std::min(1.0, 2.0 * std::min(lower, upper) / total);
}

double normal_two_sided_p(double u, std::size_t n1, std::size_t n2, double tie_term) {
  const double d1 = static_cast<double>(n1), d2 = static_cast<double>(n2);
  const double n = d1 + d2;
  const double variance = d1 * d2 / 12.0 * ((n + 1) - tie_term / (n * (n - 1)));
  if (variance <= 0) return 1.0;  // every value tied: no evidence of any difference
  const double distance = std::max(0.0, std::abs(u - d1 * d2 / 2.0) - 0.5);
  return std::min(1.0, std::erfc(distance / std::sqrt(variance) / std::sqrt(2.0)));
}

bool use_exact(std::size_t n1, std::size_t n2, bool has_ties) {
  return !has_ties && n1 <= kMannWhitneyExactMax && n2 <= kMannWhitneyExactMax;
}

}  // namespace

MannWhitneyResult mann_whitney_u(const std::vector<double>& a, const std::vector<double>& b) {
  MannWhitneyResult out;
  if (a.empty() || b.empty()) return out;
  const RankSum r = rank_sum(a, b);
  const double n1 = static_cast<double>(a.size());
  out.u = r.rank_sum_a - n1 * (n1 + 1) / 2.0;
  out.exact = use_exact(a.size(), b.size(), r.has_ties);
  out.p_value = out.exact ? exact_two_sided_p(out.u, a.size(), b.size())
                          : normal_two_sided_p(out.u, a.size(), b.size(), r.tie_term);
  return out;
}

double mann_whitney_min_p(std::size_t n1, std::size_t n2) {
  if (n1 == 0 || n2 == 0) return 1.0;
  // U = 0 is the most extreme arrangement; evaluate it the way the test itself would.
  return use_exact(n1, n2, false) ? exact_two_sided_p(0, n1, n2)
                                  : normal_two_sided_p(0, n1, n2, 0);
}

std::size_t mann_whitney_min_samples_per_side(double alpha) {
  if (!(alpha > 0 && alpha < 1))
    throw std::invalid_argument("significance level alpha must lie in (0, 1), got " +
                                std::to_string(alpha));
  std::size_t n = 1;
  while (mann_whitney_min_p(n, n) >= alpha) ++n;
  return n;
}

}  // namespace zbench
