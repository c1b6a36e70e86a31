// LD_PRELOAD interposers for mimalloc's own entry points, so a library that calls mi_malloc /
// mi_free directly (zlink built with ZLINK_ALLOCATOR=mimalloc) is counted like malloc users.
// The next definition is looked up on first use: libmimalloc may not be loaded at all.
#include <dlfcn.h>

#include <atomic>
#include <cstddef>

#include "hook_guard.hpp"
#include "probe_state.hpp"

namespace zbench::probe {
namespace {

template <typename Fn>
Fn next_definition(std::atomic<void*>& cache, const char* name) noexcept {
  void* fn = cache.load(std::memory_order_relaxed);
  if (fn == nullptr) {
    fn = dlsym(RTLD_NEXT, name);
    cache.store(fn, std::memory_order_relaxed);
  }
  return reinterpret_cast<Fn>(fn);
}

void* counted(void* p, std::size_t size, const HookGuard& guard) noexcept {
  if (guard.outermost()) record_alloc(p, size);
  return p;
}

void uncount(void* p, const HookGuard& guard) noexcept {
  if (guard.outermost()) record_free(p);
}

}  // namespace
}  // namespace zbench::probe

using namespace zbench::probe;

#define ZB_EXPORT extern "C" __attribute__((visibility("default")))

// An allocating entry point: NAME(PARAMS) forwards ARGS and counts SIZE bytes.
#define ZB_MI_ALLOC(name, size, params, args)                                   \
  ZB_EXPORT void* name params {                                                 \
    static std::atomic<void*> cache{nullptr};                                   \
    HookGuard guard;                                                            \
    auto* fn = next_definition<void* (*) params>(cache, #name);                 \
    return counted(fn args, size, guard);                                       \
  }

// A releasing entry point: NAME(PARAMS) forwards ARGS and uncounts P.
#define ZB_MI_FREE(name, params, args)                                          \
  ZB_EXPORT void name params {                                                  \
    static std::atomic<void*> cache{nullptr};                                   \
    HookGuard guard;                                                            \
    if (p != nullptr) uncount(p, guard);                                        \
    next_definition<void (*) params>(cache, #name) args;                        \
  }

// A resizing entry point: one free of P (when set) and one allocation of SIZE bytes.
#define ZB_MI_REALLOC(name, size, params, args)                                 \
  ZB_EXPORT void* name params {                                                 \
    static std::atomic<void*> cache{nullptr};                                   \
    HookGuard guard;                                                            \
    if (p != nullptr) uncount(p, guard);                                        \
    return counted(next_definition<void* (*) params>(cache, #name) args, size, guard); \
  }

ZB_MI_ALLOC(mi_malloc, n, (std::size_t n), (n))
ZB_MI_ALLOC(mi_zalloc, n, (std::size_t n), (n))
ZB_MI_ALLOC(mi_malloc_small, n, (std::size_t n), (n))
ZB_MI_ALLOC(mi_zalloc_small, n, (std::size_t n), (n))
ZB_MI_ALLOC(mi_calloc, c * n, (std::size_t c, std::size_t n), (c, n))
ZB_MI_ALLOC(mi_mallocn, c * n, (std::size_t c, std::size_t n), (c, n))
ZB_MI_ALLOC(mi_malloc_aligned, n, (std::size_t n, std::size_t a), (n, a))
ZB_MI_ALLOC(mi_zalloc_aligned, n, (std::size_t n, std::size_t a), (n, a))
ZB_MI_ALLOC(mi_calloc_aligned, c * n, (std::size_t c, std::size_t n, std::size_t a), (c, n, a))
ZB_MI_ALLOC(mi_new, n, (std::size_t n), (n))
ZB_MI_ALLOC(mi_new_nothrow, n, (std::size_t n), (n))
ZB_MI_ALLOC(mi_new_aligned, n, (std::size_t n, std::size_t a), (n, a))
ZB_MI_ALLOC(mi_new_n, c * n, (std::size_t c, std::size_t n), (c, n))
ZB_MI_ALLOC(mi_aligned_alloc, n, (std::size_t a, std::size_t n), (a, n))
ZB_MI_ALLOC(mi_memalign, n, (std::size_t a, std::size_t n), (a, n))
ZB_MI_REALLOC(mi_realloc, n, (void* p, std::size_t n), (p, n))
ZB_MI_REALLOC(mi_reallocf, n, (void* p, std::size_t n), (p, n))
ZB_MI_REALLOC(mi_realloc_aligned, n, (void* p, std::size_t n, std::size_t a), (p, n, a))
ZB_MI_FREE(mi_free, (void* p), (p))
ZB_MI_FREE(mi_cfree, (void* p), (p))
ZB_MI_FREE(mi_free_size, (void* p, std::size_t n), (p, n))
ZB_MI_FREE(mi_free_aligned, (void* p, std::size_t a), (p, a))
ZB_MI_FREE(mi_free_size_aligned, (void* p, std::size_t n, std::size_t a), (p, n, a))
