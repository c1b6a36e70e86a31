// The manifest of a results directory: how a run was made (command line, machine, library
// versions, variants, every parameter). Written once as manifest.json before the first sample.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace zbench {

inline constexpr int kSchemaVersion = 1;

struct VariantInfo {
  std::string label;      // as the user named it; a repeated variant gets "#2", "#3"
  std::string build;      // the worker build behind it: libzmq, libzmq-mimalloc, zlink, ...
  std::string library;    // "libzmq 4.3.4", "zlink 0.1.0"
  std::string protocol;   // "ZMTP 3.1" or "ZMP v2"
  std::string allocator;  // allocator the build is configured for: "glibc", "mimalloc"
  std::string allocator_verified;  // what the worker observed at run time (filled after a run)
};

struct RunParameters {
  std::vector<std::string> patterns;  // canonical names
  std::vector<std::string> transports;
  std::vector<std::size_t> sizes;     // bytes
  std::vector<std::string> variants;  // labels, in the order given
  std::string baseline;               // label of the baseline variant
  int runs = 0;
  double warmup_s = 0;              // throughput warm-up before the measured interval
  double duration_s = 0;            // throughput measured interval (sender side)
  double latency_duration_s = 0;    // latency measured interval
  int latency_max_round_trips = 0;  // cap on measured round trips
  int latency_warmup_round_trips = 0;
  int io_threads = 0;
  int hwm = 0;           // SNDHWM and RCVHWM, messages
  double timeout_s = 0;  // per worker
  double noise = 0;      // noise threshold as a fraction (0.02 = 2 %)
  double alpha = 0;      // significance level of the Mann-Whitney test
};

struct HostInfo {
  std::string hostname;
  std::string cpu_model;
  int cpu_count = 0;
  std::string kernel;
  std::string os;
  std::string glibc;
  std::string compiler;
};

struct Manifest {
  int schema_version = kSchemaVersion;
  std::string run_id;
  std::string label;
  std::string created_at;  // ISO-8601 UTC
  std::string command_line;
  std::string build_dir;
  std::string git_revision;
  std::string zbench_version;
  HostInfo host;
  std::vector<VariantInfo> variants;
  RunParameters parameters;
};

void to_json(nlohmann::json& j, const Manifest& m);
void from_json(const nlohmann::json& j, Manifest& m);

}  // namespace zbench
