// C API: zlink_poll over zlink sockets and plain file descriptors. Sockets are asked for
// their readiness first (no system call when one is ready); only when nothing is ready does
// one poll(2) sleep on the sockets' signaler fds and the plain fds, until the timeout (a
// single socket sleeps on its signaler's futex instead).
#include <array>
#include <cerrno>
#include <chrono>
#include <poll.h>
#include <sched.h>
#include <vector>

#include "../core/ctx.hpp"
#include "../core/socket_base.hpp"
#include "api_guard.hpp"
#include "zlink.h"

using zlink::socket_base;

namespace {

std::int64_t now_ms()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

// collect(items, n, fds): fills revents from the sockets' state and the fds' poll results;
// returns how many items are ready, or -1 (ETERM) once a socket's context is terminating.
int collect(zlink_pollitem_t* items, int n, const pollfd* fds)
{
    int ready = 0;
    for (int i = 0; i < n; ++i) {
        zlink_pollitem_t& it = items[i];
        it.revents = 0;
        if (it.socket != nullptr) {
            auto* s = static_cast<socket_base*>(it.socket);
            const int interest = it.events & (ZLINK_POLLIN | ZLINK_POLLOUT);
            it.revents = static_cast<short>(s->events(interest) & interest);
            // Checked after events(): it drains the signaler, and the wake-up that ctx_term
            // sends after setting `terminating` may be the one it swallowed.
            if (s->context().terminating()) {
                errno = ETERM;
                return -1;
            }
        } else {
            const short r = fds[i].revents;
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

// prepare(items, n, fds): the pollfd of each item; false (errno ENOTSOCK) for a bad socket.
bool prepare(zlink_pollitem_t* items, int n, pollfd* fds)
{
    for (int i = 0; i < n; ++i) {
        zlink_pollitem_t& it = items[i];
        pollfd& p = fds[i];
        p.revents = 0;
        if (it.socket != nullptr) {
            auto* s = static_cast<socket_base*>(it.socket);
            if (!s->valid()) {
                errno = ENOTSOCK;
                return false;
            }
            p.fd = s->sig()->fd();
            p.events = POLLIN;
        } else {
            p.fd = it.fd;
            p.events = static_cast<short>(((it.events & ZLINK_POLLIN) ? POLLIN : 0) |
                                          ((it.events & ZLINK_POLLOUT) ? POLLOUT : 0));
        }
    }
    return true;
}

// Whether a blocking recv on one of the items' sockets would yield before sleeping.
bool any_yields_before_sleeping(const zlink_pollitem_t* items, int nitems)
{
    for (int i = 0; i < nitems; ++i)
        if (items[i].socket != nullptr &&
            static_cast<const socket_base*>(items[i].socket)->yields_before_sleeping())
            return true;
    return false;
}

// Marks the items' sockets as watched through their fds for as long as this zlink_poll runs,
// so their wakers write the eventfds (a blocking recv sleeps on a futex instead). n = 0
// watches nothing.
class fd_watch {
public:
    fd_watch(zlink_pollitem_t* items, int n) : items_(items), n_(n) { set(true); }
    ~fd_watch() { set(false); }
    fd_watch(const fd_watch&) = delete;
    fd_watch& operator=(const fd_watch&) = delete;

private:
    void set(bool on) noexcept
    {
        for (int i = 0; i < n_; ++i)
            if (items_[i].socket != nullptr)
                static_cast<socket_base*>(items_[i].socket)->sig()->fd_polled(on);
    }
    zlink_pollitem_t* items_;
    int n_;
};

} // namespace

extern "C" int zlink_poll(zlink_pollitem_t* items, int nitems, long timeout)
{
    if (nitems < 0 || (items == nullptr && nitems > 0)) {
        errno = items == nullptr ? EFAULT : EINVAL;
        return -1;
    }
    // The common case (a few items, polled per message) needs no heap allocation.
    std::array<pollfd, 16> small;
    std::vector<pollfd> large;
    pollfd* fds = small.data();
    if (nitems > static_cast<int>(small.size())) {
        const auto n = static_cast<std::size_t>(nitems);
        if (zlink::guarded(-1, [&] { large.resize(n); return 0; }) != 0)
            return -1; // ENOMEM
        fds = large.data();
    }
    if (!prepare(items, nitems, fds))
        return -1;
    const std::int64_t deadline = timeout < 0 ? -1 : now_ms() + timeout;
    // One socket and no plain fd (the usual poll before a receive): sleep on the socket's
    // futex like a blocking recv, one futex wake and wait per wake-up instead of an eventfd
    // write, a poll and a read. Otherwise poll(2) the fds, watched from before the first
    // readiness check: that check arms the sockets' pipes, and a wake after it must find
    // the fds watched.
    socket_base* const only = nitems == 1 ? static_cast<socket_base*>(items[0].socket) : nullptr;
    const fd_watch watch(items, only != nullptr ? 0 : nitems);
    // Before the first sleep, yield once if a blocking recv on one of these sockets would;
    // decided only then, so a poll that finds something ready at once pays nothing for it.
    bool may_yield = timeout != 0;
    // Bounded by the deadline: every round either returns or sleeps.
    for (;;) {
        if (const int ready = collect(items, nitems, fds); ready != 0)
            return ready;
        if (may_yield) {
            may_yield = false;
            if (any_yields_before_sleeping(items, nitems)) {
                sched_yield();
                continue;
            }
        }
        int wait_ms = -1;
        if (deadline >= 0) {
            const std::int64_t left = deadline - now_ms();
            if (left <= 0)
                return 0;
            wait_ms = static_cast<int>(left);
        }
        if (only != nullptr) {
            // A thread waiting for a reply spins first, as in a blocking recv.
            if (!only->spin_before_sleeping())
                only->sig()->wait(wait_ms);
            continue;
        }
        for (int i = 0; i < nitems; ++i)
            fds[i].revents = 0;
        if (::poll(fds, static_cast<nfds_t>(nitems), wait_ms) < 0)
            return -1; // errno from poll(2), e.g. EINTR
        if (nitems == 0)
            return 0;
    }
}
