// Incremental ZMP v2 decoder for a stream engine that reads big chunks and decodes many frames
// per read. Every header is validated (magic, version, flags, length vs max) before any of its
// body is handed on; large bodies are read by the engine straight into their destination.
#pragma once

#include "../core/allocator.hpp"
#include "zmp_frame.hpp"

#include <array>
#include <cassert>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>

namespace zlink::zmp {

struct decoder_options {
    // Size of the owned read buffer (from zlink::alloc); at least 64 bytes.
    std::size_t buffer_size = 64 * 1024;
    // Bodies of at least this many bytes take the direct path (on_large_begin/on_large_end);
    // smaller ones are delivered in place. Clamped to [1, buffer_size - header_size].
    std::size_t large_threshold = 8 * 1024;
    // The receiver's ZLINK_MAXMSGSIZE; 0 or negative means unlimited.
    std::int64_t max_body = 0;
    // Bytes reserved in front of every read buffer for the owner (e.g. a reference count),
    // see share_buffer(); a multiple of 16 keeps the buffer aligned.
    std::size_t buffer_header = 0;
    // Releases a shared read buffer (share_buffer()) instead of dealloc: called with the
    // block's start when the decoder stops using it (renewal or destruction).
    void (*release_shared)(unsigned char* block) noexcept = nullptr;
};

// What a decode call ended with.
enum class decode_status : std::uint8_t {
    need_more, // every complete frame was delivered; read more into read_targets()
    paused,    // the sink refused a frame; call resume() once it can take it
    error,     // protocol violation; error() holds the ZMP code, the decoder is dead
};

// The owner of the decoded frames. Called directly (no virtual dispatch):
//  on_frame(h, body)     a complete small frame (body < large_threshold bytes, possibly 0),
//                        body points into the read buffer and is valid only during the call.
//                        Return true when taken; false leaves it undelivered (same frame is
//                        offered again on resume), so a refusal must have no side effect.
//  on_large_begin(h)     a large frame's header: return a destination of exactly h.length
//                        bytes that stays valid until on_large_end, or nullptr to fail the
//                        decoder with error_code::internal (e.g. out of memory).
//  on_large_end(h)       the destination is full. Return true when taken; false pauses and
//                        on_large_end is called again on resume.
// h.is_control() tells control frames (flags == CONTROL) from data/subscription frames.
// A sink that finds a protocol error itself (data before READY, a malformed control body,
// an incompatible HELLO) calls decoder::abort(code) and returns false (or nullptr): the call
// then ends with decode_status::error and error() == code.
template <class S>
concept decoder_sink = requires(S& s, const header& h, const std::uint8_t* body) {
    { s.on_frame(h, body) } -> std::convertible_to<bool>;
    { s.on_large_begin(h) } -> std::convertible_to<std::uint8_t*>;
    { s.on_large_end(h) } -> std::convertible_to<bool>;
};

// How the engine uses it:
//   auto t = dec.read_targets();           // {body rest, read buffer} or {buffer tail, {}}
//   n = readv(fd, t)                       // or asio async_read_some over the non-empty spans
//   dec.on_read(n, sink)                   // n bytes landed in t[0] then t[1], in order
// While a large body is pending, t[0] is the rest of the sink's destination, so its bytes are
// never copied by the decoder; t[1] is the (empty) read buffer, so the frames after it can
// arrive in the same read. Do not read while paused() (the buffer tail may be empty).
//
// Read sizes adapt to the traffic. Normally the whole free buffer is offered, so one read
// brings many small frames. After a very large frame (at least half the buffer) the buffer
// target shrinks to the next header plus a short lookahead: back-to-back large frames then
// cost one read each with almost no byte copied by the decoder (a full buffer would have
// pulled most of the next body into it, to be copied out again). Frames below half the buffer
// do not switch: copying them is cheaper than the extra reads. The first pass that delivers
// small frames and starts no large one returns to full-buffer reads.
// Not thread-safe: one connection's engine owns it and drives it from one thread at a time.
class decoder {
public:
    explicit decoder(const decoder_options& opts = {});

