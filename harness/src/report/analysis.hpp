// Turns raw samples into the result record: per variant and cell descriptive statistics, and
// candidate-vs-baseline comparisons with verdicts. Entry points for `zbench run`/`report`
// (one results directory) and `zbench compare` (two).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/manifest.hpp"
#include "model/sample.hpp"
#include "report/results_document.hpp"
#include "stats/bootstrap.hpp"

namespace zbench {

struct AnalysisOptions {
  std::optional<double> noise;  // overrides the manifest's noise threshold (fraction)
  std::optional<double> alpha;  // overrides the manifest's significance level
  std::size_t bootstrap_resamples = 2000;
  std::uint64_t bootstrap_seed = kDefaultBootstrapSeed;
};

// One results directory. Groups successful samples by (variant label, cell); compares every
// other variant except raw with m.parameters.baseline (an empty baseline means the first
// variant that is not raw), each build with its "-mimalloc" sibling, and a repeated label
// ("libzmq#2") only with the first label of its build (the A/A check). raw, when present, is
// the ceiling: every other variant gets its median throughput as % of raw's (raw_shares).
// Samples repeating a (variant, cell, run) supersede earlier ones (a resumed run re-did them).
// A sample feeds the throughput metrics only if its throughput phase measured something
// (messages or msgs/s > 0), and the latency metrics likewise (round trips or mean > 0).
// Throws std::invalid_argument when the baseline is not one of the variants or when noise/alpha
// are out of range (noise in [0, 1), alpha in (0, 1)).
ResultsDocument analyse(const Manifest& m, const std::vector<Sample>& samples,
                        const AnalysisOptions& options = {});

struct PairOptions {
  std::string name_a = "A";  // how the two sets are named in labels ("A:zlink") and reports
  std::string name_b = "B";
  // Which variant of A to compare with which of B. Both empty: pair every label the two sets
  // share; if they share none and each holds exactly one variant, pair those two. One given:
  // the same label on the other side.
  std::string variant_a;
  std::string variant_b;
};

// `zbench compare DIR_A DIR_B`: set B against set A (A is the baseline of every pair) over the
// cells both matrices contain, e.g. zlink-mimalloc measured today against zlink measured last
// week. Noise and alpha come from A's manifest unless overridden. Variant labels in the result
// are prefixed with the set names. Throws std::invalid_argument naming the variants of each set
// when they cannot be paired, and when no cell is common to both.
ResultsDocument analyse_pair(const Manifest& a, const std::vector<Sample>& sa, const Manifest& b,
                             const std::vector<Sample>& sb, const PairOptions& pairing = {},
                             const AnalysisOptions& options = {});

}  // namespace zbench
