// Runs `zbench profile`: for each variant and cell, one worker run under perf record (folded
// stacks, flamegraph, allocator shares, top symbols) and one run with the allocation probe
// preloaded (exact counts); then differential flamegraphs per compared pair.
#pragma once

#include <string>
#include <vector>

#include "matrix/matrix.hpp"
#include "profile/perf_tool.hpp"
#include "profile/profile_record.hpp"
#include "runner/variants.hpp"

namespace zbench::profile {

enum class CallGraphChoice { automatic, fp, dwarf };

struct ProfileRequest {
  std::vector<Cell> cells;
  std::vector<SelectedVariant> variants;
  std::string worker_dir;
  std::string out_dir;
  std::string probe_library;   // "" = no probe runs
  bool use_perf = true;
  CallGraphChoice call_graph = CallGraphChoice::automatic;
  int frequency_hz = 999;
  std::vector<std::string> worker_args;  // --warmup ... appended after --cell/--run
  double timeout_s = 60;
  std::string command_line;
};

// Writes everything under request.out_dir and returns the document (also saved as profile.json
// and rendered as profile.md). Progress goes to stderr.
ProfileDocument run_profile(const ProfileRequest& request);

}  // namespace zbench::profile
