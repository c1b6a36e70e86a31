// Descriptive statistics over the runs of one cell. Sorting once serves median, min, max and the
// order-statistic interval; n is small (tens of runs), so clarity wins over single-pass tricks.
#include "stats/descriptive.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace zbench {
namespace {

double median_of_sorted(const std::vector<double>& sorted) {
  const std::size_t n = sorted.size();
  const std::size_t mid = n / 2;
  return n % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
}

}  // namespace

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return median_of_sorted(values);
}

double mean(const std::vector<double>& values) {
  if (values.empty()) return 0;
  return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

double sample_stddev(const std::vector<double>& values) {
  if (values.size() < 2) return 0;
  const double m = mean(values);
  double squares = 0;
  for (double v : values) squares += (v - m) * (v - m);
  return std::sqrt(squares / static_cast<double>(values.size() - 1));
}

double geometric_mean(const std::vector<double>& values) {
  if (values.empty()) return std::nan("");
  double log_sum = 0;
  for (double v : values) {
    if (!(v > 0)) return std::nan("");
    log_sum += std::log(v);
  }
  return std::exp(log_sum / static_cast<double>(values.size()));
}

Descriptive describe(const std::vector<double>& values, double confidence) {
  Descriptive d;
  d.n = values.size();
  if (values.empty()) {
    d.median_ci.below_confidence = true;
    return d;
  }
  std::vector<double> sorted = values;
  std::sort(sorted.begin(), sorted.end());
  d.median = median_of_sorted(sorted);
  d.mean = mean(values);
  d.stddev = sample_stddev(values);
  d.cv = d.mean != 0 ? d.stddev / d.mean : 0;
  d.min = sorted.front();
  d.max = sorted.back();
  d.median_ci = median_ci_sorted(sorted, confidence);
  return d;
}

}  // namespace zbench
