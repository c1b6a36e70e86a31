// The probe's record of who allocated each live block: pointer -> (allocating thread slot, size).
// It never calls malloc (storage comes from mmap), so the allocation hooks can use it freely.
#pragma once

#include <cstddef>
#include <cstdint>

namespace zbench::probe {

struct Owner {
  std::uint32_t slot = 0;  // probe thread slot of the allocating thread
  std::uint64_t size = 0;  // requested size in bytes
};

// insert(p, owner): records a new live block; a stale record for p (a block freed by a path the
// probe never saw) is overwritten. Thread-safe.
void owner_insert(const void* p, Owner owner) noexcept;

// take(p, out): removes p's record and returns true with it, or false when p is unknown
// (allocated before the probe was loaded, or by memory the probe does not see). Thread-safe.
bool owner_take(const void* p, Owner& out) noexcept;

}  // namespace zbench::probe
