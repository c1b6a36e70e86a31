// Attribution rules (thresholds in attribution.hpp). "O" is the pair's other variant (e.g.
// zlink-mimalloc), "B" its base (e.g. zlink). Figures are means over the pair's common cells.
#include "profile/attribution.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "matrix/matrix.hpp"

namespace zbench::profile {
namespace {

double pp(double fraction) { return 100 * fraction; }

bool has(const ProfileDocument& doc, const std::string& v) {
  return std::any_of(doc.cells.begin(), doc.cells.end(), [&](const auto& c) { return c.variant == v; });
}

std::vector<std::string> common_cells(const ProfileDocument& doc, const std::string& a,
                                      const std::string& b) {
  std::vector<std::string> out;
  for (const auto& c : doc.cells)
    if (c.variant == a && find_cell(doc, b, c.cell) != nullptr) out.push_back(c.cell);
  return out;
}

std::vector<std::string> cells_where(const std::vector<std::string>& cells, auto keep) {
  std::vector<std::string> out;
  for (const auto& key : cells) {
    try {
      if (keep(parse_cell_key(key))) out.push_back(key);
    } catch (const std::exception&) {
    }
  }
  return out;
}

bool is_glibc(const std::string& allocator) { return allocator == "glibc" || allocator == "std"; }

CauseVerdict alloc_rate(const SideFigures& o) {
  CauseVerdict v{"allocation rate on the hot path", Verdict::cannot_tell,
                 fmt::format("{}: {:.2f} allocations/message, allocator share {:.1f}%", o.variant, o.allocs_per_msg,
                             pp(o.allocator_share)),
                 "supports: >= 1 allocation/message and allocator share >= 5%; refutes: < 0.1 "
                 "allocation/message or allocator share < 1%"};
  if (o.probe_cells == 0 || o.cells == 0) v.figure = "no probe or perf data";
  else if (o.allocs_per_msg >= kHotAllocsPerMsg && o.allocator_share >= kAllocShareHot) v.verdict = Verdict::supports;
  else if (o.allocs_per_msg < kColdAllocsPerMsg || o.allocator_share < kAllocShareCold) v.verdict = Verdict::refutes;
  return v;
}

CauseVerdict buffer_reuse(const SideFigures& b, const SideFigures& o) {
  const double gap = o.allocs_per_msg - b.allocs_per_msg;
  CauseVerdict v{"a bypassed buffer-reuse path", Verdict::cannot_tell,
                 fmt::format("allocations/message {} {:.2f} vs {} {:.2f} ({:+.2f})", o.variant, o.allocs_per_msg,
                             b.variant, b.allocs_per_msg, gap),
                 "supports: the other side allocates >= 0.5 more per message than the base; "
                 "refutes: within 0.1 allocation/message of the base"};
  if (o.probe_cells == 0 || b.probe_cells == 0) v.figure = "no probe data for both sides";
  else if (gap >= kReuseGapPerMsg) v.verdict = Verdict::supports;
  else if (std::abs(gap) < kSameAllocsPerMsg) v.verdict = Verdict::refutes;
  return v;
}

CauseVerdict cross_free(const SideFigures& b, const SideFigures& o) {
  const double gap = o.free_share - b.free_share;
  CauseVerdict v{"the cost of freeing on another thread", Verdict::cannot_tell,
                 fmt::format("{}: {:.2f} cross-thread frees/message; release-side share {} {:.1f}% vs {} {:.1f}% "
                             "({:+.1f} pp)",
                             o.variant, o.cross_frees_per_msg, o.variant, pp(o.free_share), b.variant, pp(b.free_share),
                             pp(gap)),
                 "supports: >= 0.5 cross-thread frees/message and the release side costs >= 1 pp "
                 "more than the base; refutes: < 0.05 cross-thread frees/message or no extra release cost"};
  if (o.probe_cells == 0 || o.cells == 0 || b.cells == 0) v.figure = "no probe or perf data";
  else if (o.cross_frees_per_msg >= kCrossFreesPerMsg && gap >= kShareGap) v.verdict = Verdict::supports;
  else if (o.cross_frees_per_msg < kNoCrossFreesPerMsg || gap <= 0) v.verdict = Verdict::refutes;
  return v;
}

// Memory an allocator gives back to the kernel (glibc trims its heaps and unmaps large
// blocks; mimalloc purges pages it keeps free) is mapped in again, page by page, when it is
// next used: the page-fault count is the cost's own measure. Judged per cell, because the
// two sides may fault more at different sizes and a mean over cells would hide both.
CauseVerdict page_faults(const ProfileDocument& doc, const std::vector<std::string>& cells, const SideFigures& b,
                         const SideFigures& o) {
  const std::string& base = b.variant;
  const std::string& other = o.variant;
  CauseVerdict v{"memory handed back to the kernel and faulted in again", Verdict::cannot_tell, "",
                 "supports: in some cell one side takes >= 0.5 more page faults per message than the "
                 "other, and at least twice as many; refutes: every cell's sides differ by < 0.05 per message"};
  const auto faults_more = [](double x, double y) { return x - y >= kFaultGapPerMsg && x >= kFaultRatio * y; };
  std::vector<std::string> more_base, more_other;
  int compared = 0;
  bool all_same = true;
  for (const auto& key : cells) {
    const CellProfile* cb = find_cell(doc, base, key);
    const CellProfile* co = find_cell(doc, other, key);
    if (!has_kernel_per_message(cb) || !has_kernel_per_message(co)) continue;
    ++compared;
    const double fb = cb->probe.per_message(cb->probe.page_faults);
    const double fo = co->probe.per_message(co->probe.page_faults);
    if (std::abs(fb - fo) >= kSameFaultsPerMsg) all_same = false;
    if (faults_more(fb, fo)) more_base.push_back(fmt::format("{} {:.1f} vs {:.1f}", key, fb, fo));
    if (faults_more(fo, fb)) more_other.push_back(fmt::format("{} {:.1f} vs {:.1f}", key, fo, fb));
  }
  // "N cell a, cell b, cell c, ...": the count, then at most three of the cells.
  const auto listed = [](const std::vector<std::string>& xs) {
    std::string out = std::to_string(xs.size());
    for (std::size_t i = 0; i < xs.size() && i < 3; ++i) {
      out += i > 0 ? ", " : " ";
      out += xs[i];
    }
    if (xs.size() > 3) out += ", ...";
    return out;
  };
  v.figure = fmt::format("mean page faults/message {} {:.2f} vs {} {:.2f}; cells where {} faults more: {}; "
                         "where {} does: {}",
                         other, o.faults_per_msg, base, b.faults_per_msg, other, listed(more_other), base,
                         listed(more_base));
  if (compared == 0) v.figure = "no page-fault counts for both sides";
  else if (!more_base.empty() || !more_other.empty()) v.verdict = Verdict::supports;
  else if (all_same) v.verdict = Verdict::refutes;
  return v;
}

CauseVerdict wrapper(const SideFigures& o) {
  CauseVerdict v{"extra indirection in an allocator wrapper", Verdict::cannot_tell,
                 fmt::format("{}: {:.2f}% of samples in PLT stubs or zlink allocator wrappers", o.variant,
                             pp(o.wrapper_share)),
                 "supports: >= 2% self time in wrappers; refutes: < 0.5%"};
  if (o.cells == 0) v.figure = "no perf data";
  else if (o.wrapper_share >= kWrapperHot) v.verdict = Verdict::supports;
  else if (o.wrapper_share < kWrapperCold) v.verdict = Verdict::refutes;
  return v;
}

}  // namespace

std::string_view to_string(Verdict v) {
  switch (v) {
    case Verdict::supports: return "supports";
    case Verdict::refutes: return "refutes";
    case Verdict::cannot_tell: return "cannot tell";
  }
  return "cannot tell";
}

std::vector<std::pair<std::string, std::string>> default_pairs(const ProfileDocument& doc) {
  std::vector<std::pair<std::string, std::string>> out;
  if (has(doc, "zlink") && has(doc, "zlink-mimalloc")) out.emplace_back("zlink", "zlink-mimalloc");
  if (has(doc, "libzmq") && has(doc, "zlink")) out.emplace_back("libzmq", "zlink");
  if (!out.empty() || doc.cells.empty()) return out;
  std::vector<std::string> variants;
  for (const auto& c : doc.cells)
    if (std::find(variants.begin(), variants.end(), c.variant) == variants.end()) variants.push_back(c.variant);
  for (std::size_t i = 1; i < variants.size(); ++i) out.emplace_back(variants[0], variants[i]);
  return out;
}

SideFigures side_figures(const ProfileDocument& doc, const std::string& variant,
                         const std::vector<std::string>& cells) {
  SideFigures f;
  f.variant = variant;
  for (const auto& key : cells) {
    const CellProfile* c = find_cell(doc, variant, key);
    if (c == nullptr) continue;
    if (c->perf_ok && c->share.samples > 0) {
      ++f.cells;
      f.allocator_share += c->share.share();
      f.free_share += c->share.free_share();
      f.wrapper_share += c->share.wrapper_share();
    }
    if (c->probe_ok && c->probe.messages > 0) {
      ++f.probe_cells;
      f.allocs_per_msg += c->probe.per_message(c->probe.allocs);
      f.cross_frees_per_msg += c->probe.per_message(c->probe.cross_thread_frees);
      f.small_alloc_fraction += c->probe.share_at_most(kTcacheMaxBytes);
      if (c->probe.has_kernel_counts) {
        ++f.kernel_cells;
        f.faults_per_msg += c->probe.per_message(c->probe.page_faults);
        f.sleeps_per_msg += c->probe.per_message(c->probe.voluntary_switches);
      }
    }
  }
  const auto mean = [](double& x, int n) { x = n == 0 ? 0 : x / n; };
  mean(f.allocator_share, f.cells);
  mean(f.free_share, f.cells);
  mean(f.wrapper_share, f.cells);
  mean(f.allocs_per_msg, f.probe_cells);
  mean(f.cross_frees_per_msg, f.probe_cells);
  mean(f.small_alloc_fraction, f.probe_cells);
  mean(f.faults_per_msg, f.kernel_cells);
  mean(f.sleeps_per_msg, f.kernel_cells);
  return f;
}

CauseVerdict tcache_verdict(const ProfileDocument& doc, const std::string& base,
                            const std::string& other, const std::vector<std::string>& cells);
CauseVerdict inproc_verdict(const ProfileDocument& doc, const std::string& base,
                            const std::string& other, const std::vector<std::string>& cells);

PairAttribution attribute(const ProfileDocument& doc, const std::string& base,
                          const std::string& other) {
  PairAttribution a;
  a.base = base;
  a.other = other;
  a.cells = common_cells(doc, base, other);
  a.base_all = side_figures(doc, base, a.cells);
  a.other_all = side_figures(doc, other, a.cells);
  a.causes.push_back(alloc_rate(a.other_all));
  a.causes.push_back(buffer_reuse(a.base_all, a.other_all));
  a.causes.push_back(cross_free(a.base_all, a.other_all));
  a.causes.push_back(page_faults(doc, a.cells, a.base_all, a.other_all));
  a.causes.push_back(tcache_verdict(doc, base, other, a.cells));
  a.causes.push_back(wrapper(a.other_all));
  a.causes.push_back(inproc_verdict(doc, base, other, a.cells));
  return a;
}

// glibc's tcache: only meaningful when one side is glibc and the other mimalloc. Compared on
// cells of at most 1 KiB, where messages (and so most blocks) fit tcache's size classes.
CauseVerdict tcache_verdict(const ProfileDocument& doc, const std::string& base,
                            const std::string& other, const std::vector<std::string>& cells) {
  CauseVerdict v{"glibc tcache suits small short-lived blocks", Verdict::cannot_tell, "",
                 "on cells <= 1 KiB, supports: the mimalloc side's allocator share exceeds glibc's "
                 "by >= 1 pp and >= 50% of allocations are <= 1 KiB; refutes: glibc's share is "
                 "at least as high as mimalloc's"};
  const CellProfile* any_b = cells.empty() ? nullptr : find_cell(doc, base, cells.front());
  const CellProfile* any_o = cells.empty() ? nullptr : find_cell(doc, other, cells.front());
  if (any_b == nullptr || any_o == nullptr || is_glibc(any_b->allocator) == is_glibc(any_o->allocator)) {
    v.figure = "both sides use the same allocator family";
    return v;
  }
  const bool base_glibc = is_glibc(any_b->allocator);
  const auto small = cells_where(cells, [](const Cell& c) { return c.size <= kTcacheMaxBytes; });
  const SideFigures g = side_figures(doc, base_glibc ? base : other, small);
  const SideFigures m = side_figures(doc, base_glibc ? other : base, small);
  const double gap = m.allocator_share - g.allocator_share;
  v.figure = fmt::format("cells <= 1 KiB: allocator share mimalloc {:.1f}% vs glibc {:.1f}% ({:+.1f} pp); "
                         "{:.0f}% of glibc-side allocations <= 1 KiB",
                         pp(m.allocator_share), pp(g.allocator_share), pp(gap), pp(g.small_alloc_fraction));
  if (g.cells == 0 || m.cells == 0) v.figure = "no perf data on cells <= 1 KiB";
  else if (gap >= kShareGap && g.small_alloc_fraction >= 0.5) v.verdict = Verdict::supports;
  else if (gap <= 0) v.verdict = Verdict::refutes;
  return v;
}

// "inproc moves too": the allocator difference shows without any network in the path.
CauseVerdict inproc_verdict(const ProfileDocument& doc, const std::string& base,
                            const std::string& other, const std::vector<std::string>& cells) {
  CauseVerdict v{"inproc (no network) moves too", Verdict::cannot_tell, "",
                 "supports: on inproc the allocator share differs by >= 1 pp; refutes: it differs "
                 "by < 0.5 pp on inproc while tcp differs by >= 1 pp"};
  const auto inproc = cells_where(cells, [](const Cell& c) { return c.transport == Transport::inproc; });
  const auto tcp = cells_where(cells, [](const Cell& c) { return c.transport == Transport::tcp; });
  const double di = side_figures(doc, other, inproc).allocator_share - side_figures(doc, base, inproc).allocator_share;
  const double dt = side_figures(doc, other, tcp).allocator_share - side_figures(doc, base, tcp).allocator_share;
  v.figure = fmt::format("allocator share change inproc {:+.1f} pp, tcp {}", pp(di),
                         tcp.empty() ? std::string("not profiled") : fmt::format("{:+.1f} pp", pp(dt)));
  if (inproc.empty()) v.figure = "no inproc cells profiled";
  else if (std::abs(di) >= kShareGap) v.verdict = Verdict::supports;
  else if (!tcp.empty() && std::abs(di) < kShareSame && std::abs(dt) >= kShareGap) v.verdict = Verdict::refutes;
  return v;
}

}  // namespace zbench::profile
