// ctx: socket bookkeeping, lazy I/O threads and the term/shutdown protocol.
#include "ctx.hpp"

#include <cerrno>

#include "../sockets/socket_factory.hpp"
#include "allocator.hpp"
#include "io_thread.hpp"
#include "socket_base.hpp"
#include "zlink.h"

namespace zlink {

ctx::ctx()
{
    tune_allocator();
}

ctx::~ctx()
{
    tag_ = 0;
}

int ctx::set(int option, int value)
{
    std::lock_guard lock(mutex_);
    switch (option) {
    case ZLINK_IO_THREADS:
        if (value < 0)
            break;
        // The threads exist once a tcp/ipc endpoint was created: too late to resize them.
        if (!threads_.empty()) {
            errno = EFSM;
            return -1;
        }
        io_threads_ = value == 0 ? 1 : value;
        return 0;
    case ZLINK_MAX_SOCKETS:
        if (value < 1)
            break;
        max_sockets_ = value;
        return 0;
    default: break;
    }
    errno = EINVAL;
    return -1;
}

int ctx::get(int option)
{
    std::lock_guard lock(mutex_);
    switch (option) {
    case ZLINK_IO_THREADS: return io_threads_;
    case ZLINK_MAX_SOCKETS: return max_sockets_;
    default: errno = EINVAL; return -1;
    }
}

socket_base* ctx::create_socket(int type)
{
    if (terminating()) {
        errno = ETERM;
        return nullptr;
    }
    std::lock_guard lock(mutex_);
    if (static_cast<int>(sockets_.size()) >= max_sockets_) {
        errno = EMFILE;
        return nullptr;
    }
    socket_base* s = make_socket(*this, type);
    if (s == nullptr) {
        errno = EINVAL;
        return nullptr;
    }
    sockets_.insert(s);
    return s;
}

void ctx::socket_closed(socket_base* s)
{
    std::lock_guard lock(mutex_);
    sockets_.erase(s);
    cv_.notify_all();
}

void ctx::shutdown()
{
    terminating_.store(true, std::memory_order_release);
    std::lock_guard lock(mutex_);
    for (socket_base* s : sockets_)
        s->wake();
}

void ctx::term()
{
    shutdown();
    std::vector<std::unique_ptr<io_thread>> threads;
    {
        std::unique_lock lock(mutex_);
        cv_.wait(lock, [this] { return sockets_.empty() && connections_ == 0; });
        threads.swap(threads_);
    }
    threads.clear(); // joins the I/O threads outside the lock
}

asio::io_context& ctx::io()
{
    std::lock_guard lock(mutex_);
    if (threads_.empty()) {
        // All or none: when the OS refuses a thread, the ones already started are joined
        // again and the next endpoint retries the whole set.
        std::vector<std::unique_ptr<io_thread>> started;
        for (int i = 0; i < io_threads_; ++i)
            started.push_back(std::make_unique<io_thread>());
        threads_ = std::move(started);
    }
    io_thread& t = *threads_[next_io_++ % threads_.size()];
    return t.context();
}

void ctx::connection_started() noexcept
{
    std::lock_guard lock(mutex_);
    ++connections_;
}

void ctx::connection_finished() noexcept
{
    std::lock_guard lock(mutex_);
    if (--connections_ == 0)
        cv_.notify_all();
}

} // namespace zlink
