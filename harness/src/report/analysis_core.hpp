// Internal to the analysis: the step shared by `analyse` and `analyse_pair` once variants,
// cells and pairs are decided — grouping samples, aggregating, comparing. Not for reporters.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "model/sample.hpp"
#include "report/results_document.hpp"

namespace zbench::detail {

struct TaggedSample {
  std::string label;  // the variant label in the document
  std::size_t source = 0;
  const Sample* sample = nullptr;
};

struct AnalysisInput {
  std::string kind;
  std::vector<SourceRun> sources;         // counts are filled in by assemble()
  std::vector<VariantSummary> variants;   // identity filled in; run counts and costs by assemble()
  std::vector<Cell> cells;                // canonical order
  std::vector<TaggedSample> samples;      // only samples of the variants and cells above
  std::vector<VariantPair> pairs;
  AnalysisSettings settings;
  std::string raw;  // label of the raw variant ("" when none): the % of raw ceiling
};

// Builds the document: drops superseded duplicates, aggregates every (variant, cell) that has
// samples, compares every pair in every cell where both sides have values, lists failures.
ResultsDocument assemble(AnalysisInput in);

// The values of one metric over successful samples, skipping phases that measured nothing.
std::vector<double> metric_values(const std::vector<const Sample*>& samples, Metric metric);

}  // namespace zbench::detail