    // Spans to read into, in order; the second is empty unless a large body is pending.
    // Both are empty once the decoder failed.
    std::array<std::span<std::uint8_t>, 2> read_targets() noexcept;
    // The first read target alone (for single-buffer reads).
    std::span<std::uint8_t> next_read_target() noexcept { return read_targets()[0]; }

    // n bytes were written into read_targets(); deliver every complete frame.
    template <decoder_sink S>
    decode_status on_read(std::size_t n, S& sink);

    // Retry the refused frame and continue with the buffered ones.
    template <decoder_sink S>
    decode_status resume(S& sink) { return on_read(0, sink); }

    // Copy-in convenience for bytes that are already in memory (tests, fuzzing): consumes
    // bytes until they are used up, the sink pauses, or an error. `consumed` says how many.
    struct feed_result {
        decode_status status;
        std::size_t consumed;
    };
    template <decoder_sink S>
    feed_result feed(std::span<const std::uint8_t> bytes, S& sink);

    error_code error() const noexcept { return error_; }
    // Fails the decoder with code (not none) for good; usable from inside a sink callback,
    // which then returns false / nullptr. A decoder that already failed keeps its first code.
    void abort(error_code code) noexcept;
    bool paused() const noexcept { return paused_; }
    // True between frames with nothing buffered: a disconnect now is not mid-frame.
    bool at_boundary() const noexcept { return state_ == state::buffer && rpos_ == wpos_; }
    std::size_t buffer_size() const noexcept { return cap_; }

    // Shared read buffers (needs options.release_shared). From inside on_frame the sink may
    // keep referencing the body it was given after the call: it calls share_buffer(), and the
    // decoder then never writes over bytes it has read into this buffer. When it needs room it
    // moves to a fresh buffer and hands the old one to release_shared (the owner frees it once
    // its last reference is gone). buffer_block() is the block's start, where the
    // options.buffer_header bytes reserved for the owner are.
    void share_buffer() noexcept
    {
        assert(release_shared_ != nullptr);
        shared_ = true;
    }
    bool buffer_shared() const noexcept { return shared_; }
    unsigned char* buffer_block() noexcept { return buf_.get(); }
    ~decoder();
    decoder(const decoder&) = delete;
    decoder& operator=(const decoder&) = delete;
    std::size_t large_threshold() const noexcept { return threshold_; }

private:
    enum class state : std::uint8_t { buffer, large_body, large_done };

    template <decoder_sink S>
    decode_status decode_buffer(S& sink);
    template <decoder_sink S>
    decode_status start_large(const header& h, S& sink);
    decode_status fail(error_code code) noexcept;
    decode_status refused() noexcept;
    void settle_buffer() noexcept;
    void renew_buffer() noexcept;
    std::size_t buffer_read_end() const noexcept;

