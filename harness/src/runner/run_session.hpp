// Runs the matrix: one fresh worker process per (cell, run, variant), variants interleaved and
// rotated so drift hits every variant alike, each finished run appended to samples.jsonl at once.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "matrix/matrix.hpp"
#include "model/manifest.hpp"
#include "model/sample.hpp"
#include "runner/variants.hpp"

namespace zbench {

struct RunRequest {
  std::vector<Cell> cells;
  std::vector<SelectedVariant> variants;
  Manifest manifest;  // parameters filled in; written to results_dir/manifest.json
  std::filesystem::path results_dir;
  std::string worker_dir;
  int stall_timeout_ms = 5000;
  bool progress_terminal = false;
};

struct RunOutcome {
  std::vector<Sample> samples;  // every sample in the directory, resumed ones included
  Manifest manifest;            // with allocator_verified filled in
  std::size_t executed = 0;     // runs executed by this session
  std::size_t failures = 0;     // failed samples in the directory
  bool interrupted = false;     // Ctrl-C / SIGTERM: the directory is left resumable
};

// One job of the schedule, in execution order.
struct Job {
  Cell cell;
  int run;
  int slot;             // position of the variant in this (cell, run)'s order
  std::size_t variant;  // index into RunRequest::variants
};

// Runs are the outer loop, so every cell's repetitions are spread over the whole session; within
// a (cell, run) the variant order is rotated by (run + cell index): A B, B A, ...
std::vector<Job> schedule(const std::vector<Cell>& cells, int runs, std::size_t variants);

// Executes the jobs not yet present in results_dir/samples.jsonl. Throws on I/O errors.
RunOutcome run_matrix(const RunRequest& request);

// The phase flags every worker takes (I/O threads, HWM, durations, stall timeout), so `run` and
// `profile` start workers identically.
std::vector<std::string> worker_phase_args(const RunParameters& p, int stall_timeout_ms);

void write_manifest(const std::filesystem::path& dir, const Manifest& manifest);
Manifest read_manifest(const std::filesystem::path& dir);

}  // namespace zbench
