// Self-contained SVG charts of a ResultsDocument: per pattern, bars of Diff (%) per cell for
// throughput and mean latency, one colour per candidate; faded bars are not significant.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "report/results_document.hpp"

namespace zbench {

// "diff_pair.svg": the file name of a pattern's chart.
std::string chart_file_name(Pattern pattern);

// Whether render_charts_svg draws a chart for this pattern (it has candidate comparisons).
bool has_chart(const ResultsDocument& doc, Pattern pattern);

// One chart per pattern that has comparisons: (file name such as "diff_pair.svg", SVG text).
// Only candidate-vs-baseline pairs are drawn. Deterministic for a given document.
std::vector<std::pair<std::string, std::string>> render_charts_svg(const ResultsDocument& doc);

}  // namespace zbench
