// io_waker: the waker of an object living on an I/O thread (a stream engine, or a connecter
// whose pipes outlive its engines). wake() posts one on_wake() call to the I/O thread;
// wakes that arrive before it ran are coalesced into it.
#pragma once

#include <atomic>
#include <memory>

#include "../core/asio_config.hpp"
#include "../core/waker.hpp"

namespace zlink {

template <class Target>
class io_waker final : public waker {
public:
    // The target must own this waker (keep a shared_ptr to it) so the waker outlives every
    // on_wake() it posts for a live target.
    io_waker(asio::any_io_executor ex, std::weak_ptr<Target> target)
        : ex_(std::move(ex)), target_(std::move(target)) {}

    void wake() noexcept override
    {
        if (posted_.exchange(true, std::memory_order_acq_rel))
            return;
        asio::post(ex_, [this, w = target_] {
            if (auto t = w.lock()) {
                posted_.store(false, std::memory_order_release);
                t->on_wake();
            }
        });
    }

private:
    asio::any_io_executor ex_;
    std::weak_ptr<Target> target_;
    std::atomic<bool> posted_{false};
};

} // namespace zlink
