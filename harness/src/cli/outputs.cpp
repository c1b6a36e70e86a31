// Output files. Each file is written to a temporary name and renamed, so an interrupted write
// never leaves a half file where a previous good one was.
#include "cli/outputs.hpp"

#include <unistd.h>

#include <fstream>
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/usage_error.hpp"
#include "report/charts_svg.hpp"
#include "report/results_json.hpp"
#include "report/summary_markdown.hpp"

namespace zbench {
namespace {

void write_file(const std::filesystem::path& path, const std::string& text) {
  const auto tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + tmp);
  }
  std::filesystem::rename(tmp, path);
}

void export_to(const std::string& target, const std::string& text) {
  if (target.empty()) return;
  if (target == "-") {
    std::cout << text << std::flush;
    return;
  }
  write_file(target, text);
}

}  // namespace

std::string write_outputs(const ResultsDocument& doc, const OutputTargets& t) {
  const std::string json = to_results_json(doc).dump(2) + "\n";
  // Exported or printed copies may live anywhere, so only the report directory's summary.md
  // links the chart files written beside it.
  const std::string markdown = render_summary_markdown(doc) + t.appendix;
  if (!t.results_dir.empty()) write_file(t.results_dir / "results.json", json);
  if (!t.report_dir.empty()) {
    std::filesystem::create_directories(t.report_dir);
    for (const auto& [name, svg] : render_charts_svg(doc)) write_file(t.report_dir / name, svg);
    write_file(t.report_dir / "summary.md",
               render_summary_markdown(doc, SummaryOptions{.link_charts = true}) + t.appendix);
  }
  export_to(t.export_json, json);
  export_to(t.export_markdown, markdown);
  if (t.print_summary && t.export_json != "-" && t.export_markdown != "-") std::cout << markdown;
  return markdown;
}

void ensure_writable_dir(const std::filesystem::path& dir, const std::string& flag) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir))
    throw UsageError(fmt::format("{}: cannot create directory '{}': {}", flag, dir.string(),
                                 ec ? ec.message() : "a file of that name exists"));
  if (access(dir.c_str(), W_OK) != 0)
    throw UsageError(fmt::format("{}: directory '{}' is not writable", flag, dir.string()));
}

void ensure_writable_file(const std::string& path, const std::string& flag) {
  if (path.empty() || path == "-") return;
  auto parent = std::filesystem::path(path).parent_path();
  if (parent.empty()) parent = ".";
  if (!std::filesystem::is_directory(parent) || access(parent.c_str(), W_OK) != 0)
    throw UsageError(
        fmt::format("{}: cannot write '{}': directory '{}' does not exist or is not "
                    "writable (use a writable path, or - for stdout)",
                    flag, path, parent.string()));
}

}  // namespace zbench
