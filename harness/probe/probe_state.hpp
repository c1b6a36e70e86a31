// The probe's counters: allocations, frees, bytes, a power-of-two size histogram and
// cross-thread frees, process-wide, per thread and per (allocating, freeing) thread pair;
// plus the kernel's page-fault and context-switch counts for the process at each snapshot.
// Every function here is safe to call from inside malloc: none of them allocate.
#pragma once

#include <cstddef>
#include <cstdint>

namespace zbench::probe {

inline constexpr int kMaxThreads = 128;  // threads beyond this share the last slot
inline constexpr int kBuckets = 48;      // bucket b holds sizes in (2^(b-1), 2^b]; b = 0: size <= 1
inline constexpr int kNameLen = 16;      // Linux thread names are at most 15 chars + NUL

struct ThreadCounts {
  std::uint64_t allocs, frees, bytes, cross_frees;  // cross_frees: frees of others' blocks
};

// From getrusage(RUSAGE_SELF): all threads of the process, finished ones included.
struct KernelCounts {
  std::uint64_t minor_faults, major_faults;  // pages mapped in on first touch (minor) or read from disk
  std::uint64_t voluntary_switches;          // a thread blocked: a sleep, which a wake-up ends
  std::uint64_t involuntary_switches;        // a thread was preempted
};

struct Snapshot {
  std::uint64_t allocs, frees, bytes_allocated, bytes_freed, cross_frees, untracked_frees;
  KernelCounts kernel;
  std::uint64_t hist[kBuckets];
  ThreadCounts threads[kMaxThreads];
  std::uint64_t cross[kMaxThreads][kMaxThreads];  // [allocating slot][freeing slot]
  int thread_count;
};

// record_alloc(p, size): p was just returned for a request of size bytes (nullptr: ignored).
void record_alloc(const void* p, std::size_t size) noexcept;
// record_free(p): p is about to be released (nullptr: ignored, as free(NULL) releases nothing).
void record_free(const void* p) noexcept;

// Copies the current counters into out (not atomic as a whole; callers take it when quiet).
void take_snapshot(Snapshot& out) noexcept;
// out = end - begin, field by field.
void subtract(const Snapshot& end, const Snapshot& begin, Snapshot& out) noexcept;
// The last name seen for a thread slot ("" when never seen).
const char* thread_name(int slot) noexcept;
// Histogram bucket of a request size.
int bucket_of(std::size_t size) noexcept;

}  // namespace zbench::probe
