// signaler: how an application thread sleeps until its socket has work, and the eventfd that
// ZLINK_FD exposes. A blocking send/recv (or a zlink_poll on one socket) sleeps on a futex;
// the eventfd is written only while someone may be watching it (zlink_poll sleeping in
// poll(2), or the fd handed out through ZLINK_FD), so a wake-up of a thread blocked in recv is
// one futex wake and one futex wait instead of an eventfd write, a poll and a read. A wake is
// issued only when the owner was idle.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

#include "waker.hpp"

namespace zlink {

class signaler final : public waker {
public:
    signaler();
    ~signaler() override;
    signaler(const signaler&) = delete;
    signaler& operator=(const signaler&) = delete;

    void wake() noexcept override;
    // wait(timeout_ms): blocks the owner thread until woken or the timeout passes (-1 =
    // forever); may return early (spuriously). Does not touch the eventfd.
    void wait(int timeout_ms) noexcept;
    // spin_for_wake(budget): watch `pending` for up to `budget` before a wait(), without
    // registering as a sleeper. A wake in that window costs the waker one store and neither
    // side a system call or a context switch. True if a wake came.
    bool spin_for_wake(std::chrono::nanoseconds budget) const noexcept;
    // drain(): forget pending eventfd wake-ups without blocking.
    void drain() noexcept;
    // fd(): the eventfd, for zlink_poll's own poll(2).
    int fd() const noexcept { return fd_; }
    // expose_fd(): the fd is handed to the application (ZLINK_FD), which may poll it at any
    // time from now on: every later wake writes it.
    void expose_fd() noexcept { watch_.fetch_or(fd_exposed, std::memory_order_seq_cst); }
    // fd_polled(on): the owner is (about to be) sleeping in poll(2) on fd() (zlink_poll); set
    // before it checks for work, cleared once it no longer polls.
    void fd_polled(bool on) noexcept
    {
        if (on)
            watch_.fetch_or(fd_polling, std::memory_order_seq_cst);
        else
            watch_.fetch_and(~fd_polling, std::memory_order_relaxed);
    }

    // fd_watched(): the fd may be polled now (exposed, or zlink_poll sleeps on it); owner thread.
    bool fd_watched() const noexcept
    {
        return (watch_.load(std::memory_order_relaxed) & (fd_exposed | fd_polling)) != 0;
    }

    // pending is set before every wake so the owner can notice work with a plain load
    // instead of a system call.
    std::atomic<bool> pending{false};

private:
    // watch_ bits: who has to be told of a wake besides the pending flag.
    static constexpr std::uint32_t fd_exposed = 1;   // sticky: the application has the fd
    static constexpr std::uint32_t fd_polling = 2;   // zlink_poll sleeps on the fd
    static constexpr std::uint32_t futex_sleeper = 4; // the owner sleeps in wait()

    int fd_;
    std::atomic<std::uint32_t> watch_{0};
    // Futex word: bumped by every wake that finds a sleeper, so a wait that read the old value
    // before the wake cannot miss it.
    std::atomic<std::uint32_t> generation_{0};
};

} // namespace zlink
