// io_waker: the waker of an object living on an I/O thread (a stream engine, or a connecter
// whose pipes outlive its engines). wake() posts one on_wake() call to the I/O thread;
// wakes that arrive before it ran are coalesced into it.
//
// A wake allocates nothing. Posting through an any_io_executor costs two heap blocks in asio
// 1.22 (its type-erased function, made with std::allocator, and the scheduler operation), both
// allocated on the waking application thread and freed on the I/O thread. Here the post goes
// to the io_context's own executor type, so there is no type erasure, and the one remaining
// block, the operation, is allocated through the handler's associated allocator from a slot
// in the waker: at most one post is outstanding (posted_), so one slot is enough.
#pragma once

#include <atomic>
#include <memory>
#include <stdexcept>
#include <typeinfo>

#include "../core/asio_config.hpp"
#include "../core/waker.hpp"
#include "handler_slot.hpp"

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
class io_waker final : public waker, public std::enable_shared_from_this<io_waker<Target>> {
public:
    // Made with make_shared: a posted wake keeps the waker (and so its slot) alive until asio
    // has released the operation, also when the io_context is destroyed with the wake pending.
    io_waker(const asio::any_io_executor& ex, std::weak_ptr<Target> target)
        : ex_(io_context_executor(ex)), target_(std::move(target)) {}

    void wake() noexcept override
    {
        // acquire: a wake that finds posted_ cleared also sees the slot released, because the
        // handler clears it after asio released the operation (executor_op frees its memory
        // before the upcall). While posted_ is set, the slot is touched by the wake that set
        // it and then by the I/O thread, ordered by asio's queue.
        if (posted_.exchange(true, std::memory_order_acq_rel))
            return;
        asio::post(ex_, in_slot(slot_, [self = this->shared_from_this()] {
                       if (auto t = self->target_.lock()) {
                           self->posted_.store(false, std::memory_order_release);
                           t->on_wake();
                       }
                   }));
    }

    // slot_in_use(): the outstanding wake's operation sits in the waker's slot (tests; only
    // meaningful while no wake races with the call).
    bool slot_in_use() const noexcept { return slot_.busy(); }

private:
    asio::io_context::executor_type ex_;
    std::weak_ptr<Target> target_;
    std::atomic<bool> posted_{false};
    handler_slot slot_; // the outstanding post's operation
};

} // namespace zlink
