// Where a run's files go: results/<run-id>/ and reports/<run-id>/ by default, one directory with
// --out, and for --resume the directory given (its report beside it, as it was first written).
#pragma once

#include <filesystem>
#include <string>

namespace zbench {

struct RunLayout {
  std::filesystem::path results_dir;  // manifest.json, samples.jsonl, results.json
  std::filesystem::path report_dir;   // summary.md (and charts)
};

RunLayout default_layout(const std::filesystem::path& results_root,
                         const std::filesystem::path& reports_root, const std::string& run_id);
RunLayout out_layout(const std::filesystem::path& out);
// Throws UsageError naming `flag` when dir is not a results directory (no manifest.json).
RunLayout existing_layout(const std::filesystem::path& dir, const std::string& flag);
inline RunLayout resume_layout(const std::filesystem::path& dir) {
  return existing_layout(dir, "--resume");
}

}  // namespace zbench
