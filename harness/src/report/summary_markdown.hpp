// summary.md: the team's markdown report of a ResultsDocument — run header, how to read Diff (%),
// highlights, per-pattern tables, allocator builds, A/A check, cost and failures.
#pragma once

#include <string>

#include "report/results_document.hpp"

namespace zbench {

// GitHub-flavoured markdown; deterministic for a given document.
std::string render_summary_markdown(const ResultsDocument& doc);

}  // namespace zbench
