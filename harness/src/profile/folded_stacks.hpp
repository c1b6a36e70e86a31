// Folded stacks: "root;caller;...;leaf count" lines, the exchange format of flamegraphs. The
// root frame of every stack is the sampled thread's role, so one graph shows each role apart.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "profile/perf_script.hpp"

namespace zbench::profile {

// Stack (frames joined by ';', root first) -> number of samples. Ordered, so output is stable.
using FoldedStacks = std::map<std::string, std::uint64_t>;

FoldedStacks fold(const std::vector<StackSample>& samples);
std::uint64_t total_samples(const FoldedStacks& folded);

// One "stack count" line per stack, in key order.
std::string to_text(const FoldedStacks& folded);
// Reads to_text output; throws std::runtime_error naming the bad line.
FoldedStacks parse_folded(std::string_view text);

// Splits a folded key into its frames.
std::vector<std::string_view> split_frames(std::string_view stack);

}  // namespace zbench::profile
