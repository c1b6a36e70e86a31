// Micro-benchmark runner: a thin wrapper so both subcommands pass the same flags.
#include "profile/micro_runner.hpp"

#include <unistd.h>

#include <filesystem>

#include <fmt/format.h>

#include "runner/subprocess.hpp"

namespace zbench::profile {

std::string micro_binary(const std::string& worker_dir) {
  for (const char* rel : {"zbench_micro", "micro/zbench_micro"}) {
    const auto p = std::filesystem::path(worker_dir) / rel;
    if (access(p.c_str(), X_OK) == 0) return p.string();
  }
  return {};
}

std::string run_micro(const MicroRequest& req) {
  ProcessSpec spec;
  spec.argv = {req.binary, "--benchmark_format=json", "--benchmark_out_format=json",
               "--benchmark_out=" + req.json_out,
               fmt::format("--benchmark_min_time={}", req.min_time_s)};
  if (!req.filter.empty()) spec.argv.push_back("--benchmark_filter=" + req.filter);
  spec.timeout_s = req.timeout_s;
  const ProcessResult r = run_process(spec);
  if (r.timed_out) return fmt::format("{} timed out after {} s", req.binary, req.timeout_s);
  if (r.signaled || r.exit_code != 0)
    return fmt::format("{} failed (exit {}): {}", req.binary, r.exit_code, tail_lines(r.err, 5));
  return {};
}

}  // namespace zbench::profile
