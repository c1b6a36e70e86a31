// A bounded single-producer/single-consumer ring of pointers, just enough to hand blocks from
// an allocating thread to a freeing thread in the cross-thread allocator benchmarks.
#pragma once

#include <atomic>
#include <cstddef>
#include <vector>

namespace zbench::micro {

class SpscQueue {
 public:
  explicit SpscQueue(std::size_t capacity) : slots_(capacity) {}

  // push(p): false when full (the producer retries).
  bool push(void* p) noexcept {
    const std::size_t head = head_.load(std::memory_order_relaxed);
    const std::size_t next = (head + 1) % slots_.size();
    if (next == tail_.load(std::memory_order_acquire)) return false;
    slots_[head] = p;
    head_.store(next, std::memory_order_release);
    return true;
  }

  // pop(): nullptr when empty.
  void* pop() noexcept {
    const std::size_t tail = tail_.load(std::memory_order_relaxed);
    if (tail == head_.load(std::memory_order_acquire)) return nullptr;
    void* p = slots_[tail];
    tail_.store((tail + 1) % slots_.size(), std::memory_order_release);
    return p;
  }

 private:
  std::vector<void*> slots_;
  alignas(64) std::atomic<std::size_t> head_{0};
  alignas(64) std::atomic<std::size_t> tail_{0};
};

}  // namespace zbench::micro
