// `zbench run`: validates the request, prepares (or resumes) a results directory, runs the
// matrix and writes results.json and summary.md.
#include <unistd.h>

#include <filesystem>
#include <iostream>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/noise_flag.hpp"
#include "cli/outputs.hpp"
#include "cli/run_layout.hpp"
#include "cli/usage_error.hpp"
#include "report/analysis.hpp"
#include "runner/environment.hpp"
#include "runner/run_session.hpp"

namespace zbench {
namespace {

struct RunFlags {
  std::vector<std::string> patterns, transports, sizes, variants;
  std::string baseline;
  int runs = 10;
  double warmup = 0.05;
  double duration = 0.25;
  double latency_duration = 0.2;
  int latency_round_trips = 100000;
  int latency_warmup = 200;
  int io_threads = 1;
  int hwm = 1000;
  double timeout = 30;
  std::string noise = "2";
  std::string label;
  std::string out, resume, export_json, export_markdown;
  std::string results_root = "results", reports_root = "reports";
  int stall_timeout_ms = 5000;
  std::string command_line;
};

std::vector<std::string> default_variants(const std::string& worker_dir) {
  std::vector<std::string> out;
  for (const auto& b : available_builds(worker_dir))
    if (b.name == "libzmq" || b.name == "zlink") out.push_back(b.name);
  return out;
}

RunParameters parameters_from(const RunFlags& f, const std::vector<Cell>& cells,
                              const std::vector<SelectedVariant>& variants) {
  RunParameters p;
  for (const auto& c : cells) {
    const std::string pat(to_string(c.pattern)), tr(to_string(c.transport));
    if (std::find(p.patterns.begin(), p.patterns.end(), pat) == p.patterns.end())
      p.patterns.push_back(pat);
    if (std::find(p.transports.begin(), p.transports.end(), tr) == p.transports.end())
      p.transports.push_back(tr);
    if (std::find(p.sizes.begin(), p.sizes.end(), c.size) == p.sizes.end())
      p.sizes.push_back(c.size);
  }
  for (const auto& v : variants) p.variants.push_back(v.label);
  // raw is the ceiling every variant is read against (% of raw), never the baseline, unless
  // it is all the run measures.
  const auto not_raw = std::find_if(variants.begin(), variants.end(),
                                    [](const auto& v) { return v.build.name != kRawBuild; });
  p.baseline = !f.baseline.empty()         ? f.baseline
               : not_raw != variants.end() ? not_raw->label
                                           : variants.front().label;
  const auto baseline = std::find_if(variants.begin(), variants.end(),
                                     [&](const auto& v) { return v.label == p.baseline; });
  if (baseline == variants.end())
    throw UsageError(fmt::format("--baseline: '{}' is not one of the variants of this run ({})",
                                 f.baseline, fmt::join(p.variants, ", ")));
  if (baseline->build.name == kRawBuild && not_raw != variants.end())
    throw UsageError(fmt::format(
        "--baseline: raw is the ceiling each variant is reported against (% of raw), not a "
        "baseline; choose one of the other variants ({})",
        fmt::join(p.variants, ", ")));
  p.runs = f.runs;
  p.warmup_s = f.warmup;
  p.duration_s = f.duration;
  p.latency_duration_s = f.latency_duration;
  p.latency_max_round_trips = f.latency_round_trips;
  p.latency_warmup_round_trips = f.latency_warmup;
  p.io_threads = f.io_threads;
  p.hwm = f.hwm;
  p.timeout_s = f.timeout;
  p.noise = parse_noise_percent(f.noise);
  p.alpha = 0.05;
  return p;
}

// Resuming: flags the user gave explicitly must agree with the stored manifest; the others take
// the stored values, so `zbench run --resume DIR` alone continues exactly the same run.
RunFlags merge_with_manifest(RunFlags f, const Manifest& m, const CLI::App& cmd) {
  const auto& p = m.parameters;
  const auto check = [&](const char* flag, bool same, const std::string& stored) {
    if (cmd.count(flag) > 0 && !same)
      throw UsageError(
          fmt::format("--resume: {} differs from the run being resumed (stored: {}); "
                      "drop the flag or start a new run",
                      flag, stored));
  };
  const auto same_list = [](std::vector<std::string> given, const std::vector<std::string>& stored,
                            auto canon) {
    given = split_list(given);
    std::vector<std::string> a, b;
    for (const auto& g : given) a.push_back(canon(g));
    for (const auto& s : stored) b.push_back(canon(s));
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    return a == b;
  };
  check("--pattern",
        same_list(f.patterns, p.patterns,
                  [](const std::string& s) { return std::string(to_string(parse_pattern(s))); }),
        fmt::format("{}", fmt::join(p.patterns, ",")));
  check("--transport",
        same_list(f.transports, p.transports,
                  [](const std::string& s) { return std::string(to_string(parse_transport(s))); }),
        fmt::format("{}", fmt::join(p.transports, ",")));
  std::vector<std::string> stored_sizes;
  for (auto s : p.sizes) stored_sizes.push_back(std::to_string(s));
  check("--size",
        same_list(f.sizes, stored_sizes,
                  [](const std::string& s) { return std::to_string(parse_size(s)); }),
        fmt::format("{}", fmt::join(p.sizes, ",")));
  check("--variants", split_list(f.variants) == p.variants,
        fmt::format("{}", fmt::join(p.variants, ",")));
  check("--baseline", f.baseline == p.baseline, p.baseline);
  check("--runs", f.runs == p.runs, std::to_string(p.runs));
  check("--warmup", f.warmup == p.warmup_s, fmt::format("{}", p.warmup_s));
  check("--duration", f.duration == p.duration_s, fmt::format("{}", p.duration_s));
  check("--latency-duration", f.latency_duration == p.latency_duration_s,
        fmt::format("{}", p.latency_duration_s));
  check("--latency-round-trips", f.latency_round_trips == p.latency_max_round_trips,
        std::to_string(p.latency_max_round_trips));
  check("--io-threads", f.io_threads == p.io_threads, std::to_string(p.io_threads));
  check("--hwm", f.hwm == p.hwm, std::to_string(p.hwm));
  f.patterns = p.patterns;
  f.transports = p.transports;
  f.sizes = stored_sizes;
  f.variants = p.variants;
  f.baseline = p.baseline;
  f.runs = p.runs;
  f.warmup = p.warmup_s;
  f.duration = p.duration_s;
  f.latency_duration = p.latency_duration_s;
  f.latency_round_trips = p.latency_max_round_trips;
  f.latency_warmup = p.latency_warmup_round_trips;
  f.io_threads = p.io_threads;
  f.hwm = p.hwm;
  if (cmd.count("--timeout") == 0) f.timeout = p.timeout_s;
  if (cmd.count("--noise") == 0) f.noise = fmt::format("{}", p.noise * 100);
  if (cmd.count("--label") == 0) f.label = m.label;
  return f;
}

void validate(const RunFlags& f) {
  const auto positive = [](const char* flag, double v, const char* what) {
    if (!(v > 0)) throw UsageError(fmt::format("{}: must be {} (got {})", flag, what, v));
  };
  if (f.runs < 1) throw UsageError(fmt::format("--runs: must be at least 1 (got {})", f.runs));
  if (f.warmup < 0)
    throw UsageError(fmt::format("--warmup: must be >= 0 seconds (got {})", f.warmup));
  positive("--duration", f.duration, "> 0 seconds");
  positive("--latency-duration", f.latency_duration, "> 0 seconds");
  positive("--timeout", f.timeout, "> 0 seconds");
  if (f.latency_round_trips < 1) throw UsageError("--latency-round-trips: must be at least 1");
  if (f.latency_warmup < 0) throw UsageError("--latency-warmup: must be >= 0");
  if (f.io_threads < 1 || f.io_threads > 64)
    throw UsageError(fmt::format("--io-threads: must be 1..64 (got {})", f.io_threads));
  if (f.hwm < 1) throw UsageError(fmt::format("--hwm: must be at least 1 message (got {})", f.hwm));
  if (!f.out.empty() && !f.resume.empty())
    throw UsageError("--out and --resume cannot be combined: --resume DIR continues DIR");
}

int execute(RunFlags f, const CLI::App& cmd) {
  const std::string worker_dir = worker_directory();
  RunLayout layout;
  Manifest manifest;
  if (!f.resume.empty()) {
    layout = resume_layout(f.resume);
    manifest = read_manifest(layout.results_dir);
    f = merge_with_manifest(f, manifest, cmd);
  }
  validate(f);
  MatrixFilter filter{f.patterns, f.transports, f.sizes};
  const auto cells = build_cells(filter);
  if (f.variants.empty()) f.variants = default_variants(worker_dir);
  std::vector<SelectedVariant> variants;
  try {
    variants = select_variants(split_list(f.variants), worker_dir);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  const RunParameters params = parameters_from(f, cells, variants);
  ensure_writable_file(f.export_json, "--export-json");
  ensure_writable_file(f.export_markdown, "--export-markdown");

  if (f.resume.empty()) {
    const std::string run_id = new_run_id() + (f.label.empty() ? "" : "-" + f.label);
    layout =
        f.out.empty() ? default_layout(f.results_root, f.reports_root, run_id) : out_layout(f.out);
    ensure_writable_dir(layout.results_dir, f.out.empty() ? "--results-root" : "--out");
    if (std::filesystem::exists(layout.results_dir / "samples.jsonl"))
      throw UsageError(
          fmt::format("--out: '{}' already holds a run; use --resume {} to continue "
                      "it, or choose an empty directory",
                      layout.results_dir.string(), layout.results_dir.string()));
    manifest.run_id = run_id;
    manifest.created_at = utc_timestamp();
  }
  manifest.schema_version = kSchemaVersion;
  manifest.label = f.label;
  manifest.command_line = f.command_line;
  manifest.build_dir = worker_dir;
  manifest.git_revision = git_revision(ZBENCH_SOURCE_DIR);
  manifest.zbench_version = ZBENCH_VERSION;
  manifest.host = collect_host_info(ZBENCH_COMPILER);
  manifest.parameters = params;
  manifest.variants.clear();
  for (const auto& v : variants)
    manifest.variants.push_back(
        {v.label, v.build.name, v.build.library, v.build.protocol, v.build.allocator, ""});

  RunRequest req;
  req.cells = cells;
  req.variants = variants;
  req.manifest = manifest;
  req.results_dir = layout.results_dir;
  req.worker_dir = worker_dir;
  req.stall_timeout_ms = f.stall_timeout_ms;
  req.progress_terminal = isatty(STDERR_FILENO) != 0;
  std::cerr << fmt::format("zbench: {} cells x {} variants x {} runs -> {}\n", cells.size(),
                           variants.size(), params.runs, layout.results_dir.string());
  const RunOutcome outcome = run_matrix(req);
  if (outcome.interrupted) {
    std::cerr << fmt::format(
        "zbench: interrupted; {} runs are stored. Continue with: zbench run "
        "--resume {}\n",
        outcome.samples.size(), layout.results_dir.string());
    return kExitInterrupted;
  }
  const ResultsDocument doc = analyse(outcome.manifest, outcome.samples);
  OutputTargets targets{
      layout.results_dir, layout.report_dir, f.export_json, f.export_markdown, true, {}};
  write_outputs(doc, targets);
  std::cerr << fmt::format("zbench: results in {}, report in {}\n", layout.results_dir.string(),
                           (layout.report_dir / "summary.md").string());
  if (outcome.failures > 0) {
    std::cerr << fmt::format("zbench: {} runs failed; see the Failures section of the report\n",
                             outcome.failures);
    return kExitRunFailures;
  }
  return kExitOk;
}

}  // namespace

std::function<int()> add_run_command(CLI::App& app) {
  auto flags = std::make_shared<RunFlags>();
  auto* cmd = app.add_subcommand("run", "Run the benchmark matrix and write results and a report");
  cmd->add_option("-p,--pattern", flags->patterns,
                  "Patterns (comma list or repeated; default: all)");
  cmd->add_option("-t,--transport", flags->transports,
                  "Transports: tcp, inproc, ipc (default: all)");
  cmd->add_option("-s,--size", flags->sizes,
                  "Message sizes: 64, 1K, 1KiB, 64K, 256K (default: 64..256KiB)");
  cmd->add_option("--variants", flags->variants,
                  "Variants to compare, e.g. libzmq,zlink; repeat one for an A/A run");
  cmd->add_option("--baseline", flags->baseline,
                  "Baseline variant label (default: the first variant other than raw)");
  cmd->add_option("-r,--runs", flags->runs, "Runs per variant and cell")->capture_default_str();
  cmd->add_option("--warmup", flags->warmup, "Throughput warm-up seconds before measuring")
      ->capture_default_str();
  cmd->add_option("--duration", flags->duration, "Throughput measured interval, seconds")
      ->capture_default_str();
  cmd->add_option("--latency-duration", flags->latency_duration,
                  "Latency measured interval, seconds")
      ->capture_default_str();
  cmd->add_option("--latency-round-trips", flags->latency_round_trips,
                  "Cap on measured latency round trips")
      ->capture_default_str();
  cmd->add_option("--latency-warmup", flags->latency_warmup, "Unmeasured latency round trips first")
      ->capture_default_str();
  cmd->add_option("--io-threads", flags->io_threads, "I/O threads of every library context")
      ->capture_default_str();
  cmd->add_option("--hwm", flags->hwm, "SNDHWM and RCVHWM of every socket, messages")
      ->capture_default_str();
  cmd->add_option("--timeout", flags->timeout, "Per-worker timeout, seconds (the worker is killed)")
      ->capture_default_str();
  cmd->add_option("--noise", flags->noise, "Noise threshold in percent for verdicts")
      ->capture_default_str();
  cmd->add_option("--label", flags->label, "Label appended to the run id and shown in the report");
  cmd->add_option("--out", flags->out,
                  "Write manifest, samples, results.json and summary.md into DIR");
  cmd->add_option("--resume", flags->resume, "Continue an interrupted run in results DIR");
  cmd->add_option("--export-json", flags->export_json,
                  "Also write results.json to FILE (- = stdout)");
  cmd->add_option("--export-markdown", flags->export_markdown,
                  "Also write summary.md to FILE (- = stdout)");
  cmd->add_option("--results-root", flags->results_root, "Parent of results/<run-id>")
      ->capture_default_str();
  cmd->add_option("--reports-root", flags->reports_root, "Parent of reports/<run-id>")
      ->capture_default_str();
  cmd->add_option("--stall-timeout-ms", flags->stall_timeout_ms,
                  "Longest single blocking send/receive before a run fails")
      ->capture_default_str();
  return [flags, cmd] {
    flags->command_line = command_line();
    return execute(*flags, *cmd);
  };
}

}  // namespace zbench
