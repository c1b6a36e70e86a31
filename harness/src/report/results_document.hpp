// The plain result record every reporter formats: aggregates per variant and cell, comparisons
// between variant pairs, failures and counts, plus the manifests they came from. No logic here
// beyond lookups; analysis.hpp builds it.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "matrix/matrix.hpp"
#include "model/manifest.hpp"
#include "stats/compare.hpp"
#include "stats/descriptive.hpp"

namespace zbench {

inline constexpr int kResultsSchemaVersion = 1;

enum class Metric {
  throughput_msgs,  // messages per second
  throughput_mb,    // payload MB (1e6 bytes) per second
  latency_mean,     // one-way mean, µs
  latency_p50,      // one-way median, µs
  latency_p99,      // one-way 99th percentile, µs
  cpu_s,            // worker CPU seconds, user + sys
  peak_rss_kb,      // worker peak resident set size, KiB
};
inline constexpr std::size_t kMetricCount = 7;

struct MetricInfo {
  Metric metric;
  std::string_view key;    // JSON key: "throughput_msgs_per_sec", ...
  std::string_view title;  // "Throughput", "Latency (mean one-way)", ...
  std::string_view unit;   // "msg/s", "MB/s", "us", "s", "KiB"
  Direction direction;
};

const std::array<MetricInfo, kMetricCount>& all_metrics();
const MetricInfo& metric_info(Metric m);

// Metrics that get candidate-vs-baseline comparisons, in report order.
inline constexpr std::array<Metric, 3> kComparedMetrics{Metric::throughput_msgs,
                                                        Metric::latency_mean,
                                                        Metric::latency_p99};

struct RunCounts {
  std::size_t expected = 0;  // cells x variants x runs
  std::size_t present = 0;   // samples found (after dropping duplicates)
  std::size_t ok = 0;
  std::size_t failed = 0;
  std::size_t missing = 0;   // expected - present, never negative
};

// One results directory the document was built from ("A" and "B" for a compare document).
struct SourceRun {
  std::string name;
  Manifest manifest;
  RunCounts counts;
};

struct VariantSummary {
  std::string label;         // unique in the document ("zlink", or "B:zlink" when comparing)
  std::string source_label;  // the label inside its own run
  std::size_t source = 0;    // index into ResultsDocument::sources
  std::string build;
  std::string library;
  std::string protocol;
  std::string allocator;           // configured
  std::string allocator_verified;  // observed by the workers ("" if unknown)
  std::size_t runs_ok = 0;
  std::size_t runs_failed = 0;
  double cpu_s_median = 0;         // over every successful run of the variant
  double peak_rss_kb_median = 0;
  double wall_s_median = 0;        // runner-side wall time of one worker process
  double overhead_s_median = 0;    // wall time outside the warm-up and measured intervals
  // Run-to-run noise: median over cells (with >= 2 runs) of the coefficient of variation.
  double throughput_cv_median = 0;
  double latency_cv_median = 0;
};

struct CellAggregate {
  std::string variant;
  Cell cell{};
  std::size_t runs_ok = 0;
  std::size_t runs_failed = 0;
  std::uint64_t dropped = 0;  // messages dropped in total over the successful runs (PUBSUB)
  std::array<Descriptive, kMetricCount> metrics{};

  const Descriptive& at(Metric m) const { return metrics[static_cast<std::size_t>(m)]; }
};

// Why a pair of variants is compared; one pair may serve several sections.
struct VariantPair {
  std::string baseline;
  std::string candidate;
  bool vs_baseline = false;       // candidate against the run's baseline variant
  bool allocator_builds = false;  // a build against its -mimalloc sibling
  bool same_build = false;        // A/A: two labels of one build
};

struct CellComparison {
  std::size_t pair = 0;  // index into ResultsDocument::pairs
  Cell cell{};
  Metric metric = Metric::throughput_msgs;
  Comparison result;
};

struct Failure {
  std::string variant;
  Cell cell{};
  int run = 0;
  std::string reason;
  std::string stderr_tail;
};

struct AnalysisSettings {
  std::string baseline;  // baseline label ("A" for a compare document: each pair has its own)
  double noise = 0.02;
  double alpha = 0.05;
  double confidence = 0.95;
  std::size_t bootstrap_resamples = 0;
  std::uint64_t bootstrap_seed = 0;
  std::size_t min_runs_per_side = 0;  // for a two-sided Mann-Whitney to ever reach p < alpha
};

// The build name of the raw variant: the transports alone, with no messaging library. It is a
// ceiling every other variant is read against (% of raw), never a comparison candidate.
inline constexpr std::string_view kRawBuild = "raw";

// One variant's median throughput (msgs/s) in one cell as a share of raw's in the same cell.
struct RawShare {
  std::string variant;
  Cell cell{};
  double median = 0;      // the variant's median msgs/s
  double raw_median = 0;  // raw's median msgs/s
  double pct = 0;         // median / raw_median x 100
};

// The geometric mean of RawShare::pct over the patterns of one transport and size.
struct RawShareSummary {
  std::string variant;
  Transport transport = Transport::tcp;
  std::size_t size = 0;
  std::size_t cells = 0;  // patterns where both medians exist
  double geomean_pct = 0;
};

struct ResultsDocument {
  int schema_version = kResultsSchemaVersion;
  std::string kind;  // "run" (one results directory) or "compare" (two)
  std::vector<SourceRun> sources;
  AnalysisSettings settings;
  std::vector<VariantSummary> variants;
  std::vector<Cell> cells;                 // canonical order: pattern, transport, size
  std::vector<CellAggregate> aggregates;   // cell-major, variants in document order
  std::vector<VariantPair> pairs;
  std::vector<CellComparison> comparisons;  // pair-major, then cell, then metric
  std::vector<Failure> failures;
  // Label of the raw variant of a run ("" when the run has none, and in compare documents).
  std::string raw;
  std::vector<RawShare> raw_shares;          // cell-major, variants in document order
  std::vector<RawShareSummary> raw_summary;  // variants in document order, then transport, size
};

// Lookups; nullptr when absent.
const CellAggregate* find_aggregate(const ResultsDocument& doc, std::string_view variant,
                                    const Cell& cell);
const CellComparison* find_comparison(const ResultsDocument& doc, std::size_t pair,
                                      const Cell& cell, Metric metric);
const VariantSummary* find_variant(const ResultsDocument& doc, std::string_view label);
const RawShare* find_raw_share(const ResultsDocument& doc, std::string_view variant,
                               const Cell& cell);

// Canonical cell order used everywhere in reports.
bool cell_less(const Cell& a, const Cell& b);

}  // namespace zbench
