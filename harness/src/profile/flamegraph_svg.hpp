// Self-contained flamegraph SVGs rendered from folded stacks: one profile (width = samples,
// allocator frames in blue-green so the allocator share is visible at a glance), or a
// differential graph (width = the second profile, colour = change of share from the first:
// red grew, blue shrank).
#pragma once

#include <string>

#include "profile/folded_stacks.hpp"

namespace zbench::profile {

struct FlamegraphOptions {
  std::string title;
  std::string subtitle;
  int width = 1200;       // pixels
  int frame_height = 16;  // pixels
};

std::string render_flamegraph(const FoldedStacks& folded, const FlamegraphOptions& options);

std::string render_differential_flamegraph(const FoldedStacks& base, const FoldedStacks& other,
                                           const FlamegraphOptions& options);

}  // namespace zbench::profile
