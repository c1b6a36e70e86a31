// The call tree behind a flamegraph: folded stacks merged by path. Each node holds the samples
// of the profile drawn and, for differential graphs, the baseline's samples on the same path.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "profile/folded_stacks.hpp"

namespace zbench::profile {

struct FlameNode {
  std::uint64_t count = 0;       // samples of the drawn profile through this node
  std::uint64_t base_count = 0;  // baseline samples through the same path (differential only)
  std::map<std::string, FlameNode> children;  // ordered by name: stable layout
};

// Adds every stack of folded to root (count or base_count per as_base).
void add_stacks(FlameNode& root, const FoldedStacks& folded, bool as_base);
int tree_depth(const FlameNode& node);

}  // namespace zbench::profile
