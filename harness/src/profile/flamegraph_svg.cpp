// Flamegraph renderer: lays the call tree out bottom-up (root at the bottom), one rectangle per
// node with a tooltip (<title>), and labels truncated to fit. Frames narrower than
// kMinWidth pixels are dropped with their children; the tooltip of the root gives the totals.
#include "profile/flamegraph_svg.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "profile/allocator_frames.hpp"
#include "profile/flame_tree.hpp"

namespace zbench::profile {
namespace {

constexpr double kMinWidth = 0.3;
constexpr double kCharWidth = 7.0;  // average glyph width of 12px monospace
constexpr int kPad = 10;
constexpr int kHeader = 44;

std::string xml_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
    }
  }
  return out;
}

// A stable warm colour per name (FNV-1a hash), or blue-green for allocator frames.
std::string plain_colour(std::string_view name) {
  std::uint32_t h = 2166136261u;
  for (char c : name) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  if (is_allocator_frame(name)) return fmt::format("rgb({},{},{})", 40 + h % 40, 170 + h % 50, 190);
  return fmt::format("rgb({},{},{})", 205 + h % 50, 80 + (h >> 8) % 150, 40 + (h >> 16) % 40);
}

// White for no change, saturating to red (grew) or blue (shrank) at max_delta.
std::string diff_colour(double delta, double max_delta) {
  const double t = max_delta <= 0 ? 0 : std::min(1.0, std::fabs(delta) / max_delta);
  const int fade = static_cast<int>(std::lround(255 * (1 - t)));
  return delta >= 0 ? fmt::format("rgb(255,{},{})", fade, fade) : fmt::format("rgb({},{},255)", fade, fade);
}

struct Layout {
  const FlamegraphOptions* options;
  double scale;  // pixels per sample
  int height;
  std::uint64_t total, base_total;
  bool differential;
  double max_delta;
  std::string out;
};

double share(std::uint64_t n, std::uint64_t of) { return of == 0 ? 0 : double(n) / double(of); }

void draw(Layout& l, const std::string& name, const FlameNode& node, double x, int depth) {
  const double w = double(node.count) * l.scale;
  if (w < kMinWidth) return;
  const int y = l.height - kPad - (depth + 1) * l.options->frame_height;
  const double now = share(node.count, l.total), before = share(node.base_count, l.base_total);
  const std::string tip = l.differential
      ? fmt::format("{}: {:.2f}% -> {:.2f}% ({:+.2f} pp)", name, 100 * before, 100 * now, 100 * (now - before))
      : fmt::format("{} ({} samples, {:.2f}%)", name, node.count, 100 * now);
  const std::string fill = l.differential ? diff_colour(now - before, l.max_delta) : plain_colour(name);
  l.out += fmt::format("<g><title>{}</title><rect x=\"{:.2f}\" y=\"{}\" width=\"{:.2f}\" height=\"{}\" "
                       "fill=\"{}\" rx=\"2\"/>", xml_escape(tip), x, y, w, l.options->frame_height - 1, fill);
  const auto fits = static_cast<std::size_t>(std::max(0.0, (w - 6) / kCharWidth));
  if (fits >= 3) {
    const std::string label = name.size() <= fits ? name : name.substr(0, fits - 2) + "..";
    l.out += fmt::format("<text x=\"{:.2f}\" y=\"{}\">{}</text>", x + 3, y + l.options->frame_height - 4,
                         xml_escape(label));
  }
  l.out += "</g>\n";
  for (const auto& [child_name, child] : node.children) {
    draw(l, child_name, child, x, depth + 1);
    x += double(child.count) * l.scale;
  }
}

// Largest |share change| over drawn nodes: the colour scale of a differential graph.
double max_delta(const FlameNode& node, std::uint64_t total, std::uint64_t base_total) {
  double m = std::fabs(share(node.count, total) - share(node.base_count, base_total));
  for (const auto& [name, child] : node.children) m = std::max(m, max_delta(child, total, base_total));
  return m;
}

std::string render(const FlameNode& root, const FlamegraphOptions& o, bool differential) {
  Layout l{&o, 0, 0, root.count, root.base_count, differential, 0, {}};
  l.height = kHeader + tree_depth(root) * o.frame_height + 2 * kPad;
  l.scale = root.count == 0 ? 0 : double(o.width - 2 * kPad) / double(root.count);
  l.max_delta = differential ? max_delta(root, root.count, root.base_count) : 0;
  l.out = fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
      "width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" font-family=\"monospace\" "
      "font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"#f8f8f8\"/>\n"
      "<text x=\"{2}\" y=\"20\" font-size=\"16\">{3}</text>\n<text x=\"{2}\" y=\"38\" fill=\"#555\">{4}</text>\n",
      o.width, l.height, kPad, xml_escape(o.title), xml_escape(o.subtitle));
  if (root.count == 0) l.out += fmt::format("<text x=\"{}\" y=\"60\">no samples</text>\n", kPad);
  else draw(l, "all", root, kPad, 0);
  l.out += "</svg>\n";
  return l.out;
}

}  // namespace

std::string render_flamegraph(const FoldedStacks& folded, const FlamegraphOptions& options) {
  FlameNode root;
  add_stacks(root, folded, false);
  return render(root, options, false);
}

std::string render_differential_flamegraph(const FoldedStacks& base, const FoldedStacks& other,
                                           const FlamegraphOptions& options) {
  FlameNode root;
  add_stacks(root, other, false);
  add_stacks(root, base, true);
  return render(root, options, true);
}

}  // namespace zbench::profile
