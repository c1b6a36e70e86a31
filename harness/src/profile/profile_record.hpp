// What `zbench profile` measured, as plain records: per variant and cell the perf profile
// (allocator shares, top symbols, files) and the probe counts; per compared pair and cell the
// symbols whose share moved most. Stored as profile.json; the attribution reads only this.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "profile/probe_report.hpp"
#include "profile/stack_shares.hpp"

namespace zbench::profile {

inline constexpr int kProfileSchemaVersion = 1;

struct CellProfile {
  std::string variant;    // label: "zlink-mimalloc"
  std::string allocator;  // the variant's declared allocator: glibc, std, mimalloc
  std::string cell;       // cell key: "PAIR/tcp/64"
  bool perf_ok = false;
  std::string perf_note;  // why there is no profile, or "" when there is
  AllocatorShare share;
  std::vector<SymbolShare> top;
  std::string folded_file, svg_file;  // relative to the profile directory
  double msgs_per_sec = 0;            // throughput of the profiled run (indicative: one run)
  bool probe_ok = false;
  std::string probe_note;
  ProbeCounts probe;
};

struct PairCell {
  std::string base, other, cell;
  std::string svg_file;  // differential flamegraph (width: other, colour: change from base)
  std::vector<SymbolDelta> deltas;
};

struct ProfileDocument {
  int schema_version = kProfileSchemaVersion;
  std::string command_line;
  std::string perf_status;  // "ok" or the reason perf could not record
  std::vector<CellProfile> cells;
  std::vector<PairCell> pairs;
  std::string micro_file;   // micro-benchmark JSON, relative; "" when not run
};

// The profile of (variant, cell), or nullptr.
const CellProfile* find_cell(const ProfileDocument& doc, const std::string& variant,
                             const std::string& cell);

// c (may be null) has probe counts that divide per message, the kernel's included (probe
// reports written before the probe recorded them have none).
inline bool has_kernel_per_message(const CellProfile* c) {
  return c != nullptr && c->probe_ok && c->probe.has_kernel_counts && c->probe.messages > 0;
}

void to_json(nlohmann::json& j, const ProfileDocument& d);
void from_json(const nlohmann::json& j, ProfileDocument& d);

// Reads DIR/profile.json; throws std::runtime_error naming the file on failure.
ProfileDocument read_profile_document(const std::string& dir);
void write_profile_document(const std::string& dir, const ProfileDocument& doc);

}  // namespace zbench::profile
