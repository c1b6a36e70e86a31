// handler_slot: storage for the one asio operation of a kind that a connection has in flight
// (its read), handed to asio through the completion handler's associated allocator, so starting
// the operation allocates nothing. Not thread-safe: used on the connection's I/O thread (or by
// the wake_channel, whose one read is re-armed only from its own completion). A request that
// does not fit, or comes while the slot is taken, falls back to the heap.
#pragma once

#include <cstddef>
#include <new>
#include <utility>

#include "../core/asio_config.hpp"

namespace zlink {

class handler_slot {
public:
    handler_slot() = default;
    handler_slot(const handler_slot&) = delete;
    handler_slot& operator=(const handler_slot&) = delete;

    void* allocate(std::size_t n)
    {
        if (!busy_ && n <= sizeof(storage_)) {
            busy_ = true;
            return storage_;
        }
        return ::operator new(n);
    }
    void deallocate(void* p) noexcept
    {
        if (p == static_cast<void*>(storage_))
            busy_ = false;
        else
            ::operator delete(p);
    }
    bool busy() const noexcept { return busy_; }

private:
    // An asio socket operation object (buffers, handler, executor work) is a few hundred bytes.
    alignas(std::max_align_t) unsigned char storage_[512];
    bool busy_ = false;
};

// The allocator asio sees (through asio::bind_allocator); it refers to a slot that outlives
// the operation (the handler keeps the slot's owner alive).
template <class T>
class handler_slot_allocator {
public:
    using value_type = T;
    explicit handler_slot_allocator(handler_slot& s) noexcept : slot_(&s) {}
    template <class U>
    handler_slot_allocator(const handler_slot_allocator<U>& o) noexcept : slot_(o.slot()) {}

    T* allocate(std::size_t n) { return static_cast<T*>(slot_->allocate(n * sizeof(T))); }
    void deallocate(T* p, std::size_t) noexcept { slot_->deallocate(p); }
    handler_slot* slot() const noexcept { return slot_; }

    template <class U>
    bool operator==(const handler_slot_allocator<U>& o) const noexcept { return slot_ == o.slot(); }
    template <class U>
    bool operator!=(const handler_slot_allocator<U>& o) const noexcept { return slot_ != o.slot(); }

private:
    handler_slot* slot_;
};

// in_slot(slot, handler): the handler, bound so that asio allocates its operation in slot.
template <class Handler>
auto in_slot(handler_slot& slot, Handler&& handler)
{
    return asio::bind_allocator(handler_slot_allocator<void>(slot), std::forward<Handler>(handler));
}

} // namespace zlink
