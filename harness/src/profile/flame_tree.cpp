// Building the flamegraph call tree from folded stacks.
#include "profile/flame_tree.hpp"

#include <algorithm>

namespace zbench::profile {

void add_stacks(FlameNode& root, const FoldedStacks& folded, bool as_base) {
  for (const auto& [stack, count] : folded) {
    FlameNode* node = &root;
    (as_base ? node->base_count : node->count) += count;
    for (const auto frame : split_frames(stack)) {
      node = &node->children[std::string(frame)];
      (as_base ? node->base_count : node->count) += count;
    }
  }
}

int tree_depth(const FlameNode& node) {
  int deepest = 0;
  for (const auto& [name, child] : node.children) deepest = std::max(deepest, tree_depth(child));
  return 1 + deepest;
}

}  // namespace zbench::profile
