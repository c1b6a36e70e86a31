// inproc: the registry of bound names and waiting connects, and the join of two sockets.
#include "inproc.hpp"

#include <atomic>
#include <cerrno>

#include "../core/peer.hpp"
#include "../core/socket_base.hpp"
#include "../engine/zmp_frame.hpp"
#include "zlink.h"

namespace zlink {

// A waker whose target (the binder's signaler) is only known once the bind happens; wakes
// before that are remembered and delivered when the target arrives.
class deferred_waker final : public waker {
public:
    void wake() noexcept override
    {
        pending_.store(true, std::memory_order_seq_cst);
        if (auto t = target_.load(std::memory_order_seq_cst))
            t->wake();
    }
    void set(std::shared_ptr<waker> t)
    {
        target_.store(t, std::memory_order_seq_cst);
        if (pending_.exchange(false, std::memory_order_seq_cst))
            t->wake();
    }

private:
    std::atomic<std::shared_ptr<waker>> target_;
    std::atomic<bool> pending_{false};
};

struct early_pipes {
    std::shared_ptr<deferred_waker> binder_waker = std::make_shared<deferred_waker>();
    pipe_ptr c2b; // connecter -> binder
    pipe_ptr b2c; // binder -> connecter
};

namespace {

class inproc_handle final : public endpoint_handle {
public:
    inproc_handle(inproc_registry& r, std::string name, socket_base* s, std::uint64_t origin)
        : registry_(r), name_(std::move(name)), socket_(s), origin_(origin) {}
    void stop(int) override { registry_.forget(name_, socket_, origin_); }

private:
    inproc_registry& registry_;
    std::string name_;
    socket_base* socket_;
    std::uint64_t origin_;
};

// The HWM of an inproc pipe is the sender's SNDHWM plus the receiver's RCVHWM, as the
// queue stands for both of libzmq's buffers; 0 on either side means unlimited.
std::int64_t joint_hwm(int snd, int rcv) { return snd == 0 || rcv == 0 ? 0 : std::int64_t{snd} + rcv; }

std::unique_ptr<peer> make_peer(pipe_ptr in, pipe_ptr out, std::string id, std::uint64_t origin)
{
    auto p = std::make_unique<peer>();
    p->in = std::move(in);
    p->out = std::move(out);
    p->routing_id = std::move(id);
    p->origin = origin;
    p->inproc = true;
    return p;
}

// join(b, c, here): pipes between binder b and connecter c; `here` is the socket whose
// thread we are in (attached directly), the other side gets an attach command.
void join(const inproc_registry::side& b, const inproc_registry::side& c, socket_base* here)
{
    auto c2b = std::make_shared<pipe>(joint_hwm(c.sndhwm, b.rcvhwm), b.sig, c.sig);
    auto b2c = std::make_shared<pipe>(joint_hwm(b.sndhwm, c.rcvhwm), c.sig, b.sig);
    auto bp = make_peer(c2b, b2c, c.own_id, b.origin);
    auto cp = make_peer(b2c, c2b, c.connect_routing_id.empty() ? b.own_id : c.connect_routing_id,
                        c.origin);
    for (auto [side, p] : {std::pair{&b, &bp}, std::pair{&c, &cp}}) {
        if (side->socket == here) {
            here->attach(std::move(*p));
        } else {
            std::shared_ptr<peer> shared(std::move(*p));
            side->mbox->post([shared](socket_base& s) mutable {
                auto owned = std::make_unique<peer>();
                std::swap(owned->in, shared->in);
                std::swap(owned->out, shared->out);
                owned->routing_id = std::move(shared->routing_id);
                owned->origin = shared->origin;
                owned->inproc = true;
                s.attach(std::move(owned));
            });
        }
    }
}

// attach_early(c): for a connect before the bind, the connecter's half of the pipes now, so
// it can queue messages (and subscriptions) at once, as with the stream transports.
// A ROUTER without CONNECT_ROUTING_ID must wait: it cannot name the peer yet.
std::shared_ptr<early_pipes> attach_early(socket_base& s, const inproc_registry::side& c)
{
    if (c.type == ZLINK_ROUTER && c.connect_routing_id.empty())
        return nullptr;
    auto e = std::make_shared<early_pipes>();
    e->c2b = std::make_shared<pipe>(c.sndhwm, e->binder_waker, c.sig);
    e->b2c = std::make_shared<pipe>(c.rcvhwm, c.sig, e->binder_waker);
    s.attach(make_peer(e->b2c, e->c2b, c.connect_routing_id, c.origin));
    return e;
}

// join_early(b, c): the binder takes its half of pipes made by an earlier connect.
void join_early(const inproc_registry::side& b, const inproc_registry::side& c, socket_base& here)
{
    c.early->binder_waker->set(b.sig);
    here.attach(make_peer(c.early->c2b, c.early->b2c, c.own_id, b.origin));
}

bool compatible(int a, int b)
{
    return zmp::socket_types_compatible(static_cast<std::uint8_t>(a), static_cast<std::uint8_t>(b));
}

} // namespace

inproc_registry::side inproc_registry::capture(socket_base& s, std::uint64_t origin)
{
    const options& o = s.opts();
    return {&s, s.mbox(), s.sig(), o.type, s.own_id(), o.connect_routing_id, o.sndhwm, o.rcvhwm,
            origin, nullptr};
}

int inproc_registry::bind(const std::string& name, socket_base& s, std::uint64_t origin,
                          std::shared_ptr<endpoint_handle>& handle)
{
    const side b = capture(s, origin);
    std::vector<side> waiting;
    {
        std::lock_guard lock(mutex_);
        if (!bound_.emplace(name, b).second)
            return EADDRINUSE;
        auto range = pending_.equal_range(name);
        for (auto it = range.first; it != range.second; ++it)
            waiting.push_back(it->second);
        pending_.erase(range.first, range.second);
    }
    for (const side& c : waiting) {
        if (!compatible(b.type, c.type)) {
            if (c.early) {
                // Close the binder's half: the connecter then drops the peer it attached.
                c.early->c2b->close_reader();
                c.early->b2c->close_writer();
            }
            continue;
        }
        if (c.early)
            join_early(b, c, s);
        else
            join(b, c, &s);
    }
    handle = std::make_shared<inproc_handle>(*this, name, &s, origin);
    return 0;
}

int inproc_registry::connect(const std::string& name, socket_base& s, std::uint64_t origin,
                             std::shared_ptr<endpoint_handle>& handle)
{
    const side c = capture(s, origin);
    side b;
    {
        std::lock_guard lock(mutex_);
        auto it = bound_.find(name);
        if (it == bound_.end()) {
            side early = c;
            early.early = attach_early(s, c);
            pending_.emplace(name, std::move(early));
            handle = std::make_shared<inproc_handle>(*this, name, &s, origin);
            return 0;
        }
        b = it->second;
    }
    if (!compatible(b.type, c.type))
        return ENOCOMPATPROTO;
    join(b, c, &s);
    handle = std::make_shared<inproc_handle>(*this, name, &s, origin);
    return 0;
}

void inproc_registry::forget(const std::string& name, socket_base* s, std::uint64_t origin)
{
    std::lock_guard lock(mutex_);
    auto it = bound_.find(name);
    if (it != bound_.end() && it->second.socket == s && it->second.origin == origin)
        bound_.erase(it);
    auto range = pending_.equal_range(name);
    for (auto p = range.first; p != range.second;) {
        if (p->second.socket == s && p->second.origin == origin)
            p = pending_.erase(p);
        else
            ++p;
    }
}

} // namespace zlink
