// End-to-end: the real zbench and real workers over a small matrix (several patterns, all three
// transports, two sizes, two runs), checking every output file; then failure injection and
// kill -9 + --resume. Phases are short: these tests check behaviour, not speed.
#include <gtest/gtest.h>

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>
#include <tuple>

#include <nlohmann/json.hpp>

#include "runner/sample_store.hpp"
#include "test_support.hpp"

namespace zbench {
namespace {

std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> with_quick_flags(std::vector<std::string> args,
                                          const std::string& timeout_s = "20") {
  for (const auto& f : quick_phase_flags(timeout_s)) args.push_back(f);
  return args;
}

TEST(EndToEndRun, SmallMatrixWritesEveryOutput) {
  TempDirectory dir;
  const auto out = dir.path / "run";
  const auto md = dir.path / "copy.md";
  const ProcessResult r =
      run_zbench(with_quick_flags({"run", "-p", "PAIR,DEALER_ROUTER,PUBSUB,ROUTER_ROUTER_POLL",
                                   "-t", "tcp,inproc,ipc", "-s", "64,64K", "--runs", "2",
                                   "--variants", "libzmq,libzmq-mimalloc", "--out", out.string(),
                                   "--export-markdown", md.string()}),
                 600);
  EXPECT_EQ(r.exit_code, 0) << r.err;

  const auto samples = load_samples(out / "samples.jsonl");
  ASSERT_EQ(samples.size(), 4u * 3 * 2 * 2 * 2);
  std::set<std::tuple<std::string, std::string, int>> keys;
  for (const auto& s : samples) {
    EXPECT_TRUE(s.ok) << cell_key(s.cell) << " " << s.variant << ": " << s.failure;
    EXPECT_TRUE(keys.insert({s.variant, cell_key(s.cell), s.run}).second);
    EXPECT_GT(s.throughput.msgs_per_sec, 0);
    EXPECT_GT(s.latency.round_trips, 0u);
    EXPECT_LE(s.latency.p50_us, s.latency.p99_us);
    EXPECT_LE(s.latency.p99_us, s.latency.max_us);
    EXPECT_GT(s.cpu_user_s + s.cpu_sys_s, 0);
    EXPECT_GT(s.peak_rss_kb, 0);
    if (s.cell.pattern != Pattern::pubsub) {
      EXPECT_EQ(s.throughput.dropped, 0u);
    }
  }

  const auto manifest = nlohmann::json::parse(read_text(out / "manifest.json"));
  EXPECT_EQ(manifest["schema_version"], 1);
  EXPECT_EQ(manifest["parameters"]["runs"], 2);
  EXPECT_EQ(manifest["variants"][0]["allocator_verified"], "glibc");
  EXPECT_EQ(manifest["variants"][1]["allocator_verified"], "mimalloc");
  EXPECT_NE(manifest["variants"][0]["library"].get<std::string>().find("libzmq 4."),
            std::string::npos);
  EXPECT_FALSE(manifest["host"]["cpu_model"].get<std::string>().empty());

  const auto results = nlohmann::json::parse(read_text(out / "results.json"));
  EXPECT_EQ(results["schema_version"], 1);

  const std::string summary = read_text(out / "summary.md");
  EXPECT_NE(summary.find("PUBSUB"), std::string::npos);
  EXPECT_NE(summary.find("ROUTER_ROUTER_POLL"), std::string::npos);
  EXPECT_NE(summary.find("libzmq-mimalloc"), std::string::npos);
  // The report directory's copy links the charts written beside it; the exported copy does not.
  for (const char* chart : {"diff_pair.svg", "diff_pubsub.svg", "diff_router_router_poll.svg"}) {
    EXPECT_NE(summary.find(chart), std::string::npos) << chart;
    EXPECT_NE(read_text(out / chart).find("<svg"), std::string::npos) << chart;
  }
  const std::string exported = read_text(md);
  EXPECT_EQ(exported.find(".svg"), std::string::npos);
  EXPECT_NE(exported.find("ROUTER_ROUTER_POLL"), std::string::npos);

  // `zbench report` regenerates the same report from the stored samples.
  const auto again = dir.path / "again";
  const ProcessResult rep = run_zbench({"report", out.string(), "--out", again.string()}, 120);
  ASSERT_EQ(rep.exit_code, 0) << rep.err;
  EXPECT_EQ(read_text(again / "summary.md"), summary);
}

// raw through its real worker: every pattern x transport, a small and a large size, next to
// libzmq so the report gets its % of raw figures. One run each keeps it short.
TEST(EndToEndRun, RawVariantRunsEveryPatternAndTransport) {
  TempDirectory dir;
  const auto out = dir.path / "run";
  const ProcessResult r = run_zbench(
      with_quick_flags({"run", "-t", "tcp,inproc,ipc", "-s", "64,64K", "--runs", "1",
                        "--variants", "raw,libzmq", "--out", out.string()}),
      600);
  EXPECT_EQ(r.exit_code, 0) << r.err;

  const auto samples = load_samples(out / "samples.jsonl");
  ASSERT_EQ(samples.size(), 6u * 3 * 2 * 2);
  for (const auto& s : samples) {
    EXPECT_TRUE(s.ok) << cell_key(s.cell) << " " << s.variant << ": " << s.failure;
    EXPECT_GT(s.throughput.msgs_per_sec, 0);
    EXPECT_GT(s.latency.round_trips, 0u);
    if (s.variant == "raw") {
      EXPECT_EQ(s.throughput.dropped, 0u) << "raw never drops, PUBSUB included";
      EXPECT_EQ(s.allocator, "glibc");
    }
  }

  const auto manifest = nlohmann::json::parse(read_text(out / "manifest.json"));
  EXPECT_EQ(manifest["parameters"]["baseline"], "libzmq") << "raw is never the default baseline";
  EXPECT_EQ(manifest["variants"][0]["protocol"], "none (length-prefixed)");

  const auto results = nlohmann::json::parse(read_text(out / "results.json"));
  EXPECT_EQ(results["raw"]["variant"], "raw");
  EXPECT_EQ(results["raw"]["cells"].size(), 6u * 3 * 2);
  for (const auto& c : results["comparisons"]) EXPECT_NE(c["candidate"], "raw");

  const std::string summary = read_text(out / "summary.md");
  EXPECT_NE(summary.find("## % of raw (ceiling)"), std::string::npos);
  EXPECT_NE(summary.find("libzmq % of raw"), std::string::npos);
  EXPECT_NE(summary.find("### Throughput: % of raw"), std::string::npos);
  EXPECT_NE(summary.find("raw (ceiling)"), std::string::npos);

  const ProcessResult bad = run_zbench(
      with_quick_flags({"run", "-p", "PAIR", "-t", "inproc", "-s", "64", "--variants",
                        "libzmq,raw", "--baseline", "raw", "--out", (dir.path / "bad").string()}),
      60);
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("ceiling"), std::string::npos) << bad.err;
}

// The fault tests inject into the 64 B cell of a 64,256 matrix: those samples fail naming
// `reason`, every other one is measured.
void expect_only_the_64_byte_cell_failed(const std::vector<Sample>& samples,
                                         const std::string& reason) {
  for (const auto& s : samples) {
    if (s.cell.size == 64) {
      EXPECT_FALSE(s.ok);
      EXPECT_NE(s.failure.find(reason), std::string::npos) << s.failure;
    } else {
      EXPECT_TRUE(s.ok) << s.failure;
    }
  }
}

// The fault handling works for raw as for the libraries: a lost message fails verification,
// a hang is killed at the timeout.
TEST(EndToEndFaults, RawWorkerFailuresAreRecordedLikeOthers) {
  for (const auto& [fault, reason, timeout] :
       {std::tuple<std::string, std::string, std::string>{"lose", "messages lost", "20"},
        {"hang", "timeout: worker killed after 3 s", "3"}}) {
    TempDirectory dir;
    const auto out = dir.path / "run";
    const ProcessResult r = run_zbench(
        with_quick_flags({"run", "-p", "PAIR", "-t", "tcp", "-s", "64,256", "--variants", "raw",
                          "--runs", "1", "--out", out.string()},
                         timeout),
        120, {"ZBENCH_INJECT_FAULT=" + fault + "@PAIR/tcp/64"});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    const auto samples = load_samples(out / "samples.jsonl");
    ASSERT_EQ(samples.size(), 2u);
    expect_only_the_64_byte_cell_failed(samples, reason);
  }
}

// The fault is injected in one cell only; the other cell must still be measured.
void expect_fault_recorded(const std::string& fault, const std::string& reason,
                           const std::string& timeout_s = "20") {
  TempDirectory dir;
  const auto out = dir.path / "run";
  auto args = with_quick_flags({"run", "-p", "PAIR", "-t", "inproc", "-s", "64,256", "--variants",
                                "libzmq", "--runs", "2", "--out", out.string()},
                               timeout_s);
  const ProcessResult r =
      run_zbench(args, 300, {"ZBENCH_INJECT_FAULT=" + fault + "@PAIR/inproc/64"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const auto samples = load_samples(out / "samples.jsonl");
  ASSERT_EQ(samples.size(), 4u);
  expect_only_the_64_byte_cell_failed(samples, reason);
  EXPECT_NE(read_text(out / "summary.md").find(reason), std::string::npos);
}

TEST(EndToEndFaults, CrashIsRecordedAndTheMatrixContinues) {
  expect_fault_recorded("crash", "crash: worker killed by signal 6");
}

TEST(EndToEndFaults, HangIsKilledAtTheTimeoutAndRecorded) {
  expect_fault_recorded("hang", "timeout: worker killed after 3 s", "3");
}

TEST(EndToEndFaults, LostMessageFailsVerification) {
  expect_fault_recorded("lose", "messages lost");
}

TEST(EndToEndResume, KillNineThenResumeLosesAndRepeatsNothing) {
  TempDirectory dir;
  const auto out = dir.path / "run";
  const auto args =
      with_quick_flags({"run", "-p", "PAIR,DEALER_DEALER", "-t", "inproc,ipc", "-s", "64",
                        "--variants", "libzmq,libzmq", "--runs", "3", "--out", out.string()});
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    std::vector<char*> argv{const_cast<char*>(ZBENCH_BINARY)};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    setenv("TMPDIR", dir.path.c_str(), 1);  // the killed runner's ipc directory stays in ours
    freopen("/dev/null", "w", stdout);
    freopen("/dev/null", "w", stderr);
    execv(ZBENCH_BINARY, argv.data());
    _exit(127);
  }
  // Wait (bounded) until some but not all samples are stored, then kill -9 the runner.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  std::size_t stored = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    stored = std::filesystem::exists(out / "samples.jsonl")
                 ? load_samples(out / "samples.jsonl").size()
                 : 0;
    if (stored >= 4) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_GE(stored, 4u);
  const auto before = load_samples(out / "samples.jsonl");
  ASSERT_LT(before.size(), 24u) << "the run finished before it could be killed";
  {
    std::ofstream torn(out / "samples.jsonl", std::ios::app);
    torn << R"({"variant":"libzmq","cell":"PAI)";  // as if killed mid-write
  }

  const ProcessResult r = run_zbench({"run", "--resume", out.string()}, 300);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto after = load_samples(out / "samples.jsonl");
  ASSERT_EQ(after.size(), 24u);
  std::set<std::tuple<std::string, std::string, int>> keys;
  for (const auto& s : after) EXPECT_TRUE(keys.insert({s.variant, cell_key(s.cell), s.run}).second);
  for (std::size_t i = 0; i < before.size(); ++i) {
    EXPECT_EQ(after[i].variant, before[i].variant);
    EXPECT_EQ(after[i].run, before[i].run);
    EXPECT_EQ(after[i].started_at, before[i].started_at);
  }
  EXPECT_TRUE(std::filesystem::exists(out / "summary.md"));
}

}  // namespace
}  // namespace zbench
