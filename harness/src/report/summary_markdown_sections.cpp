// summary.md, later sections: throughput and latency highlights (significant cells only), the
// allocator-builds comparison, the A/A accuracy check, cost per variant and failures.
#include <algorithm>
#include <cmath>

#include "report/format.hpp"
#include "report/summary_markdown_parts.hpp"
#include "stats/descriptive.hpp"

namespace zbench::md {
namespace {

constexpr std::size_t kOtherHighlights = 5;  // notable cells listed beyond best and worst
constexpr std::size_t kFailuresListed = 50;

std::string p_clause(double p) {
  const std::string text = format_p_value(p);
  return text.front() == '<' ? "p " + text : "p = " + text;
}

std::string highlight(const ResultsDocument& doc, const CellComparison& c) {
  const VariantPair& pair = doc.pairs.at(c.pair);
  return fmt::format("{} **{} %** ({} → {}; CI {}; {})", markdown_code(cell_key(c.cell)),
                     format_diff_pct(c.result.diff_pct),
                     median_text(doc, pair.baseline, c.cell, c.metric),
                     median_text(doc, pair.candidate, c.cell, c.metric),
                     format_ratio_ci(c.result.ratio_ci), p_clause(c.result.p_value));
}

std::string short_list(const std::vector<const CellComparison*>& items, std::size_t from) {
  std::string out;
  for (std::size_t i = from; i < items.size() && i < from + kOtherHighlights; ++i)
    out += fmt::format("{}{} {} %", out.empty() ? "" : ", ",
                       markdown_code(cell_key(items[i]->cell)),
                       format_diff_pct(items[i]->result.diff_pct));
  if (items.size() > from + kOtherHighlights)
    out += fmt::format(" and {} more", items.size() - from - kOtherHighlights);
  return out;
}

std::vector<const CellComparison*> significant(const std::vector<const CellComparison*>& all,
                                               Verdict verdict) {
  std::vector<const CellComparison*> out;
  for (const CellComparison* c : all)
    if (c->result.verdict == verdict) out.push_back(c);
  // Largest gain first for "faster", deepest regression first for "slower".
  std::stable_sort(out.begin(), out.end(), [&](const auto* a, const auto* b) {
    return verdict == Verdict::faster ? a->result.diff_pct > b->result.diff_pct
                                      : a->result.diff_pct < b->result.diff_pct;
  });
  return out;
}

void write_pair_highlights(std::string& out, const ResultsDocument& doc,
                           const std::vector<const CellComparison*>& comps) {
  const VerdictCounts n = count_verdicts(comps);
  const auto gains = significant(comps, Verdict::faster);
  const auto losses = significant(comps, Verdict::slower);
  if (gains.empty() && losses.empty()) {
    emit(out, "- No cell differs significantly ({} cells compared){}\n", n.total(),
         n.underpowered == n.total() ? ": with these run counts significance was impossible "
                                       "(see the warning above)."
                                     : ".");
    return;
  }
  emit(out, "- **Best:** {}\n",
       gains.empty() ? std::string("no cell is significantly faster") : highlight(doc, *gains[0]));
  emit(out, "- **Worst:** {}\n",
       losses.empty() ? std::string("no cell is significantly slower")
                      : highlight(doc, *losses[0]));
  if (gains.size() > 1) emit(out, "- **Other gains:** {}\n", short_list(gains, 1));
  if (losses.size() > 1) emit(out, "- **Other regressions:** {}\n", short_list(losses, 1));
  emit(out, "- **Cells:** {} faster, {} slower, {} no significant difference ({} compared)\n",
       n.faster, n.slower, n.none, n.total());
}

double median_diff(const std::vector<const CellComparison*>& comps) {
  std::vector<double> diffs;
  for (const CellComparison* c : comps)
    if (std::isfinite(c->result.diff_pct)) diffs.push_back(c->result.diff_pct);
  return diffs.empty() ? std::nan("") : median(diffs);
}

std::string metric_title(Metric m) {
  switch (m) {
    case Metric::throughput_msgs: return "Throughput";
    case Metric::latency_mean: return "Latency (mean)";
    case Metric::latency_p99: return "Latency (p99)";
    default: return std::string(metric_info(m).title);
  }
}

void write_allocator_cells(std::string& out, const ResultsDocument& doc, std::size_t p) {
  const auto thr = comparisons_of(doc, p, Metric::throughput_msgs);
  emit(out, "<details><summary>Per-cell results ({} cells)</summary>\n\n", thr.size());
  out += "| Cell | Throughput Diff (%) | Verdict | Latency Diff (%) | Verdict |\n";
  out += "|---|---:|---|---:|---|\n";
  for (const Cell& cell : doc.cells) {
    const CellComparison* t = find_comparison(doc, p, cell, Metric::throughput_msgs);
    const CellComparison* l = find_comparison(doc, p, cell, Metric::latency_mean);
    if (t == nullptr && l == nullptr) continue;
    emit(out, "| {} | {} | {} | {} | {} |\n", markdown_code(cell_key(cell)),
         t ? format_diff_pct(t->result.diff_pct) : "—", t ? verdict_text(t->result) : "—",
         l ? format_diff_pct(l->result.diff_pct) : "—", l ? verdict_text(l->result) : "—");
  }
  out += "\n</details>\n\n";
}


// A fence longer than any run of backticks inside the text, so a stderr tail cannot close it.
std::string fence_for(const std::string& text) {
  std::size_t longest = 0, run = 0;
  for (char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return std::string(std::max<std::size_t>(3, longest + 1), '`');
}

void write_stderr_tails(std::string& out, const std::vector<Failure>& failures) {
  if (std::none_of(failures.begin(), failures.end(),
                   [](const auto& f) { return !f.stderr_tail.empty(); }))
    return;
  out += "<details><summary>stderr tails</summary>\n\n";
  for (std::size_t i = 0; i < failures.size() && i < kFailuresListed; ++i) {
    const Failure& f = failures[i];
    if (f.stderr_tail.empty()) continue;
    const std::string fence = fence_for(f.stderr_tail);
    emit(out, "**{}** {} run {}\n\n{}text\n{}\n{}\n\n", markdown_cell(f.variant),
         markdown_code(cell_key(f.cell)), f.run, fence, f.stderr_tail, fence);
  }
  out += "</details>\n\n";
}

}  // namespace

void write_highlights(std::string& out, const ResultsDocument& doc, Metric metric) {
  emit(out, "## {} highlights\n\n",
       metric == Metric::latency_mean ? "Latency (mean one-way)" : "Throughput");
  if (!doc.raw.empty())
    emit(out,
         "{} is the ceiling, not a competitor: it is not compared with the baseline and not "
         "counted below.\n\n",
         markdown_cell(doc.raw));
  bool any = false;
  for (std::size_t p = 0; p < doc.pairs.size(); ++p) {
    if (!doc.pairs[p].vs_baseline) continue;
    any = true;
    emit(out, "### {}\n\n", pair_title(doc.pairs[p]));
    const auto comps = comparisons_of(doc, p, metric);
    if (comps.empty())
      out += "- No cell has results for both variants.\n";
    else
      write_pair_highlights(out, doc, comps);
    if (metric == Metric::latency_mean) {
      const VerdictCounts n = count_verdicts(comparisons_of(doc, p, Metric::latency_p99));
      if (n.total() > 0)
        emit(out, "- **p99 latency:** {} faster, {} slower, {} no significant difference\n",
             n.faster, n.slower, n.none);
    }
    out += "\n";
  }
  if (!any) out += "No candidate variant to compare with the baseline.\n\n";
}

void write_allocator_builds(std::string& out, const ResultsDocument& doc) {
  out += "## Allocator builds\n\n";
  bool any = false;
  for (std::size_t p = 0; p < doc.pairs.size(); ++p) {
    const VariantPair& pair = doc.pairs[p];
    if (!pair.allocator_builds) continue;
    any = true;
    emit(out, "### {}\n\n", pair_title(pair));
    emit(out, "Same library, different allocator: positive Diff (%) means {} is better.\n\n",
         pair.candidate);
    out += "| Metric | Faster | Slower | No significant difference | Median Diff (%) |\n";
    out += "|---|---:|---:|---:|---:|\n";
    for (Metric m : kComparedMetrics) {
      const auto comps = comparisons_of(doc, p, m);
      const VerdictCounts n = count_verdicts(comps);
      emit(out, "| {} | {} | {} | {} | {} |\n", metric_title(m), n.faster, n.slower, n.none,
           format_diff_pct(median_diff(comps)));
    }
    out += "\n";
    write_allocator_cells(out, doc, p);
  }
  if (!any) out += "No build was measured together with its -mimalloc sibling.\n\n";
}

void write_aa_check(std::string& out, const ResultsDocument& doc) {
  if (std::none_of(doc.pairs.begin(), doc.pairs.end(), [](const auto& p) { return p.same_build; }))
    return;
  out += "## A/A check\n\n";
  out += "Two labels of one build were measured in the same run, so every difference between "
         "them is noise: this checks the harness's own accuracy.\n\n";
  for (std::size_t p = 0; p < doc.pairs.size(); ++p) {
    if (!doc.pairs[p].same_build) continue;
    for (Metric m : {Metric::throughput_msgs, Metric::latency_mean}) {
      const VerdictCounts n = count_verdicts(comparisons_of(doc, p, m));
      if (n.total() == 0) continue;
      const double fraction = static_cast<double>(n.faster + n.slower) /
                              static_cast<double>(n.total());
      emit(out,
           "- **{}**, {}: fraction of cells flagged significant = {} ({} of {}), expected "
           "≤ {}.{}\n",
           pair_title(doc.pairs[p]), metric_title(m), format_percent(fraction),
           n.faster + n.slower, n.total(), format_percent(doc.settings.alpha),
           fraction > doc.settings.alpha
               ? " **Above the expected rate:** this host is noisier than the statistics "
                 "assume (other load, CPU frequency scaling, runs too short); treat single-cell "
                 "verdicts with care."
               : "");
    }
  }
  out += "\n";
}

void write_cost(std::string& out, const ResultsDocument& doc) {
  out += "## Cost\n\n";
  out += "Median over all successful runs of each variant (one run = one worker process "
         "measuring one cell).\n\n";
  out += "| Variant | CPU per run (user + sys) | Peak RSS | Wall per run | Overhead per run |\n"
         "|---|---:|---:|---:|---:|\n";
  for (const auto& v : doc.variants) {
    if (v.runs_ok == 0) {
      emit(out, "| {} | — | — | — | — |\n", markdown_cell(v.label));
      continue;
    }
    emit(out, "| {} | {} s | {} MiB | {} s | {} ms |\n", markdown_cell(v.label),
         format_sig3(v.cpu_s_median), format_sig3(v.peak_rss_kb_median / 1024.0),
         format_sig3(v.wall_s_median), format_sig3(v.overhead_s_median * 1000.0));
  }
  out += "\nOverhead is the wall time of a run outside its warm-up and measured intervals: "
         "process start, connect, ready handshake, teardown.\n";
  out += "\n";
}

void write_failures(std::string& out, const ResultsDocument& doc) {
  out += "## Failures\n\n";
  RunCounts total;
  for (const auto& s : doc.sources) {
    total.present += s.counts.present;
    total.missing += s.counts.missing;
  }
  if (doc.failures.empty()) {
    emit(out, "None: all {} runs succeeded.\n\n", total.present);
  } else {
    emit(out, "{} of {} runs failed.\n\n", doc.failures.size(), total.present);
    out += "| Variant | Cell | Run | Reason |\n|---|---|---:|---|\n";
    for (std::size_t i = 0; i < doc.failures.size() && i < kFailuresListed; ++i) {
      const Failure& f = doc.failures[i];
      emit(out, "| {} | {} | {} | {} |\n", markdown_cell(f.variant),
           markdown_code(cell_key(f.cell)), f.run, markdown_cell(f.reason));
    }
    out += "\n";
    if (doc.failures.size() > kFailuresListed)
      emit(out, "… and {} more, listed in results.json.\n\n",
           doc.failures.size() - kFailuresListed);
    write_stderr_tails(out, doc.failures);
  }
  if (total.missing > 0)
    emit(out, "{} expected {} missing (interrupted?); re-running with `--resume` "
              "completes them.\n\n",
         total.missing, total.missing == 1 ? "run is" : "runs are");
}

}  // namespace zbench::md
