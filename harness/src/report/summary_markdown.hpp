// summary.md: the team's markdown report of a ResultsDocument — run header, how to read Diff (%),
// highlights, per-pattern tables, allocator builds, A/A check, cost and failures.
#pragma once

#include <string>

#include "report/results_document.hpp"

namespace zbench {

struct SummaryOptions {
  // Embed each pattern's Diff (%) chart (render_charts_svg) by relative file name; set it only
  // when the SVG files are written next to summary.md.
  bool link_charts = false;
};

// GitHub-flavoured markdown; deterministic for a given document and options.
std::string render_summary_markdown(const ResultsDocument& doc, const SummaryOptions& options = {});

}  // namespace zbench
