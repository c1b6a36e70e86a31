// The message of the raw backend: a payload buffer with a size and a "more" flag. Payloads up to
// 64 bytes live inline, larger ones in one block (recycled through block_pool.hpp) that moves
// with the message: inproc hands the block itself to the receiving thread, as libzmq and zlink
// do.
#pragma once

#include <cstddef>
#include <cstring>
#include <utility>

#include "backends/raw/block_pool.hpp"

namespace zbench::raw {

class RawMessage {
 public:
  static constexpr std::size_t kInline = 64;

  RawMessage() = default;
  explicit RawMessage(std::size_t size) { resize(size); }
  RawMessage(const RawMessage&) = delete;
  RawMessage& operator=(const RawMessage&) = delete;
  RawMessage(RawMessage&& o) noexcept { take(o); }
  RawMessage& operator=(RawMessage&& o) noexcept {
    if (this != &o) {
      release();
      take(o);
    }
    return *this;
  }
  ~RawMessage() { release(); }

  unsigned char* data() { return heap_ != nullptr ? heap_ : inline_; }
  const unsigned char* data() const { return heap_ != nullptr ? heap_ : inline_; }
  std::size_t size() const { return size_; }
  bool more = false;  // another part of the same message follows (only ROUTER id frames)

  // Makes the payload `n` bytes long; the old contents are not kept. Reuses the heap block when
  // it is large enough, so a receiver that keeps one message allocates only when sizes grow.
  void resize(std::size_t n) {
    if (n > kInline && n > capacity_) {
      release();
      heap_ = acquire_block(n, &capacity_);
    }
    size_ = n;
  }

  void assign(const void* bytes, std::size_t n) {
    resize(n);
    if (n > 0) std::memcpy(data(), bytes, n);
  }

 private:
  void release() {
    release_block(heap_, capacity_);
    heap_ = nullptr;
    capacity_ = 0;
    size_ = 0;
  }
  void take(RawMessage& o) {
    heap_ = std::exchange(o.heap_, nullptr);
    capacity_ = std::exchange(o.capacity_, 0);
    size_ = std::exchange(o.size_, 0);
    more = o.more;
    if (heap_ == nullptr && size_ > 0) std::memcpy(inline_, o.inline_, size_);
  }

  unsigned char* heap_ = nullptr;
  std::size_t capacity_ = 0;
  std::size_t size_ = 0;
  unsigned char inline_[kInline];
};

}  // namespace zbench::raw
