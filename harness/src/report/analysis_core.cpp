// Grouping, aggregation and comparison shared by both analysis entry points. Everything is keyed
// by (variant label, cell key) so a report never mixes runs of different variants or cells.
#include "report/analysis_core.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <utility>

#include "report/raw_ceiling.hpp"

namespace zbench::detail {
namespace {

using GroupKey = std::pair<std::string, std::string>;  // (variant label, cell key)

struct Group {
  std::vector<const Sample*> ok;
  std::size_t failed = 0;
};

bool throughput_measured(const Sample& s) {
  return s.throughput.messages > 0 || s.throughput.msgs_per_sec > 0;
}

bool latency_measured(const Sample& s) {
  return s.latency.round_trips > 0 || s.latency.mean_us > 0;
}

// A later record for the same (variant, cell, run) replaces the earlier one.
std::vector<TaggedSample> drop_superseded(const std::vector<TaggedSample>& samples) {
  std::map<std::tuple<std::string, std::string, int>, std::size_t> last;
  for (std::size_t i = 0; i < samples.size(); ++i)
    last[{samples[i].label, cell_key(samples[i].sample->cell), samples[i].sample->run}] = i;
  std::vector<std::size_t> keep;
  for (const auto& [key, index] : last) keep.push_back(index);
  std::sort(keep.begin(), keep.end());
  std::vector<TaggedSample> out;
  for (std::size_t i : keep) out.push_back(samples[i]);
  return out;
}

std::map<GroupKey, Group> group_samples(const std::vector<TaggedSample>& samples) {
  std::map<GroupKey, Group> groups;
  for (const auto& t : samples) {
    Group& g = groups[{t.label, cell_key(t.sample->cell)}];
    if (t.sample->ok)
      g.ok.push_back(t.sample);
    else
      ++g.failed;
  }
  return groups;
}

CellAggregate aggregate(const std::string& label, const Cell& cell, const Group& g,
                        double confidence) {
  CellAggregate a;
  a.variant = label;
  a.cell = cell;
  a.runs_ok = g.ok.size();
  a.runs_failed = g.failed;
  for (const Sample* s : g.ok) a.dropped += s->throughput.dropped;
  for (const auto& info : all_metrics())
    a.metrics[static_cast<std::size_t>(info.metric)] =
        describe(metric_values(g.ok, info.metric), confidence);
  return a;
}

void count_runs(ResultsDocument& doc, const std::vector<TaggedSample>& samples) {
  for (std::size_t s = 0; s < doc.sources.size(); ++s) {
    RunCounts& c = doc.sources[s].counts;
    const auto variants = std::count_if(doc.variants.begin(), doc.variants.end(),
                                        [&](const auto& v) { return v.source == s; });
    const int runs = std::max(0, doc.sources[s].manifest.parameters.runs);
    c.expected = doc.cells.size() * static_cast<std::size_t>(variants) *
                 static_cast<std::size_t>(runs);
    for (const auto& t : samples)
      if (t.source == s) ++(t.sample->ok ? c.ok : c.failed);
    c.present = c.ok + c.failed;
    c.missing = c.expected > c.present ? c.expected - c.present : 0;
  }
}

// Run counts, cost medians and, when the manifest did not record it, the allocator the
// workers reported, per variant over all its cells.
void summarise_variants(ResultsDocument& doc, const std::vector<TaggedSample>& samples) {
  for (auto& v : doc.variants) {
    std::vector<const Sample*> ok;
    std::set<std::string> seen_allocators;
    for (const auto& t : samples) {
      if (t.label != v.label) continue;
      if (!t.sample->ok) {
        ++v.runs_failed;
        continue;
      }
      ok.push_back(t.sample);
      if (!t.sample->allocator.empty()) seen_allocators.insert(t.sample->allocator);
    }
    v.runs_ok = ok.size();
    v.cpu_s_median = median(metric_values(ok, Metric::cpu_s));
    v.peak_rss_kb_median = median(metric_values(ok, Metric::peak_rss_kb));
    std::vector<double> wall, overhead;
    for (const Sample* s : ok) {
      wall.push_back(s->wall_s);
      // Start-up, connect, ready handshake, teardown and process exit: what a run costs beyond
      // the intervals it exists to measure.
      overhead.push_back(s->wall_s - s->timings.warmup_s - s->timings.measured_s);
    }
    v.wall_s_median = median(wall);
    v.overhead_s_median = median(overhead);
    if (v.allocator_verified.empty())
      for (const auto& name : seen_allocators)
        v.allocator_verified += (v.allocator_verified.empty() ? "" : "/") + name;
  }
}

// Typical run-to-run variation of each variant, from the per-cell aggregates.
void summarise_noise(ResultsDocument& doc) {
  for (auto& v : doc.variants) {
    std::vector<double> throughput, latency;
    for (const auto& a : doc.aggregates) {
      if (a.variant != v.label) continue;
      const Descriptive& t = a.at(Metric::throughput_msgs);
      const Descriptive& l = a.at(Metric::latency_mean);
      if (t.n >= 2) throughput.push_back(t.cv);
      if (l.n >= 2) latency.push_back(l.cv);
    }
    v.throughput_cv_median = median(throughput);
    v.latency_cv_median = median(latency);
  }
}

std::vector<Failure> list_failures(const ResultsDocument& doc,
                                   const std::vector<TaggedSample>& samples) {
  std::vector<Failure> out;
  for (const auto& t : samples)
    if (!t.sample->ok)
      out.push_back({t.label, t.sample->cell, t.sample->run, t.sample->failure,
                     t.sample->stderr_tail});
  const auto variant_index = [&](const std::string& label) {
    return std::find_if(doc.variants.begin(), doc.variants.end(),
                        [&](const auto& v) { return v.label == label; }) -
           doc.variants.begin();
  };
  std::stable_sort(out.begin(), out.end(), [&](const Failure& a, const Failure& b) {
    if (a.cell != b.cell) return cell_less(a.cell, b.cell);
    if (a.variant != b.variant) return variant_index(a.variant) < variant_index(b.variant);
    return a.run < b.run;
  });
  return out;
}

std::vector<CellComparison> compare_pairs(const ResultsDocument& doc,
                                          const std::map<GroupKey, Group>& groups) {
  CompareOptions options;
  options.noise = doc.settings.noise;
  options.alpha = doc.settings.alpha;
  options.bootstrap = {doc.settings.bootstrap_resamples, doc.settings.confidence,
                       doc.settings.bootstrap_seed};
  std::vector<CellComparison> out;
  for (std::size_t p = 0; p < doc.pairs.size(); ++p) {
    for (const Cell& cell : doc.cells) {
      const auto base = groups.find({doc.pairs[p].baseline, cell_key(cell)});
      const auto cand = groups.find({doc.pairs[p].candidate, cell_key(cell)});
      if (base == groups.end() || cand == groups.end()) continue;
      for (Metric metric : kComparedMetrics) {
        const auto b = metric_values(base->second.ok, metric);
        const auto c = metric_values(cand->second.ok, metric);
        if (b.empty() || c.empty()) continue;
        out.push_back({p, cell, metric,
                       compare_samples(b, c, metric_info(metric).direction, options)});
      }
    }
  }
  return out;
}

}  // namespace

std::vector<double> metric_values(const std::vector<const Sample*>& samples, Metric metric) {
  std::vector<double> out;
  out.reserve(samples.size());
  for (const Sample* s : samples) {
    switch (metric) {
      case Metric::throughput_msgs:
        if (throughput_measured(*s)) out.push_back(s->throughput.msgs_per_sec);
        break;
      case Metric::throughput_mb:
        if (throughput_measured(*s)) out.push_back(s->throughput.mb_per_sec);
        break;
      case Metric::latency_mean:
        if (latency_measured(*s)) out.push_back(s->latency.mean_us);
        break;
      case Metric::latency_p50:
        if (latency_measured(*s)) out.push_back(s->latency.p50_us);
        break;
      case Metric::latency_p99:
        if (latency_measured(*s)) out.push_back(s->latency.p99_us);
        break;
      case Metric::cpu_s: out.push_back(s->cpu_user_s + s->cpu_sys_s); break;
      case Metric::peak_rss_kb: out.push_back(static_cast<double>(s->peak_rss_kb)); break;
    }
  }
  return out;
}

ResultsDocument assemble(AnalysisInput in) {
  ResultsDocument doc;
  doc.kind = std::move(in.kind);
  doc.sources = std::move(in.sources);
  doc.settings = std::move(in.settings);
  doc.variants = std::move(in.variants);
  doc.cells = std::move(in.cells);
  doc.pairs = std::move(in.pairs);
  const auto samples = drop_superseded(in.samples);
  const auto groups = group_samples(samples);
  for (const Cell& cell : doc.cells)
    for (const auto& v : doc.variants)
      if (const auto it = groups.find({v.label, cell_key(cell)}); it != groups.end())
        doc.aggregates.push_back(aggregate(v.label, cell, it->second, doc.settings.confidence));
  count_runs(doc, samples);
  summarise_variants(doc, samples);
  summarise_noise(doc);
  doc.comparisons = compare_pairs(doc, groups);
  doc.failures = list_failures(doc, samples);
  doc.raw = std::move(in.raw);
  add_raw_shares(doc);
  return doc;
}

}  // namespace zbench::detail
