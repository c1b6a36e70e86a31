// Number and text formatting shared by the human-readable reporters.
#include <gtest/gtest.h>

#include <cmath>

#include "report/format.hpp"

namespace zbench {
namespace {

TEST(ReportFormat, SmallMessagesUseMessageRateLargeOnesUseBandwidth) {
  EXPECT_EQ(format_throughput(64, 2.345e6, 150.1), "2.35 Mmsg/s");
  EXPECT_EQ(format_throughput(1024, 12.34e6, 12636), "12.3 Mmsg/s");
  EXPECT_EQ(format_throughput(65536, 50000, 3276.8), "3277 MB/s");
}

TEST(ReportFormat, DiffHasSignAndNoNegativeZero) {
  EXPECT_EQ(format_diff_pct(12.34), "+12.3");
  EXPECT_EQ(format_diff_pct(-4.56), "-4.6");
  EXPECT_EQ(format_diff_pct(-0.04), "0.0");
  EXPECT_EQ(format_diff_pct(std::nan("")), "n/a");
}

TEST(ReportFormat, SmallPValuesAreBounded) {
  EXPECT_EQ(format_p_value(0.0002), "<0.001");
  EXPECT_EQ(format_p_value(0.0234), "0.023");
}

TEST(ReportFormat, UndefinedIntervalIsNotApplicable) {
  EXPECT_EQ(format_ratio_ci({0.98123, 1.03}), "[0.981, 1.030]");
  EXPECT_EQ(format_ratio_ci({std::nan(""), std::nan("")}), "n/a");
}

TEST(ReportFormat, SizesAndPercentagesReadNaturally) {
  EXPECT_EQ(format_size_label(64), "64 B");
  EXPECT_EQ(format_size_label(65536), "64 KiB");
  EXPECT_EQ(format_percent(0.02), "2 %");
  EXPECT_EQ(format_percent(0.025), "2.5 %");
  EXPECT_EQ(format_latency_us(8.049), "8.05 µs");
}

TEST(ReportFormat, TableCellsAndCodeSpansSurviveSpecialCharacters) {
  EXPECT_EQ(markdown_cell("a|b\nc"), "a\\|b c");
  EXPECT_EQ(markdown_code("run `x`"), "`` run `x` ``");
  EXPECT_EQ(xml_escape("<a & \"b\">"), "&lt;a &amp; &quot;b&quot;&gt;");
}

}  // namespace
}  // namespace zbench
