// signaler: an eventfd an application thread sleeps on; it is also what ZLINK_FD exposes.
// A wake is one write(2), issued only when the owner was idle.
#pragma once

#include <atomic>

#include "waker.hpp"

namespace zlink {

class signaler final : public waker {
public:
    signaler();
    ~signaler() override;
    signaler(const signaler&) = delete;
    signaler& operator=(const signaler&) = delete;

    void wake() noexcept override;
    // wait(timeout_ms): blocks until woken or the timeout passes (-1 = forever);
    // true when woken. Consumes the pending wake-ups.
    bool wait(int timeout_ms) noexcept;
    // drain(): forget pending wake-ups without blocking.
    void drain() noexcept;
    int fd() const noexcept { return fd_; }

    // pending is set before every wake so the owner can notice work with a plain load
    // instead of a system call.
    std::atomic<bool> pending{false};

private:
    int fd_;
};

} // namespace zlink
