// `zbench micro`: runs the Google Benchmark micro-benchmarks (allocator alloc/free same- and
// cross-thread, glibc vs mimalloc; zlink msg, pipe hand-off, ZMP codec) with JSON output.
#include <iostream>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/usage_error.hpp"
#include "profile/micro_runner.hpp"
#include "runner/variants.hpp"

namespace zbench {

std::function<int()> add_micro_command(CLI::App& app) {
  auto req = std::make_shared<profile::MicroRequest>();
  req->json_out = "micro.json";
  auto* cmd =
      app.add_subcommand("micro", "Run the allocator and zlink micro-benchmarks (JSON output)");
  cmd->add_option("--out", req->json_out, "JSON output file")->capture_default_str();
  cmd->add_option("--filter", req->filter, "Only benchmarks matching this regex");
  cmd->add_option("--min-time", req->min_time_s, "Minimum seconds per benchmark")
      ->capture_default_str();
  return [req] {
    req->binary = profile::micro_binary(worker_directory());
    if (req->binary.empty())
      throw UsageError(
          "zbench_micro is not in this build: configure with -DZBENCH_BUILD_MICRO=ON "
          "(needs libbenchmark-dev) and apply harness/src/profile/INTEGRATION.md");
    if (!(req->min_time_s > 0)) throw UsageError("--min-time: must be > 0 seconds");
    const std::string err = profile::run_micro(*req);
    if (!err.empty()) {
      std::cerr << "zbench: " << err << "\n";
      return kExitRunFailures;
    }
    std::cerr << fmt::format("zbench: micro-benchmarks in {}\n", req->json_out);
    return kExitOk;
  };
}

}  // namespace zbench
