// Shares of samples computed from folded stacks: the allocator share (overall and per thread
// role), its release-side part, the wrapper-indirection share, and per-symbol self and total
// shares for the top-symbols table.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "profile/folded_stacks.hpp"

namespace zbench::profile {

struct RoleShare {
  std::uint64_t samples = 0;
  std::uint64_t allocator_samples = 0;  // samples whose stack holds an allocator frame
  double share() const { return samples == 0 ? 0 : double(allocator_samples) / double(samples); }
};

struct AllocatorShare {
  std::uint64_t samples = 0;
  std::uint64_t allocator_samples = 0;
  std::uint64_t free_samples = 0;     // allocator samples on the release side
  std::uint64_t wrapper_samples = 0;  // samples whose leaf is a wrapper/PLT frame (self time)
  std::map<std::string, RoleShare> by_role;  // role name -> share among that role's samples
  double share() const { return samples == 0 ? 0 : double(allocator_samples) / double(samples); }
  double free_share() const { return samples == 0 ? 0 : double(free_samples) / double(samples); }
  double wrapper_share() const { return samples == 0 ? 0 : double(wrapper_samples) / double(samples); }
};

AllocatorShare allocator_share(const FoldedStacks& folded);

struct SymbolShare {
  std::string symbol;
  double self = 0;   // fraction of samples with this symbol as the leaf
  double total = 0;  // fraction of samples with this symbol anywhere on the stack
};

// The symbols by descending self share (ties by name), at most limit of them; role roots excluded.
std::vector<SymbolShare> top_symbols(const FoldedStacks& folded, std::size_t limit);

struct SymbolDelta {
  std::string symbol;
  double base_total = 0, other_total = 0;  // total shares in each profile
  double delta() const { return other_total - base_total; }
};

// Symbols whose total share differs most between two profiles (by |delta|, ties by name).
std::vector<SymbolDelta> symbol_deltas(const FoldedStacks& base, const FoldedStacks& other,
                                       std::size_t limit);

}  // namespace zbench::profile
