// ZMP v2 encoder for a stream engine: small frames are batched into one reused buffer so
// many messages go out in one write; large bodies are not copied but emitted as their own
// gather segment (writev / asio buffer sequence) between the batched bytes.
#pragma once

#include "../core/allocator.hpp"
#include "zmp_frame.hpp"

#include <array>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>

namespace zlink::zmp {

struct encoder_options {
    // Size of the owned batch buffer (from zlink::alloc); at least 64 bytes.
    std::size_t batch_size = 64 * 1024;
    // Bodies of at least this many bytes are referenced, not copied.
    // Clamped to [1, batch_size - header_size] so any small frame fits an empty batch.
    std::size_t large_threshold = 8 * 1024;
};

// One gather segment; same layout as iovec, convert with asio::buffer(s.data, s.size).
struct segment {
    const void* data;
    std::size_t size;
};

// Usage by an engine:
//   while (enc.add(flags, body, len)) { if (!enc.is_large(len)) release(msg); else keep(msg); }
//   write(enc.segments()) -> n bytes;  k = enc.consume(n);  release the k oldest kept msgs.
// A large body must stay alive and unchanged until consume() (or reset()) has counted it as
// released; bodies are released strictly in the order they were added. Adding while a write
// of segments() is in flight is allowed: bytes already listed never move. Space is reclaimed
// only when everything has been written, so a full encoder waits for its write to finish.
// Not thread-safe: one connection's engine owns it and drives it from one thread at a time.
class encoder {
public:
    static constexpr std::size_t max_segments = 64;

    explicit encoder(const encoder_options& opts = {});

    // Appends one frame (flags must be legal). Returns false, adding nothing, when the batch
    // or the segment table is full; on an empty encoder it always succeeds.
    bool add(std::uint8_t flags, const void* body, std::uint32_t len) noexcept;

    // True when a body of len bytes would be referenced rather than copied.
    bool is_large(std::uint32_t len) const noexcept { return len >= threshold_; }

    // The bytes still to write, in order (the first one shrinks under partial writes).
    std::span<const segment> segments() const noexcept
    {
        return {segs_.data() + first_, count_ - first_};
    }
    std::size_t pending_bytes() const noexcept { return pending_; }
    bool empty() const noexcept { return pending_ == 0; }

    // n (<= pending_bytes()) bytes of segments() were written. Returns how many referenced
    // large bodies were fully written by this call: the oldest ones, in add order.
    std::size_t consume(std::size_t n) noexcept;

    // Drops everything pending (connection lost). Returns how many referenced bodies that
    // released (the oldest ones, in add order).
    std::size_t reset() noexcept;

    // Referenced bodies added and not yet released.
    std::size_t large_pending() const noexcept;

    std::size_t batch_size() const noexcept { return cap_; }
    std::size_t large_threshold() const noexcept { return threshold_; }

private:
    unique_block batch_;
    std::size_t cap_;
    std::size_t threshold_;
    std::size_t tail_ = 0; // end of the batched bytes
    std::size_t pending_ = 0;
    std::size_t first_ = 0; // first segment not fully written
    std::size_t count_ = 0; // segments in use
    std::array<segment, max_segments> segs_{};
    std::array<bool, max_segments> large_{};
};

inline bool encoder::add(std::uint8_t flags, const void* body, std::uint32_t len) noexcept
{
    assert(flags_legal(flags));
    const bool large = is_large(len);
    const std::size_t bytes = header_size + (large ? 0 : len);
    // The header joins the last segment when that one is batched bytes (it ends at tail_).
    const bool extend = count_ > first_ && !large_[count_ - 1];
    const std::size_t slots = (extend ? 0u : 1u) + (large ? 1u : 0u);
    if (cap_ - tail_ < bytes || max_segments - count_ < slots)
        return false;
    std::uint8_t* out = batch_.get() + tail_;
    write_header(out, flags, len);
    if (!large && len != 0)
        std::memcpy(out + header_size, body, len);
    tail_ += bytes;
    if (extend) {
        segs_[count_ - 1].size += bytes;
    } else {
        segs_[count_] = {out, bytes};
        large_[count_++] = false;
    }
    if (large) {
        segs_[count_] = {body, len};
        large_[count_++] = true;
    }
    pending_ += header_size + len;
    return true;
}

} // namespace zlink::zmp
