// signaler: futex sleeps for blocking calls, an eventfd for pollers.
#include "signaler.hpp"

#include <cerrno>
#include <ctime>
#include <linux/futex.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>
#include <system_error>
#include <unistd.h>

namespace zlink {

static_assert(sizeof(std::atomic<std::uint32_t>) == sizeof(std::uint32_t) &&
                  std::atomic<std::uint32_t>::is_always_lock_free,
              "the futex word must be a plain 32-bit word");

signaler::signaler() : fd_(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC))
{
    if (fd_ < 0)
        throw std::system_error(errno, std::generic_category(), "eventfd");
}

signaler::~signaler() { ::close(fd_); }

void signaler::wake() noexcept
{
    // Sequentially consistent store then load, mirrored in wait(): either the sleeper sees
    // pending before it sleeps, or this sees it registered as a sleeper (Dekker).
    pending.store(true, std::memory_order_seq_cst);
    const std::uint32_t watch = watch_.load(std::memory_order_seq_cst);
    if ((watch & (fd_exposed | fd_polling)) != 0) {
        const std::uint64_t one = 1;
        // EAGAIN means the counter is saturated, which still leaves the fd readable.
        [[maybe_unused]] ssize_t rc = ::write(fd_, &one, sizeof one);
    }
    if ((watch & futex_sleeper) != 0) {
        generation_.fetch_add(1, std::memory_order_release);
        ::syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(&generation_), FUTEX_WAKE_PRIVATE,
                  1, nullptr, nullptr, 0);
    }
}

void signaler::wait(int timeout_ms) noexcept
{
    const std::uint32_t gen = generation_.load(std::memory_order_acquire);
    watch_.fetch_or(futex_sleeper, std::memory_order_seq_cst);
    if (!pending.load(std::memory_order_seq_cst)) {
        timespec ts{};
        timespec* rel = nullptr;
        if (timeout_ms >= 0) {
            ts.tv_sec = timeout_ms / 1000;
            ts.tv_nsec = static_cast<long>(timeout_ms % 1000) * 1000000L;
            rel = &ts;
        }
        // Returns at once when a wake bumped the generation since it was read; EINTR and
        // ETIMEDOUT need no handling, the callers re-check and re-arm.
        ::syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(&generation_), FUTEX_WAIT_PRIVATE,
                  gen, rel, nullptr, 0);
    }
    watch_.fetch_and(~futex_sleeper, std::memory_order_relaxed);
}

// The spin's pause: lets the sibling hyper-thread run and keeps the loop from flooding the
// memory system with loads of a line another core is about to write.
static inline void cpu_relax() noexcept
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    asm volatile("yield" ::: "memory");
#endif
}

bool signaler::spin_for_wake(std::chrono::nanoseconds budget) const noexcept
{
    using clock = std::chrono::steady_clock;
    const clock::time_point end = clock::now() + budget;
    // The clock is read once per 16 checks: a vDSO call costs more than a check.
    for (;;) {
        for (int i = 0; i < 16; ++i) {
            if (pending.load(std::memory_order_acquire))
                return true;
            cpu_relax();
        }
        if (clock::now() >= end)
            return pending.load(std::memory_order_acquire);
    }
}

void signaler::drain() noexcept
{
    std::uint64_t value;
    [[maybe_unused]] ssize_t rc = ::read(fd_, &value, sizeof value);
}

} // namespace zlink
