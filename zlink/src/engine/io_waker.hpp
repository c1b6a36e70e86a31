// io_waker: the waker of an object living on an I/O thread (a stream engine, or a connecter
// whose pipes outlive its engines). wake() queues the waker in its io_context's wake_channel,
// which delivers one on_wake() call on the I/O thread; wakes that arrive before it ran are
// coalesced into it.
//
// A wake allocates nothing and locks nothing: the waker is its own node in the channel's list
// (at most one wake outstanding, posted_), and the channel signals the I/O thread through an
// eventfd after the node is linked. See wake_channel.hpp for why this is not an asio::post.
#pragma once

#include <atomic>
#include <memory>
#include <stdexcept>
#include <typeinfo>

#include "../core/asio_config.hpp"
#include "../core/waker.hpp"
#include "wake_channel.hpp"

namespace zlink {

// io_context_executor(ex): the io_context executor inside ex; zlink makes every I/O object on
// an io_context, so anything else is a programming error.
inline asio::io_context::executor_type io_context_executor(const asio::any_io_executor& ex)
{
    if (ex.target_type() != typeid(asio::io_context::executor_type))
        throw std::invalid_argument("io_waker: the executor is not an io_context's");
    return *ex.target<asio::io_context::executor_type>();
}

template <class Target>
class io_waker final : public waker,
                       public wake_channel::node,
                       public std::enable_shared_from_this<io_waker<Target>> {
public:
    // Made with make_shared: a queued wake keeps the waker alive until it ran, also when the
    // io_context is destroyed with the wake pending (the channel drops it then).
    io_waker(const asio::any_io_executor& ex, std::weak_ptr<Target> target)
        : channel_(wake_channel::of(io_context_executor(ex))), target_(std::move(target)) {}

    void wake() noexcept override
    {
        // acquire: a wake that finds posted_ cleared also sees keep_ released by run().
        if (posted_.exchange(true, std::memory_order_acq_rel))
            return;
        keep_ = this->shared_from_this();
        channel_.push(*this); // publishes keep_ to the I/O thread
    }

    // queued(): a wake is outstanding (tests; only meaningful while no wake races with it).
    bool queued() const noexcept { return posted_.load(std::memory_order_acquire); }

private:
    void run() noexcept override
    {
        auto self = std::move(keep_);
        if (auto t = target_.lock()) {
            // Cleared before on_wake(): a wake during it queues the waker again.
            posted_.store(false, std::memory_order_release);
            t->on_wake();
        }
    }
    void drop() noexcept override { keep_.reset(); }

    wake_channel& channel_;
    std::weak_ptr<Target> target_;
    std::atomic<bool> posted_{false};
    std::shared_ptr<io_waker> keep_; // set by the wake that queued this waker, taken by run()
};

} // namespace zlink
