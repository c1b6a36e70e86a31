// pipe: chunked SPSC queue with batched publication, idle-only wake-ups and HWM accounting.
#include "pipe.hpp"

#include <algorithm>
#include <cstring>
#include <new>

namespace zlink {

// prefetch_for_write(p): asks for p's cache line in a writable state ahead of the store (x86
// PREFETCHW, a no-op on CPUs without it). GCC's __builtin_prefetch(p, 1) emits a read
// prefetch unless the build targets PRFCHW, and a line fetched for reading must still be
// claimed from the other core when the store comes.
static inline void prefetch_for_write(const void* p) noexcept
{
#if defined(__x86_64__) || defined(__i386__)
    asm volatile("prefetchw %0" : : "m"(*static_cast<const char*>(p)));
#else
    __builtin_prefetch(p, 1, 3);
#endif
}

pipe::pipe(std::int64_t hwm, std::shared_ptr<waker> reader, std::shared_ptr<waker> writer,
           std::uint64_t byte_limit, std::size_t body_room)
    : hwm_(hwm < 0 ? 0 : hwm),
      body_room_(body_room < max_body_room ? body_room : max_body_room),
      // The reader reports progress every quarter HWM (and every quarter of the byte limit)
      // so a blocked writer resumes early without one shared write per message.
      ack_step_(hwm_ > 0 ? static_cast<std::uint64_t>(hwm_ / 4 > 0 ? hwm_ / 4 : 1) : UINT64_MAX),
      byte_limit_(byte_limit), byte_ack_step_(byte_limit > 0 ? (byte_limit + 3) / 4 : UINT64_MAX),
      reader_waker_(std::move(reader)), writer_waker_(std::move(writer))
{
    wchunk_ = new_chunk();
    rchunk_ = wchunk_;
}

pipe::~pipe()
{
    // Both ends are gone: release every message still queued, flushed or not, then every
    // chunk. A retired chunk still links to the next one, so the chain from the oldest chunk
    // (retired or current) reaches the writer's, the reader having moved or not.
    chunk* oldest = retired_ != nullptr ? retired_ : rchunk_;
    msg m;
    while (read_ < written_) {
        take_next(m);
        m.close();
        ++read_;
    }
    for (chunk* c = oldest; c != nullptr;) {
        chunk* next = c->next;
        free_chunk(c);
        c = next;
    }
    free_chunk(spare_.load());
}

pipe::chunk* pipe::new_chunk() noexcept
{
    chunk* c = spare_.exchange(nullptr, std::memory_order_acquire);
    if (c == nullptr) {
        void* raw = ::operator new(chunk_bytes, std::align_val_t{64}, std::nothrow);
        if (raw == nullptr)
            std::terminate();
        c = new (raw) chunk;
    }
    c->next = nullptr;
    c->end.store(slots_per_chunk, std::memory_order_relaxed);
    return c;
}

void pipe::free_chunk(chunk* c) noexcept
{
    if (c != nullptr)
        ::operator delete(c, std::align_val_t{64});
}

void pipe::recycle(chunk* c) noexcept
{
    free_chunk(spare_.exchange(c, std::memory_order_acq_rel));
}

// Unread messages or bytes at a limit, by what the reader last reported.
bool pipe::over_limit() const noexcept
{
    return (hwm_ > 0 && written_ - seen_consumed_ >= static_cast<std::uint64_t>(hwm_)) ||
           (byte_limit_ > 0 && written_bytes_ - seen_consumed_bytes_ >= byte_limit_);
}

// Takes the reader's last report (consumed, already loaded from consumed_) as current.
void pipe::see_consumed(std::uint64_t consumed) noexcept
{
    seen_consumed_ = consumed >> 1;
    seen_consumed_bytes_ = consumed_bytes_.load(std::memory_order_acquire);
}

bool pipe::full() noexcept
{
    if (!over_limit())
        return false;
    see_consumed(consumed_.load(std::memory_order_acquire));
    return over_limit();
}

// Linked before the count covering the new chunk's first message is published, so the
// reader always finds the next chunk when it needs it.
void pipe::next_write_chunk() noexcept
{
    chunk* c = new_chunk();
    wchunk_->next = c;
    wchunk_ = c;
    wpos_ = 0;
}

void pipe::write(msg& m) noexcept
{
    const std::size_t n = m.size();
    written_bytes_ += n;
    const int slots = slots_for(n);
    if (wpos_ + slots > slots_per_chunk) {
        wchunk_->end.store(wpos_, std::memory_order_relaxed);
        next_write_chunk();
    }
    msg& s = slot(wchunk_, wpos_);
    // The slots ahead were last touched by the reader (a chunk comes back from it), so a store
    // to one misses, and flush()'s locked exchange waits for every store before it: one
    // cross-core round trip per message, in series (perf on PAIR/tcp/64: 24-33 % of all
    // samples in flush, 6-7 % with this). Claiming each record's lines prefetch_slots ahead
    // lets those misses overlap; a new chunk's first slots go unclaimed.
    const int claim_end = std::min(wpos_ + prefetch_slots + slots, slots_per_chunk);
    for (int k = wpos_ + prefetch_slots; k < claim_end; ++k)
        prefetch_for_write(slot_at(wchunk_, k));
    if (slots > 1) {
        // Carried: the block goes back to the allocator here, on the thread that (usually)
        // allocated it, instead of travelling to the reader to be freed there.
        unsigned char* body = slot_at(wchunk_, wpos_ + 1);
        std::memcpy(body, m.data(), n);
        const std::uint8_t flags = m.flags();
        m.close();
        s.init_data(body, n, nullptr, nullptr);
        s.set_flags(flags);
    } else {
        s.move_from(m);
    }
    ++written_;
    if (!s.has_more())
        complete_ = written_;
    wpos_ += slots;
    if (wpos_ == slots_per_chunk)
        next_write_chunk();
}

void pipe::flush() noexcept
{
    if (complete_ == flushed_)
        return;
    flushed_ = complete_;
    const std::uint64_t old = published_.exchange(flushed_ << 1, std::memory_order_acq_rel);
    if ((old & 1) != 0)
        reader_waker_->wake();
}

bool pipe::arm_writer() noexcept
{
    flush();
    std::uint64_t cur = consumed_.load(std::memory_order_acquire);
    for (;;) {
        see_consumed(cur);
        if (!over_limit() || reader_closed())
            return false;
        if ((cur & 1) != 0)
            return true;
        if (consumed_.compare_exchange_weak(cur, cur | 1, std::memory_order_acq_rel))
            return true;
    }
}

void pipe::close_writer() noexcept
{
    // Parts of an unfinished message stay unpublished: the reader never sees half a message.
    flushed_ = complete_;
    wclosed_.store(true, std::memory_order_release);
    const std::uint64_t old = published_.exchange(flushed_ << 1, std::memory_order_acq_rel);
    (void)old;
    // Wake unconditionally: a reader that is busy elsewhere must still learn of the close.
    reader_waker_->wake();
}

bool pipe::readable() noexcept
{
    if (read_ < avail_)
        return true;
    avail_ = published_.load(std::memory_order_acquire) >> 1;
    return read_ < avail_;
}

void pipe::take_next(msg& out) noexcept
{
    if (rpos_ >= rchunk_->end.load(std::memory_order_relaxed)) {
        // The previous record may be a carried body in this chunk: the chunk is recycled
        // only by the next read (see read()).
        retired_ = rchunk_;
        rchunk_ = rchunk_->next;
        rpos_ = 0;
    }
    out.move_from(slot(rchunk_, rpos_));
    rpos_ += slots_for(out.size());
}

bool pipe::read(msg& out) noexcept
{
    if (!readable()) {
        if (read_ != acked_ && bounded())
            ack_consumed();
        return false;
    }
    if (retired_ != nullptr) {
        recycle(retired_);
        retired_ = nullptr;
    }
    take_next(out);
    ++read_;
    read_bytes_ += out.size();
    if (read_ - acked_ >= ack_step_ || read_bytes_ - acked_bytes_ >= byte_ack_step_)
        ack_consumed();
    return true;
}

void pipe::ack_consumed() noexcept
{
    acked_ = read_;
    acked_bytes_ = read_bytes_;
    consumed_bytes_.store(read_bytes_, std::memory_order_release);
    const std::uint64_t old = consumed_.exchange(read_ << 1, std::memory_order_acq_rel);
    if ((old & 1) != 0)
        writer_waker_->wake();
}

bool pipe::arm_reader() noexcept
{
    if (read_ != acked_ && bounded())
        ack_consumed();
    std::uint64_t expected = avail_ << 1;
    if (published_.compare_exchange_strong(expected, expected | 1, std::memory_order_acq_rel))
        return true;
    // Already armed and nothing new, or new data.
    if (expected == ((avail_ << 1) | 1))
        return true;
    avail_ = expected >> 1;
    return false;
}

bool pipe::writer_done() noexcept
{
    if (!wclosed_.load(std::memory_order_acquire))
        return false;
    return !readable();
}

void pipe::close_reader() noexcept
{
    rclosed_.store(true, std::memory_order_release);
    // Wake unconditionally: a writer blocked on HWM must learn the reader is gone.
    writer_waker_->wake();
}

} // namespace zlink
