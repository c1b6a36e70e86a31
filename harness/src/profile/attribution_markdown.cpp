// Markdown renderer for the attribution section. It only formats: every number and verdict
// comes from profile records and attribution.cpp.
#include "profile/attribution_markdown.hpp"

#include <initializer_list>

#include <fmt/format.h>

#include "profile/attribution.hpp"
#include "profile/thread_roles.hpp"

namespace zbench::profile {
namespace {

std::string pct(double fraction) { return fmt::format("{:.1f}%", 100 * fraction); }

std::string per_msg(const CellProfile* c, std::uint64_t ProbeCounts::*field, int decimals = 2) {
  if (c == nullptr || !c->probe_ok || c->probe.messages == 0) return "n/a";
  return fmt::format("{:.{}f}", c->probe.per_message(c->probe.*field), decimals);
}

// Three decimals: sleeps per message are often a few thousandths.
std::string kernel_per_msg(const CellProfile* c, std::uint64_t ProbeCounts::*field) {
  return has_kernel_per_message(c) ? per_msg(c, field, 3) : "n/a";
}

std::string share_of(const CellProfile* c) {
  return c == nullptr || !c->perf_ok ? "n/a" : pct(c->share.share());
}

std::string link(const std::string& prefix, const std::string& file, const std::string& text) {
  return file.empty() ? "" : fmt::format("[{}]({}{})", text, prefix, file);
}

// The head of a per-cell table: a (base, other) column pair per figure, then the `extra`
// column when given.
void pair_table_head(std::string& out, const PairAttribution& a, std::initializer_list<const char*> figures,
                     const char* extra = nullptr) {
  out += "| Cell |";
  std::string align = "|---|";
  for (const char* f : figures) {
    out += fmt::format(" {} {} | {} |", f, a.base, a.other);
    align += "---:|---:|";
  }
  if (extra != nullptr) {
    out += fmt::format(" {} |", extra);
    align += "---|";
  }
  out += "\n" + align + "\n";
}

// row(cell, base's profile, other's profile) for every cell both sides of the pair have.
template <class Row>
void each_common_cell(const ProfileDocument& doc, const PairAttribution& a, Row row) {
  for (const auto& cell : a.cells) row(cell, find_cell(doc, a.base, cell), find_cell(doc, a.other, cell));
}

void pair_table(std::string& out, const ProfileDocument& doc, const PairAttribution& a,
                const std::string& prefix) {
  pair_table_head(out, a, {"Allocator share", "Allocs/msg", "Cross-thread frees/msg"}, "Flamegraphs");
  each_common_cell(doc, a, [&](const std::string& cell, const CellProfile* b, const CellProfile* o) {
    std::string graphs = link(prefix, b->svg_file, a.base) + " " + link(prefix, o->svg_file, a.other);
    for (const auto& p : doc.pairs)
      if (p.base == a.base && p.other == a.other && p.cell == cell) graphs += " " + link(prefix, p.svg_file, "diff");
    out += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} |\n", cell, share_of(b), share_of(o),
                       per_msg(b, &ProbeCounts::allocs), per_msg(o, &ProbeCounts::allocs),
                       per_msg(b, &ProbeCounts::cross_thread_frees), per_msg(o, &ProbeCounts::cross_thread_frees), graphs);
  });
  out += fmt::format("| **mean** | {} | {} | {:.2f} | {:.2f} | {:.2f} | {:.2f} | |\n\n", pct(a.base_all.allocator_share),
                     pct(a.other_all.allocator_share), a.base_all.allocs_per_msg, a.other_all.allocs_per_msg,
                     a.base_all.cross_frees_per_msg, a.other_all.cross_frees_per_msg);
}

// What the kernel did per message: page faults (memory mapped in again after an allocator
// gave it back) and voluntary context switches (a thread slept; a wake-up ended it).
void kernel_table(std::string& out, const ProfileDocument& doc, const PairAttribution& a) {
  if (a.base_all.kernel_cells == 0 && a.other_all.kernel_cells == 0) return;
  pair_table_head(out, a, {"Page faults/msg", "Sleeps/msg", "Preemptions/msg"});
  each_common_cell(doc, a, [&](const std::string& cell, const CellProfile* b, const CellProfile* o) {
    out += fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n", cell, kernel_per_msg(b, &ProbeCounts::page_faults),
                       kernel_per_msg(o, &ProbeCounts::page_faults), kernel_per_msg(b, &ProbeCounts::voluntary_switches),
                       kernel_per_msg(o, &ProbeCounts::voluntary_switches),
                       kernel_per_msg(b, &ProbeCounts::involuntary_switches),
                       kernel_per_msg(o, &ProbeCounts::involuntary_switches));
  });
  out += fmt::format("| **mean** | {:.3f} | {:.3f} | {:.3f} | {:.3f} | | |\n\n", a.base_all.faults_per_msg,
                     a.other_all.faults_per_msg, a.base_all.sleeps_per_msg, a.other_all.sleeps_per_msg);
}

