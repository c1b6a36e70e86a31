// socket_base: blocking loops, multipart bookkeeping, option dispatch, peers and close.
#include "socket_base.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <random>
#include <sched.h>

#include "../transports/transport.hpp"
#include "ctx.hpp"
#include "zlink.h"

namespace zlink {

// Whether the calling thread sent a message since its last successful receive (see
// yields_before_sleeping). Written on every send and receive: initial-exec keeps that a plain
// memory access instead of a __tls_get_addr call per message in this shared library.
[[gnu::tls_model("initial-exec")]] static thread_local bool t_sent_since_recv = false;

bool socket_base::yields_before_sleeping() const noexcept
{
    return !t_sent_since_recv && inproc_peers_ > 0;
}

bool socket_base::spin_before_sleeping() noexcept
{
    if (!t_sent_since_recv || inproc_peers_ == 0)
        return false;
    if (spin_skips_ > 0) {
        --spin_skips_;
        return false;
    }
    if (sig_->spin_for_wake(reply_spin)) {
        spin_backoff_ = 0;
        return true;
    }
    spin_backoff_ = spin_backoff_ == 0 ? 1 : std::min<std::uint16_t>(spin_backoff_ * 2, max_spin_skips);
    spin_skips_ = spin_backoff_;
    return false;
}

static std::int64_t now_ms()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

std::string auto_routing_id()
{
    static const std::uint64_t prefix = [] {
        std::random_device rd;
        return (std::uint64_t{rd()} << 32) ^ rd();
    }();
    static std::atomic<std::uint64_t> counter{0};
    const std::uint64_t n = counter.fetch_add(1, std::memory_order_relaxed) + 1;
    std::string id(16, '\0');
    std::memcpy(id.data(), &prefix, 8);
    std::memcpy(id.data() + 8, &n, 8);
    return id;
}

socket_base::socket_base(ctx& c, int type)
    : ctx_(c), sig_(std::make_shared<signaler>()), mbox_(std::make_shared<mailbox>(sig_)),
      own_id_(auto_routing_id())
{
    opts_.type = type;
}

socket_base::~socket_base()
{
    tag_ = 0;
}

void socket_base::process_slow()
{
    sig_->pending.store(false, std::memory_order_release);
    for (auto& cmd : mbox_->take())
        cmd(*this);
    xactivity();
}

int socket_base::wait(std::int64_t deadline)
{
    int timeout = -1;
    if (deadline >= 0) {
        const std::int64_t left = deadline - now_ms();
        if (left <= 0)
            return EAGAIN;
        timeout = static_cast<int>(left);
    }
    sig_->wait(timeout);
    if (ctx_.terminating())
        return ETERM;
    process();
    return 0;
}

int socket_base::send(msg& m, int flags)
{
    if (ctx_.terminating()) {
        errno = ETERM;
        return -1;
    }
    process();
    m.set_more((flags & ZLINK_SNDMORE) != 0);
    const int timeout = (flags & ZLINK_DONTWAIT) ? 0 : opts_.sndtimeo;
    std::int64_t deadline = -1;
    for (;;) {
        const int rc = xsend(m);
        if (rc == 0) {
            sending_more_ = (flags & ZLINK_SNDMORE) != 0;
            t_sent_since_recv = true;
            return 0;
        }
        if (rc != EAGAIN || timeout == 0) {
            errno = rc;
            return -1;
        }
        if (!xarm_send())
            continue;
        if (deadline < 0 && timeout > 0)
            deadline = now_ms() + timeout;
        if (const int w = wait(deadline); w != 0) {
            errno = w;
            return -1;
        }
    }
}

int socket_base::recv(msg& m, int flags)
{
    if (ctx_.terminating()) {
        errno = ETERM;
        return -1;
    }
    process();
    const int timeout = (flags & ZLINK_DONTWAIT) ? 0 : opts_.rcvtimeo;
    std::int64_t deadline = -1;
    bool yielded = false;
    for (;;) {
        const int rc = xrecv(m);
        if (rc == 0) {
            rcvmore_ = m.has_more();
            t_sent_since_recv = false;
            return 0;
        }
        if (rc != EAGAIN) {
            errno = rc;
            return -1;
        }
        if (timeout == 0) {
            errno = EAGAIN;
            return -1;
        }
        if (!yielded && yields_before_sleeping()) {
            yielded = true;
            sched_yield();
            continue;
        }
        if (!xarm_recv())
            continue;
        if (spin_before_sleeping()) {
            process();
            continue;
        }
        if (deadline < 0 && timeout > 0)
            deadline = now_ms() + timeout;
        if (const int w = wait(deadline); w != 0) {
            errno = w;
            return -1;
        }
    }
}

int socket_base::events(int interest)
{
    process();
    const auto readiness = [this] {
        return (xhas_in() ? ZLINK_POLLIN : 0) | (xhas_out() ? ZLINK_POLLOUT : 0);
    };
    int ev = readiness();
    if ((ev & interest) != 0)
        return ev;
    // Stale eventfd wake-ups matter only to a poll(2) on the fd; a socket nobody watches
    // that way skips the read.
    if (sig_->fd_watched())
        sig_->drain();
    // Arm before looking again: whatever arrives after the look wakes the fd.
    if ((ev & ZLINK_POLLIN) == 0)
        xarm_recv();
    if ((ev & ZLINK_POLLOUT) == 0)
        xarm_send();
    process(); // commands whose wake-up the drain just swallowed
    return readiness();
}

int socket_base::setsockopt(int option, const void* value, std::size_t len)
{
    if (ctx_.terminating()) {
        errno = ETERM;
        return -1;
    }
    int rc = xsetsockopt(option, value, len);
    if (rc == -2)
        rc = opts_.set(option, value, len);
    if (rc == 0 && option == ZLINK_ROUTING_ID)
        own_id_ = opts_.routing_id;
    if (rc != 0) {
        errno = rc;
        return -1;
    }
    return 0;
}

int socket_base::getsockopt(int option, void* value, std::size_t* len)
{
    if (ctx_.terminating()) {
        errno = ETERM;
        return -1;
    }
    int rc = xgetsockopt(option, value, len);
    if (rc == -2) {
        switch (option) {
        case ZLINK_RCVMORE: rc = get_int(rcvmore_ ? 1 : 0, value, len); break;
        case ZLINK_FD:
            // From now on the application may poll the fd: every wake must reach it.
            sig_->expose_fd();
            rc = get_int(sig_->fd(), value, len);
            break;
        case ZLINK_EVENTS:
            // Users poll ZLINK_FD for input: re-arm it when there is nothing to read.
            rc = get_int(events(ZLINK_POLLIN), value, len);
            break;
        case ZLINK_ROUTING_ID: {
            // Report the id this socket announces, automatic or not.
            options o;
            o.routing_id = own_id_;
            rc = o.get(option, value, len);
            break;
        }
        default: rc = opts_.get(option, value, len); break;
        }
    }
    if (rc != 0) {
        errno = rc;
        return -1;
    }
    return 0;
}

void socket_base::attach(std::unique_ptr<peer> p)
{
    p->uid = next_uid();
    if (!xattach(p.get()))
        return; // refused: the peer's destructor closes its pipes
    if (p->inproc)
        ++inproc_peers_;
    peers_.push_back(std::move(p));
}

void socket_base::detach(const pipe* in)
{
    auto it = std::find_if(peers_.begin(), peers_.end(),
                           [in](const auto& p) { return p->in.get() == in; });
    if (it == peers_.end())
        return;
    peer* p = it->get();
    p->gone = true;
    reap_if_done(p);
}

void socket_base::reconnected(const pipe* in)
{
    for (auto& p : peers_)
        if (p->in.get() == in)
            xreconnected(p.get());
}

void socket_base::reap_if_done(peer* p)
{
    // Messages already received from a vanished peer are still delivered.
    if (p->gone && (!p->in || !p->in->readable()))
        remove(p);
}

void socket_base::remove(peer* p)
{
    xdetach(p);
    auto it = std::find_if(peers_.begin(), peers_.end(),
                           [p](const auto& q) { return q.get() == p; });
    if (it != peers_.end()) {
        if (p->inproc)
            --inproc_peers_;
        peers_.erase(it);
    }
}

int socket_base::bind(const char* endpoint)
{
    if (ctx_.terminating()) {
        errno = ETERM;
        return -1;
    }
    process();
    std::shared_ptr<endpoint_handle> handle;
    std::string resolved;
    const std::uint64_t origin = ++endpoint_counter_;
    if (const int rc = transport_bind(*this, endpoint, origin, handle, resolved); rc != 0) {
        errno = rc;
        return -1;
    }
    opts_.last_endpoint = resolved;
    endpoints_.emplace(resolved, endpoint_entry{origin, std::move(handle), true});
    if (resolved != endpoint)
        endpoints_.emplace(endpoint, endpoint_entry{origin, nullptr, true});
    return 0;
}

int socket_base::connect(const char* endpoint)
{
    if (ctx_.terminating()) {
        errno = ETERM;
        return -1;
    }
    process();
    std::shared_ptr<endpoint_handle> handle;
    const std::uint64_t origin = ++endpoint_counter_;
    if (const int rc = transport_connect(*this, endpoint, origin, handle); rc != 0) {
        errno = rc;
        return -1;
    }
    opts_.connect_routing_id.clear();
    opts_.last_endpoint = endpoint;
    endpoints_.emplace(endpoint, endpoint_entry{origin, std::move(handle), false});
    return 0;
}

int socket_base::unbind(const char* endpoint)
{
    return end_endpoint(endpoint, true);
}

int socket_base::disconnect(const char* endpoint)
{
    return end_endpoint(endpoint, false);
}

int socket_base::end_endpoint(const char* endpoint, bool bound)
{
    if (ctx_.terminating()) {
        errno = ETERM;
        return -1;
    }
    if (endpoint == nullptr) {
        errno = EINVAL;
        return -1;
    }
    process();
    // Each call ends only what its counterpart started: unbinding a connected endpoint or
    // disconnecting a bound one is ENOENT.
    std::vector<std::uint64_t> origins;
    auto range = endpoints_.equal_range(endpoint);
    for (auto it = range.first; it != range.second; ++it)
        if (it->second.bound == bound)
            origins.push_back(it->second.origin);
    if (origins.empty()) {
        errno = ENOENT;
        return -1;
    }
    // Every entry of those origins: the one named and the alias ("tcp://...:*") or resolved
    // entry that shares its origin.
    std::erase_if(endpoints_, [&](auto& e) {
        if (std::find(origins.begin(), origins.end(), e.second.origin) == origins.end())
            return false;
        if (e.second.handle)
            e.second.handle->stop(0);
        return true;
    });
    for (std::size_t i = peers_.size(); i-- > 0;) {
        if (std::find(origins.begin(), origins.end(), peers_[i]->origin) != origins.end())
            remove(peers_[i].get());
    }
    return 0;
}

void socket_base::close()
{
    for (auto& e : endpoints_)
        if (e.second.handle)
            e.second.handle->stop(opts_.linger);
    endpoints_.clear();
    // Closing the write ends lets engines (and inproc peers) drain what was sent; the
    // engines apply LINGER themselves.
    while (!peers_.empty())
        remove(peers_.back().get());
    mbox_->close();
    ctx& c = ctx_;
    // The destructor touches nothing of the ctx, so the ctx may finish terminating meanwhile.
    c.socket_closed(this);
    delete this;
}

} // namespace zlink
