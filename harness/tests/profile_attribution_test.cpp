// The attribution's page-fault verdict and kernel table, on hand-made profile records: a cell
// where one side faults pages in again far more often than the other supports the cause (even
// when another cell goes the other way and the means cancel), equal counts refute it, and
// records without kernel counts (older probe reports) leave it open.
#include <gtest/gtest.h>

#include <algorithm>

#include "profile/attribution.hpp"
#include "profile/attribution_markdown.hpp"

namespace zbench::profile {
namespace {

CellProfile probed(const std::string& variant, const std::string& cell, std::uint64_t faults,
                   std::uint64_t sleeps, bool kernel = true) {
  CellProfile c;
  c.variant = variant;
  c.allocator = variant == "zlink-mimalloc" ? "mimalloc" : "std";
  c.cell = cell;
  c.probe_ok = true;
  c.probe.marked = true;
  c.probe.messages = 1000;
  c.probe.allocs = 1000;
  c.probe.has_kernel_counts = kernel;
  c.probe.page_faults = kernel ? faults : 0;
  c.probe.voluntary_switches = kernel ? sleeps : 0;
  return c;
}

ProfileDocument doc_with(std::uint64_t std_faults, std::uint64_t mi_faults, bool kernel = true) {
  ProfileDocument d;
  for (const char* cell : {"PAIR/ipc/128K", "PAIR/tcp/64"}) {
    const bool large = std::string(cell).find("128K") != std::string::npos;
    d.cells.push_back(probed("zlink", cell, large ? std_faults : 0, 20, kernel));
    d.cells.push_back(probed("zlink-mimalloc", cell, large ? mi_faults : 0, 10, kernel));
  }
  return d;
}

const CauseVerdict& fault_verdict(const PairAttribution& a) {
  const auto it = std::find_if(a.causes.begin(), a.causes.end(), [](const CauseVerdict& c) {
    return c.cause.find("faulted in again") != std::string::npos;
  });
  EXPECT_NE(it, a.causes.end());
  return *it;
}

TEST(ProfileAttribution, ManyMorePageFaultsOnOneSideSupportTheCause) {
  // 30 vs 1 faults per message on the large cell, none on the small one: means 15 vs 0.5.
  const PairAttribution a = attribute(doc_with(30000, 1000), "zlink", "zlink-mimalloc");
  EXPECT_DOUBLE_EQ(a.base_all.faults_per_msg, 15.0);
  EXPECT_DOUBLE_EQ(a.other_all.faults_per_msg, 0.5);
  EXPECT_DOUBLE_EQ(a.base_all.sleeps_per_msg, 0.02);
  EXPECT_EQ(fault_verdict(a).verdict, Verdict::supports) << fault_verdict(a).figure;
}

TEST(ProfileAttribution, EveryPairFigureNamesTheVariantOfEachNumber) {
  const PairAttribution a = attribute(doc_with(30000, 1000), "zlink", "zlink-mimalloc");
  const std::string& faults = fault_verdict(a).figure;
  EXPECT_NE(faults.find("mean page faults/message zlink-mimalloc 0.50 vs zlink 15.00"), std::string::npos)
      << faults;
  const auto reuse = std::find_if(a.causes.begin(), a.causes.end(), [](const CauseVerdict& c) {
    return c.cause.find("buffer-reuse") != std::string::npos;
  });
  ASSERT_NE(reuse, a.causes.end());
  EXPECT_NE(reuse->figure.find("allocations/message zlink-mimalloc 1.00 vs zlink 1.00"), std::string::npos)
      << reuse->figure;
}

TEST(ProfileAttribution, OppositeCellsSupportTheCauseThoughTheMeansCancel) {
  ProfileDocument d;
  d.cells.push_back(probed("zlink", "PAIR/tcp/128K", 6000, 10));
  d.cells.push_back(probed("zlink-mimalloc", "PAIR/tcp/128K", 2000, 10));
  d.cells.push_back(probed("zlink", "PAIR/tcp/256K", 2000, 10));
  d.cells.push_back(probed("zlink-mimalloc", "PAIR/tcp/256K", 6000, 10));
  const PairAttribution a = attribute(d, "zlink", "zlink-mimalloc");
  EXPECT_DOUBLE_EQ(a.base_all.faults_per_msg, a.other_all.faults_per_msg);
  const CauseVerdict& v = fault_verdict(a);
  EXPECT_EQ(v.verdict, Verdict::supports) << v.figure;
  EXPECT_NE(v.figure.find("zlink-mimalloc faults more: 1 PAIR/tcp/256K 6.0 vs 2.0"), std::string::npos) << v.figure;
  EXPECT_NE(v.figure.find("zlink does: 1 PAIR/tcp/128K 6.0 vs 2.0"), std::string::npos) << v.figure;
}

TEST(ProfileAttribution, EqualPageFaultsRefuteTheCause) {
  const PairAttribution a = attribute(doc_with(20, 10), "zlink", "zlink-mimalloc");
  EXPECT_EQ(fault_verdict(a).verdict, Verdict::refutes) << fault_verdict(a).figure;
}

TEST(ProfileAttribution, MoreFaultsButLessThanTwiceAsManyCannotTell) {
  const PairAttribution a = attribute(doc_with(30000, 20000), "zlink", "zlink-mimalloc");
  EXPECT_EQ(fault_verdict(a).verdict, Verdict::cannot_tell) << fault_verdict(a).figure;
}

TEST(ProfileAttribution, RecordsWithoutKernelCountsLeaveItOpenAndPrintNa) {
  const ProfileDocument d = doc_with(30000, 1000, false);
  const PairAttribution a = attribute(d, "zlink", "zlink-mimalloc");
  EXPECT_EQ(fault_verdict(a).verdict, Verdict::cannot_tell);
  EXPECT_EQ(attribution_markdown(d).find("Page faults/msg"), std::string::npos);
}

TEST(ProfileAttribution, KernelTableShowsPerCellFigures) {
  const std::string md = attribution_markdown(doc_with(30000, 1000));
  EXPECT_NE(md.find("| PAIR/ipc/128K | 30.000 | 1.000 | 0.020 | 0.010 |"), std::string::npos) << md;
}

}  // namespace
}  // namespace zbench::profile
