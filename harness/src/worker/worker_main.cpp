// A benchmark worker: one process measures one cell (pattern x transport x size) for one
// backend, then prints one JSON report on stdout. Which backend is fixed at compile time, so
// each variant build is its own executable and the hot loops contain no virtual calls.
#include <dlfcn.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>

#include "patterns/latency.hpp"
#include "patterns/throughput.hpp"
#include "patterns/topology.hpp"
#include "worker/allocator_probe.hpp"
#include "worker/worker_config.hpp"
#include "worker/worker_output.hpp"

#if defined(ZBENCH_BACKEND_LIBZMQ)
#include "backends/libzmq_backend.hpp"
using Backend = zbench::LibzmqBackend;
#elif defined(ZBENCH_BACKEND_ZLINK)
#include "backends/zlink_backend.hpp"
using Backend = zbench::ZlinkBackend;
#elif defined(ZBENCH_BACKEND_RAW)
#include "backends/raw_backend.hpp"
using Backend = zbench::RawBackend;
#else
#error "define ZBENCH_BACKEND_LIBZMQ, ZBENCH_BACKEND_ZLINK or ZBENCH_BACKEND_RAW"
#endif

namespace {

using namespace zbench;
using clock_type = std::chrono::steady_clock;

double seconds_since(clock_type::time_point t) {
  return std::chrono::duration<double>(clock_type::now() - t).count();
}

std::string allocator_description() {
  const std::string process = detect_process_allocator();
  const std::string internal = Backend::internal_allocator();
  return internal.empty() ? process : internal + " (library hot path), " + process + " (process)";
}

// The allocation probe (harness/probe), when preloaded, counts only between these marks and
// divides by the messages the worker reports. Looked up once: dlsym allocates.
struct ProbeHooks {
  using mark_fn = void (*)(const char*);
  using messages_fn = void (*)(unsigned long long);
  mark_fn mark = reinterpret_cast<mark_fn>(dlsym(RTLD_DEFAULT, "zbench_probe_mark"));
  messages_fn messages =
      reinterpret_cast<messages_fn>(dlsym(RTLD_DEFAULT, "zbench_probe_messages"));
  void begin() const {
    if (mark != nullptr) mark("begin");
  }
  void end(unsigned long long total_messages) const {
    if (messages != nullptr) messages(total_messages);
    if (mark != nullptr) mark("end");
  }
};

// Prints the report and leaves at once: after a failure, sockets may be wedged and an orderly
// teardown could hang, which would turn a clear failure into a timeout.
[[noreturn]] void fail(WorkerReport report, const std::string& why, int code) {
  report.ok = false;
  report.failure = why;
  std::fputs((worker_report_json(report) + "\n").c_str(), stdout);
  std::fflush(stdout);
  std::fflush(stderr);
  std::_Exit(code);
}

// Test-only faults that happen after the ready handshake, where real failures would.
void inject(Fault fault) {
  switch (fault) {
    case Fault::crash: std::abort();
    case Fault::hang:
      for (int i = 0; i < 3600; ++i) std::this_thread::sleep_for(std::chrono::seconds(1));
      break;
    case Fault::fail: throw VerificationError("injected failure (ZBENCH_INJECT_FAULT=fail)");
    case Fault::lose:
    case Fault::none: break;
  }
}

// A private directory for ipc socket files when the runner did not provide one.
struct IpcDir {
  std::string path;
  bool owned = false;
  explicit IpcDir(std::string given) : path(std::move(given)) {
    if (!path.empty()) return;
    std::string tmpl = (std::filesystem::temp_directory_path() / "zbench-ipc-XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed for ipc dir");
    path = tmpl;
    owned = true;
  }
  ~IpcDir() {
    std::error_code ec;
    if (owned) std::filesystem::remove_all(path, ec);
  }
};

}  // namespace

int main(int argc, char** argv) {
  WorkerReport report;
  report.library = Backend::library();
  report.protocol = Backend::protocol();
  report.allocator = allocator_description();
  const ProbeHooks probe;
  WorkerConfig cfg;
  try {
    cfg = parse_worker_args(argc, argv);
  } catch (const std::exception& e) {
    fail(report, std::string("bad worker arguments: ") + e.what(), 2);
  }

  try {
    const auto start = clock_type::now();
    IpcDir ipc(cfg.topology.ipc_dir);
    cfg.topology.ipc_dir = ipc.path;
    const auto ready_limit = std::chrono::milliseconds(cfg.topology.stall_timeout_ms);
    // Each phase has its own context and its own connected sockets, and both are set up before
    // the first phase runs. Own sockets: what one phase leaves in flight (PUB keeps repeating
    // its END marker) can never fill a queue the other phase depends on. Own context: the
    // round trips must not run on I/O threads that just carried the throughput stream, which
    // the scheduler still treats as loaded. Set up first: a context's threads (libzmq starts
    // its reaper and I/O thread with the first socket) must not be spawned right before the
    // round trips either. Both biases are measured in zlink/README.md ("PUBSUB small-message
    // latency").
    TopologyConfig thr_cfg = cfg.topology, lat_cfg = cfg.topology;
    thr_cfg.name = "zb-thr";
    lat_cfg.name = "zb-lat";
    auto thr_ctx = Backend::make_context(cfg.io_threads);
    auto lat_ctx = Backend::make_context(cfg.io_threads);
    std::optional<Topology<Backend>> thr_topo(std::in_place, thr_ctx, thr_cfg);
    std::optional<Topology<Backend>> lat_topo(std::in_place, lat_ctx, lat_cfg);
    // Closes one phase's sockets, then its context; returns the seconds that took.
    const auto close_phase = [](std::optional<Topology<Backend>>& topo,
                                typename Backend::Context& ctx) {
      const auto close_start = clock_type::now();
      topo.reset();
      Backend::term(ctx);
      return seconds_since(close_start);
    };
    thr_topo->await_ready(ready_limit);
    lat_topo->await_ready(ready_limit);
    report.timings.setup_s = seconds_since(start);
    inject(cfg.phases.fault);
    probe.begin();
    const auto thr_start = clock_type::now();
    report.throughput = run_throughput(*thr_topo, cfg.phases);
    report.timings.measured_s = seconds_since(thr_start) - cfg.phases.warmup_s;
    report.timings.teardown_s = close_phase(thr_topo, thr_ctx);

    const LatencyRun lat = run_latency(*lat_topo, cfg.phases);
    // Application messages sent: the throughput stream, plus a ping and an echo per round trip.
    probe.end(report.throughput.sent_total + 2 * lat.result.round_trips_total);
    report.latency = lat.result;
    report.timings.warmup_s = cfg.phases.warmup_s + lat.warmup_s;
    report.timings.measured_s += lat.measured_s;
    report.timings.teardown_s += close_phase(lat_topo, lat_ctx);
  } catch (const VerificationError& e) {
    fail(report, std::string("verification failed: ") + e.what(), 3);
  } catch (const std::exception& e) {
    fail(report, e.what(), 3);
  }
  report.ok = true;
  std::fputs((worker_report_json(report) + "\n").c_str(), stdout);
  return 0;
}
