// Non-template parts of the ZMP decoder (zmp_decoder.hpp): construction, read targets,
// buffer compaction and the sticky error state.
#include "zmp_decoder.hpp"

#include <algorithm>

namespace zlink::zmp {

namespace {
constexpr std::size_t min_buffer = 64;
// Bytes read past the next header in large mode: enough for a small frame or two ahead of
// the next large header (e.g. a short first part of a multipart message).
constexpr std::size_t large_lookahead = 64;
} // namespace

decoder::decoder(const decoder_options& opts)
    : cap_(std::max(opts.buffer_size, min_buffer)),
      threshold_(std::clamp<std::size_t>(opts.large_threshold, 1, cap_ - header_size)),
      max_body_(opts.max_body), header_(opts.buffer_header), release_shared_(opts.release_shared)
{
    buf_ = make_block(header_ + cap_);
    data_ = buf_.get() + header_;
}

decoder::~decoder()
{
    if (shared_)
        release_shared_(buf_.release());
}

// The current buffer is referenced by the owner: continue in a fresh one, taking the bytes
// not yet delivered along, and hand the old one back. Without memory the decoder keeps the
// old buffer (it may not be written over), so it fails instead.
void decoder::renew_buffer() noexcept
{
    auto* block = static_cast<unsigned char*>(alloc(header_ + cap_));
    if (block == nullptr) {
        fail(error_code::internal);
        return;
    }
    std::memcpy(block + header_, data_ + rpos_, wpos_ - rpos_);
    wpos_ -= rpos_;
    rpos_ = 0;
    release_shared_(buf_.release());
    buf_.reset(block);
    data_ = block + header_;
    shared_ = false;
}

std::array<std::span<std::uint8_t>, 2> decoder::read_targets() noexcept
{
    if (error_ != error_code::none)
        return {};
    const std::size_t end = buffer_read_end();
    if (state_ == state::large_body)
        return {std::span<std::uint8_t>(large_dest_ + large_have_, large_.length - large_have_),
                std::span<std::uint8_t>(data_, end)};
    return {std::span<std::uint8_t>(data_ + wpos_, end - wpos_), std::span<std::uint8_t>()};
}

// End of the buffer region to read into: all of it normally; in large mode only up to the end
// of the frame being assembled plus a short lookahead (see the class comment). Always beyond
// wpos_ between decode passes, because settle_buffer() made the pending frame fit.
std::size_t decoder::buffer_read_end() const noexcept
{
    if (!large_mode_)
        return cap_;
    std::size_t need = header_size;
    if (wpos_ - rpos_ >= header_size)
        need += load_be32(data_ + rpos_ + 4); // a small frame's body is still arriving
    const std::size_t end = std::min(cap_, rpos_ + need + large_lookahead);
    return end > wpos_ ? end : cap_;
}

void decoder::abort(error_code code) noexcept
{
    if (error_ == error_code::none && code != error_code::none)
        fail(code);
}

// A sink returned false: a pause (offer again on resume) unless it aborted the decoder.
decode_status decoder::refused() noexcept
{
    if (error_ != error_code::none)
        return decode_status::error;
    paused_ = true;
    return decode_status::paused;
}

decode_status decoder::fail(error_code code) noexcept
{
    error_ = code;
    paused_ = false;
    large_dest_ = nullptr;
    return decode_status::error;
}

// Called after a decode pass. Keeps the next read large: an empty buffer restarts at 0, and a
// partial frame is moved to the front when it would not fit behind rpos_ or when less than a
// quarter of the buffer is left to read into. A partial frame is always smaller than
// header_size + large_threshold <= cap_, so the copy is short and it then fits.
// A shared buffer is never rewound: reading continues behind wpos_ while the pending frame
// fits and a quarter of the buffer is left, else it moves to a fresh buffer.
void decoder::settle_buffer() noexcept
{
    if (rpos_ == wpos_ && !shared_) {
        rpos_ = wpos_ = 0;
        return;
    }
    std::size_t need = header_size;
    if (wpos_ - rpos_ >= header_size)
        need += load_be32(data_ + rpos_ + 4);
    if (rpos_ + need <= cap_ && cap_ - wpos_ >= cap_ / 4)
        return;
    if (shared_) {
        renew_buffer();
        return;
    }
    std::memmove(data_, data_ + rpos_, wpos_ - rpos_);
    wpos_ -= rpos_;
    rpos_ = 0;
}

} // namespace zlink::zmp
