// Number and text formatting shared by the human-readable reporters (markdown, SVG), so every
// output writes the same figure the same way. "n/a" stands for an undefined value.
#pragma once

#include <cstddef>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "stats/bootstrap.hpp"

namespace zbench {

// Appends fmt-formatted text to `out`: the reporters build their output in one string.
template <class... Args>
void emit(std::string& out, fmt::format_string<Args...> f, Args&&... args) {
  fmt::format_to(std::back_inserter(out), f, std::forward<Args>(args)...);
}

// Sizes up to this many bytes report throughput in Mmsg/s, larger ones in MB/s.
inline constexpr std::size_t kMessageRateMaxSize = 1024;

// Three significant figures, without exponent, for values from 0.001 to 1e9.
std::string format_sig3(double v);

// "2.84 Mmsg/s" for small messages (msgs_per_sec), "1234 MB/s" for large ones (mb_per_sec).
std::string format_throughput(std::size_t size, double msgs_per_sec, double mb_per_sec);

std::string format_latency_us(double us);      // "12.3 µs"
std::string format_diff_pct(double pct);       // "+12.3", "-4.5", "0.0"
std::string format_ratio_ci(const RatioInterval& ci);  // "[0.981, 1.030]"
std::string format_p_value(double p);          // "<0.001", "0.023"
std::string format_percent(double fraction);   // 0.02 -> "2 %", 0.025 -> "2.5 %"
std::string format_size_label(std::size_t bytes);  // "64 B", "1 KiB", "64 KiB"

// Safe inside a markdown table cell: pipes escaped, line breaks turned into spaces.
std::string markdown_cell(std::string_view text);

// Inline code span that survives backticks inside the text.
std::string markdown_code(std::string_view text);

// Escapes &, <, >, " for XML text and attribute values.
std::string xml_escape(std::string_view text);

}  // namespace zbench
