// The sample log and the schedule: appended samples survive a reopen, a torn last line (the
// runner killed mid-write) is trimmed, and the schedule interleaves and rotates variants.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>

#include "runner/run_session.hpp"
#include "runner/sample_store.hpp"
#include "test_support.hpp"

namespace zbench {
namespace {

Sample sample(const std::string& variant, int run) {
  Sample s;
  s.variant = s.build = variant;
  s.cell = {Pattern::pair, Transport::tcp, 64};
  s.run = run;
  s.ok = true;
  s.throughput.msgs_per_sec = 1000.0 + run;
  return s;
}

TEST(RunnerStore, AppendedSamplesAreThereAfterReopen) {
  TempDirectory dir;
  const auto file = dir.path / "samples.jsonl";
  {
    SampleStore store(file);
    store.append(sample("libzmq", 0));
    store.append(sample("zlink", 0));
  }
  SampleStore again(file);
  ASSERT_EQ(again.samples().size(), 2u);
  EXPECT_TRUE(again.contains("zlink", {Pattern::pair, Transport::tcp, 64}, 0));
  EXPECT_FALSE(again.contains("zlink", {Pattern::pair, Transport::tcp, 64}, 1));
  EXPECT_DOUBLE_EQ(again.samples()[1].throughput.msgs_per_sec, 1000.0);
}

TEST(RunnerStore, TornLastLineIsTrimmedAndAppendingContinuesCleanly) {
  TempDirectory dir;
  const auto file = dir.path / "samples.jsonl";
  {
    SampleStore store(file);
    store.append(sample("libzmq", 0));
  }
  {
    std::ofstream out(file, std::ios::app);
    out << R"({"variant":"libzmq","cell":"PAIR/tcp/64","ru)";
  }
  {
    SampleStore store(file);
    EXPECT_EQ(store.samples().size(), 1u);
    store.append(sample("libzmq", 1));
  }
  const auto all = load_samples(file);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[1].run, 1);
}

TEST(RunnerStore, CorruptLineInTheMiddleIsAnErrorNotSilentLoss) {
  TempDirectory dir;
  const auto file = dir.path / "samples.jsonl";
  {
    std::ofstream out(file);
    out << "garbage\n" << nlohmann_free_sample_line() << "\n";
  }
  EXPECT_THROW(load_samples(file), std::runtime_error);
}

TEST(RunnerSchedule, EveryJobOnceWithVariantOrderRotated) {
  const std::vector<Cell> cells{{Pattern::pair, Transport::tcp, 64},
                                {Pattern::pair, Transport::ipc, 64}};
  const auto jobs = schedule(cells, 3, 2);
  ASSERT_EQ(jobs.size(), 12u);
  std::set<std::tuple<std::string, int, std::size_t>> seen;
  for (const auto& j : jobs) EXPECT_TRUE(seen.insert({cell_key(j.cell), j.run, j.variant}).second);
  // (cell 0, run 0): A B; (cell 0, run 1): B A; (cell 1, run 0): B A.
  EXPECT_EQ(jobs[0].variant, 0u);
  EXPECT_EQ(jobs[1].variant, 1u);
  EXPECT_EQ(jobs[2].variant, 1u);
  EXPECT_EQ(jobs[3].variant, 0u);
  EXPECT_EQ(jobs[4].run, 1);
  EXPECT_EQ(jobs[4].variant, 1u);
  // Runs are the outer loop: every cell gets run 0 before any cell gets run 1.
  EXPECT_EQ(jobs[3].run, 0);
}

}  // namespace
}  // namespace zbench
