// Re-entrancy guard shared by all interposers: only the outermost allocator call of a thread
// is counted, so allocators that call each other (calloc -> malloc, mi_new -> mi_malloc,
// malloc -> mi_malloc under a preloaded mimalloc) and the probe's own dlsym count once or not at all.
#pragma once

namespace zbench::probe {

extern thread_local int t_depth __attribute__((tls_model("initial-exec")));

class HookGuard {
 public:
  HookGuard() noexcept { ++t_depth; }
  ~HookGuard() { --t_depth; }
  HookGuard(const HookGuard&) = delete;
  HookGuard& operator=(const HookGuard&) = delete;
  bool outermost() const noexcept { return t_depth == 1; }
};

}  // namespace zbench::probe
