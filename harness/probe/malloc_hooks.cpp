// LD_PRELOAD interposers for the C allocation functions. Each forwards to the next definition
// (glibc, or a preloaded mimalloc) and records the outermost call. Lookups of the next
// definitions happen in a constructor; allocations made while dlsym itself runs are served
// from a static bootstrap buffer that is never returned to the real allocator.
#include <dlfcn.h>

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "hook_guard.hpp"
#include "probe_state.hpp"

namespace zbench::probe {

thread_local int t_depth __attribute__((tls_model("initial-exec"))) = 0;

namespace {

struct Real {
  void* (*malloc)(std::size_t);
  void (*free)(void*);
  void* (*calloc)(std::size_t, std::size_t);
  void* (*realloc)(void*, std::size_t);
  void* (*reallocarray)(void*, std::size_t, std::size_t);
  int (*posix_memalign)(void**, std::size_t, std::size_t);
  void* (*aligned_alloc)(std::size_t, std::size_t);
  void* (*memalign)(std::size_t, std::size_t);
  void* (*valloc)(std::size_t);
  void* (*pvalloc)(std::size_t);
};

Real g_real;
bool g_resolving = false;
alignas(64) unsigned char g_bootstrap[64 * 1024];
std::size_t g_bootstrap_used = 0;

void* bootstrap_alloc(std::size_t n) noexcept {
  const std::size_t start = (g_bootstrap_used + 15) & ~std::size_t{15};
  if (start + n > sizeof g_bootstrap) return nullptr;
  g_bootstrap_used = start + n;
  return g_bootstrap + start;
}

bool is_bootstrap(const void* p) noexcept {
  const auto* b = static_cast<const unsigned char*>(p);
  return b >= g_bootstrap && b < g_bootstrap + sizeof g_bootstrap;
}

template <typename Fn>
void resolve(Fn& slot, const char* name) noexcept {
  slot = reinterpret_cast<Fn>(dlsym(RTLD_NEXT, name));
}

void resolve_all() noexcept {
  if (g_real.malloc != nullptr || g_resolving) return;
  g_resolving = true;
  resolve(g_real.free, "free");
  resolve(g_real.calloc, "calloc");
  resolve(g_real.realloc, "realloc");
  resolve(g_real.reallocarray, "reallocarray");
  resolve(g_real.posix_memalign, "posix_memalign");
  resolve(g_real.aligned_alloc, "aligned_alloc");
  resolve(g_real.memalign, "memalign");
  resolve(g_real.valloc, "valloc");
  resolve(g_real.pvalloc, "pvalloc");
  resolve(g_real.malloc, "malloc");
  g_resolving = false;
}

__attribute__((constructor(101))) void init_hooks() { resolve_all(); }

// The outermost call records; a pointer from the real allocator is counted as allocated.
void* counted(void* p, std::size_t size, const HookGuard& guard) noexcept {
  if (guard.outermost()) record_alloc(p, size);
  return p;
}

}  // namespace
}  // namespace zbench::probe

using namespace zbench::probe;

#define ZB_EXPORT extern "C" __attribute__((visibility("default")))

ZB_EXPORT void* malloc(std::size_t n) {
  if (g_real.malloc == nullptr) {
    if (g_resolving) return bootstrap_alloc(n);
    resolve_all();
  }
  HookGuard guard;
  return counted(g_real.malloc(n), n, guard);
}

ZB_EXPORT void free(void* p) {
  if (p == nullptr || is_bootstrap(p)) return;
  HookGuard guard;
  if (guard.outermost()) record_free(p);
  g_real.free(p);
}

ZB_EXPORT void* calloc(std::size_t n, std::size_t size) {
  if (g_real.calloc == nullptr) {
    if (g_resolving) return bootstrap_alloc(n * size);  // static storage is already zeroed
    resolve_all();
  }
  HookGuard guard;
  return counted(g_real.calloc(n, size), n * size, guard);
}

// realloc(p, n) with both set counts as one free of p and one allocation of n bytes;
// realloc(nullptr, n) as an allocation only.
ZB_EXPORT void* realloc(void* p, std::size_t n) {
  if (p != nullptr && is_bootstrap(p)) {
    void* fresh = malloc(n);
    if (fresh != nullptr) std::memcpy(fresh, p, n < 256 ? n : 256);
    return fresh;
  }
  if (g_real.realloc == nullptr) resolve_all();
  HookGuard guard;
  if (guard.outermost() && p != nullptr) record_free(p);
  return counted(g_real.realloc(p, n), n, guard);
}

ZB_EXPORT void* reallocarray(void* p, std::size_t n, std::size_t size) {
  if (g_real.reallocarray == nullptr) resolve_all();
  HookGuard guard;
  if (guard.outermost() && p != nullptr) record_free(p);
  return counted(g_real.reallocarray(p, n, size), n * size, guard);
}

ZB_EXPORT int posix_memalign(void** out, std::size_t align, std::size_t n) {
  if (g_real.posix_memalign == nullptr) resolve_all();
  HookGuard guard;
  const int rc = g_real.posix_memalign(out, align, n);
  if (rc == 0) counted(*out, n, guard);
  return rc;
}

ZB_EXPORT void* aligned_alloc(std::size_t align, std::size_t n) {
  if (g_real.aligned_alloc == nullptr) resolve_all();
  HookGuard guard;
  return counted(g_real.aligned_alloc(align, n), n, guard);
}

ZB_EXPORT void* memalign(std::size_t align, std::size_t n) {
  if (g_real.memalign == nullptr) resolve_all();
  HookGuard guard;
  return counted(g_real.memalign(align, n), n, guard);
}

ZB_EXPORT void* valloc(std::size_t n) {
  if (g_real.valloc == nullptr) resolve_all();
  HookGuard guard;
  return counted(g_real.valloc(n), n, guard);
}

ZB_EXPORT void* pvalloc(std::size_t n) {
  if (g_real.pvalloc == nullptr) resolve_all();
  HookGuard guard;
  return counted(g_real.pvalloc(n), n, guard);
}
