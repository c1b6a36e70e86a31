// The matrix loop: schedule, spawn, classify, store, report progress, stop cleanly on signals.
#include "runner/run_session.hpp"

#include <signal.h>
#include <stdlib.h>

#include <atomic>
#include <fstream>
#include <map>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "runner/environment.hpp"
#include "runner/progress.hpp"
#include "runner/sample_store.hpp"
#include "runner/subprocess.hpp"
#include "worker/worker_output.hpp"

namespace zbench {
namespace {

std::atomic<bool> g_stop{false};

extern "C" void on_stop_signal(int) {
  g_stop.store(true);
  kill_running_child();
}

// Installs Ctrl-C / SIGTERM handling for the lifetime of a session.
struct SignalGuard {
  struct sigaction old_int {
  }, old_term{};
  SignalGuard() {
    g_stop.store(false);
    struct sigaction sa {};
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
  }
  ~SignalGuard() {
    sigaction(SIGINT, &old_int, nullptr);
    sigaction(SIGTERM, &old_term, nullptr);
  }
};

std::vector<std::string> worker_argv(const RunRequest& req, const SelectedVariant& v,
                                     const Job& job, const std::string& ipc_dir) {
  std::vector<std::string> argv{(std::filesystem::path(req.worker_dir) / v.build.worker).string(),
                                "--cell",
                                cell_key(job.cell),
                                "--run",
                                std::to_string(job.run),
                                "--ipc-dir",
                                ipc_dir};
  for (auto& arg : worker_phase_args(req.manifest.parameters, req.stall_timeout_ms))
    argv.push_back(std::move(arg));
  return argv;
}

std::string last_line(const std::string& text) {
  auto end = text.find_last_not_of("\n");
  if (end == std::string::npos) return {};
  auto start = text.rfind('\n', end);
  return text.substr(start == std::string::npos ? 0 : start + 1,
                     end - (start == std::string::npos ? 0 : start + 1) + 1);
}

// Classifies a finished worker process into a sample: measurements, or a failure with reason.
void classify(const ProcessResult& pr, double timeout_s, Sample& s) {
  s.wall_s = pr.wall_s;
  s.cpu_user_s = pr.cpu_user_s;
  s.cpu_sys_s = pr.cpu_sys_s;
  s.peak_rss_kb = pr.peak_rss_kb;
  WorkerReport report;
  bool parsed = false;
  try {
    report = parse_worker_report(last_line(pr.out));
    parsed = true;
  } catch (const std::exception&) {
  }
  if (parsed) {
    s.allocator = report.allocator;
    s.library = report.library;
  }
  if (pr.timed_out) {
    s.failure = fmt::format("timeout: worker killed after {} s", timeout_s);
  } else if (pr.signaled) {
    s.failure =
        fmt::format("crash: worker killed by signal {} ({})", pr.signal, strsignal(pr.signal));
  } else if (!parsed) {
    s.failure =
        fmt::format("no report: worker exited with code {} without a JSON report", pr.exit_code);
  } else if (!report.ok) {
    s.failure = report.failure.empty() ? "worker reported failure" : report.failure;
  } else if (pr.exit_code != 0) {
    s.failure = fmt::format("worker exited with code {} after reporting success", pr.exit_code);
  } else {
    s.ok = true;
    s.throughput = report.throughput;
    s.latency = report.latency;
    s.timings = report.timings;
    return;
  }
  s.stderr_tail = tail_lines(pr.err, 20);
}

// A private directory for this session's ipc socket files, removed at the end.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "zbench-XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr)
      throw std::runtime_error("cannot create a temporary directory");
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

}  // namespace

std::vector<std::string> worker_phase_args(const RunParameters& p, int stall_timeout_ms) {
  return {"--io-threads",
          std::to_string(p.io_threads),
          "--hwm",
          std::to_string(p.hwm),
          "--warmup",
          fmt::format("{}", p.warmup_s),
          "--duration",
          fmt::format("{}", p.duration_s),
          "--latency-duration",
          fmt::format("{}", p.latency_duration_s),
          "--latency-max",
          std::to_string(p.latency_max_round_trips),
          "--latency-warmup",
          std::to_string(p.latency_warmup_round_trips),
          "--stall-timeout-ms",
          std::to_string(stall_timeout_ms)};
}

std::vector<Job> schedule(const std::vector<Cell>& cells, int runs, std::size_t variants) {
  std::vector<Job> jobs;
  for (int run = 0; run < runs; ++run)
    for (std::size_t c = 0; c < cells.size(); ++c)
      for (std::size_t slot = 0; slot < variants; ++slot)
        jobs.push_back({cells[c], run, static_cast<int>(slot),
                        (slot + static_cast<std::size_t>(run) + c) % variants});
  return jobs;
}

void write_manifest(const std::filesystem::path& dir, const Manifest& manifest) {
  const auto tmp = dir / "manifest.json.tmp";
  {
    std::ofstream out(tmp);
    out << nlohmann::json(manifest).dump(2) << "\n";
    if (!out) throw std::runtime_error("cannot write " + tmp.string());
  }
  std::filesystem::rename(tmp, dir / "manifest.json");
}

Manifest read_manifest(const std::filesystem::path& dir) {
  std::ifstream in(dir / "manifest.json");
  if (!in) throw std::runtime_error(fmt::format("{} has no manifest.json", dir.string()));
  const auto j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    throw std::runtime_error((dir / "manifest.json").string() + " is not valid JSON");
  return j.get<Manifest>();
}

RunOutcome run_matrix(const RunRequest& req) {
  std::filesystem::create_directories(req.results_dir);
  write_manifest(req.results_dir, req.manifest);
  SampleStore store(req.results_dir / "samples.jsonl");
  const TempDir tmp;
  const SignalGuard signals;

  const auto jobs = schedule(req.cells, req.manifest.parameters.runs, req.variants.size());
  std::size_t done = 0, failures = 0;
  for (const auto& s : store.samples()) failures += s.ok ? 0 : 1;
  for (const auto& j : jobs) done += store.contains(req.variants[j.variant].label, j.cell, j.run);
  Progress progress(jobs.size(), done, req.progress_terminal);

  RunOutcome outcome;
  int ipc_serial = 0;
  for (const auto& job : jobs) {
    const auto& v = req.variants[job.variant];
    if (store.contains(v.label, job.cell, job.run)) continue;
    if (g_stop.load()) break;
    progress.update(done, failures,
                    fmt::format("{} {} run {}", cell_key(job.cell), v.label, job.run + 1));

    const auto ipc_dir = tmp.path / fmt::format("r{}", ipc_serial++);
    std::filesystem::create_directory(ipc_dir);
    ProcessSpec spec;
    spec.argv = worker_argv(req, v, job, ipc_dir.string());
    spec.timeout_s = req.manifest.parameters.timeout_s;
    if (!v.build.preload.empty()) spec.extra_env.push_back("LD_PRELOAD=" + v.build.preload);
    Sample s;
    s.variant = v.label;
    s.build = v.build.name;
    s.cell = job.cell;
    s.run = job.run;
    s.slot = job.slot;
    s.started_at = utc_timestamp();
    const ProcessResult pr = run_process(spec);
    std::error_code ec;
    std::filesystem::remove_all(ipc_dir, ec);
    if (g_stop.load()) break;  // the worker was killed by our own signal: not a sample
    classify(pr, spec.timeout_s, s);
    store.append(s);
    ++outcome.executed;
    ++done;
    failures += s.ok ? 0 : 1;
  }
  outcome.interrupted = g_stop.load();
  progress.finish(done, failures);

  outcome.samples = store.samples();
  outcome.failures = failures;
  outcome.manifest = req.manifest;
  // What the workers observed replaces what the build was configured for.
  std::map<std::string, const Sample*> observed;
  for (const auto& s : outcome.samples)
    if (!s.allocator.empty()) observed.emplace(s.variant, &s);
  for (auto& v : outcome.manifest.variants) {
    const auto it = observed.find(v.label);
    if (it == observed.end()) continue;
    v.allocator_verified = it->second->allocator;
    if (!it->second->library.empty()) v.library = it->second->library;
  }
  write_manifest(req.results_dir, outcome.manifest);
  return outcome;
}

}  // namespace zbench
