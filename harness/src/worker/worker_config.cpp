// Worker argument parsing and the test-only fault selector.
#include "worker/worker_config.hpp"

#include <cstdlib>
#include <stdexcept>
#include <string_view>

#include <fmt/format.h>

namespace zbench {
namespace {

double to_double(std::string_view flag, const std::string& v) {
  std::size_t used = 0;
  double d = 0;
  try {
    d = std::stod(v, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != v.size() || d < 0)
    throw std::invalid_argument(fmt::format("{}: bad number '{}'", flag, v));
  return d;
}

long to_long(std::string_view flag, const std::string& v) {
  std::size_t used = 0;
  long n = 0;
  try {
    n = std::stol(v, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != v.size() || n < 0)
    throw std::invalid_argument(fmt::format("{}: bad integer '{}'", flag, v));
  return n;
}

Fault parse_fault(std::string_view kind) {
  if (kind == "crash") return Fault::crash;
  if (kind == "hang") return Fault::hang;
  if (kind == "lose") return Fault::lose;
  if (kind == "fail") return Fault::fail;
  throw std::invalid_argument(
      fmt::format("ZBENCH_INJECT_FAULT: unknown fault '{}'; valid: crash, hang, lose, fail", kind));
}

// ZBENCH_INJECT_FAULT=<kind>[@<cell>[#<run>]]: the fault applies when cell and run match.
Fault fault_for(const Cell& cell, int run) {
  const char* env = std::getenv("ZBENCH_INJECT_FAULT");
  if (env == nullptr || *env == '\0') return Fault::none;
  const std::string_view spec(env);
  const auto at = spec.find('@');
  const Fault fault = parse_fault(spec.substr(0, at));
  if (at == std::string_view::npos) return fault;
  const std::string_view target = spec.substr(at + 1);
  const auto hash = target.find('#');
  if (parse_cell_key(target.substr(0, hash)) != cell) return Fault::none;
  if (hash != std::string_view::npos &&
      to_long("ZBENCH_INJECT_FAULT run", std::string(target.substr(hash + 1))) != run)
    return Fault::none;
  return fault;
}

}  // namespace

WorkerConfig parse_worker_args(int argc, char** argv) {
  WorkerConfig c;
  bool have_cell = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    if (i + 1 >= argc) throw std::invalid_argument(fmt::format("{} needs a value", flag));
    const std::string value = argv[++i];
    if (flag == "--cell") {
      c.cell = parse_cell_key(value);
      have_cell = true;
    } else if (flag == "--run") {
      c.run = static_cast<int>(to_long(flag, value));
    } else if (flag == "--io-threads") {
      c.io_threads = static_cast<int>(to_long(flag, value));
    } else if (flag == "--hwm") {
      c.topology.hwm = static_cast<int>(to_long(flag, value));
    } else if (flag == "--warmup") {
      c.phases.warmup_s = to_double(flag, value);
    } else if (flag == "--duration") {
      c.phases.duration_s = to_double(flag, value);
    } else if (flag == "--latency-duration") {
      c.phases.latency_duration_s = to_double(flag, value);
    } else if (flag == "--latency-max") {
      c.phases.latency_max_round_trips = static_cast<std::uint64_t>(to_long(flag, value));
    } else if (flag == "--latency-warmup") {
      c.phases.latency_warmup_round_trips = static_cast<std::uint64_t>(to_long(flag, value));
    } else if (flag == "--stall-timeout-ms") {
      c.topology.stall_timeout_ms = static_cast<int>(to_long(flag, value));
    } else if (flag == "--ipc-dir") {
      c.topology.ipc_dir = value;
    } else {
      throw std::invalid_argument(fmt::format("unknown worker argument '{}'", flag));
    }
  }
  if (!have_cell) throw std::invalid_argument("--cell is required");
  if (c.io_threads < 1) throw std::invalid_argument("--io-threads must be at least 1");
  if (c.phases.latency_max_round_trips < 1)
    throw std::invalid_argument("--latency-max must be at least 1");
  c.topology.pattern = c.cell.pattern;
  c.topology.transport = c.cell.transport;
  c.phases.size = c.cell.size;
#ifdef ZBENCH_FAULT_INJECTION
  c.phases.fault = fault_for(c.cell, c.run);
#endif
  return c;
}

}  // namespace zbench
