// ctx: the context behind zlink_ctx_new: its sockets, its I/O threads (started lazily on the
// first tcp/ipc endpoint), the inproc endpoint registry and the termination protocol.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <set>
#include <vector>

#include "../transports/inproc.hpp"
#include "asio_config.hpp"

namespace zlink {

class socket_base;
class io_thread;

class ctx {
public:
    static constexpr std::uint32_t live_tag = 0x7A6C6378; // "zlcx"

    ctx();
    ~ctx();
    ctx(const ctx&) = delete;
    ctx& operator=(const ctx&) = delete;

    bool valid() const noexcept { return tag_ == live_tag; }
    // set/get: ZLINK_IO_THREADS and ZLINK_MAX_SOCKETS; 0 / value, or -1 with errno.
    int set(int option, int value);
    int get(int option);

    // create_socket(type): a new socket, or nullptr with errno (EINVAL, EMFILE, ETERM).
    socket_base* create_socket(int type);
    // socket_closed(s): s has been closed by the application and is being destroyed.
    void socket_closed(socket_base* s);

    // shutdown(): every blocking call on every socket returns ETERM from now on.
    void shutdown();
    // term(): shutdown, then wait for every socket to be closed and every lingering
    // connection to finish. The caller deletes the ctx afterwards.
    void term();
    bool terminating() const noexcept { return terminating_.load(std::memory_order_acquire); }

    // io(): an I/O context for a new endpoint or connection, round-robin over the threads.
    asio::io_context& io();
    // Lingering connections are counted so term() can wait for them.
    void connection_started() noexcept;
    void connection_finished() noexcept;

    inproc_registry& inproc() noexcept { return inproc_; }

private:
    std::uint32_t tag_ = live_tag;
    std::atomic<bool> terminating_{false};
    std::mutex mutex_;
    std::condition_variable cv_;
    std::set<socket_base*> sockets_;
    int io_threads_ = 1;
    int max_sockets_ = 1023;
    std::vector<std::unique_ptr<io_thread>> threads_;
    std::size_t next_io_ = 0;
    int connections_ = 0;
    inproc_registry inproc_;
};

} // namespace zlink
