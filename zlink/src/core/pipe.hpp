// pipe: the lock-free single-producer/single-consumer message queue between two endpoints
// (socket <-> socket for inproc, socket <-> engine for tcp/ipc). Writes are published in
// batches by flush(); a waker fires only when the other side had declared itself idle.
// A pipe can carry small bodies in its own slots (see body_room), so the block that held
// them is released by the thread that allocated it instead of by the reader.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>

#include "msg.hpp"
#include "waker.hpp"

namespace zlink {

class pipe {
public:
    // hwm: most unread messages the writer may queue (0 = unlimited). The wakers belong to
    // the reading and the writing endpoint. byte_limit (0 = none): the pipe is also full once
    // its unread messages hold that many payload bytes; a message is always accepted by an
    // empty pipe, however large.
    // body_room (0 = none): a written message whose body lives outside the msg and is at
    // most that many bytes is copied into the pipe's slot and its block released at once on
    // the writing thread; the reader gets a msg that refers to the slot (see read()).
    // At most max_body_room; carried bodies take the pipe's own slots, not more memory.
    pipe(std::int64_t hwm, std::shared_ptr<waker> reader, std::shared_ptr<waker> writer,
         std::uint64_t byte_limit = 0, std::size_t body_room = 0);
    ~pipe();
    pipe(const pipe&) = delete;
    pipe& operator=(const pipe&) = delete;

    // ---- writer side (one thread) ----
    // full(): at HWM (or at the byte limit); only meaningful at a message boundary (parts of a message never block).
    bool full() noexcept;
    bool at_boundary() const noexcept { return complete_ == written_; }
    // write(m): queues m (taking ownership; m becomes empty). Invisible until flush().
    void write(msg& m) noexcept;
    // flush(): publishes every complete message written so far; wakes an idle reader.
    void flush() noexcept;
    // arm_writer(): before sleeping on a full pipe. False when space appeared meanwhile;
    // true when the reader will wake the writer once it has consumed a batch.
    bool arm_writer() noexcept;
    bool reader_closed() const noexcept { return rclosed_.load(std::memory_order_acquire); }
    // close_writer(): flushes and tells the reader no more messages will come.
    void close_writer() noexcept;

    // ---- reader side (one thread) ----
    // read(out): the next message into out (which must be empty/closed); false when empty.
    // A body the pipe carried in its slot stays valid until the next read() on this pipe
    // (or its destruction), so the reader must copy it before it reads again.
    bool read(msg& out) noexcept;
    // readable(): a message is available now (no side effects besides caching).
    bool readable() noexcept;
    // arm_reader(): before sleeping on an empty pipe. False when data arrived meanwhile;
    // true when the writer will wake the reader on its next flush.
    bool arm_reader() noexcept;
    // writer_done(): the writer closed and every message it wrote has been read.
    bool writer_done() noexcept;
    void close_reader() noexcept;

    // The most body_room a pipe takes: a chunk must hold the largest record several times.
    static constexpr std::size_t max_body_room = 2048;

private:
    // A chunk is 16 KiB: a header line, then 255 slots of 64 bytes. A message takes one slot
    // (its msg) plus, when the pipe carries its body, the slots after it that the body fills.
    // A record never straddles two chunks: the writer leaves the rest of a chunk unused and
    // records where it stopped in `end`, which the reader reads only after the publication
    // that covers the next chunk's first message, so it sees the final value.
    struct chunk {
        chunk* next;
        std::atomic<int> end; // slots in use; slots_per_chunk until the writer leaves early
    };
    static constexpr std::size_t chunk_bytes = 16 * 1024;
    static constexpr std::size_t slot_bytes = sizeof(msg);
    static constexpr int slots_per_chunk = static_cast<int>(chunk_bytes / slot_bytes) - 1;
    static_assert(sizeof(chunk) <= slot_bytes, "the chunk header fits in front of slot 0");
    // How far ahead of the record being written write() claims slots (see there): a few
    // microseconds of sending at small sizes, well inside one chunk.
    static constexpr int prefetch_slots = 32;

    static unsigned char* slot_at(chunk* c, int i) noexcept
    {
        return reinterpret_cast<unsigned char*>(c) + slot_bytes * (1 + static_cast<std::size_t>(i));
    }
    static msg& slot(chunk* c, int i) noexcept { return *reinterpret_cast<msg*>(slot_at(c, i)); }
    // Slots a record takes: its msg, plus its body when the pipe carries it.
    int slots_for(std::size_t body) const noexcept
    {
        return carried(body) ? 1 + static_cast<int>((body + slot_bytes - 1) / slot_bytes) : 1;
    }
    bool carried(std::size_t body) const noexcept
    {
        return body > msg::max_inline && body <= body_room_;
    }
    void next_write_chunk() noexcept;
    // take_next(out): moves the next record's msg into out and steps over the record.
    void take_next(msg& out) noexcept;
    chunk* new_chunk() noexcept;
    static void free_chunk(chunk* c) noexcept;
    void recycle(chunk* c) noexcept;
    void ack_consumed() noexcept;
    bool over_limit() const noexcept;
    void see_consumed(std::uint64_t consumed) noexcept;
    // bounded(): a writer may wait for room, so the reader reports what it consumed.
    bool bounded() const noexcept { return hwm_ > 0 || byte_limit_ > 0; }

    const std::int64_t hwm_;
    const std::size_t body_room_;
    const std::uint64_t ack_step_;
    const std::uint64_t byte_limit_;
    const std::uint64_t byte_ack_step_;
    std::shared_ptr<waker> reader_waker_;
    std::shared_ptr<waker> writer_waker_;

    // Shared words: message counts shifted left by one; bit 0 of published_ means "reader
    // sleeps", bit 0 of consumed_ means "writer sleeps". Kept on separate cache lines.
    alignas(64) std::atomic<std::uint64_t> published_{0};
    alignas(64) std::atomic<std::uint64_t> consumed_{0};
    std::atomic<std::uint64_t> consumed_bytes_{0}; // stored before consumed_, read after it
    std::atomic<bool> wclosed_{false};
    std::atomic<bool> rclosed_{false};
    std::atomic<chunk*> spare_{nullptr};

    alignas(64) chunk* wchunk_;
    int wpos_ = 0;
    std::uint64_t written_ = 0;
    std::uint64_t complete_ = 0;
    std::uint64_t flushed_ = 0;
    std::uint64_t seen_consumed_ = 0;
    std::uint64_t written_bytes_ = 0;
    std::uint64_t seen_consumed_bytes_ = 0;

    alignas(64) chunk* rchunk_;
    chunk* retired_ = nullptr; // read to the end; recycled by the next read() (see read())
    int rpos_ = 0;
    std::uint64_t read_ = 0;
    std::uint64_t avail_ = 0;
    std::uint64_t acked_ = 0;
    std::uint64_t read_bytes_ = 0;
    std::uint64_t acked_bytes_ = 0;
};

using pipe_ptr = std::shared_ptr<pipe>;

} // namespace zlink
