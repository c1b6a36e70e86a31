// Writing a results document: results.json into the results directory, summary.md (and charts)
// into the report directory, and the --export-json / --export-markdown copies ("-" = stdout).
#pragma once

#include <filesystem>
#include <string>

#include "report/results_document.hpp"

namespace zbench {

struct OutputTargets {
  std::filesystem::path results_dir;  // results.json goes here; empty = not written
  std::filesystem::path report_dir;   // summary.md goes here; empty = not written
  std::string export_json;            // file path, "-" for stdout, empty for none
  std::string export_markdown;
  bool print_summary = true;  // print summary.md to stdout when nothing else is
  std::string appendix;       // markdown appended to every copy (e.g. attribution);
                              // its links must be relative to report_dir
};

// Writes every requested output; returns the markdown. Throws std::runtime_error naming the
// path that could not be written.
std::string write_outputs(const ResultsDocument& doc, const OutputTargets& targets);

// Fails early (UsageError naming `flag`) when dir cannot be created or written.
void ensure_writable_dir(const std::filesystem::path& dir, const std::string& flag);

// Fails early when the parent directory of an export file is not writable ("-" is always fine).
void ensure_writable_file(const std::string& path, const std::string& flag);

}  // namespace zbench
