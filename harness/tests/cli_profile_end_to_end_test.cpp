// End-to-end `zbench profile` of one small cell: perf flamegraph, allocation probe counts and the
// attribution report. Skipped, with the reason printed, where perf cannot record here.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace zbench {
namespace {

std::string read_all(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Empty when `perf record` works; otherwise why it does not.
std::string perf_unavailable(const std::filesystem::path& scratch) {
  ProcessSpec spec;
  spec.argv = {
      "/bin/sh", "-c",
      "command -v perf >/dev/null || { echo 'perf is not installed (linux-perf)'; exit 1; }; "
      "perf record -q -e cpu-clock -o '" +
          (scratch / "probe.data").string() + "' true 2>&1 || exit 1"};
  spec.timeout_s = 60;
  const ProcessResult r = run_process(spec);
  return r.exit_code == 0 ? "" : "perf cannot record here: " + r.out + r.err;
}

TEST(EndToEndProfile, OneSmallCellGivesFlamegraphProbeCountsAndAttribution) {
  TempDirectory dir;
  if (const std::string why = perf_unavailable(dir.path); !why.empty()) GTEST_SKIP() << why;
  const auto out = dir.path / "profile";
  const ProcessResult r =
      run_zbench({"profile", "-p", "PAIR", "-t", "inproc", "-s", "64", "--variants", "libzmq",
                  "--duration", "0.05", "--latency-duration", "0.02", "--out", out.string()},
                 300);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string svg = read_all(out / "flame" / "libzmq__PAIR_inproc_64.svg");
  EXPECT_NE(svg.find("<svg"), std::string::npos);
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
  const auto doc = nlohmann::json::parse(read_all(out / "profile.json"));
  EXPECT_FALSE(doc.dump().empty());
  const std::string md = read_all(out / "profile.md");
  EXPECT_NE(md.find("PAIR/inproc/64"), std::string::npos) << md;
  EXPECT_NE(md.find("Allocator share"), std::string::npos) << md;
}

TEST(EndToEndProfile, UnknownCellNamesValidValues) {
  const ProcessResult r = run_zbench({"profile", "-p", "REQREP", "--out", "/tmp/unused"}, 60);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("DEALER_ROUTER"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace zbench
