// `zbench profile`: profiles chosen cells per variant with perf and the allocation probe, and
// writes flamegraphs, profile.json and profile.md (the attribution) into --out DIR.
#include <unistd.h>

#include <filesystem>
#include <iostream>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/usage_error.hpp"
#include "profile/micro_runner.hpp"
#include "profile/profile_session.hpp"
#include "runner/run_session.hpp"

namespace zbench {
namespace {

struct ProfileFlags {
  std::vector<std::string> patterns, transports, sizes, variants;
  std::string out = "profile", call_graph = "auto", probe;
  double warmup = 0.05, duration = 0.25, latency_duration = 0.1, timeout = 120;
  int latency_round_trips = 20000, latency_warmup = 200, io_threads = 1, hwm = 1000,
      frequency = 999;
  bool no_perf = false, no_probe = false, micro = false;
};

profile::CallGraphChoice parse_call_graph(const std::string& text) {
  if (text == "auto") return profile::CallGraphChoice::automatic;
  if (text == "fp") return profile::CallGraphChoice::fp;
  if (text == "dwarf") return profile::CallGraphChoice::dwarf;
  throw UsageError(fmt::format("--call-graph: '{}' is not valid; use auto, fp or dwarf", text));
}

std::vector<std::string> default_variants(const std::string& worker_dir) {
  std::vector<std::string> out;
  for (const auto& b : available_builds(worker_dir))
    if (b.name == "libzmq" || b.name == "zlink" || b.name == "zlink-mimalloc")
      out.push_back(b.name);
  return out;
}

std::string probe_library(const ProfileFlags& f, const std::string& worker_dir) {
  if (f.no_probe) return {};
  const std::string path = f.probe.empty()
                               ? (std::filesystem::path(worker_dir) / "libzbench_probe.so").string()
                               : f.probe;
  if (access(path.c_str(), R_OK) == 0) return std::filesystem::absolute(path).string();
  if (!f.probe.empty()) throw UsageError(fmt::format("--probe: '{}' does not exist", f.probe));
  std::cerr << "zbench: the allocation probe (libzbench_probe.so) is not in this build; counts are "
               "skipped\n";
  return {};
}

int execute(const ProfileFlags& f) {
  const std::string worker_dir = worker_directory();
  if (f.duration <= 0 || f.latency_duration <= 0 || f.timeout <= 0)
    throw UsageError("--duration, --latency-duration and --timeout must be > 0 seconds");
  if (f.frequency < 1 || f.frequency > 20000)
    throw UsageError(fmt::format("--frequency: must be 1..20000 Hz (got {})", f.frequency));
  profile::ProfileRequest req;
  req.cells = build_cells(MatrixFilter{f.patterns, f.transports, f.sizes});
  try {
    req.variants = select_variants(
        split_list(f.variants.empty() ? default_variants(worker_dir) : f.variants), worker_dir);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  req.call_graph = parse_call_graph(f.call_graph);
  req.worker_dir = worker_dir;
  req.out_dir = f.out;
  req.probe_library = probe_library(f, worker_dir);
  req.use_perf = !f.no_perf;
  req.frequency_hz = f.frequency;
  req.timeout_s = f.timeout;
  req.command_line = command_line();
  RunParameters phases;
  phases.io_threads = f.io_threads;
  phases.hwm = f.hwm;
  phases.warmup_s = f.warmup;
  phases.duration_s = f.duration;
  phases.latency_duration_s = f.latency_duration;
  phases.latency_max_round_trips = f.latency_round_trips;
  phases.latency_warmup_round_trips = f.latency_warmup;
  req.worker_args = worker_phase_args(phases, 5000);
  std::filesystem::create_directories(f.out);
  profile::ProfileDocument doc = profile::run_profile(req);
  if (f.micro) {
    const std::string binary = profile::micro_binary(worker_dir);
    const std::string json = (std::filesystem::path(f.out) / "micro.json").string();
    const std::string err = binary.empty()
                                ? "zbench_micro is not in this build (ZBENCH_BUILD_MICRO)"
                                : profile::run_micro({binary, json, "", 0.05, 1800});
    if (err.empty())
      doc.micro_file = "micro.json";
    else
      std::cerr << "zbench: micro-benchmarks skipped: " << err << "\n";
    profile::write_profile_document(f.out, doc);
  }
  std::cerr << fmt::format("zbench: profile in {}/profile.md\n", f.out);
  return kExitOk;
}

}  // namespace

std::function<int()> add_profile_command(CLI::App& app) {
  auto f = std::make_shared<ProfileFlags>();
  auto* cmd = app.add_subcommand(
      "profile",
      "Profile cells with perf and the allocation probe; write flamegraphs and the attribution");
  cmd->add_option("-p,--pattern", f->patterns, "Patterns (comma list or repeated; default: all)");
  cmd->add_option("-t,--transport", f->transports, "Transports: tcp, inproc, ipc (default: all)");
  cmd->add_option("-s,--size", f->sizes, "Message sizes: 64, 1K, 64K ... (default: 64..256KiB)");
  cmd->add_option("--variants", f->variants,
                  "Variants (default: libzmq, zlink, zlink-mimalloc as built)");
  cmd->add_option("--out", f->out, "Output directory")->capture_default_str();
  cmd->add_option("--warmup", f->warmup, "Throughput warm-up seconds")->capture_default_str();
  cmd->add_option("--duration", f->duration, "Throughput measured seconds per run")
      ->capture_default_str();
  cmd->add_option("--latency-duration", f->latency_duration, "Latency measured seconds per run")
      ->capture_default_str();
  cmd->add_option("--latency-round-trips", f->latency_round_trips, "Cap on latency round trips")
      ->capture_default_str();
  cmd->add_option("--latency-warmup", f->latency_warmup, "Unmeasured latency round trips")
      ->capture_default_str();
  cmd->add_option("--io-threads", f->io_threads, "I/O threads of every context")
      ->capture_default_str();
  cmd->add_option("--hwm", f->hwm, "SNDHWM/RCVHWM, messages")->capture_default_str();
  cmd->add_option("--timeout", f->timeout, "Per-run timeout, seconds")->capture_default_str();
  cmd->add_option("--frequency", f->frequency, "perf sampling frequency, Hz")
      ->capture_default_str();
  cmd->add_option("--call-graph", f->call_graph,
                  "Unwinding: auto (dwarf for all when libzmq is profiled, else fp), fp, dwarf")
      ->capture_default_str();
  cmd->add_option("--probe", f->probe,
                  "Allocation probe library (default: libzbench_probe.so next to zbench)");
  cmd->add_flag("--no-perf", f->no_perf, "Skip perf (probe counts only)");
  cmd->add_flag("--no-probe", f->no_probe, "Skip the allocation probe runs");
  cmd->add_flag("--micro", f->micro, "Also run the micro-benchmarks into DIR/micro.json");
  return [f] { return execute(*f); };
}

}  // namespace zbench
