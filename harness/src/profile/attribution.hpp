// Turns profile records into verdicts on the causes usually offered for an allocator-build
// difference. Each cause has an explicit rule over measured figures; the thresholds are below
// and the rule text is printed beside every verdict, so a reader can re-check it.
#pragma once

#include <string>
#include <vector>

#include "profile/profile_record.hpp"

namespace zbench::profile {

// Thresholds (fractions of samples are in percentage points, "pp").
inline constexpr double kHotAllocsPerMsg = 1.0;     // at least one allocation per message
inline constexpr double kColdAllocsPerMsg = 0.1;
inline constexpr double kAllocShareHot = 0.05;      // allocator share that matters
inline constexpr double kAllocShareCold = 0.01;
inline constexpr double kReuseGapPerMsg = 0.5;      // extra allocations per message
inline constexpr double kSameAllocsPerMsg = 0.1;
inline constexpr double kCrossFreesPerMsg = 0.5;
inline constexpr double kNoCrossFreesPerMsg = 0.05;
inline constexpr double kShareGap = 0.01;           // 1 pp
inline constexpr double kShareSame = 0.005;         // 0.5 pp
inline constexpr double kWrapperHot = 0.02;
inline constexpr double kWrapperCold = 0.005;
inline constexpr std::uint64_t kTcacheMaxBytes = 1024;  // glibc tcache serves up to 1032 B
inline constexpr double kFaultGapPerMsg = 0.5;      // extra page faults per message
inline constexpr double kFaultRatio = 2.0;          // ... and at least this many times as many
inline constexpr double kSameFaultsPerMsg = 0.05;

enum class Verdict { supports, refutes, cannot_tell };
std::string_view to_string(Verdict v);

struct CauseVerdict {
  std::string cause;   // the claim as people state it
  Verdict verdict = Verdict::cannot_tell;
  std::string figure;  // the measured numbers the verdict rests on
  std::string rule;    // the rule applied
};

// Figures of one variant averaged over the cells both sides of a pair have.
struct SideFigures {
  std::string variant;  // whose figures these are, named in every verdict's figure
  int cells = 0, probe_cells = 0, kernel_cells = 0;
  double allocator_share = 0, free_share = 0, wrapper_share = 0;
  double allocs_per_msg = 0, cross_frees_per_msg = 0, small_alloc_fraction = 0;
  double faults_per_msg = 0, sleeps_per_msg = 0;  // page faults, voluntary context switches
};

struct PairAttribution {
  std::string base, other;
  std::vector<std::string> cells;  // cells with data for both
  SideFigures base_all, other_all;
  std::vector<CauseVerdict> causes;
};

// Pairs to compare: (zlink, zlink-mimalloc) and (libzmq, zlink) when present, else the first
// variant against each other one.
std::vector<std::pair<std::string, std::string>> default_pairs(const ProfileDocument& doc);

// Figures of variant over cells (each cell weighted equally); cells with no data are skipped.
SideFigures side_figures(const ProfileDocument& doc, const std::string& variant,
                         const std::vector<std::string>& cells);

PairAttribution attribute(const ProfileDocument& doc, const std::string& base,
                          const std::string& other);

}  // namespace zbench::profile
