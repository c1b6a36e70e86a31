// Self-contained SVG charts of a ResultsDocument: per pattern, bars of Diff (%) per cell for
// throughput and mean latency, one colour per candidate; faded bars are not significant.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "report/results_document.hpp"

namespace zbench {

// One chart per pattern that has comparisons: (file name such as "diff_pair.svg", SVG text).
// Only candidate-vs-baseline pairs are drawn. Deterministic for a given document.
std::vector<std::pair<std::string, std::string>> render_charts_svg(const ResultsDocument& doc);

}  // namespace zbench
