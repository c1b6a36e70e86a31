// `zbench report DIR` regenerates results.json and summary.md from stored samples;
// `zbench compare DIR_A DIR_B` compares two result sets with the same statistics.
#include <iostream>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/noise_flag.hpp"
#include "cli/outputs.hpp"
#include "cli/run_layout.hpp"
#include "cli/usage_error.hpp"
#include "profile/attribution_markdown.hpp"
#include "profile/profile_record.hpp"
#include "report/analysis.hpp"
#include "runner/run_session.hpp"
#include "runner/sample_store.hpp"

namespace zbench {
namespace {

struct LoadedRun {
  RunLayout layout;
  Manifest manifest;
  std::vector<Sample> samples;
};

LoadedRun load_run(const std::string& dir, const std::string& what) {
  LoadedRun r;
  r.layout = existing_layout(dir, what);
  r.manifest = read_manifest(r.layout.results_dir);
  r.samples = load_samples(r.layout.results_dir / "samples.jsonl");
  if (r.samples.empty()) throw UsageError(fmt::format("{}: '{}' holds no samples yet", what, dir));
  return r;
}

std::optional<double> noise_override(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return parse_noise_percent(text);
}

// The attribution section of a `zbench profile` directory: the one given with --profile, or
// one the results directory holds itself. Links are made relative to the report directory.
std::string attribution_appendix(const std::string& given, const std::filesystem::path& results_dir,
                                 const std::filesystem::path& report_dir) {
  std::filesystem::path dir = given;
  if (dir.empty() && std::filesystem::exists(results_dir / "profile.json")) dir = results_dir;
  if (dir.empty()) return {};
  if (!std::filesystem::exists(dir / "profile.json"))
    throw UsageError(
        fmt::format("--profile: '{}' has no profile.json; give a directory written "
                    "by zbench profile --out",
                    dir.string()));
  const auto doc = profile::read_profile_document(dir.string());
  auto prefix = std::filesystem::relative(dir, report_dir).generic_string();
  prefix = prefix.empty() || prefix == "." ? "" : prefix + "/";
  return "\n" + profile::attribution_markdown(doc, prefix);
}

}  // namespace

std::function<int()> add_report_command(CLI::App& app) {
  struct Flags {
    std::string dir, out, export_json, export_markdown, noise, profile;
  };
  auto f = std::make_shared<Flags>();
  auto* cmd = app.add_subcommand("report",
                                 "Regenerate results.json and summary.md from a results directory");
  cmd->add_option("dir", f->dir, "Results directory (with manifest.json and samples.jsonl)")
      ->required();
  cmd->add_option("--out", f->out, "Write summary.md here instead of the run's report directory");
  cmd->add_option("--noise", f->noise, "Override the noise threshold (percent)");
  cmd->add_option("--profile", f->profile,
                  "Add the attribution section of a zbench profile directory");
  cmd->add_option("--export-json", f->export_json, "Also write results.json to FILE (- = stdout)");
  cmd->add_option("--export-markdown", f->export_markdown,
                  "Also write summary.md to FILE (- = stdout)");
  return [f] {
    const LoadedRun run = load_run(f->dir, "report");
    AnalysisOptions options;
    options.noise = noise_override(f->noise);
    ensure_writable_file(f->export_json, "--export-json");
    ensure_writable_file(f->export_markdown, "--export-markdown");
    OutputTargets t{run.layout.results_dir,
                    f->out.empty() ? run.layout.report_dir : std::filesystem::path(f->out),
                    f->export_json,
                    f->export_markdown,
                    false,
                    {}};
    if (!f->out.empty()) ensure_writable_dir(f->out, "--out");
    t.appendix = attribution_appendix(f->profile, t.results_dir, t.report_dir);
    ResultsDocument doc;
    try {
      doc = analyse(run.manifest, run.samples, options);
    } catch (const std::invalid_argument& e) {
      throw UsageError(e.what());
    }
    write_outputs(doc, t);
    std::cerr << fmt::format("zbench: wrote {} and {}\n", (t.results_dir / "results.json").string(),
                             (t.report_dir / "summary.md").string());
    return 0;
  };
}

std::function<int()> add_compare_command(CLI::App& app) {
  struct Flags {
    std::string a, b, variant_a, variant_b, out, export_json, export_markdown, noise;
  };
  auto f = std::make_shared<Flags>();
  auto* cmd =
      app.add_subcommand("compare", "Compare result set B against result set A (A = baseline)");
  cmd->add_option("dir_a", f->a, "Baseline results directory")->required();
  cmd->add_option("dir_b", f->b, "Candidate results directory")->required();
  cmd->add_option("--variant-a", f->variant_a,
                  "Variant of A to compare (default: shared labels, or the only one)");
  cmd->add_option("--variant-b", f->variant_b, "Variant of B to compare");
  cmd->add_option("--out", f->out, "Directory for the comparison's results.json and summary.md");
  cmd->add_option("--noise", f->noise, "Override the noise threshold (percent)");
  cmd->add_option("--export-json", f->export_json,
                  "Write the comparison's JSON to FILE (- = stdout)");
  cmd->add_option("--export-markdown", f->export_markdown,
                  "Write the comparison's markdown to FILE (- = stdout)");
  return [f] {
    const LoadedRun a = load_run(f->a, "compare (A)");
    const LoadedRun b = load_run(f->b, "compare (B)");
    PairOptions pairing;
    pairing.variant_a = f->variant_a;
    pairing.variant_b = f->variant_b;
    AnalysisOptions options;
    options.noise = noise_override(f->noise);
    ensure_writable_file(f->export_json, "--export-json");
    ensure_writable_file(f->export_markdown, "--export-markdown");
    if (!f->out.empty()) ensure_writable_dir(f->out, "--out");
    ResultsDocument doc;
    try {
      doc = analyse_pair(a.manifest, a.samples, b.manifest, b.samples, pairing, options);
    } catch (const std::invalid_argument& e) {
      throw UsageError(e.what());
    }
    OutputTargets t{f->out, f->out, f->export_json, f->export_markdown, true, {}};
    write_outputs(doc, t);
    return 0;
  };
}

}  // namespace zbench
