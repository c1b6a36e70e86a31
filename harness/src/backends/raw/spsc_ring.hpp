// The inproc transport of the raw backend: a bounded lock-free single-producer/single-consumer
// ring of messages between two threads. Messages are moved in and out (the payload block
// travels by pointer, as with libzmq's and zlink's inproc pipes); a full ring blocks the
// producer, an empty one the consumer, each until a deadline.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>

#include "backends/raw/wait_event.hpp"

namespace zbench::raw {

template <class T>
class SpscRing {
 public:
  // Holds at least min_capacity items (rounded up to a power of two, at least 2).
  explicit SpscRing(std::size_t min_capacity) {
    std::size_t cap = 2;
    while (cap < min_capacity) cap *= 2;
    slots_ = std::make_unique<T[]>(cap);
    mask_ = cap - 1;
  }
  std::size_t capacity() const { return mask_ + 1; }

  // Producer: moves v into the ring; false (v untouched) when still full after timeout_ms
  // (0 = do not wait, -1 = no limit).
  bool push(T& v, long timeout_ms) {
    const std::uint64_t head = head_.load(std::memory_order_relaxed);
    if (head - cached_tail_ > mask_) {
      const auto has_room = [&] {
        cached_tail_ = tail_.load(std::memory_order_acquire);
        return head - cached_tail_ <= mask_;
      };
      if (!not_full_.wait(has_room, timeout_ms)) return false;
    }
    slots_[head & mask_] = std::move(v);
    head_.store(head + 1, std::memory_order_release);
    not_empty_.notify();
    return true;
  }

  // Consumer: moves the oldest item into out; false when still empty after timeout_ms.
  bool pop(T& out, long timeout_ms) {
    const std::uint64_t tail = tail_.load(std::memory_order_relaxed);
    if (!wait_readable(timeout_ms)) return false;
    out = std::move(slots_[tail & mask_]);
    tail_.store(tail + 1, std::memory_order_release);
    not_full_.notify();
    return true;
  }

  // Consumer: true once an item can be popped, false when none arrived within timeout_ms.
  bool wait_readable(long timeout_ms) {
    const std::uint64_t tail = tail_.load(std::memory_order_relaxed);
    if (cached_head_ != tail) return true;
    const auto has_item = [&] {
      cached_head_ = head_.load(std::memory_order_acquire);
      return cached_head_ != tail;
    };
    return not_empty_.wait(has_item, timeout_ms);
  }

 private:
  std::unique_ptr<T[]> slots_;
  std::size_t mask_ = 0;
  // Producer side and consumer side on separate cache lines; each caches the other's index so
  // it reads the shared one only when the cached value says "full" or "empty".
  // The events are written only when a side sleeps, so they get lines of their own.
  alignas(64) std::atomic<std::uint64_t> head_{0};
  std::uint64_t cached_tail_ = 0;
  alignas(64) std::atomic<std::uint64_t> tail_{0};
  std::uint64_t cached_head_ = 0;
  alignas(64) WaitEvent not_full_;   // the producer waits, the consumer notifies
  alignas(64) WaitEvent not_empty_;  // the consumer waits, the producer notifies
};

}  // namespace zbench::raw
