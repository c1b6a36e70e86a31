// Counters behind the allocation probe. Counts are relaxed atomics (exactness needs atomicity,
// not ordering); thread slots are handed out once per thread from a counter.
#include "probe_state.hpp"

#include <sys/prctl.h>
#include <sys/resource.h>

#include <atomic>
#include <bit>

#include "owner_table.hpp"

namespace zbench::probe {
namespace {

using Counter = std::atomic<std::uint64_t>;

struct LiveThread {
  Counter allocs, frees, bytes, cross_frees;
  char name[kNameLen];
};

Counter g_allocs, g_frees, g_bytes_allocated, g_bytes_freed, g_cross_frees, g_untracked_frees;
Counter g_hist[kBuckets];
LiveThread g_threads[kMaxThreads];
Counter g_cross[kMaxThreads][kMaxThreads];
std::atomic<int> g_next_slot{0};

// initial-exec: a preloaded library's TLS is static, and the default model could call malloc.
thread_local int t_slot __attribute__((tls_model("initial-exec"))) = -1;
thread_local std::uint64_t t_ops __attribute__((tls_model("initial-exec"))) = 0;

// Thread names are set after a thread starts, so the name is re-read now and then.
void refresh_name(int slot) noexcept {
  ++t_ops;
  if (t_ops > 64 && (t_ops & 1023) != 0) return;
  char buf[kNameLen] = {};
  if (prctl(PR_GET_NAME, buf, 0, 0, 0) != 0) return;
  for (int i = 0; i < kNameLen; ++i) g_threads[slot].name[i] = buf[i];
}

int my_slot() noexcept {
  if (t_slot < 0) {
    const int next = g_next_slot.fetch_add(1, std::memory_order_relaxed);
    t_slot = next < kMaxThreads ? next : kMaxThreads - 1;
  }
  refresh_name(t_slot);
  return t_slot;
}

void add(Counter& c, std::uint64_t n = 1) noexcept { c.fetch_add(n, std::memory_order_relaxed); }
std::uint64_t get(const Counter& c) noexcept { return c.load(std::memory_order_relaxed); }

}  // namespace

int bucket_of(std::size_t size) noexcept {
  if (size <= 1) return 0;
  const int b = static_cast<int>(std::bit_width(size - 1));
  return b < kBuckets ? b : kBuckets - 1;
}

void record_alloc(const void* p, std::size_t size) noexcept {
  if (p == nullptr) return;
  const int slot = my_slot();
  add(g_allocs);
  add(g_bytes_allocated, size);
  add(g_hist[bucket_of(size)]);
  add(g_threads[slot].allocs);
  add(g_threads[slot].bytes, size);
  owner_insert(p, Owner{static_cast<std::uint32_t>(slot), size});
}

void record_free(const void* p) noexcept {
  if (p == nullptr) return;
  const int slot = my_slot();
  Owner owner;
  if (!owner_take(p, owner)) {
    add(g_untracked_frees);
    return;
  }
  add(g_frees);
  add(g_bytes_freed, owner.size);
  add(g_threads[slot].frees);
  if (static_cast<int>(owner.slot) != slot) {
    add(g_cross_frees);
    add(g_threads[slot].cross_frees);
    add(g_cross[owner.slot][slot]);
  }
}

void take_snapshot(Snapshot& out) noexcept {
  out.allocs = get(g_allocs);
  out.frees = get(g_frees);
  out.bytes_allocated = get(g_bytes_allocated);
  out.bytes_freed = get(g_bytes_freed);
  out.cross_frees = get(g_cross_frees);
  out.untracked_frees = get(g_untracked_frees);
  rusage ru{};
  if (getrusage(RUSAGE_SELF, &ru) == 0)
    out.kernel = KernelCounts{static_cast<std::uint64_t>(ru.ru_minflt), static_cast<std::uint64_t>(ru.ru_majflt),
                              static_cast<std::uint64_t>(ru.ru_nvcsw), static_cast<std::uint64_t>(ru.ru_nivcsw)};
  for (int b = 0; b < kBuckets; ++b) out.hist[b] = get(g_hist[b]);
  const int n = g_next_slot.load(std::memory_order_relaxed);
  out.thread_count = n < kMaxThreads ? n : kMaxThreads;
  for (int t = 0; t < kMaxThreads; ++t) {
    const LiveThread& l = g_threads[t];
    out.threads[t] = ThreadCounts{get(l.allocs), get(l.frees), get(l.bytes), get(l.cross_frees)};
    for (int u = 0; u < kMaxThreads; ++u) out.cross[t][u] = get(g_cross[t][u]);
  }
}

void subtract(const Snapshot& end, const Snapshot& begin, Snapshot& out) noexcept {
  out.allocs = end.allocs - begin.allocs;
  out.frees = end.frees - begin.frees;
  out.bytes_allocated = end.bytes_allocated - begin.bytes_allocated;
  out.bytes_freed = end.bytes_freed - begin.bytes_freed;
  out.cross_frees = end.cross_frees - begin.cross_frees;
  out.untracked_frees = end.untracked_frees - begin.untracked_frees;
  out.kernel = KernelCounts{end.kernel.minor_faults - begin.kernel.minor_faults,
                            end.kernel.major_faults - begin.kernel.major_faults,
                            end.kernel.voluntary_switches - begin.kernel.voluntary_switches,
                            end.kernel.involuntary_switches - begin.kernel.involuntary_switches};
  for (int b = 0; b < kBuckets; ++b) out.hist[b] = end.hist[b] - begin.hist[b];
  out.thread_count = end.thread_count;
  for (int t = 0; t < kMaxThreads; ++t) {
    const ThreadCounts& e = end.threads[t];
    const ThreadCounts& s = begin.threads[t];
    out.threads[t] = ThreadCounts{e.allocs - s.allocs, e.frees - s.frees, e.bytes - s.bytes,
                                  e.cross_frees - s.cross_frees};
    for (int u = 0; u < kMaxThreads; ++u) out.cross[t][u] = end.cross[t][u] - begin.cross[t][u];
  }
}

const char* thread_name(int slot) noexcept { return g_threads[slot].name; }

}  // namespace zbench::probe
