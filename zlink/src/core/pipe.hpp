// pipe: the lock-free single-producer/single-consumer message queue between two endpoints
// (socket <-> socket for inproc, socket <-> engine for tcp/ipc). Writes are published in
// batches by flush(); a waker fires only when the other side had declared itself idle.
#pragma once

#include <atomic>
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
    pipe(std::int64_t hwm, std::shared_ptr<waker> reader, std::shared_ptr<waker> writer,
         std::uint64_t byte_limit = 0);
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
    bool read(msg& out) noexcept;
    // readable(): a message is available now (no side effects besides caching).
    bool readable() noexcept;
    // arm_reader(): before sleeping on an empty pipe. False when data arrived meanwhile;
    // true when the writer will wake the reader on its next flush.
    bool arm_reader() noexcept;
    // writer_done(): the writer closed and every message it wrote has been read.
    bool writer_done() noexcept;
    void close_reader() noexcept;

private:
    static constexpr int chunk_size = 254;
    struct chunk {
        msg slots[chunk_size];
        chunk* next;
    };

    chunk* new_chunk() noexcept;
    void recycle(chunk* c) noexcept;
    void ack_consumed() noexcept;
    bool over_limit() const noexcept;
    void see_consumed(std::uint64_t consumed) noexcept;
    // bounded(): a writer may wait for room, so the reader reports what it consumed.
    bool bounded() const noexcept { return hwm_ > 0 || byte_limit_ > 0; }

    const std::int64_t hwm_;
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
    int rpos_ = 0;
    std::uint64_t read_ = 0;
    std::uint64_t avail_ = 0;
    std::uint64_t acked_ = 0;
    std::uint64_t read_bytes_ = 0;
    std::uint64_t acked_bytes_ = 0;
};

using pipe_ptr = std::shared_ptr<pipe>;

} // namespace zlink
