// Metric table and lookups over the result record.
#include "report/results_document.hpp"

#include <algorithm>
#include <tuple>

namespace zbench {

const std::array<MetricInfo, kMetricCount>& all_metrics() {
  static const std::array<MetricInfo, kMetricCount> table{{
      {Metric::throughput_msgs, "throughput_msgs_per_sec", "Throughput", "msg/s",
       Direction::higher_is_better},
      {Metric::throughput_mb, "throughput_mb_per_sec", "Throughput", "MB/s",
       Direction::higher_is_better},
      {Metric::latency_mean, "latency_mean_us", "Latency (mean one-way)", "us",
       Direction::lower_is_better},
      {Metric::latency_p50, "latency_p50_us", "Latency (p50 one-way)", "us",
       Direction::lower_is_better},
      {Metric::latency_p99, "latency_p99_us", "Latency (p99 one-way)", "us",
       Direction::lower_is_better},
      {Metric::cpu_s, "cpu_s", "CPU time (user + sys)", "s", Direction::lower_is_better},
      {Metric::peak_rss_kb, "peak_rss_kb", "Peak RSS", "KiB", Direction::lower_is_better},
  }};
  return table;
}

const MetricInfo& metric_info(Metric m) { return all_metrics()[static_cast<std::size_t>(m)]; }

bool cell_less(const Cell& a, const Cell& b) {
  return std::tuple(a.pattern, a.transport, a.size) < std::tuple(b.pattern, b.transport, b.size);
}

const CellAggregate* find_aggregate(const ResultsDocument& doc, std::string_view variant,
                                    const Cell& cell) {
  const auto it = std::find_if(doc.aggregates.begin(), doc.aggregates.end(), [&](const auto& a) {
    return a.cell == cell && a.variant == variant;
  });
  return it == doc.aggregates.end() ? nullptr : &*it;
}

const CellComparison* find_comparison(const ResultsDocument& doc, std::size_t pair,
                                      const Cell& cell, Metric metric) {
  const auto it = std::find_if(doc.comparisons.begin(), doc.comparisons.end(), [&](const auto& c) {
    return c.pair == pair && c.metric == metric && c.cell == cell;
  });
  return it == doc.comparisons.end() ? nullptr : &*it;
}

const VariantSummary* find_variant(const ResultsDocument& doc, std::string_view label) {
  const auto it = std::find_if(doc.variants.begin(), doc.variants.end(),
                               [&](const auto& v) { return v.label == label; });
  return it == doc.variants.end() ? nullptr : &*it;
}

const RawShare* find_raw_share(const ResultsDocument& doc, std::string_view variant,
                               const Cell& cell) {
  const auto it = std::find_if(doc.raw_shares.begin(), doc.raw_shares.end(), [&](const auto& r) {
    return r.cell == cell && r.variant == variant;
  });
  return it == doc.raw_shares.end() ? nullptr : &*it;
}

}  // namespace zbench