void symbol_moves(std::string& out, const ProfileDocument& doc, const PairAttribution& a) {
  out += fmt::format("Symbols whose share of samples differs most ({} -> {}, total = anywhere on the stack):\n\n", a.base, a.other);
  out += "| Cell | Symbol | " + a.base + " | " + a.other + " | Change |\n|---|---|---:|---:|---:|\n";
  for (const auto& p : doc.pairs) {
    if (p.base != a.base || p.other != a.other) continue;
    for (std::size_t i = 0; i < p.deltas.size() && i < 3; ++i) {
      const auto& d = p.deltas[i];
      out += fmt::format("| {} | `{}` | {} | {} | {:+.1f} pp |\n", p.cell, d.symbol, pct(d.base_total),
                         pct(d.other_total), 100 * d.delta());
    }
  }
  out += "\n";
}

void verdicts(std::string& out, const PairAttribution& a) {
  out += "| Cause | Verdict | Figure | Rule |\n|---|---|---|---|\n";
  for (const auto& c : a.causes)
    out += fmt::format("| {} | **{}** | {} | {} |\n", c.cause, to_string(c.verdict), c.figure, c.rule);
  out += "\n";
}

void role_table(std::string& out, const ProfileDocument& doc) {
  out += "Allocator share by thread role (share of that role's samples; role = thread name: "
         "zb-send sender, zb-recv receiver, zb-ping pinger, zb-echo echo, ZMQbg/IO and unnamed "
         "library threads io):\n\n| Variant | Cell | Overall |";
  for (auto r : all_roles()) out += fmt::format(" {} |", to_string(r));
  out += "\n|---|---|---:|";
  for (std::size_t i = 0; i < all_roles().size(); ++i) out += "---:|";
  out += "\n";
  for (const auto& c : doc.cells) {
    if (!c.perf_ok) continue;
    out += fmt::format("| {} | {} | {} |", c.variant, c.cell, pct(c.share.share()));
    for (auto r : all_roles()) {
      const auto it = c.share.by_role.find(std::string(to_string(r)));
      out += it == c.share.by_role.end() ? " - |" : fmt::format(" {} |", pct(it->second.share()));
    }
    out += "\n";
  }
  out += "\n";
}

}  // namespace

std::string attribution_markdown(const ProfileDocument& doc, const std::string& links_prefix) {
  std::string out = "## Attribution (profile)\n\n";
  out += fmt::format("perf: {}. Allocator share = fraction of cpu-clock samples whose stack holds "
                     "an allocator frame (malloc family, glibc internals, mimalloc mi_*/_mi_*, "
                     "operator new/delete). Allocations and cross-thread frees per message come "
                     "from the LD_PRELOAD probe (exact counts; a free is cross-thread when another "
                     "thread allocated the block); page faults and context switches per message "
                     "are the kernel's counts for the whole worker over the same window "
                     "(getrusage; a sleep is a voluntary switch, a preemption an involuntary one). "
                     "One profiled run per cell: figures are "
                     "indicative, not statistics.\n\n", doc.perf_status.empty() ? "not run" : doc.perf_status);
  for (const auto& [base, other] : default_pairs(doc)) {
    const PairAttribution a = attribute(doc, base, other);
    out += fmt::format("### {} vs {}\n\n", base, other);
    if (a.cells.empty()) {
      out += "No cell was profiled for both variants.\n\n";
      continue;
    }
    pair_table(out, doc, a, links_prefix);
    kernel_table(out, doc, a);
    symbol_moves(out, doc, a);
    verdicts(out, a);
  }
  role_table(out, doc);
  if (!doc.micro_file.empty())
    out += fmt::format("Micro-benchmarks (Google Benchmark JSON): {}\n\n", link(links_prefix, doc.micro_file, doc.micro_file));
  return out;
}

}  // namespace zbench::profile
