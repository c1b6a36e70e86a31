// Internal to the summary.md reporter: the lookups that turn a document into table cells and
// the section writers. Shared by summary_markdown*.cpp only.
#pragma once

#include <string>
#include <vector>

#include "report/format.hpp"
#include "report/results_document.hpp"

namespace zbench::md {

using zbench::emit;

// The comparisons of one pair and metric, in cell order.
std::vector<const CellComparison*> comparisons_of(const ResultsDocument& doc, std::size_t pair,
                                                  Metric metric);

// Median of a variant in a cell with its unit ("2.84 Mmsg/s", "12.3 µs"); "—" when absent.
std::string median_text(const ResultsDocument& doc, const std::string& variant, const Cell& cell,
                        Metric metric);

// A variant's median throughput as % of raw's in the cell ("87.3 %"); "—" when absent.
std::string pct_of_raw_text(const ResultsDocument& doc, const std::string& variant,
                            const Cell& cell);

// "**faster**", "**slower**", "no significant difference", or "not testable (n=3)".
std::string verdict_text(const Comparison& c);

// "zlink vs libzmq".
std::string pair_title(const VariantPair& pair);

struct VerdictCounts {
  std::size_t faster = 0, slower = 0, none = 0, underpowered = 0;
  std::size_t total() const { return faster + slower + none; }
};
VerdictCounts count_verdicts(const std::vector<const CellComparison*>& comparisons);

// Sections written by summary_markdown_sections.cpp.
void write_highlights(std::string& out, const ResultsDocument& doc, Metric metric);
void write_raw_ceiling(std::string& out, const ResultsDocument& doc);
void write_allocator_builds(std::string& out, const ResultsDocument& doc);
void write_aa_check(std::string& out, const ResultsDocument& doc);
void write_cost(std::string& out, const ResultsDocument& doc);
void write_failures(std::string& out, const ResultsDocument& doc);

}  // namespace zbench::md
