// Decides what to analyse (variants, cells, and which variant pairs to compare) for one
// results directory or for two, then hands over to the shared aggregation step.
#include "report/analysis.hpp"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include "report/analysis_core.hpp"
#include "stats/mann_whitney.hpp"

namespace zbench {
namespace {

AnalysisSettings make_settings(const Manifest& m, const AnalysisOptions& options) {
  AnalysisSettings s;
  s.noise = options.noise.value_or(m.parameters.noise);
  s.alpha = options.alpha.value_or(m.parameters.alpha);
  if (!(s.noise >= 0 && s.noise < 1))
    throw std::invalid_argument(
        fmt::format("noise threshold must be a fraction in [0, 1), got {}", s.noise));
  if (!(s.alpha > 0 && s.alpha < 1))
    throw std::invalid_argument(
        fmt::format("significance level alpha must lie in (0, 1), got {}", s.alpha));
  s.bootstrap_resamples = options.bootstrap_resamples;
  s.bootstrap_seed = options.bootstrap_seed;
  s.min_runs_per_side = mann_whitney_min_samples_per_side(s.alpha);
  return s;
}

// "libzmq#2" -> "libzmq": the build behind a repeated label when the manifest does not say.
std::string build_of_label(const std::string& label) {
  return label.substr(0, label.find('#'));
}

VariantSummary summary_of(const VariantInfo& info, std::string label, std::size_t source) {
  VariantSummary v;
  v.label = std::move(label);
  v.source_label = info.label;
  v.source = source;
  v.build = info.build.empty() ? build_of_label(info.label) : info.build;
  v.library = info.library;
  v.protocol = info.protocol;
  v.allocator = info.allocator;
  v.allocator_verified = info.allocator_verified;
  return v;
}

// The variants a run declared, in its order, plus any label only its samples mention.
std::vector<VariantInfo> variants_of(const Manifest& m, const std::vector<Sample>& samples) {
  std::vector<VariantInfo> out = m.variants;
  const auto known = [&](const std::string& label) {
    return std::any_of(out.begin(), out.end(), [&](const auto& v) { return v.label == label; });
  };
  for (const auto& label : m.parameters.variants)
    if (!known(label)) out.push_back(VariantInfo{label, build_of_label(label), "", "", "", ""});
  for (const auto& s : samples)
    if (!known(s.variant)) out.push_back(VariantInfo{s.variant, s.build, "", "", "", ""});
  return out;
}

// The manifest's matrix plus any cell only the samples mention, in canonical order.
std::vector<Cell> cells_of(const Manifest& m, const std::vector<Sample>& samples) {
  std::vector<Cell> cells;
  for (const auto& p : m.parameters.patterns)
    for (const auto& t : m.parameters.transports)
      for (std::size_t size : m.parameters.sizes)
        cells.push_back(Cell{parse_pattern(p), parse_transport(t), size});
  for (const auto& s : samples) cells.push_back(s.cell);
  std::sort(cells.begin(), cells.end(), cell_less);
  cells.erase(std::unique(cells.begin(), cells.end()), cells.end());
  return cells;
}

// Adds (baseline, candidate) with the given role, or marks the existing identical pair.
void add_pair(std::vector<VariantPair>& pairs, const std::string& baseline,
              const std::string& candidate, bool VariantPair::*role) {
  auto it = std::find_if(pairs.begin(), pairs.end(), [&](const auto& p) {
    return p.baseline == baseline && p.candidate == candidate;
  });
  if (it == pairs.end()) it = pairs.insert(pairs.end(), VariantPair{baseline, candidate});
  (*it).*role = true;
}

std::vector<VariantPair> pairs_of_run(const std::vector<VariantSummary>& variants,
                                      const std::string& baseline) {
  // The first label of each build stands for it; a repeated label ("libzmq#2") is compared
  // only with that first label (A/A), since against anything else it would repeat its twin.
  const auto first_of_build = [&](const std::string& build) -> const VariantSummary* {
    const auto it = std::find_if(variants.begin(), variants.end(),
                                 [&](const auto& v) { return v.build == build; });
    return it == variants.end() ? nullptr : &*it;
  };
  // raw is the ceiling, not a competitor: it is never compared with the baseline.
  std::vector<VariantPair> pairs;
  for (const auto& v : variants)
    if (v.label != baseline && first_of_build(v.build) == &v && v.build != kRawBuild)
      add_pair(pairs, baseline, v.label, &VariantPair::vs_baseline);
  for (const auto& v : variants) {
    const VariantSummary* first = first_of_build(v.build);
    if (first != &v) {
      add_pair(pairs, first->label, v.label, &VariantPair::same_build);
      continue;
    }
    if (const VariantSummary* sibling = first_of_build(v.build + "-mimalloc"))
      add_pair(pairs, v.label, sibling->label, &VariantPair::allocator_builds);
  }
  return pairs;
}

// The first variant that is not raw (raw is a ceiling, not a baseline), else the first one.
std::string default_baseline(const std::vector<VariantInfo>& variants) {
  for (const auto& v : variants)
    if (v.build != kRawBuild) return v.label;
  return variants.empty() ? std::string() : variants.front().label;
}

std::string join_labels(const std::vector<VariantInfo>& variants) {
  std::string out;
  for (const auto& v : variants) out += (out.empty() ? "" : ", ") + v.label;
  return out;
}


const VariantInfo* find_info(const std::vector<VariantInfo>& variants, const std::string& label) {
  const auto it = std::find_if(variants.begin(), variants.end(),
                               [&](const auto& v) { return v.label == label; });
  return it == variants.end() ? nullptr : &*it;
}

// Which variant of A is compared with which of B (see PairOptions).
std::vector<std::pair<VariantInfo, VariantInfo>> resolve_pairing(const std::vector<VariantInfo>& va,
                                                                 const std::vector<VariantInfo>& vb,
                                                                 const PairOptions& p) {
  std::vector<std::pair<VariantInfo, VariantInfo>> out;
  if (!p.variant_a.empty() || !p.variant_b.empty()) {
    const std::string la = p.variant_a.empty() ? p.variant_b : p.variant_a;
    const std::string lb = p.variant_b.empty() ? p.variant_a : p.variant_b;
    const VariantInfo* a = find_info(va, la);
    const VariantInfo* b = find_info(vb, lb);
    if (a == nullptr)
      throw std::invalid_argument(fmt::format("variant '{}' is not in {} (it has: {})", la,
                                              p.name_a, join_labels(va)));
    if (b == nullptr)
      throw std::invalid_argument(fmt::format("variant '{}' is not in {} (it has: {})", lb,
                                              p.name_b, join_labels(vb)));
    out.emplace_back(*a, *b);
    return out;
  }
  for (const auto& a : va)
    if (const VariantInfo* b = find_info(vb, a.label)) out.emplace_back(a, *b);
  if (out.empty() && va.size() == 1 && vb.size() == 1) out.emplace_back(va.front(), vb.front());
  if (out.empty())
    throw std::invalid_argument(fmt::format(
        "cannot pair the variants of {} ({}) with those of {} ({}): they share no label; "
        "name the two to compare",
        p.name_a, join_labels(va), p.name_b, join_labels(vb)));
  return out;
}

std::vector<Cell> common_cells(const std::vector<Cell>& a, const std::vector<Cell>& b) {
  std::vector<Cell> out;
  for (const Cell& c : a)
    if (std::find(b.begin(), b.end(), c) != b.end()) out.push_back(c);
  return out;
}

// Samples of `set` that belong to a paired variant and a common cell, relabelled "<name>:<label>".
void add_pair_samples(detail::AnalysisInput& in, const std::vector<Sample>& samples,
                      const std::string& name, std::size_t source) {
  for (const auto& s : samples) {
    const std::string label = name + ":" + s.variant;
    const bool paired = std::any_of(in.variants.begin(), in.variants.end(), [&](const auto& v) {
      return v.source == source && v.label == label;
    });
    if (paired && std::find(in.cells.begin(), in.cells.end(), s.cell) != in.cells.end())
      in.samples.push_back({label, source, &s});
  }
}

}  // namespace

ResultsDocument analyse(const Manifest& m, const std::vector<Sample>& samples,
                        const AnalysisOptions& options) {
  detail::AnalysisInput in;
  in.kind = "run";
  in.settings = make_settings(m, options);
  const auto infos = variants_of(m, samples);
  in.settings.baseline = m.parameters.baseline.empty() ? default_baseline(infos)
                                                       : m.parameters.baseline;
  if (std::none_of(infos.begin(), infos.end(),
                   [&](const auto& v) { return v.label == in.settings.baseline; }))
    throw std::invalid_argument(fmt::format("baseline variant '{}' is not among the variants: {}",
                                            in.settings.baseline, join_labels(infos)));
  for (const auto& info : infos) in.variants.push_back(summary_of(info, info.label, 0));
  in.sources.push_back(SourceRun{m.run_id, m, {}});
  in.cells = cells_of(m, samples);
  for (const auto& s : samples) in.samples.push_back({s.variant, 0, &s});
  in.pairs = pairs_of_run(in.variants, in.settings.baseline);
  for (const auto& v : in.variants)
    if (v.build == kRawBuild && in.raw.empty()) in.raw = v.label;
  return detail::assemble(std::move(in));
}

ResultsDocument analyse_pair(const Manifest& a, const std::vector<Sample>& sa, const Manifest& b,
                             const std::vector<Sample>& sb, const PairOptions& pairing,
                             const AnalysisOptions& options) {
  if (pairing.name_a.empty() || pairing.name_a == pairing.name_b)
    throw std::invalid_argument("the two result sets need distinct, non-empty names");
  detail::AnalysisInput in;
  in.kind = "compare";
  in.settings = make_settings(a, options);
  in.settings.baseline = pairing.name_a;
  in.sources.push_back(SourceRun{pairing.name_a, a, {}});
  in.sources.push_back(SourceRun{pairing.name_b, b, {}});
  in.cells = common_cells(cells_of(a, sa), cells_of(b, sb));
  if (in.cells.empty())
    throw std::invalid_argument(fmt::format("{} and {} have no benchmark cell in common",
                                            pairing.name_a, pairing.name_b));
  for (const auto& [va, vb] : resolve_pairing(variants_of(a, sa), variants_of(b, sb), pairing)) {
    const std::string la = pairing.name_a + ":" + va.label;
    const std::string lb = pairing.name_b + ":" + vb.label;
    in.variants.push_back(summary_of(va, la, 0));
    in.variants.push_back(summary_of(vb, lb, 1));
    VariantPair pair{la, lb};
    pair.vs_baseline = true;
    pair.allocator_builds = in.variants.back().build == in.variants[in.variants.size() - 2].build +
                                                           "-mimalloc";
    in.pairs.push_back(pair);
  }
  add_pair_samples(in, sa, pairing.name_a, 0);
  add_pair_samples(in, sb, pairing.name_b, 1);
  return detail::assemble(std::move(in));
}

}  // namespace zbench
