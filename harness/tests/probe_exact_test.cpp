// The allocation probe counts exactly: a test program with a known pattern (1000 same-thread
// pairs, 500 cross-thread frees, calloc, realloc) run under LD_PRELOAD, once
// through malloc and once through mimalloc's mi_* entry points; and its window carries the
// kernel's page-fault and sleep counts (256 fresh pages touched, 5 sleeps).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "profile/probe_report.hpp"
#include "runner/subprocess.hpp"

namespace {

namespace fs = std::filesystem;
using zbench::profile::ProbeCounts;

// Runs the pattern program under the probe; skips when this build lacks either.
ProbeCounts run_pattern(const std::string& mode) {
  const fs::path dir = ZBENCH_WORKER_DIR;
  const fs::path probe = dir / "libzbench_probe.so", program = dir / "zbench_probe_pattern";
  if (!fs::exists(probe) || !fs::exists(program)) {
    ADD_FAILURE() << "probe or pattern program missing in " << dir << " (build zbench_probe)";
    return {};
  }
  const fs::path out = fs::temp_directory_path() / ("zbench-probe-" + std::to_string(getpid()) + "-" + mode + ".json");
  zbench::ProcessSpec spec;
  spec.argv = {program.string(), mode};
  spec.extra_env = {"LD_PRELOAD=" + probe.string(), "ZBENCH_PROBE_OUT=" + out.string()};
  spec.timeout_s = 60;
  const auto r = zbench::run_process(spec);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::ifstream in(out);
  std::stringstream ss;
  ss << in.rdbuf();
  fs::remove(out);
  return zbench::profile::parse_probe_report(ss.str());
}

TEST(ProbeExact, CountsMallocPatternExactly) {
  const ProbeCounts c = run_pattern("malloc");
  EXPECT_TRUE(c.marked);
  EXPECT_EQ(c.allocs, 1520u);  // 1000 + 500 + 10 calloc + 5 malloc + 5 realloc
  EXPECT_EQ(c.frees, 1520u);   // realloc counts as one free and one allocation
  EXPECT_EQ(c.cross_thread_frees, 500u);
  EXPECT_EQ(c.bytes_allocated, 1600720u);
  // One free of a block the probe never saw lands in the window (under investigation: likely
  // glibc thread bookkeeping allocated inside a hook); it is reported, never counted as a free.
  EXPECT_LE(c.untracked_frees, 1u);
  EXPECT_EQ(c.size_histogram.at(128), 1000u);
  EXPECT_EQ(c.size_histogram.at(4096), 500u);
  EXPECT_EQ(c.size_histogram.at(64), 5u);
}

TEST(ProbeExact, CountsMimallocPatternExactly) {
  const ProbeCounts c = run_pattern("mimalloc");
  EXPECT_TRUE(c.marked);
  EXPECT_EQ(c.allocs, 1520u);
  EXPECT_EQ(c.frees, 1520u);
  EXPECT_EQ(c.cross_thread_frees, 500u);
  EXPECT_EQ(c.bytes_allocated, 1600720u);
  EXPECT_LE(c.untracked_frees, 1u);
  EXPECT_EQ(c.size_histogram.at(4096), 500u);
}

TEST(ProbeExact, WindowCarriesKernelPageFaultsAndSleeps) {
  const ProbeCounts c = run_pattern("kernel");
  EXPECT_TRUE(c.marked);
  ASSERT_TRUE(c.has_kernel_counts);
  // Each touched page faults once. First calls inside the window (poll, the mark) map in
  // code pages too, about 70 here, so the upper bound only says nothing else is counted.
  EXPECT_GE(c.page_faults, 256u);
  EXPECT_LT(c.page_faults, 512u);
  EXPECT_GE(c.voluntary_switches, 5u);
  EXPECT_EQ(c.allocs, 0u);
}

TEST(ProbeExact, ReportsWithoutKernelCountsSayTheyHaveNone) {
  const ProbeCounts c = zbench::profile::parse_probe_report(
      R"({"schema":"zbench-probe/1","window":{"marked":true,"messages":10,"allocs":5}})");
  EXPECT_FALSE(c.has_kernel_counts);
  EXPECT_EQ(c.allocs, 5u);
}

}  // namespace
