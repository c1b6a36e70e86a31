// XPUB: subscription bookkeeping per peer and delivery of subscriptions upward.
#include "xpub.hpp"

#include "zlink.h"

namespace zlink {

xpub_socket::xpub_socket(ctx& c, int type) : socket_base(c, type) {}

int xpub_socket::xsend(msg& m)
{
    dist_.send(m);
    return 0;
}

int xpub_socket::xrecv(msg& m)
{
    if (!deliver_)
        return ENOTSUP;
    read_upstream();
    if (up_.empty())
        return EAGAIN;
    const std::string s = std::move(up_.front());
    up_.pop_front();
    return m.init_buffer(s.data(), s.size()) ? 0 : ENOMEM;
}

bool xpub_socket::xarm_recv()
{
    if (!up_.empty())
        return false;
    for (auto& t : dist_.targets())
        if (!t.p->in->arm_reader())
            return false;
    return true;
}

bool xpub_socket::xhas_in()
{
    if (!deliver_)
        return false;
    read_upstream();
    return !up_.empty();
}

void xpub_socket::on_upstream(distributor::target& t, msg& m)
{
    const std::string_view topic(reinterpret_cast<const char*>(m.data()), m.size());
    if ((m.flags() & (msg::subscribe | msg::cancel)) == (msg::subscribe | msg::cancel)) {
        // The engine marks a re-established connection (persistent pipe): the subscriber
        // re-sends what it wants, so the previous connection's topics neither linger nor
        // pile up across reconnects beyond the per-connection limit.
        topic_set old;
        std::swap(old, t.subs);
        retract(old);
    } else if (m.is_subscription()) {
        const bool sub = (m.flags() & msg::subscribe) != 0;
        // Per peer a topic is either subscribed or not: a SUB re-sending its subscriptions
        // after a reconnect must not stack up counts.
        const bool changed = sub ? (!t.subs.contains(topic) && t.subs.add(topic)) : t.subs.remove(topic);
        const bool first_or_last = changed && (sub ? all_.add(topic) : all_.remove(topic));
        if (deliver_ && (first_or_last || (verbose_ && sub))) {
            std::string s(1, sub ? '\1' : '\0');
            s.append(topic);
            up_.push_back(std::move(s));
        }
    } else if (deliver_) {
        up_.emplace_back(topic); // a plain message sent upstream by an XSUB
    }
    m.close();
}

void xpub_socket::read_upstream()
{
    for (auto& t : dist_.targets()) {
        msg m;
        // Bounded by what the peer has published; arm_reader re-checks for late arrivals.
        for (int round = 0; round < 2; ++round) {
            while (t.p->in->read(m))
                on_upstream(t, m);
            if (t.p->in->arm_reader())
                break;
        }
    }
}

bool xpub_socket::xattach(peer* p)
{
    dist_.add(p);
    // Subscriptions may already be queued (inproc), and the pipe must be armed to wake us.
    read_upstream();
    return true;
}

void xpub_socket::xdetach(peer* p)
{
    retract(dist_.remove(p));
}

void xpub_socket::retract(const topic_set& gone)
{
    gone.each([&](std::string_view topic) {
        if (all_.remove(topic) && deliver_) {
            std::string s(1, '\0');
            s.append(topic);
            up_.push_back(std::move(s));
        }
    });
}

int xpub_socket::xsetsockopt(int option, const void* value, std::size_t len)
{
    if (option != ZLINK_XPUB_VERBOSE || !deliver_)
        return -2;
    int v;
    if (set_int(value, len, v) != 0 || (v != 0 && v != 1))
        return EINVAL;
    verbose_ = v;
    return 0;
}

int xpub_socket::xgetsockopt(int option, void* value, std::size_t* len)
{
    if (option != ZLINK_XPUB_VERBOSE || !deliver_)
        return -2;
    return get_int(verbose_, value, len);
}

} // namespace zlink
