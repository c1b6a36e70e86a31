// summary.md, main part: title, run header, variants, how to read the numbers, the power warning
// and the per-pattern tables. Highlights and the later sections live in
// summary_markdown_sections.cpp.
#include "report/summary_markdown.hpp"

#include <algorithm>

#include "report/charts_svg.hpp"
#include "report/format.hpp"
#include "report/summary_markdown_parts.hpp"

namespace zbench {
namespace md {

std::vector<const CellComparison*> comparisons_of(const ResultsDocument& doc, std::size_t pair,
                                                  Metric metric) {
  std::vector<const CellComparison*> out;
  for (const auto& c : doc.comparisons)
    if (c.pair == pair && c.metric == metric) out.push_back(&c);
  return out;
}

std::string median_text(const ResultsDocument& doc, const std::string& variant, const Cell& cell,
                        Metric metric) {
  const CellAggregate* a = find_aggregate(doc, variant, cell);
  if (a == nullptr || a->at(metric).n == 0) return "—";
  if (metric == Metric::throughput_msgs || metric == Metric::throughput_mb)
    return format_throughput(cell.size, a->at(Metric::throughput_msgs).median,
                             a->at(Metric::throughput_mb).median);
  return format_latency_us(a->at(metric).median);
}

std::string verdict_text(const Comparison& c) {
  if (c.underpowered)
    return fmt::format("not testable (n={})", std::min(c.n_baseline, c.n_candidate));
  if (c.verdict == Verdict::no_difference) return std::string(to_string(c.verdict));
  return fmt::format("**{}**", to_string(c.verdict));
}

std::string pct_of_raw_text(const ResultsDocument& doc, const std::string& variant,
                            const Cell& cell) {
  const RawShare* r = find_raw_share(doc, variant, cell);
  return r == nullptr ? "—" : format_sig3(r->pct) + " %";
}

std::string pair_title(const VariantPair& pair) {
  return fmt::format("{} vs {}", pair.candidate, pair.baseline);
}

VerdictCounts count_verdicts(const std::vector<const CellComparison*>& comparisons) {
  VerdictCounts n;
  for (const CellComparison* c : comparisons) {
    if (c->result.underpowered) ++n.underpowered;
    switch (c->result.verdict) {
      case Verdict::faster: ++n.faster; break;
      case Verdict::slower: ++n.slower; break;
      case Verdict::no_difference: ++n.none; break;
    }
  }
  return n;
}

}  // namespace md

namespace {

using md::emit;

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out.empty() ? "n/a" : out;
}

std::string or_na(const std::string& s) { return s.empty() ? "n/a" : s; }

std::string format_percent_1(double fraction) { return fmt::format("{:.1f} %", fraction * 100); }

void write_title(std::string& out, const ResultsDocument& doc) {
  if (doc.kind == "compare" && doc.sources.size() == 2) {
    emit(out, "# zbench compare: {} against {}\n\n", doc.sources[1].name, doc.sources[0].name);
    for (const auto& s : doc.sources)
      emit(out, "- **{}** = run {} ({})\n", s.name, markdown_code(or_na(s.manifest.run_id)),
           or_na(s.manifest.created_at));
    out += "\n";
    return;
  }
  const Manifest& m = doc.sources.at(0).manifest;
  const std::string& name = m.label.empty() ? m.run_id : m.label;
  emit(out, "# zbench summary: {}\n\n", or_na(name));
}

std::string sizes_text(const std::vector<std::size_t>& sizes) {
  std::vector<std::string> labels;
  for (std::size_t s : sizes) labels.push_back(format_size_label(s));
  return join(labels);
}

std::string host_text(const HostInfo& h) {
  std::vector<std::string> parts;
  parts.push_back(fmt::format("{} ({} CPUs)", or_na(h.cpu_model), h.cpu_count));
  for (const auto* s : {&h.os, &h.kernel, &h.glibc, &h.compiler})
    if (!s->empty()) parts.push_back(*s);
  return join(parts);
}

void write_source_header(std::string& out, const ResultsDocument& doc, const SourceRun& s) {
  const Manifest& m = s.manifest;
  const RunParameters& p = m.parameters;
  if (doc.kind == "compare")
    emit(out, "## Set {}\n\n", s.name);
  else
    out += "## Run\n\n";
  emit(out, "- **Command:** {}\n", markdown_code(or_na(m.command_line)));
  emit(out, "- **Build dir:** {}\n", markdown_code(or_na(m.build_dir)));
  if (!m.git_revision.empty()) emit(out, "- **Git revision:** {}\n", markdown_code(m.git_revision));
  if (!m.created_at.empty()) emit(out, "- **Started:** {}\n", m.created_at);
  emit(out, "- **Patterns:** {}\n", join(p.patterns));
  emit(out, "- **Transports:** {}\n", join(p.transports));
  emit(out, "- **Sizes:** {}\n", sizes_text(p.sizes));
  emit(out, "- **Runs per cell:** {}\n", p.runs);
  emit(out,
       "- **Duration per run:** warm-up {:g} s, throughput {:g} s, latency {:g} s (at most {} "
       "round trips after {} warm-up round trips)\n",
       p.warmup_s, p.duration_s, p.latency_duration_s, p.latency_max_round_trips,
       p.latency_warmup_round_trips);
  emit(out, "- **I/O threads:** {}; **HWM:** {} messages\n", p.io_threads, p.hwm);
  emit(out, "- **Noise threshold:** ±{}; **significance level:** {:g}\n",
       format_percent(doc.settings.noise), doc.settings.alpha);
  emit(out, "- **Host:** {}\n", markdown_cell(host_text(m.host)));
  emit(out, "- **Samples:** {} of {} expected: {} ok, {} failed, {} missing\n\n", s.counts.present,
       s.counts.expected, s.counts.ok, s.counts.failed, s.counts.missing);
}

void write_variants(std::string& out, const ResultsDocument& doc) {
  out += "## Variants\n\n";
  out += "| Variant | Build | Library | Protocol | Allocator | Verified allocator | Runs ok "
         "| Failed | Run-to-run CV (throughput / latency) |\n"
         "|---|---|---|---|---|---|---:|---:|---:|\n";
  for (const auto& v : doc.variants) {
    const bool is_baseline = doc.kind == "run" && v.label == doc.settings.baseline;
    const bool is_raw = v.label == doc.raw;
    emit(out, "| {}{} | {} | {} | {} | {} | {} | {} | {} | {} / {} |\n", markdown_cell(v.label),
         is_baseline ? " (baseline)" : is_raw ? " (ceiling)" : "", markdown_cell(v.build), markdown_cell(or_na(v.library)),
         markdown_cell(or_na(v.protocol)), markdown_cell(or_na(v.allocator)),
         markdown_cell(or_na(v.allocator_verified)), v.runs_ok, v.runs_failed,
         format_percent_1(v.throughput_cv_median), format_percent_1(v.latency_cv_median));
  }
  out += "\nCV is the median over cells of stddev / mean across runs: the noise level the "
         "noise threshold has to clear.\n\n";
}

void write_reading_notes(std::string& out, const ResultsDocument& doc) {
  const std::string noise = format_percent(doc.settings.noise);
  out += "## How to read this report\n\n";
  out += "- Every figure is the **median over runs** of one cell; each run is a fresh worker "
         "process.\n";
  out += "- **Diff (%)** compares the candidate with the baseline of its table. Throughput: "
         "`(candidate / baseline - 1) x 100`, **positive = faster**. Latency: "
         "`(baseline - candidate) / baseline x 100`, **positive = lower latency**. Either way, "
         "positive is better for the candidate.\n";
  emit(out,
       "- **95 % CI** is a percentile-bootstrap interval ({} resamples) of the ratio candidate "
       "median / baseline median: above 1 means the candidate's figure is higher (more "
       "throughput, or more latency).\n",
       doc.settings.bootstrap_resamples);
  out += "- **p** is the two-sided Mann-Whitney U p-value (exact for up to 20 runs per side "
         "without ties).\n";
  emit(out,
       "- **Verdict:** *faster* or *slower* only when p < {:g} **and** the whole CI lies beyond "
       "the ±{} noise threshold; otherwise *no significant difference*, which means the data "
       "cannot tell the two apart, not that they are equal.\n",
       doc.settings.alpha, noise);
  emit(out,
       "- Throughput is in Mmsg/s up to {} and in MB/s (1 MB = 10^6 bytes) above; latency is "
       "one-way (round trip / 2) in µs.\n",
       format_size_label(kMessageRateMaxSize));
  if (!doc.raw.empty())
    emit(out,
         "- **% of raw** = a variant's median throughput / the median of {} in the same cell x "
         "100. {} is no messaging library, only the transport (plain sockets with length-prefixed "
         "framing and batched writes for tcp and ipc, an SPSC ring for inproc): a **ceiling, not "
         "a competitor**. It is never compared with the baseline and never counted among the "
         "faster / slower / no significant difference cells.\n",
         markdown_cell(doc.raw), markdown_cell(doc.raw));
  out += "\n";
}

void write_power_warning(std::string& out, const ResultsDocument& doc) {
  const auto n = std::count_if(doc.comparisons.begin(), doc.comparisons.end(),
                               [](const auto& c) { return c.result.underpowered; });
  if (n == 0) return;
  emit(out,
       "> **Warning: too few runs, significance was impossible.** {} of {} comparisons have "
       "fewer runs than a two-sided Mann-Whitney test needs to ever reach p < {:g} (at least {} "
       "runs per side). They show *not testable* instead of a verdict: this does **not** mean the "
       "variants performed the same. Re-run with `--runs {}` or more.\n\n",
       n, doc.comparisons.size(), doc.settings.alpha, doc.settings.min_runs_per_side,
       std::max<std::size_t>(10, doc.settings.min_runs_per_side));
}

void write_table_row(std::string& out, const ResultsDocument& doc, const VariantPair& pair,
                     const Cell& cell, Metric metric) {
  emit(out, "| {} | {} | {} | {} |", to_string(cell.transport), format_size_label(cell.size),
       md::median_text(doc, pair.baseline, cell, metric),
       md::median_text(doc, pair.candidate, cell, metric));
  const std::size_t p = static_cast<std::size_t>(&pair - doc.pairs.data());
  if (const CellComparison* c = find_comparison(doc, p, cell, metric))
    emit(out, " {} | {} | {} | {} |", format_diff_pct(c->result.diff_pct),
         format_ratio_ci(c->result.ratio_ci), format_p_value(c->result.p_value),
         md::verdict_text(c->result));
  else
    out += " — | — | — | — |";
  if (metric == Metric::latency_mean) {
    if (const CellComparison* c = find_comparison(doc, p, cell, Metric::latency_p99))
      emit(out, " {} | {} |", format_diff_pct(c->result.diff_pct), md::verdict_text(c->result));
    else
      out += " — | — |";
  } else if (!doc.raw.empty()) {
    emit(out, " {} | {} | {} |", md::median_text(doc, doc.raw, cell, metric),
         md::pct_of_raw_text(doc, pair.baseline, cell),
         md::pct_of_raw_text(doc, pair.candidate, cell));
  }
  out += "\n";
}

void write_pattern_table(std::string& out, const ResultsDocument& doc, const VariantPair& pair,
                         Pattern pattern, Metric metric) {
  const bool latency = metric == Metric::latency_mean;
  const bool raw_columns = !latency && !doc.raw.empty();
  emit(out, "### {}: {}\n\n", latency ? "Latency (mean one-way)" : "Throughput",
       md::pair_title(pair));
  std::string extra;
  if (latency)
    extra = " p99 Diff (%) | p99 verdict |";
  else if (raw_columns)
    extra = fmt::format(" {} (ceiling) | {} % of raw | {} % of raw |", markdown_cell(doc.raw),
                        markdown_cell(pair.baseline), markdown_cell(pair.candidate));
  emit(out, "| Transport | Size | {} | {} | Diff (%) | 95 % CI | p | Verdict |{}\n",
       markdown_cell(pair.baseline), markdown_cell(pair.candidate), extra);
  emit(out, "|---|---:|---:|---:|---:|:---:|---:|---|{}\n",
       latency ? "---:|---|" : raw_columns ? "---:|---:|---:|" : "");
  for (const Cell& cell : doc.cells) {
    if (cell.pattern != pattern) continue;
    if (!find_aggregate(doc, pair.baseline, cell) && !find_aggregate(doc, pair.candidate, cell))
      continue;
    write_table_row(out, doc, pair, cell, metric);
  }
  out += "\n";
}

// Without a candidate to compare (e.g. `--variants libzmq,raw`), the medians of every variant
// next to raw's, so the per-cell % of raw is still reported.
void write_raw_only_table(std::string& out, const ResultsDocument& doc, Pattern pattern) {
  std::vector<std::string> variants;
  for (const auto& v : doc.variants)
    if (v.build != kRawBuild) variants.push_back(v.label);
  if (variants.empty()) return;
  emit(out, "### Throughput: % of {}\n\n| Transport | Size | {} (ceiling) |",
       markdown_cell(doc.raw), markdown_cell(doc.raw));
  for (const auto& v : variants) emit(out, " {} | {} % of raw |", markdown_cell(v), markdown_cell(v));
  out += "\n|---|---:|---:|";
  for (std::size_t i = 0; i < variants.size(); ++i) out += "---:|---:|";
  out += "\n";
  for (const Cell& cell : doc.cells) {
    if (cell.pattern != pattern) continue;
    emit(out, "| {} | {} | {} |", to_string(cell.transport), format_size_label(cell.size),
         md::median_text(doc, doc.raw, cell, Metric::throughput_msgs));
    for (const auto& v : variants)
      emit(out, " {} | {} |", md::median_text(doc, v, cell, Metric::throughput_msgs),
           md::pct_of_raw_text(doc, v, cell));
    out += "\n";
  }
  out += "\n";
}

// PUB drops at HWM by design; throughput counts received messages only, so say how many
// were dropped next to the tables rather than letting a dropping variant look merely slower.
void write_dropped_note(std::string& out, const ResultsDocument& doc, Pattern pattern) {
  std::string parts;
  bool any = false;
  for (const auto& v : doc.variants) {
    std::uint64_t dropped = 0;
    for (const auto& a : doc.aggregates)
      if (a.variant == v.label && a.cell.pattern == pattern) dropped += a.dropped;
    any = any || dropped > 0;
    parts += fmt::format("{}{} {}", parts.empty() ? "" : ", ", v.label, dropped);
  }
  if (any)
    emit(out, "Messages dropped at HWM, total over successful runs (not counted as received): "
              "{}.\n\n",
         markdown_cell(parts));
}

void write_pattern_sections(std::string& out, const ResultsDocument& doc,
                            const SummaryOptions& options) {
  for (Pattern pattern : all_patterns()) {
    if (std::none_of(doc.cells.begin(), doc.cells.end(),
                     [&](const Cell& c) { return c.pattern == pattern; }))
      continue;
    emit(out, "## {}\n\n", to_string(pattern));
    if (options.link_charts && has_chart(doc, pattern))
      emit(out, "![{} Diff (%) per cell]({})\n\n", to_string(pattern), chart_file_name(pattern));
    for (const auto& pair : doc.pairs)
      if (pair.vs_baseline) write_pattern_table(out, doc, pair, pattern, Metric::throughput_msgs);
    if (!doc.raw.empty() && std::none_of(doc.pairs.begin(), doc.pairs.end(),
                                         [](const auto& p) { return p.vs_baseline; }))
      write_raw_only_table(out, doc, pattern);
    write_dropped_note(out, doc, pattern);
    for (const auto& pair : doc.pairs)
      if (pair.vs_baseline) write_pattern_table(out, doc, pair, pattern, Metric::latency_mean);
  }
}

}  // namespace

std::string render_summary_markdown(const ResultsDocument& doc, const SummaryOptions& options) {
  std::string out;
  write_title(out, doc);
  for (const auto& source : doc.sources) write_source_header(out, doc, source);
  write_variants(out, doc);
  write_reading_notes(out, doc);
  write_power_warning(out, doc);
  md::write_highlights(out, doc, Metric::throughput_msgs);
  md::write_highlights(out, doc, Metric::latency_mean);
  md::write_raw_ceiling(out, doc);
  write_pattern_sections(out, doc, options);
  md::write_allocator_builds(out, doc);
  md::write_aa_check(out, doc);
  md::write_cost(out, doc);
  md::write_failures(out, doc);
  return out;
}

}  // namespace zbench
