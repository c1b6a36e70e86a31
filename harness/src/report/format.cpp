// Number formatting for reports: enough digits to tell cells apart, few enough to scan a table.
#include "report/format.hpp"

#include <cmath>

#include <fmt/format.h>

#include "matrix/matrix.hpp"

namespace zbench {

std::string format_sig3(double v) {
  if (!std::isfinite(v)) return "n/a";
  const double a = std::abs(v);
  if (a >= 100) return fmt::format("{:.0f}", v);
  if (a >= 10) return fmt::format("{:.1f}", v);
  if (a >= 1) return fmt::format("{:.2f}", v);
  return fmt::format("{:.3f}", v);
}

std::string format_throughput(std::size_t size, double msgs_per_sec, double mb_per_sec) {
  if (size <= kMessageRateMaxSize) return format_sig3(msgs_per_sec / 1e6) + " Mmsg/s";
  return format_sig3(mb_per_sec) + " MB/s";
}

std::string format_latency_us(double us) { return format_sig3(us) + " µs"; }

std::string format_diff_pct(double pct) {
  if (!std::isfinite(pct)) return "n/a";
  // Round first so that -0.04 prints as 0.0, not "-0.0".
  const double rounded = std::round(pct * 10.0) / 10.0;
  if (rounded == 0) return "0.0";
  return fmt::format("{:+.1f}", rounded);
}

std::string format_ratio_ci(const RatioInterval& ci) {
  if (!std::isfinite(ci.low) || !std::isfinite(ci.high)) return "n/a";
  return fmt::format("[{:.3f}, {:.3f}]", ci.low, ci.high);
}

std::string format_p_value(double p) {
  if (!std::isfinite(p)) return "n/a";
  if (p < 0.001) return "<0.001";
  return fmt::format("{:.3f}", p);
}

std::string format_percent(double fraction) {
  const double pct = fraction * 100.0;
  if (std::abs(pct - std::round(pct)) < 1e-9) return fmt::format("{:.0f} %", pct);
  return fmt::format("{:.1f} %", pct);
}

std::string format_size_label(std::size_t bytes) {
  const std::string s = format_size(bytes);  // "64", "1KiB", "2MiB"
  const auto unit = s.find_first_not_of("0123456789");
  if (unit == std::string::npos) return s + " B";
  return fmt::format("{} {}", s.substr(0, unit), s.substr(unit));
}

std::string markdown_cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n' || c == '\r')
      out += ' ';
    else
      out += c;
  }
  return out;
}

std::string markdown_code(std::string_view text) {
  if (text.find('`') == std::string_view::npos) return fmt::format("`{}`", text);
  return fmt::format("`` {} ``", text);
}

std::string xml_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace zbench
