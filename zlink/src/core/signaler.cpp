// signaler: eventfd-based wake-up of application threads.
#include "signaler.hpp"

#include <cerrno>
#include <cstdint>
#include <poll.h>
#include <sys/eventfd.h>
#include <system_error>
#include <unistd.h>

namespace zlink {

signaler::signaler() : fd_(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC))
{
    if (fd_ < 0)
        throw std::system_error(errno, std::generic_category(), "eventfd");
}

signaler::~signaler() { ::close(fd_); }

void signaler::wake() noexcept
{
    pending.store(true, std::memory_order_release);
    const std::uint64_t one = 1;
    // EAGAIN means the counter is saturated, which still leaves the fd readable.
    [[maybe_unused]] ssize_t rc = ::write(fd_, &one, sizeof one);
}

bool signaler::wait(int timeout_ms) noexcept
{
    pollfd p{fd_, POLLIN, 0};
    int rc;
    do {
        rc = ::poll(&p, 1, timeout_ms);
    } while (rc < 0 && errno == EINTR);
    if (rc <= 0)
        return false;
    drain();
    return true;
}

void signaler::drain() noexcept
{
    std::uint64_t value;
    [[maybe_unused]] ssize_t rc = ::read(fd_, &value, sizeof value);
}

} // namespace zlink
