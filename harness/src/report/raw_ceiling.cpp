// % of raw: per cell median / raw median x 100 over throughput in msgs/s (the same ratio as in
// MB/s, the size being equal), summarised per transport and size by the geometric mean, which
// suits ratios: one pattern at 50 % and one at 200 % average to 100 %.
#include "report/raw_ceiling.hpp"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "stats/descriptive.hpp"

namespace zbench::detail {
namespace {

double median_throughput(const ResultsDocument& doc, const std::string& variant, const Cell& cell) {
  const CellAggregate* a = find_aggregate(doc, variant, cell);
  if (a == nullptr || a->at(Metric::throughput_msgs).n == 0) return std::nan("");
  return a->at(Metric::throughput_msgs).median;
}

}  // namespace

void add_raw_shares(ResultsDocument& doc) {
  if (doc.raw.empty()) return;
  for (const Cell& cell : doc.cells) {
    const double raw = median_throughput(doc, doc.raw, cell);
    if (!(raw > 0)) continue;
    for (const auto& v : doc.variants) {
      if (v.build == kRawBuild) continue;
      const double m = median_throughput(doc, v.label, cell);
      if (!(m > 0)) continue;
      doc.raw_shares.push_back({v.label, cell, m, raw, m / raw * 100.0});
    }
  }
  // The (transport, size) combinations of the matrix, in report order.
  std::vector<std::pair<Transport, std::size_t>> groups;
  for (const Cell& c : doc.cells) groups.emplace_back(c.transport, c.size);
  std::sort(groups.begin(), groups.end());
  groups.erase(std::unique(groups.begin(), groups.end()), groups.end());
  for (const auto& v : doc.variants) {
    if (v.build == kRawBuild) continue;
    for (const auto& [transport, size] : groups) {
      std::vector<double> pcts;
      for (const auto& r : doc.raw_shares)
        if (r.variant == v.label && r.cell.transport == transport && r.cell.size == size)
          pcts.push_back(r.pct);
      if (!pcts.empty())
        doc.raw_summary.push_back({v.label, transport, size, pcts.size(), geometric_mean(pcts)});
    }
  }
}

}  // namespace zbench::detail
