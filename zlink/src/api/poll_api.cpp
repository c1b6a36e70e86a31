// C API: zlink_poll over zlink sockets and plain file descriptors. Socket readiness comes
// from ZLINK_EVENTS; the wait itself is one poll(2) over the sockets' signaler fds and the
// plain fds, repeated until something is ready or the timeout passes.
#include <cerrno>
#include <chrono>
#include <poll.h>
#include <vector>

#include "../core/socket_base.hpp"
#include "zlink.h"

using zlink::socket_base;

namespace {

std::int64_t now_ms()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

// socket_events(item, ev): the ZLINK_EVENTS of the item's socket; false with errno on error.
bool socket_events(zlink_pollitem_t& item, int& ev)
{
    std::size_t len = sizeof ev;
    return zlink_getsockopt(item.socket, ZLINK_EVENTS, &ev, &len) == 0;
}

// collect(items, n, fds): fills revents from the sockets' state and the fds' poll results;
// returns how many items are ready, or -1.
int collect(zlink_pollitem_t* items, int n, const std::vector<pollfd>& fds)
{
    int ready = 0;
    for (int i = 0; i < n; ++i) {
        zlink_pollitem_t& it = items[i];
        it.revents = 0;
        if (it.socket != nullptr) {
            int ev = 0;
            if (!socket_events(it, ev))
                return -1;
            it.revents = static_cast<short>(ev & it.events & (ZLINK_POLLIN | ZLINK_POLLOUT));
        } else {
            const short r = fds[static_cast<std::size_t>(i)].revents;
            if ((it.events & ZLINK_POLLIN) && (r & (POLLIN | POLLHUP)))
                it.revents |= ZLINK_POLLIN;
            if ((it.events & ZLINK_POLLOUT) && (r & POLLOUT))
                it.revents |= ZLINK_POLLOUT;
            if (r & (POLLERR | POLLNVAL))
                it.revents |= ZLINK_POLLERR;
        }
        if (it.revents != 0)
            ++ready;
    }
    return ready;
}

} // namespace

extern "C" int zlink_poll(zlink_pollitem_t* items, int nitems, long timeout)
{
    if (nitems < 0 || (items == nullptr && nitems > 0)) {
        errno = items == nullptr ? EFAULT : EINVAL;
        return -1;
    }
    std::vector<pollfd> fds(static_cast<std::size_t>(nitems));
    for (int i = 0; i < nitems; ++i) {
        zlink_pollitem_t& it = items[i];
        pollfd& p = fds[static_cast<std::size_t>(i)];
        if (it.socket != nullptr) {
            std::size_t len = sizeof p.fd;
            if (zlink_getsockopt(it.socket, ZLINK_FD, &p.fd, &len) != 0)
                return -1;
            p.events = POLLIN;
        } else {
            p.fd = it.fd;
            p.events = static_cast<short>(((it.events & ZLINK_POLLIN) ? POLLIN : 0) |
                                          ((it.events & ZLINK_POLLOUT) ? POLLOUT : 0));
        }
    }
    const std::int64_t deadline = timeout < 0 ? -1 : now_ms() + timeout;
    // Bounded by the deadline: every round either returns or sleeps in poll(2).
    for (;;) {
        // Sockets are checked before sleeping: their fd only signals changes, not state.
        for (auto& p : fds)
            p.revents = 0;
        if (const int ready = collect(items, nitems, fds); ready != 0)
            return ready;
        int wait_ms = -1;
        if (deadline >= 0) {
            const std::int64_t left = deadline - now_ms();
            if (left <= 0)
                return 0;
            wait_ms = static_cast<int>(left);
        }
        const int rc = ::poll(fds.data(), static_cast<nfds_t>(nitems), wait_ms);
        if (rc < 0)
            return -1; // errno from poll(2), e.g. EINTR
        if (nitems == 0)
            return 0;
        if (const int ready = collect(items, nitems, fds); ready != 0)
            return ready;
    }
}
