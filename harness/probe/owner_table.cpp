// Sharded open-addressing hash table (linear probing, backward-shift deletion) backing the
// probe's per-block owner records. Each shard has its own spinlock and grows by rehashing into
// a fresh mmap'd array, so exact counts never depend on a fixed capacity.
#include "owner_table.hpp"

#include <sys/mman.h>

#include <atomic>

namespace zbench::probe {
namespace {

struct Slot {
  std::uintptr_t key;  // 0 = empty
  Owner owner;
};

struct Shard {
  std::atomic_flag lock = ATOMIC_FLAG_INIT;
  Slot* slots = nullptr;
  std::size_t capacity = 0;  // a power of two
  std::size_t used = 0;
};

constexpr std::size_t kShards = 256;
constexpr std::size_t kInitialCapacity = 1024;
Shard g_shards[kShards];

std::size_t mix(std::uintptr_t key) noexcept {
  std::uint64_t x = key;
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  return static_cast<std::size_t>(x);
}

class ShardLock {
 public:
  explicit ShardLock(Shard& s) noexcept : shard_(s) {
    while (shard_.lock.test_and_set(std::memory_order_acquire)) {
    }
  }
  ~ShardLock() { shard_.lock.clear(std::memory_order_release); }
  ShardLock(const ShardLock&) = delete;
  ShardLock& operator=(const ShardLock&) = delete;

 private:
  Shard& shard_;
};

Slot* map_slots(std::size_t capacity) noexcept {
  void* mem = mmap(nullptr, capacity * sizeof(Slot), PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  return mem == MAP_FAILED ? nullptr : static_cast<Slot*>(mem);
}

// The index holding key, or the empty index where it would go.
std::size_t find_index(const Shard& s, std::uintptr_t key) noexcept {
  std::size_t i = (mix(key) / kShards) & (s.capacity - 1);
  while (s.slots[i].key != 0 && s.slots[i].key != key) i = (i + 1) & (s.capacity - 1);
  return i;
}

// Doubles the table (or creates it); false when mmap fails, in which case nothing changes.
bool grow(Shard& s) noexcept {
  const std::size_t capacity = s.capacity == 0 ? kInitialCapacity : s.capacity * 2;
  Slot* fresh = map_slots(capacity);
  if (fresh == nullptr) return false;
  Shard moved;
  moved.slots = fresh;
  moved.capacity = capacity;
  for (std::size_t i = 0; i < s.capacity; ++i)
    if (s.slots[i].key != 0) moved.slots[find_index(moved, s.slots[i].key)] = s.slots[i];
  if (s.slots != nullptr) munmap(s.slots, s.capacity * sizeof(Slot));
  s.slots = fresh;
  s.capacity = capacity;
  return true;
}

// Backward-shift deletion keeps every remaining key reachable without tombstones.
void erase_at(Shard& s, std::size_t hole) noexcept {
  const std::size_t mask = s.capacity - 1;
  std::size_t next = (hole + 1) & mask;
  while (s.slots[next].key != 0) {
    const std::size_t home = (mix(s.slots[next].key) / kShards) & mask;
    const bool movable = ((next - home) & mask) >= ((next - hole) & mask);
    if (movable) {
      s.slots[hole] = s.slots[next];
      hole = next;
    }
    next = (next + 1) & mask;
  }
  s.slots[hole].key = 0;
  --s.used;
}

Shard& shard_of(std::uintptr_t key) noexcept { return g_shards[mix(key) % kShards]; }

}  // namespace

void owner_insert(const void* p, Owner owner) noexcept {
  const auto key = reinterpret_cast<std::uintptr_t>(p);
  if (key == 0) return;
  Shard& s = shard_of(key);
  ShardLock lock(s);
  if ((s.used + 1) * 2 > s.capacity && !grow(s)) return;
  const std::size_t i = find_index(s, key);
  if (s.slots[i].key == 0) ++s.used;
  s.slots[i] = Slot{key, owner};
}

bool owner_take(const void* p, Owner& out) noexcept {
  const auto key = reinterpret_cast<std::uintptr_t>(p);
  if (key == 0) return false;
  Shard& s = shard_of(key);
  ShardLock lock(s);
  if (s.capacity == 0) return false;
  const std::size_t i = find_index(s, key);
  if (s.slots[i].key == 0) return false;
  out = s.slots[i].owner;
  erase_at(s, i);
  return true;
}

}  // namespace zbench::probe
