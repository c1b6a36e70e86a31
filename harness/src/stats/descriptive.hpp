// Descriptive statistics of one variant in one cell: n, median, mean, sample stddev, CV, min, max
// and a distribution-free confidence interval of the median. Free functions over plain vectors.
#pragma once

#include <cstddef>
#include <vector>

#include "stats/median_ci.hpp"

namespace zbench {

// Median of the values (mean of the two middle values when n is even). Needs n >= 1.
double median(std::vector<double> values);

// Arithmetic mean. Needs n >= 1.
double mean(const std::vector<double>& values);

// Sample standard deviation with Bessel's correction (divides by n - 1); 0 when n < 2.
double sample_stddev(const std::vector<double>& values);

// Geometric mean, exp(mean(log x)), of positive values; NaN when empty or any value is <= 0.
double geometric_mean(const std::vector<double>& values);

struct Descriptive {
  std::size_t n = 0;
  double median = 0;
  double mean = 0;
  double stddev = 0;  // sample standard deviation (n - 1)
  double cv = 0;      // stddev / mean; 0 when the mean is 0
  double min = 0;
  double max = 0;
  MedianInterval median_ci;
};

// All of the above in one pass over a sorted copy. An empty input gives n = 0 and zeros.
Descriptive describe(const std::vector<double>& values, double confidence = 0.95);

}  // namespace zbench
