// Share computations over folded stacks. A sample counts once per symbol for "total" even when
// the symbol recurses, so totals stay fractions of samples.
#include "profile/stack_shares.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "profile/allocator_frames.hpp"

namespace zbench::profile {
namespace {

struct Tally {
  std::map<std::string, std::uint64_t> self, total;
  std::uint64_t samples = 0;
};

Tally tally(const FoldedStacks& folded) {
  Tally t;
  for (const auto& [stack, count] : folded) {
    const auto frames = split_frames(stack);
    t.samples += count;
    std::set<std::string_view> seen;
    for (std::size_t i = 1; i < frames.size(); ++i)
      if (seen.insert(frames[i]).second) t.total[std::string(frames[i])] += count;
    if (frames.size() > 1) t.self[std::string(frames.back())] += count;
  }
  return t;
}

double fraction(std::uint64_t n, std::uint64_t of) { return of == 0 ? 0 : double(n) / double(of); }

}  // namespace

AllocatorShare allocator_share(const FoldedStacks& folded) {
  AllocatorShare out;
  for (const auto& [stack, count] : folded) {
    const auto frames = split_frames(stack);
    RoleShare& role = out.by_role[std::string(frames.front())];
    out.samples += count;
    role.samples += count;
    const bool in_alloc = std::any_of(frames.begin() + 1, frames.end(), is_allocator_frame);
    const bool in_free = std::any_of(frames.begin() + 1, frames.end(), is_free_frame);
    if (in_alloc) {
      out.allocator_samples += count;
      role.allocator_samples += count;
    }
    if (in_free) out.free_samples += count;
    if (frames.size() > 1 && is_allocator_wrapper_frame(frames.back())) out.wrapper_samples += count;
  }
  return out;
}

std::vector<SymbolShare> top_symbols(const FoldedStacks& folded, std::size_t limit) {
  const Tally t = tally(folded);
  std::vector<SymbolShare> out;
  for (const auto& [symbol, total] : t.total) {
    const auto self = t.self.find(symbol);
    out.push_back({symbol, fraction(self == t.self.end() ? 0 : self->second, t.samples),
                   fraction(total, t.samples)});
  }
  std::sort(out.begin(), out.end(), [](const SymbolShare& a, const SymbolShare& b) {
    return a.self != b.self ? a.self > b.self : a.symbol < b.symbol;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

std::vector<SymbolDelta> symbol_deltas(const FoldedStacks& base, const FoldedStacks& other,
                                       std::size_t limit) {
  const Tally a = tally(base), b = tally(other);
  std::map<std::string, SymbolDelta> merged;
  for (const auto& [s, n] : a.total) merged[s].base_total = fraction(n, a.samples);
  for (const auto& [s, n] : b.total) merged[s].other_total = fraction(n, b.samples);
  std::vector<SymbolDelta> out;
  for (auto& [s, d] : merged) {
    d.symbol = s;
    out.push_back(d);
  }
  std::sort(out.begin(), out.end(), [](const SymbolDelta& x, const SymbolDelta& y) {
    const double dx = std::fabs(x.delta()), dy = std::fabs(y.delta());
    return dx != dy ? dx > dy : x.symbol < y.symbol;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

}  // namespace zbench::profile
