// Thread caches and the shared depot of raw payload blocks (see the header). Blocks are matched
// by capacity within a factor of two, which suits a benchmark run where every payload has the
// same size; anything else simply falls through to malloc.
#include "backends/raw/block_pool.hpp"

#include <cstdlib>
#include <mutex>
#include <new>
#include <vector>

namespace zbench::raw {
namespace {

struct Block {
  unsigned char* data;
  std::size_t capacity;
};

constexpr std::size_t kBatch = 32;  // blocks moved between a thread and the depot
constexpr std::size_t kThreadLimit = 2 * kBatch;
constexpr std::size_t kDepotLimit = 8192;  // beyond this, blocks go back to malloc

bool fits(const Block& b, std::size_t size) { return b.capacity >= size && b.capacity / 2 < size; }

struct Depot {
  std::mutex mutex;
  std::vector<Block> blocks;
};

Depot& depot() {
  static Depot* d = new Depot;  // never destroyed: thread caches may flush into it at exit
  return *d;
}

struct ThreadCache {
  std::vector<Block> blocks;
  ~ThreadCache() {
    for (const Block& b : blocks) release_to_depot(b);
  }
  static void release_to_depot(const Block& b) {
    Depot& d = depot();
    std::lock_guard<std::mutex> lock(d.mutex);
    if (d.blocks.size() < kDepotLimit)
      d.blocks.push_back(b);
    else
      std::free(b.data);
  }
  // Moves up to kBatch blocks that fit `size` from the depot into this cache.
  void refill(std::size_t size) {
    Depot& d = depot();
    std::lock_guard<std::mutex> lock(d.mutex);
    for (std::size_t i = d.blocks.size(); i-- > 0 && blocks.size() < kBatch;) {
      if (!fits(d.blocks[i], size)) continue;
      blocks.push_back(d.blocks[i]);
      d.blocks[i] = d.blocks.back();
      d.blocks.pop_back();
    }
  }
  void spill() {
    Depot& d = depot();
    std::lock_guard<std::mutex> lock(d.mutex);
    while (blocks.size() > kBatch) {
      if (d.blocks.size() < kDepotLimit)
        d.blocks.push_back(blocks.back());
      else
        std::free(blocks.back().data);
      blocks.pop_back();
    }
  }
};

thread_local ThreadCache t_cache;

}  // namespace

unsigned char* acquire_block(std::size_t size, std::size_t* capacity) {
  ThreadCache& c = t_cache;
  if (c.blocks.empty() || !fits(c.blocks.back(), size)) c.refill(size);
  if (!c.blocks.empty() && fits(c.blocks.back(), size)) {
    const Block b = c.blocks.back();
    c.blocks.pop_back();
    *capacity = b.capacity;
    return b.data;
  }
  auto* data = static_cast<unsigned char*>(std::malloc(size));
  if (data == nullptr) throw std::bad_alloc();
  *capacity = size;
  return data;
}

void release_block(unsigned char* block, std::size_t capacity) {
  if (block == nullptr) return;
  ThreadCache& c = t_cache;
  c.blocks.push_back({block, capacity});
  if (c.blocks.size() > kThreadLimit) c.spill();
}

}  // namespace zbench::raw
