// Field-by-field mapping of the result record to JSON. The manifest is summarised (identity,
// host, parameters) rather than copied, so results.json stays readable without manifest.json.
#include "report/results_json.hpp"

#include <cmath>

namespace zbench {
namespace {

using nlohmann::json;

// NaN and infinities are not JSON; null says "undefined" explicitly.
json number(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

json cell_fields(const Cell& cell) {
  return {{"cell", cell_key(cell)},
          {"pattern", to_string(cell.pattern)},
          {"transport", to_string(cell.transport)},
          {"size", cell.size}};
}

json counts_json(const RunCounts& c) {
  return {{"expected", c.expected}, {"present", c.present}, {"ok", c.ok},
          {"failed", c.failed},     {"missing", c.missing}};
}

// A source is its manifest as stored (model/model_json.cpp) without what the document
// already carries elsewhere (schema version, variants), plus its name and run counts.
json source_json(const SourceRun& s) {
  json j = s.manifest;
  j.erase("schema_version");
  j.erase("variants");
  j["name"] = s.name;
  j["counts"] = counts_json(s.counts);
  return j;
}

json settings_json(const AnalysisSettings& s) {
  return {{"baseline", s.baseline},
          {"noise", s.noise},
          {"alpha", s.alpha},
          {"confidence", s.confidence},
          {"bootstrap_resamples", s.bootstrap_resamples},
          {"bootstrap_seed", s.bootstrap_seed},
          {"min_runs_per_side", s.min_runs_per_side}};
}

json variant_json(const ResultsDocument& doc, const VariantSummary& v) {
  return {{"label", v.label},
          {"source", doc.sources.at(v.source).name},
          {"source_label", v.source_label},
          {"build", v.build},
          {"library", v.library},
          {"protocol", v.protocol},
          {"allocator", v.allocator},
          {"allocator_verified", v.allocator_verified},
          {"runs_ok", v.runs_ok},
          {"runs_failed", v.runs_failed},
          {"cpu_s_median", number(v.cpu_s_median)},
          {"peak_rss_kb_median", number(v.peak_rss_kb_median)},
          {"wall_s_median", number(v.wall_s_median)},
          {"overhead_s_median", number(v.overhead_s_median)},
          {"throughput_cv_median", number(v.throughput_cv_median)},
          {"latency_cv_median", number(v.latency_cv_median)}};
}

json descriptive_json(const Descriptive& d) {
  return {{"n", d.n},
          {"median", number(d.median)},
          {"mean", number(d.mean)},
          {"stddev", number(d.stddev)},
          {"cv", number(d.cv)},
          {"min", number(d.min)},
          {"max", number(d.max)},
          {"median_ci",
           {{"low", number(d.median_ci.low)},
            {"high", number(d.median_ci.high)},
            {"coverage", number(d.median_ci.coverage)},
            {"below_confidence", d.median_ci.below_confidence}}}};
}

json aggregate_json(const CellAggregate& a) {
  json j = cell_fields(a.cell);
  j["variant"] = a.variant;
  j["runs_ok"] = a.runs_ok;
  j["runs_failed"] = a.runs_failed;
  j["dropped"] = a.dropped;
  json metrics = json::object();
  for (const auto& info : all_metrics())
    if (const Descriptive& d = a.at(info.metric); d.n > 0)
      metrics[std::string(info.key)] = descriptive_json(d);
  j["metrics"] = std::move(metrics);
  return j;
}

json comparison_json(const ResultsDocument& doc, const CellComparison& c) {
  const VariantPair& pair = doc.pairs.at(c.pair);
  const Comparison& r = c.result;
  json j = cell_fields(c.cell);
  j["baseline"] = pair.baseline;
  j["candidate"] = pair.candidate;
  j["metric"] = metric_info(c.metric).key;
  j["direction"] = to_string(metric_info(c.metric).direction);
  j["n_baseline"] = r.n_baseline;
  j["n_candidate"] = r.n_candidate;
  j["median_baseline"] = number(r.median_baseline);
  j["median_candidate"] = number(r.median_candidate);
  j["ratio"] = number(r.ratio);
  j["ratio_ci"] = {{"low", number(r.ratio_ci.low)}, {"high", number(r.ratio_ci.high)}};
  j["diff_pct"] = number(r.diff_pct);
  j["diff_pct_ci"] = {{"low", number(r.diff_pct_ci.low)}, {"high", number(r.diff_pct_ci.high)}};
  j["p_value"] = number(r.p_value);
  j["p_exact"] = r.exact_p;
  j["min_attainable_p"] = number(r.min_attainable_p);
  j["underpowered"] = r.underpowered;
  j["verdict"] = to_string(r.verdict);
  return j;
}

json pair_json(const VariantPair& p) {
  return {{"baseline", p.baseline},
          {"candidate", p.candidate},
          {"vs_baseline", p.vs_baseline},
          {"allocator_builds", p.allocator_builds},
          {"same_build", p.same_build}};
}

json failure_json(const Failure& f) {
  json j = cell_fields(f.cell);
  j["variant"] = f.variant;
  j["run"] = f.run;
  j["reason"] = f.reason;
  j["stderr_tail"] = f.stderr_tail;
  return j;
}

// % of raw: null when the run has no raw variant.
json raw_json(const ResultsDocument& doc) {
  if (doc.raw.empty()) return nullptr;
  json cells = json::array();
  for (const auto& r : doc.raw_shares) {
    json j = cell_fields(r.cell);
    j["variant"] = r.variant;
    j["median"] = number(r.median);
    j["raw_median"] = number(r.raw_median);
    j["pct_of_raw"] = number(r.pct);
    cells.push_back(std::move(j));
  }
  json summary = json::array();
  for (const auto& g : doc.raw_summary)
    summary.push_back({{"variant", g.variant},
                       {"transport", to_string(g.transport)},
                       {"size", g.size},
                       {"cells", g.cells},
                       {"geomean_pct_of_raw", number(g.geomean_pct)}});
  return {{"variant", doc.raw},
          {"metric", metric_info(Metric::throughput_msgs).key},
          {"cells", std::move(cells)},
          {"summary", std::move(summary)}};
}

}  // namespace

json to_results_json(const ResultsDocument& doc) {
  json j;
  j["schema_version"] = doc.schema_version;
  j["kind"] = doc.kind;
  j["sources"] = json::array();
  for (const auto& s : doc.sources) j["sources"].push_back(source_json(s));
  j["settings"] = settings_json(doc.settings);
  j["variants"] = json::array();
  for (const auto& v : doc.variants) j["variants"].push_back(variant_json(doc, v));
  j["cells"] = json::array();
  for (const auto& c : doc.cells) j["cells"].push_back(cell_key(c));
  j["aggregates"] = json::array();
  for (const auto& a : doc.aggregates) j["aggregates"].push_back(aggregate_json(a));
  j["pairs"] = json::array();
  for (const auto& p : doc.pairs) j["pairs"].push_back(pair_json(p));
  j["comparisons"] = json::array();
  for (const auto& c : doc.comparisons) j["comparisons"].push_back(comparison_json(doc, c));
  j["failures"] = json::array();
  for (const auto& f : doc.failures) j["failures"].push_back(failure_json(f));
  j["raw"] = raw_json(doc);
  return j;
}

}  // namespace zbench
