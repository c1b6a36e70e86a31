// wake_channel: how application threads wake objects living on an I/O thread (stream engines,
// connecters) without holding a lock the I/O thread needs once it is awake. One per io_context
// (an asio service): a lock-free list of queued wakes plus an eventfd that the io_context's
// reactor watches. push() links the node and, when the list was empty, adds one to the eventfd;
// nothing is locked while the I/O thread is being woken. The I/O thread reads the counter back
// to zero (one read per delivery) and runs the queued wakes. An eventfd, not the socket pair
// this channel first used: a socket pair's send and recvmsg of a byte allocate and free a
// socket buffer, and that version lost ipc small-message latency (zlink/README.md).
//
// Why not asio::post: asio 1.22's scheduler interrupts a sleeping I/O thread (epoll_ctl on its
// interrupter) while the poster still holds the scheduler mutex, and the first thing the woken
// I/O thread does is take that mutex. When the woken I/O thread preempts the poster on the same
// CPU, it blocks on the mutex at once and the poster has to wake it a second time after
// unlocking (measured on PUBSUB/tcp/64 latency, perf sched: the pinger woke the I/O thread 1.88
// times per round trip, two extra context switches; libzmq signals after unlocking: 0.25).
#pragma once

#include <atomic>
#include <cstdint>

#include "../core/asio_config.hpp"
#include "handler_slot.hpp"

namespace zlink {

class wake_channel final : public asio::execution_context::service {
public:
    // A wake waiting in the channel. A node is queued at most once at a time (its owner
    // coalesces wakes until run() started), and stays alive until run() or drop() is called.
    class node {
    public:
        // run(): on the I/O thread, the node's wake is delivered.
        virtual void run() noexcept = 0;
        // drop(): the io_context is going away with the wake still queued.
        virtual void drop() noexcept = 0;

    protected:
        ~node() = default;

    private:
        friend class wake_channel;
        node* next_ = nullptr;
    };

    static asio::execution_context::id id;

    explicit wake_channel(asio::io_context& io);
    ~wake_channel() override;

    // of(ex): the channel of the io_context behind ex, made on first use (io_thread makes it
    // before its thread starts; a bare io_context, as in tests, on the first waker).
    static wake_channel& of(const asio::io_context::executor_type& ex)
    {
        return asio::use_service<wake_channel>(ex.context());
    }

    // push(n): queue n and wake the I/O thread if nothing was queued (any thread).
    void push(node& n) noexcept;

private:
    void shutdown() override;
    // arm(): read the next wake bytes (I/O thread, or the constructing thread once).
    void arm();
    // run_queued(): deliver every queued wake, oldest first (I/O thread).
    void run_queued() noexcept;
    void drop_queued() noexcept;

    asio::posix::stream_descriptor reader_; // the eventfd; push() writes to the same fd
    std::uint64_t counter_[2];
    std::atomic<node*> head_{nullptr};
    handler_slot slot_; // the one pending read's operation
};

} // namespace zlink
