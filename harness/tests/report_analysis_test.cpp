// Analysis of raw samples into the result record: grouping, pairing of variants, counts,
// failures, compare mode, and what the reporters say about power.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "report/analysis.hpp"
#include "report/results_json.hpp"
#include "report/summary_markdown.hpp"

namespace zbench {
namespace {

const Cell kPairTcp64{Pattern::pair, Transport::tcp, 64};
const Cell kPairTcp64K{Pattern::pair, Transport::tcp, 65536};

Manifest manifest_of(const std::vector<std::string>& labels, int runs,
                     std::vector<std::size_t> sizes = {64}) {
  Manifest m;
  m.run_id = "test-run";
  for (const auto& label : labels) {
    const std::string build = label.substr(0, label.find('#'));
    m.variants.push_back({label, build, "", "", "", ""});
    m.parameters.variants.push_back(label);
  }
  m.parameters.patterns = {"PAIR"};
  m.parameters.transports = {"tcp"};
  m.parameters.sizes = std::move(sizes);
  m.parameters.baseline = labels.front();
  m.parameters.runs = runs;
  m.parameters.noise = 0.02;
  m.parameters.alpha = 0.05;
  return m;
}

// `runs` successful samples of `label` in `cell`, throughput around `rate`, latency `lat_us`.
std::vector<Sample> runs_of(const std::string& label, const Cell& cell, int runs, double rate,
                            double lat_us) {
  std::vector<Sample> out;
  for (int r = 0; r < runs; ++r) {
    Sample s;
    s.variant = label;
    s.build = label.substr(0, label.find('#'));
    s.cell = cell;
    s.run = r;
    s.ok = true;
    s.throughput.messages = 1000;
    s.throughput.msgs_per_sec = rate * (1 + 0.001 * r);
    s.throughput.mb_per_sec = s.throughput.msgs_per_sec * static_cast<double>(cell.size) / 1e6;
    s.latency.round_trips = 100;
    s.latency.mean_us = lat_us * (1 + 0.001 * r);
    s.latency.p50_us = s.latency.mean_us;
    s.latency.p99_us = s.latency.mean_us * 2;
    s.cpu_user_s = 1.0;
    s.peak_rss_kb = 2048;
    out.push_back(s);
  }
  return out;
}

std::vector<Sample> concat(std::vector<std::vector<Sample>> parts) {
  std::vector<Sample> out;
  for (auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

bool has_pair(const ResultsDocument& doc, const std::string& base, const std::string& cand) {
  for (const auto& p : doc.pairs)
    if (p.baseline == base && p.candidate == cand) return true;
  return false;
}

TEST(Analysis, GroupsSuccessfulSamplesByVariantAndCell) {
  const auto m = manifest_of({"libzmq", "zlink"}, 5);
  const auto doc = analyse(m, concat({runs_of("libzmq", kPairTcp64, 5, 1e6, 20),
                                      runs_of("zlink", kPairTcp64, 5, 2e6, 10)}));
  ASSERT_EQ(doc.aggregates.size(), 2u);
  const CellAggregate* z = find_aggregate(doc, "zlink", kPairTcp64);
  ASSERT_NE(z, nullptr);
  EXPECT_EQ(z->runs_ok, 5u);
  EXPECT_DOUBLE_EQ(z->at(Metric::throughput_msgs).median, 2e6 * 1.002);
  EXPECT_DOUBLE_EQ(z->at(Metric::latency_mean).median, 10 * 1.002);
  EXPECT_DOUBLE_EQ(z->at(Metric::cpu_s).median, 1.0);
}

TEST(Analysis, ComparesCandidateWithBaselineForThroughputAndLatency) {
  const auto m = manifest_of({"libzmq", "zlink"}, 5);
  const auto doc = analyse(m, concat({runs_of("libzmq", kPairTcp64, 5, 1e6, 20),
                                      runs_of("zlink", kPairTcp64, 5, 2e6, 10)}));
  ASSERT_EQ(doc.pairs.size(), 1u);
  const CellComparison* t = find_comparison(doc, 0, kPairTcp64, Metric::throughput_msgs);
  const CellComparison* l = find_comparison(doc, 0, kPairTcp64, Metric::latency_mean);
  ASSERT_NE(t, nullptr);
  ASSERT_NE(l, nullptr);
  EXPECT_EQ(t->result.verdict, Verdict::faster);
  EXPECT_NEAR(t->result.diff_pct, 100.0, 1e-9);
  EXPECT_EQ(l->result.verdict, Verdict::faster);
  EXPECT_NEAR(l->result.diff_pct, 50.0, 1e-9);
  EXPECT_NE(find_comparison(doc, 0, kPairTcp64, Metric::latency_p99), nullptr);
}

TEST(Analysis, PairsEachBuildWithItsMimallocSibling) {
  const auto m = manifest_of({"libzmq", "libzmq-mimalloc", "zlink", "zlink-mimalloc"}, 4);
  const auto doc = analyse(m, {});
  EXPECT_TRUE(has_pair(doc, "libzmq", "zlink-mimalloc"));
  EXPECT_TRUE(has_pair(doc, "zlink", "zlink-mimalloc"));
  ASSERT_TRUE(has_pair(doc, "libzmq", "libzmq-mimalloc"));
  for (const auto& p : doc.pairs)
    if (p.candidate == "libzmq-mimalloc") {
      EXPECT_TRUE(p.vs_baseline && p.allocator_builds);
    }
}

TEST(Analysis, RepeatedLabelIsComparedOnlyWithItsTwin) {
  const auto m = manifest_of({"libzmq", "zlink", "libzmq#2"}, 4);
  const auto doc = analyse(m, {});
  ASSERT_EQ(doc.pairs.size(), 2u);
  EXPECT_TRUE(has_pair(doc, "libzmq", "zlink"));
  EXPECT_TRUE(has_pair(doc, "libzmq", "libzmq#2"));
  EXPECT_TRUE(doc.pairs[1].same_build);
  EXPECT_FALSE(doc.pairs[1].vs_baseline);
}

TEST(Analysis, CountsExpectedPresentFailedAndMissingRuns) {
  const auto m = manifest_of({"libzmq", "zlink"}, 3, {64, 65536});
  auto samples = concat({runs_of("libzmq", kPairTcp64, 3, 1e6, 20),
                         runs_of("zlink", kPairTcp64, 2, 1e6, 20)});
  Sample failed = runs_of("zlink", kPairTcp64K, 1, 1e5, 40)[0];
  failed.ok = false;
  failed.failure = "crashed: SIGSEGV";
  failed.stderr_tail = "Segmentation fault";
  samples.push_back(failed);
  const auto doc = analyse(m, samples);
  const RunCounts& c = doc.sources.at(0).counts;
  EXPECT_EQ(c.expected, 12u);  // 2 cells x 2 variants x 3 runs
  EXPECT_EQ(c.present, 6u);
  EXPECT_EQ(c.ok, 5u);
  EXPECT_EQ(c.failed, 1u);
  EXPECT_EQ(c.missing, 6u);
  ASSERT_EQ(doc.failures.size(), 1u);
  EXPECT_EQ(doc.failures[0].variant, "zlink");
  EXPECT_EQ(doc.failures[0].cell, kPairTcp64K);
  EXPECT_EQ(doc.failures[0].reason, "crashed: SIGSEGV");
  EXPECT_EQ(doc.failures[0].stderr_tail, "Segmentation fault");
}

TEST(Analysis, LaterRecordOfTheSameRunSupersedesTheEarlierOne) {
  const auto m = manifest_of({"libzmq"}, 1);
  auto samples = runs_of("libzmq", kPairTcp64, 1, 1e6, 20);
  Sample earlier = samples[0];
  earlier.ok = false;
  earlier.failure = "timeout";
  samples.insert(samples.begin(), earlier);
  const auto doc = analyse(m, samples);
  EXPECT_TRUE(doc.failures.empty());
  EXPECT_EQ(doc.sources[0].counts.present, 1u);
}

TEST(Analysis, UnknownBaselineIsRejectedNamingTheVariants) {
  auto m = manifest_of({"libzmq", "zlink"}, 4);
  m.parameters.baseline = "zmq";
  try {
    analyse(m, {});
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("libzmq, zlink"), std::string::npos) << e.what();
  }
}

TEST(Analysis, ThreeRunsAreUnderpoweredAndTheReportSaysSo) {
  const auto m = manifest_of({"libzmq", "zlink"}, 3);
  const auto doc = analyse(m, concat({runs_of("libzmq", kPairTcp64, 3, 1e6, 20),
                                      runs_of("zlink", kPairTcp64, 3, 3e6, 5)}));
  const CellComparison* t = find_comparison(doc, 0, kPairTcp64, Metric::throughput_msgs);
  ASSERT_NE(t, nullptr);
  EXPECT_TRUE(t->result.underpowered);
  EXPECT_EQ(t->result.verdict, Verdict::no_difference);
  EXPECT_EQ(doc.settings.min_runs_per_side, 4u);
  const std::string md = render_summary_markdown(doc);
  EXPECT_NE(md.find("significance was impossible"), std::string::npos);
  EXPECT_NE(md.find("not testable (n=3)"), std::string::npos);
}

TEST(Analysis, EnoughRunsGiveNoPowerWarning) {
  const auto m = manifest_of({"libzmq", "zlink"}, 5);
  const auto doc = analyse(m, concat({runs_of("libzmq", kPairTcp64, 5, 1e6, 20),
                                      runs_of("zlink", kPairTcp64, 5, 1e6, 20)}));
  EXPECT_EQ(render_summary_markdown(doc).find("significance was impossible"), std::string::npos);
}

TEST(Analysis, ResultsJsonCarriesSchemaVersionAndNumbers) {
  const auto m = manifest_of({"libzmq", "zlink"}, 5);
  const auto doc = analyse(m, concat({runs_of("libzmq", kPairTcp64, 5, 1e6, 20),
                                      runs_of("zlink", kPairTcp64, 5, 2e6, 10)}));
  const auto j = to_results_json(doc);
  EXPECT_EQ(j.at("schema_version"), 1);
  const auto& c = j.at("comparisons").at(0);
  EXPECT_TRUE(c.at("ratio").is_number());
  EXPECT_EQ(c.at("verdict"), "faster");
  EXPECT_EQ(c.at("metric"), "throughput_msgs_per_sec");
  const auto& metrics = j.at("aggregates").at(0).at("metrics");
  EXPECT_TRUE(metrics.at("latency_mean_us").at("median").is_number());
}

TEST(AnalysePair, PairsVariantsSharingALabel) {
  const auto a = manifest_of({"libzmq", "zlink"}, 5);
  const auto b = manifest_of({"zlink"}, 5);
  const auto doc = analyse_pair(a, concat({runs_of("zlink", kPairTcp64, 5, 1e6, 20),
                                           runs_of("libzmq", kPairTcp64, 5, 1e6, 20)}),
                                b, runs_of("zlink", kPairTcp64, 5, 1.5e6, 20));
  ASSERT_EQ(doc.pairs.size(), 1u);
  EXPECT_EQ(doc.pairs[0].baseline, "A:zlink");
  EXPECT_EQ(doc.pairs[0].candidate, "B:zlink");
  const CellComparison* t = find_comparison(doc, 0, kPairTcp64, Metric::throughput_msgs);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->result.verdict, Verdict::faster);
}

TEST(AnalysePair, PairsTheOnlyVariantsOfEachSetAndSpotsAllocatorSiblings) {
  const auto a = manifest_of({"zlink"}, 5);
  auto b = manifest_of({"zlink-mimalloc"}, 5);
  const auto doc = analyse_pair(a, runs_of("zlink", kPairTcp64, 5, 1e6, 20), b,
                                runs_of("zlink-mimalloc", kPairTcp64, 5, 1e6, 20));
  ASSERT_EQ(doc.pairs.size(), 1u);
  EXPECT_TRUE(doc.pairs[0].allocator_builds);
  EXPECT_EQ(doc.kind, "compare");
  EXPECT_EQ(doc.sources.size(), 2u);
}

TEST(AnalysePair, ComparesOnlyCellsBothSetsContain) {
  const auto a = manifest_of({"zlink"}, 5, {64, 65536});
  const auto b = manifest_of({"zlink"}, 5, {64});
  const auto doc = analyse_pair(a, concat({runs_of("zlink", kPairTcp64, 5, 1e6, 20),
                                           runs_of("zlink", kPairTcp64K, 5, 1e5, 40)}),
                                b, runs_of("zlink", kPairTcp64, 5, 1e6, 20));
  ASSERT_EQ(doc.cells.size(), 1u);
  EXPECT_EQ(doc.cells[0], kPairTcp64);
  EXPECT_EQ(doc.sources[0].counts.present, 5u);
}

TEST(AnalysePair, NamedVariantsOverrideAutomaticPairing) {
  const auto a = manifest_of({"libzmq", "zlink"}, 5);
  const auto b = manifest_of({"libzmq", "zlink-mimalloc"}, 5);
  PairOptions pairing;
  pairing.variant_a = "zlink";
  pairing.variant_b = "zlink-mimalloc";
  const auto doc = analyse_pair(a, {}, b, {}, pairing);
  ASSERT_EQ(doc.pairs.size(), 1u);
  EXPECT_EQ(doc.pairs[0].candidate, "B:zlink-mimalloc");
}

TEST(AnalysePair, UnpairableSetsAreRejectedListingTheirVariants) {
  const auto a = manifest_of({"libzmq", "zlink"}, 5);
  const auto b = manifest_of({"zlink-mimalloc", "libzmq-mimalloc"}, 5);
  try {
    analyse_pair(a, {}, b, {});
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("zlink-mimalloc, libzmq-mimalloc"), std::string::npos)
        << e.what();
  }
}

TEST(Analysis, FullMatrixOfFiveVariantsAndTenRunsIsAnalysed) {
  // 108 cells x 5 variants x 10 runs, the size of a real report.
  std::vector<std::string> labels{"libzmq", "libzmq#2", "libzmq-mimalloc", "zlink",
                                  "zlink-mimalloc"};
  Manifest m = manifest_of(labels, 10);
  m.parameters.patterns = {"PAIR",          "PUBSUB",        "DEALER_DEALER",
                           "DEALER_ROUTER", "ROUTER_ROUTER", "ROUTER_ROUTER_POLL"};
  m.parameters.transports = {"tcp", "inproc", "ipc"};
  m.parameters.sizes = {64, 256, 1024, 65536, 131072, 262144};
  std::vector<Sample> samples;
  for (const Cell& cell : build_cells({}))
    for (std::size_t v = 0; v < labels.size(); ++v) {
      auto runs = runs_of(labels[v], cell, 10, 1e6 * (1 + 0.1 * static_cast<double>(v)), 20);
      samples.insert(samples.end(), runs.begin(), runs.end());
    }
  const auto doc = analyse(m, samples);
  EXPECT_EQ(doc.cells.size(), 108u);
  EXPECT_EQ(doc.sources[0].counts.expected, 5400u);
  EXPECT_EQ(doc.sources[0].counts.missing, 0u);
  EXPECT_EQ(doc.aggregates.size(), 540u);
  // 3 vs baseline, 2 allocator pairs (one already vs baseline), 1 A/A: 5 pairs x 108 x 3.
  EXPECT_EQ(doc.pairs.size(), 5u);
  EXPECT_EQ(doc.comparisons.size(), 5u * 108u * 3u);
}

}  // namespace
}  // namespace zbench