    unique_block buf_;
    std::size_t cap_;
    std::size_t threshold_;
    std::int64_t max_body_;
    std::size_t header_;   // options.buffer_header
    void (*release_shared_)(unsigned char*) noexcept;
    std::uint8_t* data_;   // the read buffer: buf_ after the owner's header
    bool shared_ = false;  // bytes of this buffer are referenced by the owner
    std::size_t rpos_ = 0; // first byte not yet delivered
    std::size_t wpos_ = 0; // end of the bytes read so far
    state state_ = state::buffer;
    bool paused_ = false;
    bool large_mode_ = false; // recent traffic has large frames: keep buffer reads short
    error_code error_ = error_code::none;
    header large_{};
    std::uint8_t* large_dest_ = nullptr;
    std::size_t large_have_ = 0;
};

template <decoder_sink S>
decode_status decoder::on_read(std::size_t n, S& sink)
{
    if (error_ != error_code::none)
        return decode_status::error;
    if (state_ == state::large_body) {
        const std::size_t to_body = std::min<std::size_t>(n, large_.length - large_have_);
        large_have_ += to_body;
        wpos_ += n - to_body; // the rest landed in the (empty) read buffer
        if (large_have_ < large_.length)
            return decode_status::need_more;
        state_ = state::large_done;
    } else {
        wpos_ += n;
    }
    paused_ = false;
    if (state_ == state::large_done) {
        if (!sink.on_large_end(large_))
            return refused();
        state_ = state::buffer;
        large_dest_ = nullptr;
    }
    return decode_buffer(sink);
}

template <decoder_sink S>
decode_status decoder::decode_buffer(S& sink)
{
    bool delivered_small = false;
    bool started_large = false;
    for (;;) {
        if (error_ != error_code::none) // the sink aborted but still took its frame
            return decode_status::error;
        const std::uint8_t* p = data_ + rpos_;
        const std::size_t avail = wpos_ - rpos_;
        if (avail < header_size) {
            // Reject garbage from its first byte, not only once 8 bytes are in.
            if (const error_code e = check_header_prefix(p, avail); e != error_code::none)
                return fail(e);
            break;
        }
        header h;
        if (const error_code e = parse_header(p, max_body_, h); e != error_code::none)
            return fail(e);
        if (h.length >= threshold_) {
            started_large = true;
            const decode_status s = start_large(h, sink);
            if (s != decode_status::need_more || state_ != state::buffer)
                return s;
            continue;
        }
        if (avail - header_size < h.length)
            break;
        if (!sink.on_frame(h, p + header_size))
            return refused();
        rpos_ += header_size + h.length;
        delivered_small = true;
    }
    if (delivered_small && !started_large)
        large_mode_ = false;
    settle_buffer();
    return error_ != error_code::none ? decode_status::error : decode_status::need_more;
}

// A large header is at rpos_: hand the buffered part of its body to the sink's destination and
// leave the rest for the engine to read there directly.
template <decoder_sink S>
decode_status decoder::start_large(const header& h, S& sink)
{
    std::uint8_t* dest = sink.on_large_begin(h);
    if (dest == nullptr)
        return fail(error_ != error_code::none ? error_ : error_code::internal);
    rpos_ += header_size;
    const std::size_t have = std::min<std::size_t>(wpos_ - rpos_, h.length);
    std::memcpy(dest, data_ + rpos_, have);
    rpos_ += have;
    large_ = h;
    large_dest_ = dest;
    large_have_ = have;
    large_mode_ = large_mode_ || h.length >= cap_ / 2;
    if (have < h.length) {
        state_ = state::large_body; // the buffer is now empty
        if (shared_)
            renew_buffer();
        rpos_ = wpos_ = 0;
        return error_ != error_code::none ? decode_status::error : decode_status::need_more;
    }
    if (!sink.on_large_end(h)) {
        state_ = state::large_done;
        return refused();
    }
    large_dest_ = nullptr;
    return decode_status::need_more;
}

template <decoder_sink S>
decoder::feed_result decoder::feed(std::span<const std::uint8_t> bytes, S& sink)
{
    std::size_t used = 0;
    if (paused_) {
        const decode_status s = resume(sink);
        if (s != decode_status::need_more)
            return {s, used};
    }
    while (used < bytes.size()) {
        const std::array<std::span<std::uint8_t>, 2> t = read_targets();
        std::size_t n = 0;
        for (const std::span<std::uint8_t> target : t) {
            const std::size_t k = std::min(target.size(), bytes.size() - used - n);
            if (k != 0)
                std::memcpy(target.data(), bytes.data() + used + n, k);
            n += k;
        }
        if (n == 0)
            return {error_ != error_code::none ? decode_status::error : decode_status::paused, used};
        used += n;
        const decode_status s = on_read(n, sink);
        if (s != decode_status::need_more)
            return {s, used};
    }
    return {decode_status::need_more, used};
}

} // namespace zlink::zmp
