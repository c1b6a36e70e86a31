// summary.md, the "% of raw" section: per transport and size, the geometric mean over patterns
// of each variant's median throughput as a share of raw's, and the cells where a variant beat
// raw (which says raw is not yet the ceiling there).
#include <algorithm>

#include "report/format.hpp"
#include "report/summary_markdown_parts.hpp"

namespace zbench::md {
namespace {

constexpr std::size_t kAboveListed = 10;

const RawShareSummary* find_summary(const ResultsDocument& doc, const std::string& variant,
                                    Transport transport, std::size_t size) {
  const auto it = std::find_if(doc.raw_summary.begin(), doc.raw_summary.end(), [&](const auto& g) {
    return g.variant == variant && g.transport == transport && g.size == size;
  });
  return it == doc.raw_summary.end() ? nullptr : &*it;
}

}  // namespace

void write_raw_ceiling(std::string& out, const ResultsDocument& doc) {
  if (doc.raw.empty()) return;
  std::vector<std::string> variants;
  for (const auto& v : doc.variants)
    if (v.build != kRawBuild) variants.push_back(v.label);
  std::vector<std::pair<Transport, std::size_t>> groups;
  for (const auto& g : doc.raw_summary)
    if (std::find(groups.begin(), groups.end(), std::pair(g.transport, g.size)) == groups.end())
      groups.emplace_back(g.transport, g.size);
  std::sort(groups.begin(), groups.end());

  emit(out, "## % of {} (ceiling)\n\n", markdown_cell(doc.raw));
  emit(out,
       "{} is the transport alone, without a messaging library: what tcp, ipc and inproc can "
       "carry on this host with the simplest framing. Each figure is the geometric mean over the "
       "patterns of a variant's median throughput as % of {}'s in the same cell (100 % = as fast "
       "as the bare transport). It is a reference, not a competitor: no verdict is drawn "
       "against it.\n\n",
       markdown_cell(doc.raw), markdown_cell(doc.raw));
  if (groups.empty() || variants.empty()) {
    out += "No cell has throughput for both raw and another variant.\n\n";
    return;
  }
  out += "| Transport | Size |";
  for (const auto& v : variants) emit(out, " {} |", markdown_cell(v));
  out += "\n|---|---:|";
  for (std::size_t i = 0; i < variants.size(); ++i) out += "---:|";
  out += "\n";
  for (const auto& [transport, size] : groups) {
    emit(out, "| {} | {} |", to_string(transport), format_size_label(size));
    for (const auto& v : variants) {
      const RawShareSummary* g = find_summary(doc, v, transport, size);
      emit(out, " {} |", g == nullptr ? std::string("—") : format_sig3(g->geomean_pct) + " %");
    }
    out += "\n";
  }
  out += "\n";

  std::vector<const RawShare*> above;
  for (const auto& r : doc.raw_shares)
    if (r.pct > 100.0) above.push_back(&r);
  std::stable_sort(above.begin(), above.end(),
                   [](const auto* a, const auto* b) { return a->pct > b->pct; });
  if (above.empty()) {
    emit(out, "No variant's median exceeds {}'s in any cell.\n\n", markdown_cell(doc.raw));
    return;
  }
  std::string list;
  for (std::size_t i = 0; i < above.size() && i < kAboveListed; ++i)
    list += fmt::format("{}{} {} {} %", list.empty() ? "" : ", ",
                        markdown_code(cell_key(above[i]->cell)), markdown_cell(above[i]->variant),
                        format_sig3(above[i]->pct));
  if (above.size() > kAboveListed) list += fmt::format(" and {} more", above.size() - kAboveListed);
  emit(out,
       "**Above 100 %** (the variant outran {} there, so {} is not the ceiling of that cell; "
       "with few runs this can be noise): {}.\n\n",
       markdown_cell(doc.raw), markdown_cell(doc.raw), list);
}

}  // namespace zbench::md
