// Command line of a worker process. Workers are started by the runner, not by people, but their
// arguments are still validated so a misconfigured runner fails loudly.
#pragma once

#include <string>

#include "matrix/matrix.hpp"
#include "patterns/phase_config.hpp"
#include "patterns/topology.hpp"

namespace zbench {

struct WorkerConfig {
  Cell cell{};
  int run = 0;
  int io_threads = 1;
  TopologyConfig topology;
  PhaseConfig phases;
};

// Parses "--cell PATTERN/transport/size --run N --io-threads N --hwm N --warmup S --duration S
// --latency-duration S --latency-max N --latency-warmup N --stall-timeout-ms N --ipc-dir DIR".
// The fault comes from ZBENCH_INJECT_FAULT=<crash|hang|lose|fail>[@<cell>[#<run>]] when the build
// has fault injection. Throws std::invalid_argument naming the bad argument.
WorkerConfig parse_worker_args(int argc, char** argv);

}  // namespace zbench
