// Golden-file tests: summary.md and results.json rendered from a fixed synthetic run must match
// harness/tests/golden/ byte for byte. Regenerate with ZBENCH_UPDATE_GOLDEN=1 after a deliberate
// format change, and review the diff.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "report/analysis.hpp"
#include "report/charts_svg.hpp"
#include "report/results_json.hpp"
#include "report/summary_markdown.hpp"

namespace zbench {
namespace {

// Deterministic noise in [-1, 1) from an integer key (splitmix64), independent of any std
// distribution so the fixture is identical on every platform.
double noise(std::uint64_t key) {
  std::uint64_t z = key + 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  z ^= z >> 31;
  return static_cast<double>(z >> 11) * 0x1.0p-53 * 2.0 - 1.0;
}

struct Effect {
  double speed = 1.0;    // throughput factor against libzmq
  double latency = 1.0;  // latency factor against libzmq
};

// The story the fixture tells: zlink is much faster on small messages, slower on tcp 64 KiB;
// mimalloc helps zlink on large messages only; libzmq#2 and libzmq-mimalloc match libzmq.
Effect effect_of(const std::string& build, const Cell& cell) {
  const bool small = cell.size <= 1024;
  if (build == "zlink" || build == "zlink-mimalloc") {
    Effect e{small ? 1.35 : (cell.transport == Transport::tcp ? 0.88 : 1.0),
             small ? 0.8 : 1.0};
    if (build == "zlink-mimalloc" && !small) e.speed *= 1.12;
    return e;
  }
  // raw, the ceiling: far ahead on small messages, a little on large tcp ones, and (so the
  // report's "above 100 %" list has something to show) behind libzmq on large inproc ones.
  if (build == "raw")
    return {small ? 3.0 : (cell.transport == Transport::tcp ? 1.1 : 0.9), small ? 0.5 : 0.9};
  return {};
}

Sample make_sample(const VariantInfo& v, const Cell& cell, int run, std::uint64_t key) {
  const Effect e = effect_of(v.build, cell);
  const double base_rate = cell.transport == Transport::inproc ? 5.0e6 : 2.0e6;
  const double rate = (cell.size <= 1024 ? base_rate : base_rate / 40.0) * e.speed;
  const double base_lat = (cell.transport == Transport::inproc ? 8.0 : 25.0) +
                          (cell.size > 1024 ? 20.0 : 0.0);
  Sample s;
  s.variant = v.label;
  s.build = v.build;
  s.cell = cell;
  s.run = run;
  s.ok = true;
  s.throughput.msgs_per_sec = rate * (1 + 0.01 * noise(key));
  s.throughput.mb_per_sec = s.throughput.msgs_per_sec * static_cast<double>(cell.size) / 1e6;
  s.throughput.messages = static_cast<std::uint64_t>(s.throughput.msgs_per_sec * 2);
  // PUB drops at HWM: give libzmq's PUBSUB tcp small-message runs a few drops.
  const bool drops = cell.pattern == Pattern::pubsub && v.build == "libzmq" && cell.size <= 1024 &&
                     cell.transport == Transport::tcp;
  s.throughput.dropped = drops ? 100 + static_cast<std::uint64_t>(run) : 0;
  s.throughput.sent = s.throughput.messages + s.throughput.dropped;
  s.latency.round_trips = 10000;
  s.latency.mean_us = base_lat * e.latency * (1 + 0.01 * noise(key + 1));
  s.latency.p50_us = s.latency.mean_us * 0.95;
  s.latency.p99_us = s.latency.mean_us * (2.5 + 0.05 * noise(key + 2));
  s.cpu_user_s = 3.0 + 0.1 * noise(key + 3);
  s.cpu_sys_s = 1.0;
  s.peak_rss_kb = 12000 + static_cast<std::int64_t>(100 * noise(key + 4));
  s.allocator = v.allocator;
  return s;
}

Manifest fixture_manifest() {
  Manifest m;
  m.run_id = "20240101T000000Z-golden";
  m.created_at = "2024-01-01T00:00:00Z";
  m.command_line = "zbench run --runs 6 --patterns PAIR,PUBSUB --transports tcp,inproc";
  m.build_dir = "/work/build/release";
  m.git_revision = "0123456789ab";
  m.zbench_version = "0.1.0";
  m.host = {"bench-host", "Synthetic CPU @ 3.0GHz", 8, "Linux 6.1.0", "Debian GNU/Linux 12",
            "glibc 2.36", "g++ 12.2.0"};
  m.variants = {{"libzmq", "libzmq", "libzmq 4.3.4", "ZMTP 3.1", "glibc", "glibc"},
                {"libzmq#2", "libzmq", "libzmq 4.3.4", "ZMTP 3.1", "glibc", "glibc"},
                {"libzmq-mimalloc", "libzmq-mimalloc", "libzmq 4.3.4", "ZMTP 3.1", "mimalloc",
                 "mimalloc"},
                {"zlink", "zlink", "zlink 0.1.0", "ZMP v2", "glibc", ""},
                {"zlink-mimalloc", "zlink-mimalloc", "zlink 0.1.0", "ZMP v2", "mimalloc", ""}};
  auto& p = m.parameters;
  p.patterns = {"PAIR", "PUBSUB"};
  p.transports = {"tcp", "inproc"};
  p.sizes = {64, 65536};
  for (const auto& v : m.variants) p.variants.push_back(v.label);
  p.baseline = "libzmq";
  p.runs = 6;
  p.warmup_s = 0.5;
  p.duration_s = 2;
  p.latency_duration_s = 1;
  p.latency_max_round_trips = 100000;
  p.latency_warmup_round_trips = 1000;
  p.io_threads = 1;
  p.hwm = 1000;
  p.timeout_s = 30;
  p.noise = 0.02;
  p.alpha = 0.05;
  return m;
}

// Every (variant, cell, run) of the manifest, minus one missing run, plus one failed run.
std::vector<Sample> fixture_samples(const Manifest& m) {
  std::vector<Sample> out;
  std::uint64_t key = 1;
  for (const auto& p : m.parameters.patterns)
    for (const auto& t : m.parameters.transports)
      for (std::size_t size : m.parameters.sizes)
        for (int run = 0; run < m.parameters.runs; ++run)
          for (const auto& v : m.variants) {
            const Cell cell{parse_pattern(p), parse_transport(t), size};
            key += 10;
            if (v.label == "libzmq#2" && cell_key(cell) == "PAIR/inproc/64" && run == 5) continue;
            Sample s = make_sample(v, cell, run, key);
            if (v.label == "zlink" && cell_key(cell) == "PUBSUB/tcp/65536" && run == 2) {
              s.ok = false;
              s.throughput = {};
              s.latency = {};
              s.failure = "timeout after 30 s";
              s.stderr_tail = "worker: waiting for subscriber\nworker: killed by runner";
            }
            out.push_back(s);
          }
  return out;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void expect_golden(const std::string& name, const std::string& actual) {
  const auto path = std::filesystem::path(ZBENCH_TEST_DATA_DIR) / "golden" / name;
  const char* update = std::getenv("ZBENCH_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(std::filesystem::exists(path))
      << path << " is missing; run the tests with ZBENCH_UPDATE_GOLDEN=1 to create it";
  const std::string expected = read_file(path);
  if (expected == actual) return;
  std::istringstream e(expected), a(actual);
  std::string el, al;
  for (int line = 1;; ++line) {
    const bool more_e = static_cast<bool>(std::getline(e, el));
    const bool more_a = static_cast<bool>(std::getline(a, al));
    if (!more_e && !more_a) break;
    if (el != al || more_e != more_a) {
      ADD_FAILURE() << name << " differs from the golden file at line " << line
                    << "\n  golden: " << (more_e ? el : "<end>")
                    << "\n  actual: " << (more_a ? al : "<end>")
                    << "\nIf the change is intended, regenerate with ZBENCH_UPDATE_GOLDEN=1.";
      return;
    }
  }
}

// libzmq, zlink and raw, with raw listed first: raw must still not become the baseline.
Manifest raw_fixture_manifest() {
  Manifest m = fixture_manifest();
  m.run_id = "20240101T000000Z-golden-raw";
  m.command_line = "zbench run --runs 6 --variants raw,libzmq,zlink";
  m.variants = {{"raw", "raw", "none (raw sockets)", "none (length-prefixed)", "glibc", "glibc"},
                m.variants[0], m.variants[3]};
  m.parameters.variants = {"raw", "libzmq", "zlink"};
  m.parameters.baseline = "";
  return m;
}

TEST(ReportGolden, SummaryWithRawMatchesGoldenFile) {
  const Manifest m = raw_fixture_manifest();
  expect_golden("summary_raw.md", render_summary_markdown(analyse(m, fixture_samples(m))));
}

TEST(ReportRaw, RawIsTheCeilingNotACompetitor) {
  const Manifest m = raw_fixture_manifest();
  const auto doc = analyse(m, fixture_samples(m));
  EXPECT_EQ(doc.raw, "raw");
  EXPECT_EQ(doc.settings.baseline, "libzmq");
  for (const auto& p : doc.pairs) {
    EXPECT_NE(p.baseline, "raw");
    EXPECT_NE(p.candidate, "raw");
  }
  for (const auto& c : doc.comparisons) EXPECT_NE(doc.pairs[c.pair].candidate, "raw");

  // Every other variant, every cell: median / raw median x 100.
  ASSERT_EQ(doc.raw_shares.size(), 2 * doc.cells.size());
  for (const auto& r : doc.raw_shares) {
    EXPECT_NE(r.variant, "raw");
    const CellAggregate* v = find_aggregate(doc, r.variant, r.cell);
    const CellAggregate* raw = find_aggregate(doc, "raw", r.cell);
    ASSERT_TRUE(v && raw);
    EXPECT_DOUBLE_EQ(r.pct, v->at(Metric::throughput_msgs).median /
                                raw->at(Metric::throughput_msgs).median * 100.0);
  }
  // One summary per variant, transport and size: the geometric mean over both patterns.
  ASSERT_EQ(doc.raw_summary.size(), 2u * 2 * 2);
  const RawShareSummary& g = doc.raw_summary.front();
  EXPECT_EQ(g.variant, "libzmq");
  EXPECT_EQ(g.cells, 2u);
  const double a = find_raw_share(doc, "libzmq", {Pattern::pair, g.transport, g.size})->pct;
  const double b = find_raw_share(doc, "libzmq", {Pattern::pubsub, g.transport, g.size})->pct;
  EXPECT_NEAR(g.geomean_pct, std::sqrt(a * b), 1e-9);

  const auto j = to_results_json(doc);
  EXPECT_EQ(j["raw"]["variant"], "raw");
  EXPECT_EQ(j["raw"]["cells"].size(), doc.raw_shares.size());
  EXPECT_EQ(j["raw"]["summary"].size(), doc.raw_summary.size());
  EXPECT_TRUE(j["raw"]["summary"][0].contains("geomean_pct_of_raw"));
  EXPECT_TRUE(to_results_json(analyse(fixture_manifest(), fixture_samples(fixture_manifest())))
                  ["raw"]
                      .is_null());
}

TEST(ReportRaw, WithoutACandidateTheTablesStillShowPercentOfRaw) {
  Manifest m = raw_fixture_manifest();
  m.variants.pop_back();  // raw and libzmq only: no pair to compare
  m.parameters.variants = {"raw", "libzmq"};
  std::vector<Sample> samples;
  for (const auto& s : fixture_samples(m))
    if (s.variant != "zlink") samples.push_back(s);
  const std::string md = render_summary_markdown(analyse(m, samples));
  EXPECT_NE(md.find("### Throughput: % of raw"), std::string::npos);
  EXPECT_NE(md.find("| libzmq | libzmq % of raw |"), std::string::npos);
  EXPECT_NE(md.find("No candidate variant to compare with the baseline."), std::string::npos);
}

TEST(ReportRaw, NoRawColumnsWithoutRaw) {
  const Manifest m = fixture_manifest();
  const std::string md = render_summary_markdown(analyse(m, fixture_samples(m)));
  EXPECT_EQ(md.find("% of raw"), std::string::npos);
}

TEST(ReportGolden, SummaryMarkdownMatchesGoldenFile) {
  const Manifest m = fixture_manifest();
  expect_golden("summary.md", render_summary_markdown(analyse(m, fixture_samples(m))));
}

TEST(ReportGolden, ResultsJsonMatchesGoldenFile) {
  const Manifest m = fixture_manifest();
  expect_golden("results.json", to_results_json(analyse(m, fixture_samples(m))).dump(2) + "\n");
}

TEST(ReportGolden, CompareSummaryMatchesGoldenFile) {
  // Two sets measured "on different days": A holds zlink, B holds zlink-mimalloc.
  Manifest a = fixture_manifest();
  Manifest b = fixture_manifest();
  b.run_id = "20240102T000000Z-golden";
  b.created_at = "2024-01-02T00:00:00Z";
  const auto all_a = fixture_samples(a);
  std::vector<Sample> sa, sb;
  for (const auto& s : all_a) {
    if (s.variant == "zlink") sa.push_back(s);
    if (s.variant == "zlink-mimalloc") sb.push_back(s);
  }
  a.variants = {a.variants[3]};
  b.variants = {b.variants[4]};
  a.parameters.variants = {"zlink"};
  b.parameters.variants = {"zlink-mimalloc"};
  const auto doc = analyse_pair(a, sa, b, sb);
  expect_golden("compare_summary.md", render_summary_markdown(doc));
}

TEST(ReportGolden, ChartsMatchGoldenFilesOnePerPattern) {
  const Manifest m = fixture_manifest();
  const auto charts = render_charts_svg(analyse(m, fixture_samples(m)));
  ASSERT_EQ(charts.size(), 2u);
  EXPECT_EQ(charts[0].first, "diff_pair.svg");
  EXPECT_EQ(charts[1].first, "diff_pubsub.svg");
  expect_golden(charts[0].first, charts[0].second);
}

TEST(ReportGolden, SummaryLinksChartsOnlyWhenAsked) {
  const Manifest m = fixture_manifest();
  const auto doc = analyse(m, fixture_samples(m));
  EXPECT_EQ(render_summary_markdown(doc).find("diff_pair.svg"), std::string::npos);
  EXPECT_NE(render_summary_markdown(doc, {true}).find("](diff_pair.svg)"), std::string::npos);
}

TEST(ReportGolden, RenderingTwiceGivesIdenticalOutput) {
  const Manifest m = fixture_manifest();
  const auto samples = fixture_samples(m);
  EXPECT_EQ(render_summary_markdown(analyse(m, samples)),
            render_summary_markdown(analyse(m, samples)));
}

}  // namespace
}  // namespace zbench
