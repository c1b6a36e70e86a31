// Non-inline parts of the ZMP encoder (zmp_encoder.hpp): construction and the bookkeeping
// of partial writes and released large bodies.
#include "zmp_encoder.hpp"

#include <algorithm>

namespace zlink::zmp {

namespace {
constexpr std::size_t min_batch = 64;
}

encoder::encoder(const encoder_options& opts)
    : cap_(std::max(opts.batch_size, min_batch)),
      threshold_(std::clamp<std::size_t>(opts.large_threshold, 1, cap_ - header_size))
{
    batch_ = make_block(cap_);
}

std::size_t encoder::consume(std::size_t n) noexcept
{
    assert(n <= pending_);
    n = std::min(n, pending_); // a bad count must not walk off the segment table
    pending_ -= n;
    std::size_t released = 0;
    while (n > 0) {
        segment& s = segs_[first_];
        if (n < s.size) {
            s.data = static_cast<const std::uint8_t*>(s.data) + n;
            s.size -= n;
            break;
        }
        n -= s.size;
        released += large_[first_] ? 1u : 0u;
        ++first_;
    }
    if (first_ == count_)
        first_ = count_ = tail_ = 0; // all written: the batch is reused from the start
    return released;
}

std::size_t encoder::large_pending() const noexcept
{
    return static_cast<std::size_t>(
        std::count(large_.begin() + static_cast<std::ptrdiff_t>(first_),
                   large_.begin() + static_cast<std::ptrdiff_t>(count_), true));
}

std::size_t encoder::reset() noexcept
{
    const std::size_t released = large_pending();
    first_ = count_ = tail_ = pending_ = 0;
    return released;
}

} // namespace zlink::zmp
