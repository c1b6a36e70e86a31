// SVG bar charts of Diff (%), drawn by hand (no plotting dependency): two panels per pattern,
// throughput and mean latency, rows = transport x size, one bar per candidate.
#include "report/charts_svg.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>

#include <fmt/format.h>

#include "report/format.hpp"

namespace zbench {
namespace {

std::string pair_title(const VariantPair& pair) {
  return fmt::format("{} vs {}", pair.candidate, pair.baseline);
}

constexpr std::array<const char*, 6> kPalette{"#4e79a7", "#f28e2b", "#59a14f",
                                              "#e15759", "#b07aa1", "#76b7b2"};
constexpr double kWidth = 960, kLabelWidth = 100, kPanelGap = 70, kTop = 70, kBottom = 40;
constexpr double kBarHeight = 12, kRowGap = 8;
constexpr std::array<Metric, 2> kPanels{Metric::throughput_msgs, Metric::latency_mean};

struct Layout {
  std::vector<Cell> rows;
  std::vector<std::size_t> pairs;  // candidate-vs-baseline pairs, one bar colour each
  double range = 10;               // the axis spans -range .. +range percent
  double panel_width = 0;
  double row_height = 0;
  double height = 0;
};

// Smallest "nice" bound (5, 10, 20, 25, 50, 100, ...) at or above the largest |Diff|.
double nice_range(double largest) {
  for (double base = 1;; base *= 10)
    for (double step : {5.0, 10.0, 20.0, 25.0, 50.0})
      if (step * base >= largest) return step * base;
}

Layout layout_of(const ResultsDocument& doc, Pattern pattern) {
  Layout l;
  for (const Cell& c : doc.cells)
    if (c.pattern == pattern) l.rows.push_back(c);
  for (std::size_t p = 0; p < doc.pairs.size(); ++p)
    if (doc.pairs[p].vs_baseline) l.pairs.push_back(p);
  double largest = 0;
  for (const auto& c : doc.comparisons)
    if (c.cell.pattern == pattern && std::isfinite(c.result.diff_pct))
      largest = std::max(largest, std::abs(c.result.diff_pct));
  l.range = nice_range(std::max(largest, 5.0));
  l.panel_width = (kWidth - kLabelWidth - kPanelGap - 30) / 2;
  l.row_height = kBarHeight * static_cast<double>(l.pairs.size()) + kRowGap;
  l.height = kTop + l.row_height * static_cast<double>(l.rows.size()) + kBottom;
  return l;
}

double panel_left(const Layout& l, std::size_t panel) {
  return kLabelWidth + static_cast<double>(panel) * (l.panel_width + kPanelGap);
}

double x_of(const Layout& l, std::size_t panel, double pct) {
  const double clamped = std::clamp(pct, -l.range, l.range);
  return panel_left(l, panel) + (clamped + l.range) / (2 * l.range) * l.panel_width;
}

void write_legend(std::string& out, const ResultsDocument& doc, const Layout& l) {
  double x = kLabelWidth;
  for (std::size_t i = 0; i < l.pairs.size(); ++i) {
    const std::string title = pair_title(doc.pairs[l.pairs[i]]);
    emit(out, "<rect x=\"{:.1f}\" y=\"34\" width=\"12\" height=\"12\" fill=\"{}\"/>", x,
         kPalette[i % kPalette.size()]);
    emit(out, "<text x=\"{:.1f}\" y=\"44\">{}</text>\n", x + 16, xml_escape(title));
    x += 16 + 7.0 * static_cast<double>(title.size()) + 24;
  }
  emit(out, "<text x=\"{:.1f}\" y=\"44\" fill=\"#666\">faded = not significant</text>\n", x);
}

void write_panel_frame(std::string& out, const ResultsDocument& doc, const Layout& l,
                       std::size_t panel) {
  const double top = kTop, bottom = l.height - kBottom;
  const double noise_pct = doc.settings.noise * 100;
  emit(out, "<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\" font-weight=\"bold\">{}"
            "</text>\n",
       panel_left(l, panel) + l.panel_width / 2, top - 8,
       panel == 0 ? "Throughput Diff (%)" : "Latency (mean) Diff (%)");
  emit(out, "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"#eee\"/>\n",
       x_of(l, panel, -noise_pct), top, x_of(l, panel, noise_pct) - x_of(l, panel, -noise_pct),
       bottom - top);
  for (double tick : {-l.range, -l.range / 2, 0.0, l.range / 2, l.range}) {
    const double x = x_of(l, panel, tick);
    emit(out, "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\"/>\n", x,
         top, x, bottom, tick == 0 ? "#333" : "#ddd");
    emit(out, "<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>\n", x,
         bottom + 16, tick == 0 ? std::string("0") : fmt::format("{:+g}", tick));
  }
}

void write_bars(std::string& out, const ResultsDocument& doc, const Layout& l,
                std::size_t panel) {
  for (std::size_t r = 0; r < l.rows.size(); ++r) {
    const double row_top = kTop + static_cast<double>(r) * l.row_height + kRowGap / 2;
    for (std::size_t i = 0; i < l.pairs.size(); ++i) {
      const CellComparison* c = find_comparison(doc, l.pairs[i], l.rows[r], kPanels[panel]);
      if (c == nullptr || !std::isfinite(c->result.diff_pct)) continue;
      const double zero = x_of(l, panel, 0), end = x_of(l, panel, c->result.diff_pct);
      const bool significant = c->result.verdict != Verdict::no_difference;
      emit(out,
           "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\" "
           "fill-opacity=\"{}\"><title>{} {}: {} % ({})</title></rect>\n",
           std::min(zero, end), row_top + kBarHeight * static_cast<double>(i),
           std::max(std::abs(end - zero), 0.5), kBarHeight - 2, kPalette[i % kPalette.size()],
           significant ? "1" : "0.35", xml_escape(pair_title(doc.pairs[l.pairs[i]])),
           cell_key(l.rows[r]), format_diff_pct(c->result.diff_pct),
           xml_escape(std::string(to_string(c->result.verdict))));
    }
  }
}

std::string render_pattern(const ResultsDocument& doc, Pattern pattern) {
  const Layout l = layout_of(doc, pattern);
  std::string out;
  emit(out,
       "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0:.0f}\" height=\"{1:.0f}\" "
       "viewBox=\"0 0 {0:.0f} {1:.0f}\" font-family=\"sans-serif\" font-size=\"11\">\n",
       kWidth, l.height);
  emit(out, "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
  emit(out, "<text x=\"10\" y=\"20\" font-size=\"15\" font-weight=\"bold\">{}: Diff (%) per cell, "
            "positive = better for the candidate</text>\n",
       to_string(pattern));
  write_legend(out, doc, l);
  for (std::size_t panel = 0; panel < kPanels.size(); ++panel) {
    write_panel_frame(out, doc, l, panel);
    write_bars(out, doc, l, panel);
  }
  for (std::size_t r = 0; r < l.rows.size(); ++r)
    emit(out, "<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\">{} {}</text>\n",
         kLabelWidth - 8, kTop + (static_cast<double>(r) + 0.5) * l.row_height + 4,
         to_string(l.rows[r].transport), format_size_label(l.rows[r].size));
  out += "</svg>\n";
  return out;
}

}  // namespace

std::string chart_file_name(Pattern pattern) {
  std::string name = "diff_";
  for (char ch : to_string(pattern))
    name += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return name + ".svg";
}

bool has_chart(const ResultsDocument& doc, Pattern pattern) {
  return std::any_of(doc.comparisons.begin(), doc.comparisons.end(), [&](const auto& c) {
    return c.cell.pattern == pattern && doc.pairs[c.pair].vs_baseline;
  });
}

std::vector<std::pair<std::string, std::string>> render_charts_svg(const ResultsDocument& doc) {
  std::vector<std::pair<std::string, std::string>> charts;
  for (Pattern pattern : all_patterns())
    if (has_chart(doc, pattern))
      charts.emplace_back(chart_file_name(pattern), render_pattern(doc, pattern));
  return charts;
}

}  // namespace zbench
