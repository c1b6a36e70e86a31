// Bad command lines: each exits with code 2 and one message naming the flag and the valid
// values, and nothing already written is damaged.
#include <gtest/gtest.h>

#include <fstream>

#include "test_support.hpp"

namespace zbench {
namespace {

void expect_usage_error(const std::vector<std::string>& args, const std::string& must_mention,
                        const std::string& also = "") {
  const ProcessResult r = run_zbench(args, 60);
  EXPECT_EQ(r.exit_code, 2) << "args: " << testing::PrintToString(args) << "\nstderr: " << r.err;
  EXPECT_NE(r.err.find(must_mention), std::string::npos) << r.err;
  if (!also.empty()) {
    EXPECT_NE(r.err.find(also), std::string::npos) << r.err;
  }
}

TEST(CliBadInput, UnknownPatternListsValidPatterns) {
  expect_usage_error({"run", "-p", "REQREP"}, "unknown pattern 'REQREP'", "DEALER_ROUTER");
}

TEST(CliBadInput, UnknownTransportListsValidTransports) {
  expect_usage_error({"run", "-t", "udp"}, "unknown transport 'udp'", "tcp, inproc, ipc");
}

TEST(CliBadInput, UnknownVariantListsAvailableVariants) {
  expect_usage_error({"run", "--variants", "libzmq,nanomsg"}, "--variants: 'nanomsg'", "libzmq");
}

TEST(CliBadInput, BadSizesNameTheValue) {
  expect_usage_error({"run", "-s", "64X"}, "invalid size '64X'", "64KiB");
  expect_usage_error({"run", "-s", "0"}, "invalid size '0'");
  expect_usage_error({"run", "--size=-64"}, "invalid size '-64'");
}

TEST(CliBadInput, ZeroRunsIsRejected) { expect_usage_error({"run", "--runs", "0"}, "--runs"); }

TEST(CliBadInput, BaselineMustBeAVariantOfTheRun) {
  expect_usage_error({"run", "--variants", "libzmq", "--baseline", "zlink"}, "--baseline");
}

TEST(CliBadInput, UnwritableOutIsRejectedBeforeRunning) {
  TempDirectory dir;
  const auto file = dir.path / "a-file";
  std::ofstream(file) << "x";
  expect_usage_error({"run", "-p", "PAIR", "--out", (file / "sub").string()}, "--out");
}

TEST(CliBadInput, ResumeOfANonResultsDirectoryIsRejected) {
  TempDirectory dir;
  expect_usage_error({"run", "--resume", dir.path.string()}, "not a results directory");
}

TEST(CliBadInput, ResumeWithDifferentParametersIsRejectedAndLeavesTheRunIntact) {
  TempDirectory dir;
  const auto out = dir.path / "run";
  std::vector<std::string> args{"run",        "-p",     "PAIR",   "-t", "inproc", "-s",        "64",
                                "--variants", "libzmq", "--runs", "1",  "--out",  out.string()};
  for (const auto& f : quick_phase_flags()) args.push_back(f);
  // The stored run only has to exist: under a sanitizer build the uninstrumented libzmq worker
  // may fail (exit 1), which still leaves a resumable directory.
  const ProcessResult first = run_zbench(args, 120);
  ASSERT_TRUE(first.exit_code == 0 || first.exit_code == 1) << first.err;
  ASSERT_TRUE(std::filesystem::exists(out / "samples.jsonl"));
  std::ifstream before_in(out / "samples.jsonl");
  const std::string before((std::istreambuf_iterator<char>(before_in)), {});

  expect_usage_error({"run", "--resume", out.string(), "--runs", "3"}, "--runs differs");
  expect_usage_error({"run", "--resume", out.string(), "-p", "PUBSUB"}, "--pattern differs");

  std::ifstream after_in(out / "samples.jsonl");
  const std::string after((std::istreambuf_iterator<char>(after_in)), {});
  EXPECT_EQ(before, after);
}

TEST(CliBadInput, ReportOfAMissingDirectoryNamesIt) {
  expect_usage_error({"report", "/nonexistent/zbench-results"}, "/nonexistent/zbench-results");
}

}  // namespace
}  // namespace zbench
